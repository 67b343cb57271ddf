"""The pages of the compiled report (Tổng hợp › Báo cáo tổng hợp): the list and the form that
starts one, the drafting workspace (sections editable and autosaved, the units' original text
beside each, the sources of every drafted sentence, the leaders' comments), the signing
settings, the workflow and the .docx.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from cchc.access import Perm, has_perm, requires
from cchc.audit.log import Actor
from cchc.compiling import actions
from cchc.compiling.document import OWN_PROPOSALS, issuer_of
from cchc.compiling.document import render as render_docx
from cchc.compiling.forms import (
    SECTION_FIELD,
    CommentForm,
    IssueForm,
    RedraftForm,
    ReturnForm,
    SearchForm,
    SectionsForm,
    SigningForm,
    StartForm,
    SynthesisForm,
    problems,
)
from cchc.compiling.models import OPENING, CompiledEvent, CompiledReport, IssuerKind, Status
from cchc.compiling.workflows import COMPILED_WORKFLOW
from cchc.lib.downloads import attachment
from cchc.lib.officialdoc import DOCX_TYPE
from cchc.lib.text import fold
from cchc.lib.vnformat import format_date
from cchc.orgs.models import Unit
from cchc.reporting.aggregate import COUNTED
from cchc.reporting.models import Period, Report
from cchc.workflow import step_view

NO_UNITS = _lazy("Chưa có đơn vị nào trong cây đơn vị.")


@dataclass(frozen=True)
class HistoryRow:
    event: CompiledEvent
    label: str
    to_status: str


@dataclass(frozen=True)
class Original:
    unit: str
    text: str


@dataclass(frozen=True)
class SectionView:
    code: str
    title: str
    text: str
    edited: bool
    generated: list[dict[str, Any]]
    originals: list[Original]
    comments: list[Any]

    @property
    def field(self) -> str:
        return SECTION_FIELD + self.code


def _reports() -> Any:
    return CompiledReport.objects.select_related("period__form", "root", "document")


def _titles(report: CompiledReport) -> dict[str, str]:
    titles = {OPENING: _("Mở đầu (căn cứ báo cáo)")}
    for section in report.period.form.sections:
        titles[str(section["code"])] = f"{section['code']}. {section['title']}"
    titles[OWN_PROPOSALS] = _("Kiến nghị của cơ quan ban hành (do chuyên viên nhập)")
    return titles


@requires(Perm.VIEW_SYNTHESIS)
def compiled_list(request: HttpRequest) -> HttpResponse:
    periods = list(Period.objects.filter(requested_by=None).order_by("-end"))
    roots = Unit.objects.filter(kind__in=("province", "district")).order_by("path")
    return render(
        request,
        "compiling/list.html",
        {
            "reports": list(_reports().order_by("-period__end", "root__path")),
            "periods": periods,
            "roots": roots,
            "issuers": IssuerKind.choices,
        },
    )


@requires(Perm.COMPILE_REPORTS)
@require_POST
def compiled_start(request: HttpRequest) -> HttpResponse:
    form = StartForm(request.POST)
    if not form.is_valid():
        return _refused(request, problems(form), reverse("compiling:list"))
    root = form.cleaned_data["root"] or Unit.objects.root_of(None)
    if root is None:
        return _refused(request, [str(NO_UNITS)], reverse("compiling:list"))
    try:
        report = actions.start(
            Actor.from_request(request),
            form.cleaned_data["period"],
            root,
            form.cleaned_data["issuer"],
        )
    except actions.CompilingError as e:
        return _refused(request, [str(e)], reverse("compiling:list"))
    return redirect("compiling:detail", pk=report.pk)


def _refused(request: HttpRequest, why: list[str], back: str) -> HttpResponse:
    """Back to the page ``back`` (a URL) saying why a post was refused."""
    for line in why:
        messages.error(request, line)
    return redirect(back)


def _originals(report: CompiledReport, query: str) -> dict[str, list[Original]]:
    reports = Report.objects.filter(period=report.period, status__in=COUNTED).select_related("unit")
    reports = reports.filter(unit__path__startswith=report.root.path).order_by("unit__path")
    wanted = fold(query)
    found: dict[str, list[Original]] = {}
    for unit_report in reports:
        for code, words in (unit_report.narrative or {}).items():
            if words and (not wanted or wanted in fold(f"{unit_report.unit.name} {words}")):
                found.setdefault(code, []).append(Original(unit_report.unit.name, str(words)))
    return found


@requires(Perm.VIEW_SYNTHESIS)
def compiled_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, get_object_or_404(_reports(), pk=pk))


def _detail_page(
    request: HttpRequest,
    report: CompiledReport,
    typed: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The workspace; ``typed`` (a refused save's text) is shown in place of the stored."""
    typed = typed or {}
    search = SearchForm(request.GET)
    query = search.cleaned_data["tim"] if search.is_valid() else ""
    for problem in problems(search):
        messages.error(request, problem)
    originals = _originals(report, query)
    comments: dict[str, list[Any]] = {}
    for made in report.comments.all():
        comments.setdefault(made.section, []).append(made)
    sections = [
        SectionView(
            code=code,
            title=title,
            text=typed.get(code, report.section_text(code)),
            edited=report.is_edited(code),
            generated=list((report.sections.get(code) or {}).get("generated") or []),
            originals=originals.get(code, []),
            comments=comments.get(code, []),
        )
        for code, title in _titles(report).items()
    ]
    can_edit = has_perm(request.user, Perm.COMPILE_REPORTS)
    issuer = issuer_of(report)
    return render(
        request,
        "compiling/detail.html",
        {
            "report": report,
            "recipients_text": "\n".join(report.recipients),
            "sections": sections,
            "query": query,
            "editable": can_edit and report.status == Status.DRAFT,
            "can_compile": can_edit,
            "can_comment": has_perm(request.user, Perm.COMMENT_COMPILED),
            "leaders": actions.leaders_of(report),
            "signatures": list(enumerate(issuer.signatures)),
            "signature_index": next(
                (
                    i
                    for i, s in enumerate(issuer.signatures)
                    if s.title == report.signer_title and s.authority == report.signer_authority
                ),
                0,
            ),
            "issuer": issuer,
            "steps": COMPILED_WORKFLOW.can(request.user, report),
            "waiting": _waiting(request, report),
            "history": [
                HistoryRow(
                    event=e,
                    label=COMPILED_WORKFLOW.label(e.kind),
                    to_status=COMPILED_WORKFLOW.status_label(e.to_status) if e.to_status else "",
                )
                for e in report.events.select_related("actor")
            ],
            "date_line": _date_line(report),
            "today": timezone.localdate().isoformat(),
        },
        status=status,
    )


