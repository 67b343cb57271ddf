"""The pages of the compiled report (Tổng hợp › Báo cáo tổng hợp): the list and the form that
starts one, the drafting workspace (sections editable and autosaved, the units' original text
beside each, the sources of every drafted sentence, the leaders' comments), the signing
settings, the workflow and the .docx.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.access import Perm, has_perm, requires
from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.compiling import actions
from cchc.compiling.document import OWN_PROPOSALS, issuer_of
from cchc.compiling.document import render as render_docx
from cchc.compiling.models import OPENING, CompiledReport, IssuerKind, Status
from cchc.documents.actions import DocumentError
from cchc.lib.downloads import attachment
from cchc.lib.officialdoc import DOCX_TYPE
from cchc.lib.text import fold
from cchc.lib.vnformat import format_date
from cchc.orgs.models import Unit
from cchc.reporting.aggregate import COUNTED
from cchc.reporting.models import Period, Report

SECTION_FIELD = "section-"


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
    period = get_object_or_404(Period, code=request.POST.get("period", ""))
    root_code = request.POST.get("root", "")
    root = get_object_or_404(Unit, code=root_code) if root_code else Unit.objects.root_of(None)
    if root is None:
        messages.error(request, _("Chưa có đơn vị nào trong cây đơn vị."))
        return redirect("compiled_list")
    try:
        report = actions.start(
            Actor.from_request(request), period, root, request.POST.get("issuer", "snv")
        )
    except actions.CompilingError as e:
        messages.error(request, str(e))
        return redirect("compiled_list")
    return redirect("compiled_detail", pk=report.pk)


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
    query = request.GET.get("tim", "").strip()
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
            "events": list(report.events.all()),
            "date_line": _date_line(report),
            "today": timezone.localdate().isoformat(),
        },
        status=status,
    )


def _date_line(report: CompiledReport) -> str:
    if report.issued_on:
        return format_date(report.issued_on)
    return _("ngày … tháng %(month)d năm %(year)d") % {
        "month": report.planned_date.month,
        "year": report.planned_date.year,
    }


def _version(request: HttpRequest) -> int:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else -1


def _typed(request: HttpRequest) -> dict[str, str]:
    return {
        name.removeprefix(SECTION_FIELD): request.POST.get(name, "")
        for name in request.POST
        if name.startswith(SECTION_FIELD)
    }


def _step(
    request: HttpRequest,
    pk: int,
    act: Callable[[Actor, CompiledReport], object],
    done: str,
) -> HttpResponse:
    """One step taken with a button: the action, its refusal or its success as a message, and
    back to the report."""
    report = get_object_or_404(_reports(), pk=pk)
    try:
        act(Actor.from_request(request), report)
    except actions.CompilingError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, done)
    return redirect("compiled_detail", pk=report.pk)


@requires(Perm.COMPILE_REPORTS)
@require_POST
def compiled_save(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(_reports(), pk=pk)
    try:
        actions.save_sections(
            Actor.from_request(request), report, _version(request), _typed(request)
        )
    except actions.CompilingError as e:
        messages.error(request, str(e))
        # What was typed stays on the page, not saved: nothing is lost.
        return _detail_page(request, report, _typed(request), status=409)
    messages.success(request, _("Đã lưu."))
    return redirect("compiled_detail", pk=report.pk)


@requires(Perm.COMPILE_REPORTS)
@require_POST
def compiled_autosave(request: HttpRequest, pk: int) -> JsonResponse:
    """The page's script saves here: 200 with the new version, or 409 and why not."""
    report = get_object_or_404(_reports(), pk=pk)
    try:
        saved = actions.save_sections(
            Actor.from_request(request), report, _version(request), _typed(request)
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
    codes = request.POST.getlist("codes") or None
    try:
        _saved, kept = actions.redraft(
            Actor.from_request(request),
            report,
            _version(request),
            codes,
            overwrite_edited=request.POST.get("overwrite") == "1",
        )
    except actions.CompilingError as e:
        messages.error(request, str(e))
        return redirect("compiled_detail", pk=report.pk)
    titles = _titles(report)
    messages.success(request, _("Đã soạn lại dự thảo."))
    if kept:
        messages.info(
            request,
            _("Giữ nguyên các phần đã sửa: %(sections)s.")
            % {"sections": "; ".join(titles.get(c, c) for c in kept)},
        )
    return redirect("compiled_detail", pk=report.pk)


@requires(Perm.COMPILE_REPORTS)
@require_POST
def compiled_signing(request: HttpRequest, pk: int) -> HttpResponse:
    signer_id = request.POST.get("signer", "")
    signer = User.objects.filter(pk=signer_id).first() if signer_id.isdigit() else None
    raw_index = request.POST.get("signature", "")
    try:
        planned = dt.date.fromisoformat(request.POST.get("planned_date", ""))
    except ValueError:
        messages.error(request, _("Ngày dự kiến ban hành không hợp lệ (ngày/tháng/năm)."))
        return redirect("compiled_detail", pk=pk)
    return _step(
        request,
        pk,
        lambda actor, current: actions.save_signing(
            actor,
            current,
            _version(request),
            signer=signer,
            signature=int(raw_index) if raw_index.isdigit() else -1,
            recipients=request.POST.get("recipients", "").splitlines(),
            planned_date=planned,
        ),
        _("Đã lưu người ký và nơi nhận."),
    )


@requires(Perm.COMPILE_REPORTS)
@require_POST
def compiled_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, actions.submit_for_signing, _("Đã trình ký."))