def _waiting(request: HttpRequest, report: CompiledReport) -> list[str]:
    """Why a step the user could take from this status is not offered yet (no signer…)."""
    found = []
    for t in COMPILED_WORKFLOW.transitions:
        if t.guard is None or report.status not in t.sources:
            continue
        if has_perm(request.user, t.perm) and (refusal := t.guard(report)) is not None:
            found.append(str(refusal))
    return found


def _date_line(report: CompiledReport) -> str:
    if report.issued_on:
        return format_date(report.issued_on)
    return _("ngày … tháng %(month)d năm %(year)d") % {
        "month": report.planned_date.month,
        "year": report.planned_date.year,
    }


@requires(Perm.COMPILE_REPORTS)
@require_POST
def compiled_save(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(_reports(), pk=pk)
    form = SectionsForm(report, request.POST)
    if not form.is_valid():
        refusal = problems(form)
    else:
        try:
            actions.save_sections(
                Actor.from_request(request), report, form.cleaned_data["version"], form.texts()
            )
        except actions.CompilingError as e:
            refusal = [str(e)]
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("compiling:detail", pk=report.pk)
    for problem in refusal:
        messages.error(request, problem)
    # What was typed stays on the page, not saved: nothing is lost.
    return _detail_page(request, report, form.typed(), status=409)


@requires(Perm.COMPILE_REPORTS)
@require_POST
def compiled_autosave(request: HttpRequest, pk: int) -> JsonResponse:
    """The page's script saves here: 200 with the new version, or 409 and why not."""
    report = get_object_or_404(_reports(), pk=pk)
    form = SectionsForm(report, request.POST)
    if not form.is_valid():
        return JsonResponse({"error": " ".join(problems(form)), "conflict": False}, status=409)
    try:
        saved = actions.save_sections(
            Actor.from_request(request), report, form.cleaned_data["version"], form.texts()
        )
    except actions.SaveConflict as e:
        return JsonResponse({"error": str(e), "conflict": True}, status=409)
    except actions.CompilingError as e:
        return JsonResponse({"error": str(e), "conflict": False}, status=409)
    return JsonResponse(
        {
            "version": saved.version,
            "saved_at_text": date_format(
                timezone.localtime(saved.updated_at), "SHORT_DATETIME_FORMAT"
            ),
        }
    )


@requires(Perm.COMPILE_REPORTS)
@require_POST
def compiled_redraft(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(_reports(), pk=pk)
    form = RedraftForm(report, request.POST)
    if not form.is_valid():
        return _refused(request, problems(form), _back(report))
    try:
        _saved, kept = actions.redraft(
            Actor.from_request(request),
            report,
            form.cleaned_data["version"],
            form.cleaned_data["codes"] or None,
            overwrite_edited=form.cleaned_data["overwrite"],
        )
    except actions.CompilingError as e:
        return _refused(request, [str(e)], _back(report))
    titles = _titles(report)
    messages.success(request, _("Đã soạn lại dự thảo."))
    if kept:
        messages.info(
            request,
            _("Giữ nguyên các phần đã sửa: %(sections)s.")
            % {"sections": "; ".join(titles.get(c, c) for c in kept)},
        )
    return redirect("compiling:detail", pk=report.pk)


def _back(report: CompiledReport) -> str:
    return reverse("compiling:detail", args=[report.pk])


@requires(Perm.COMPILE_REPORTS)
@require_POST
def compiled_signing(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(_reports(), pk=pk)
    form = SigningForm(request.POST)
    if not form.is_valid():
        return _refused(request, problems(form), _back(report))
    data = form.cleaned_data
    return step_view(
        request,
        lambda actor: actions.save_signing(
            actor,
            report,
            data["version"],
            signer=data["signer"],
            signature=data["signature"],
            recipients=form.recipient_lines(),
            planned_date=data["planned_date"],
        ),
        done=_("Đã lưu người ký và nơi nhận."),
        back=_back(report),
    )


def _transition(
    request: HttpRequest,
    report: CompiledReport,
    name: str,
    attempt: Callable[[Actor], object],
    typed: str = "",
) -> HttpResponse:
    """A step of ``COMPILED_WORKFLOW`` taken with its button."""
    done = COMPILED_WORKFLOW.transition(name).done
    return step_view(request, attempt, done=done, back=_back(report), typed=typed)


@requires(Perm.COMPILE_REPORTS)
@require_POST
def compiled_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(_reports(), pk=pk)
    return _transition(
        request, report, "submit", lambda actor: actions.submit_for_signing(actor, report)
    )


@requires(Perm.COMPILE_REPORTS)
@require_POST
def compiled_return(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(_reports(), pk=pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _refused(request, problems(form), _back(report))
    reason = form.cleaned_data["reason"]
    return _transition(
        request,
        report,
        "return",
        lambda actor: actions.return_to_draft(actor, report, reason),
        typed=reason,
    )


@requires(Perm.COMMENT_COMPILED)
@require_POST
def compiled_comment(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(_reports(), pk=pk)
    form = CommentForm(report, request.POST)
    if not form.is_valid():
        return _refused(request, problems(form), _back(report))
    section, text = form.cleaned_data["section"], form.cleaned_data["text"]
    return step_view(
        request,
        lambda actor: actions.comment(actor, report, section, text),
        done=_("Đã gửi ý kiến."),
        back=_back(report),
        typed=text,
    )


@requires(Perm.COMPILE_REPORTS)
@require_POST
def compiled_issue(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(_reports(), pk=pk)
    form = IssueForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(request, problems(form), _back(report))
    data = form.cleaned_data
    return _transition(
        request,
        report,
        "issue",
        lambda actor: actions.issue(actor, report, data["number"], data["issued_on"], data["file"]),
    )


@requires(Perm.VIEW_SYNTHESIS)
def compiled_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(_reports(), pk=pk)
    name = f"bao-cao-tong-hop-{report.period.code}-{report.root.code}.docx"
    return attachment(render_docx(report), DOCX_TYPE, name)


@requires(Perm.VIEW_SYNTHESIS)
def synthesis_docx(request: HttpRequest) -> HttpResponse:
    """Tổng hợp › Số liệu tổng hợp's Word download: the compiled report of the period and
    scope (Sở Nội vụ's), as saved, or drafted for the download when none is saved yet."""
    form = SynthesisForm(request.GET)
    if not form.is_valid():
        return _refused(request, problems(form), reverse("reporting:synthesis"))
    period, chosen = form.cleaned_data["ky"], form.cleaned_data["don_vi"]
    root = chosen or Unit.objects.root_of(None)
    if root is None:
        return _refused(request, [str(NO_UNITS)], reverse("reporting:synthesis"))
    report = actions.compiled_or_drafted(period, root, "snv")
    name = f"tong-hop-{period.code}" + (f"-{chosen.code}" if chosen else "")
    return attachment(render_docx(report), DOCX_TYPE, f"{name}.docx")