@requires(Perm.COMPILE_REPORTS)
@require_POST
def compiled_return(request: HttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _step(
        request,
        pk,
        lambda actor, report: actions.return_to_draft(actor, report, reason),
        _("Đã trả lại dự thảo."),
    )


@requires(Perm.COMMENT_COMPILED)
@require_POST
def compiled_comment(request: HttpRequest, pk: int) -> HttpResponse:
    section, text = request.POST.get("section", ""), request.POST.get("text", "")
    return _step(
        request,
        pk,
        lambda actor, report: actions.comment(actor, report, section, text),
        _("Đã gửi ý kiến."),
    )


@requires(Perm.COMPILE_REPORTS)
@require_POST
def compiled_issue(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(_reports(), pk=pk)
    upload = request.FILES.get("file")
    number = request.POST.get("number", "").strip()
    try:
        day = dt.date.fromisoformat(request.POST.get("issued_on", ""))
    except ValueError:
        day = None
    problem = ""
    if not number:
        problem = _("Hãy nhập số, ký hiệu của báo cáo đã ký.")
    elif day is None:
        problem = _("Hãy nhập ngày ban hành (ngày/tháng/năm).")
    elif upload is None:
        problem = _("Hãy tải lên tệp báo cáo đã ký.")
    if problem:
        messages.error(request, problem)
        return redirect("compiled_detail", pk=report.pk)
    assert day is not None and upload is not None
    try:
        actions.issue(Actor.from_request(request), report, number, day, upload)
    except (actions.CompilingError, DocumentError, ValidationError) as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Báo cáo đã ban hành và vào sổ văn bản."))
    return redirect("compiled_detail", pk=report.pk)


@requires(Perm.VIEW_SYNTHESIS)
def compiled_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(_reports(), pk=pk)
    name = f"bao-cao-tong-hop-{report.period.code}-{report.root.code}.docx"
    return attachment(render_docx(report), DOCX_TYPE, name)


@requires(Perm.VIEW_SYNTHESIS)
def synthesis_docx(request: HttpRequest) -> HttpResponse:
    """Tổng hợp › Số liệu tổng hợp's Word download: the compiled report of the period and
    scope (Sở Nội vụ's), as saved, or drafted for the download when none is saved yet."""
    period = get_object_or_404(Period, code=request.GET.get("ky", ""))
    code = request.GET.get("don_vi", "")
    root = Unit.objects.filter(code=code).first() if code else Unit.objects.root_of(None)
    if root is None:
        messages.error(request, _("Chưa có đơn vị nào trong cây đơn vị."))
        return redirect("reporting:synthesis")
    report = actions.compiled_or_drafted(period, root, "snv")
    name = f"tong-hop-{period.code}" + (f"-{code}" if code else "")
    return attachment(render_docx(report), DOCX_TYPE, f"{name}.docx")
