"""A unit's report for a period: the page, starting, saving (and autosaving) what is typed,
the workflow's steps (``cchc.reporting.workflows``) and the Word download. Reading checks
``cchc.access.can_view_unit_reports``; every change goes through ``cchc.reporting.actions``
(POST only), which checks again and audits."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.access import Perm, can_act_for_unit, has_perm, require_object, requires
from cchc.audit.log import Actor
from cchc.documents.upload import ACCEPTED_SUFFIXES
from cchc.lib.downloads import attachment
from cchc.lib.officialdoc import DOCX_TYPE
from cchc.orgs.models import Unit
from cchc.reporting import actions, exports
from cchc.reporting.access import can_fill_unit_report
from cchc.reporting.actions import is_expected
from cchc.reporting.entry import (
    Entry,
    EntryForm,
    Marks,
    findings_json,
    form_summary,
    section_views,
    unit_indicators,
)
from cchc.reporting.forms import ReasonForm
from cchc.reporting.models import (
    Period,
    Report,
    ReportEvent,
    Status,
)
from cchc.reporting.onestop import (
    onestop_sources,
)
from cchc.reporting.validation import REQUIRED
from cchc.reporting.views.scope import (
    load_report,
    readable_report,
    report_url,
)
from cchc.reporting.workflows import EDITABLE, REPORT_WORKFLOW, ReportingError
from cchc.workflow import step_view

# A unit's report for a period


def _own_report(request: HttpRequest, period: str, unit: str) -> tuple[Period, Unit, Report]:
    """The report, for an officer or head of its unit (404 while it is not started)."""
    chosen, owner, report = load_report(period, unit)
    require_object(
        Actor.from_request(request),
        can_act_for_unit(request.user, owner),
        owner,
        "can_act_for_unit",
    )
    if report is None:
        raise Http404
    return chosen, owner, report


def _any_report(period: str, unit: str) -> tuple[Period, Unit, Report]:
    chosen, owner, report = load_report(period, unit)
    if report is None:
        raise Http404
    return chosen, owner, report


@dataclass(frozen=True)
class HistoryRow:
    """A step of the report's history in the words of its workflow's table."""

    event: ReportEvent
    label: str
    from_status: str
    to_status: str


def _render_report(
    request: HttpRequest,
    period: Period,
    unit: Unit,
    report: Report | None,
    *,
    entry: Entry | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    """The report page; with ``entry``, the fields show what was typed rather than what is
    stored (after a refused save nothing typed is lost)."""
    user = request.user
    own = can_act_for_unit(user, unit)
    state = report.status if report is not None else None
    can_edit = state in EDITABLE and own and has_perm(user, Perm.EDIT_REPORTS)
    stored = actions.report_values(report) if report is not None else {}
    findings = actions.findings_of(report, stored) if report is not None else []
    # The history lists the steps; each one's snapshot is read only for the changes since a return.
    history = report.events.select_related("actor").defer("snapshot") if report else None
    events = list(history) if history is not None else []
    steps = REPORT_WORKFLOW.can(user, report) if report is not None else {}
    # What the unit changed after a return: for the unit while it corrects, and for Sở Nội vụ
    # when it comes back.
    changes = (
        actions.changes_since_return(report)
        if report is not None and report.status in (Status.RETURNED, Status.SUBMITTED)
        else None
    )
    marks = _marks(report, unit, changes)
    sections = section_views(
        report,
        period.form.sections,
        unit_indicators(period, unit),
        stored,
        [f for f in findings if f.rule != REQUIRED],
        entry,
        marks,
        onestop_sources(report) if report is not None else None,
    )
    context = {
        "period": period,
        "unit": unit,
        "report": report,
        "sections": sections,
        "summary": form_summary(sections),
        "missing": [f for f in findings if f.rule == REQUIRED],
        "changes": changes,
        "unconfirmed": sum(s.confirmed_at is None for s in marks.sources.values()),
        "report_files": list(report.files.select_related("document")) if report else [],
        "history": [
            HistoryRow(
                e,
                REPORT_WORKFLOW.label(e.kind),
                REPORT_WORKFLOW.status_label(e.from_status),
                REPORT_WORKFLOW.status_label(e.to_status),
            )
            for e in events
        ],
        # Why the report came back to the unit, while it is there to be corrected.
        "returned_by": events[-1] if state == Status.RETURNED and events else None,
        "show_form": can_edit or (entry is not None and report is not None),
        "can_edit": can_edit,
        # The workflow's buttons (``REPORT_WORKFLOW``): steps.submit, steps.accept…
        "steps": steps,
        "expected": is_expected(period, unit),
        "can_start": report is None
        and own
        and has_perm(user, Perm.EDIT_REPORTS)
        and is_expected(period, unit),
        "can_import": can_fill_unit_report(user, unit)
        and (state is None or state in EDITABLE)
        and is_expected(period, unit),
        "conflict": conflict,
        "typed": entry is not None,
        "accepted_files": ", ".join(ACCEPTED_SUFFIXES),
        "overdue": timezone.localdate() > period.due_date
        and (report is None or report.first_submitted_at is None),
    }
    return render(request, "reporting/report.html", context, status=status)


def _marks(report: Report | None, unit: Unit, changes: actions.ChangesSinceReturn | None) -> Marks:
    if report is None:
        return Marks()
    return Marks(
        nil_sections=frozenset(report.nil_sections),
        nil_values=frozenset(actions.nil_values_of(report)),
        required_sections=frozenset(
            str(s["code"]) for s in report.period.form.required_sections(unit.kind)
        ),
        unit_kind=unit.kind,
        changed_sections=frozenset(changes.sections if changes else ()),
        changed_codes=frozenset(changes.codes if changes else ()),
        sources={
            source.indicator.code: source
            for source in report.figure_sources.select_related("indicator", "confirmed_by")
        },
    )


@requires(Perm.VIEW_REPORTS)
def report_page(request: HttpRequest, period: str, unit: str) -> HttpResponse:
    chosen, owner, report = readable_report(request, period, unit)
    return _render_report(request, chosen, owner, report)


@requires(Perm.EDIT_REPORTS)
@require_POST
def report_start(request: HttpRequest, period: str, unit: str) -> HttpResponse:
    chosen, owner, existing = load_report(period, unit)
    actor = Actor.from_request(request)
    require_object(actor, can_act_for_unit(request.user, owner), owner, "can_act_for_unit")
    if existing is None and not is_expected(chosen, owner):
        messages.error(request, _("Đơn vị không thuộc diện báo cáo kỳ này."))
    else:
        actions.start_report(actor, chosen, owner)
        if existing is None:
            messages.success(
                request, _("Đã tạo bản nháp báo cáo; số liệu có sẵn đã được điền trước.")
            )
    return redirect(report_url(chosen, owner))


def typed_entry(request: HttpRequest, period: Period, unit: Unit) -> Entry:
    return EntryForm(request.POST, period.form.sections, unit_indicators(period, unit)).entry()


def _unchanged(report: Report, entry: Entry) -> bool:
    """Nothing differs from what is stored in the version the page was opened at."""
    if entry.version != report.version:
        return False
    stored = actions.report_values(report)
    if entry.nil_sections is not None and entry.nil_sections != set(report.nil_sections):
        return False
    if entry.nil_values is not None and entry.nil_values != actions.nil_values_of(report):
        return False
    return all(report.narrative.get(k, "") == v for k, v in entry.narrative.items()) and all(
        stored.get(code) == value for code, value in entry.values.items()
    )


def _save(request: HttpRequest, period: Period, unit: Unit, report: Report, entry: Entry) -> Report:
    """Save what was typed; raises SaveConflict or ReportingError (nothing saved)."""
    if entry.version is None:
        raise ReportingError(
            _("Trang này thiếu số phiên bản của báo cáo; hãy tải lại trang rồi nhập lại.")
        )
    if _unchanged(report, entry):
        return report
    return actions.save_draft(
        Actor.from_request(request),
        report,
        entry.version,
        {**report.narrative, **entry.narrative},
        entry.values,
        nil_values=entry.nil_values if entry.nil_values is not None else _kept_nil(report, entry),
        nil_sections=entry.nil_sections,
    )


def _kept_nil(report: Report, entry: Entry) -> set[str]:
    """Without the checkboxes in the POST, a "không phát sinh" figure stays so unless a value
    was typed for it."""
    return actions.nil_values_of(report) - set(entry.values)


def save_or_render(
    request: HttpRequest, period: Period, unit: Unit, report: Report, entry: Entry
) -> Report | HttpResponse:
    """The saved report, or the page again with the typed text and why it was not saved."""
    try:
        return _save(request, period, unit, report, entry)
    except actions.SaveConflict as e:
        messages.error(request, str(e))
        # The fields keep what this user typed; the page now carries the newest version, so
        # saving again (after comparing) is a deliberate choice.
        current = Report.objects.select_related("updated_by").get(pk=report.pk)
        current.period, current.unit = period, unit
        return _render_report(
            request, period, unit, current, entry=entry, conflict=True, status=409
        )
    except ReportingError as e:
        messages.error(request, str(e))
        return _render_report(request, period, unit, report, entry=entry, status=409)


def _unread_figures_message(entry: Entry) -> str:
    return _(
        "%(n)d số liệu chưa đọc được nên chưa lưu; các nội dung khác đã được lưu. Hãy sửa các "
        "ô được đánh dấu."
    ) % {"n": len(entry.errors)}


@requires(Perm.EDIT_REPORTS)
@require_POST
def report_save(request: HttpRequest, period: str, unit: str) -> HttpResponse:
    chosen, owner, report = _own_report(request, period, unit)
    entry = typed_entry(request, chosen, owner)
    saved = save_or_render(request, chosen, owner, report, entry)
    if isinstance(saved, HttpResponse):
        return saved
    if entry.errors:
        messages.error(request, _unread_figures_message(entry))
        return _render_report(request, chosen, owner, saved, entry=entry)
    messages.success(request, _("Đã lưu báo cáo."))
    return redirect(report_url(chosen, owner))


@requires(Perm.EDIT_REPORTS)
@require_POST
def report_autosave(request: HttpRequest, period: str, unit: str) -> JsonResponse:
    """The page's script saves here: 200 with the new version, or 409 and why not."""
    chosen, owner, report = _own_report(request, period, unit)
    entry = typed_entry(request, chosen, owner)
    try:
        saved = _save(request, chosen, owner, report, entry)
    except actions.SaveConflict as e:
        return JsonResponse({"error": str(e), "conflict": True}, status=409)
    except ReportingError as e:
        return JsonResponse({"error": str(e), "conflict": False}, status=409)
    saved.period = chosen
    return JsonResponse(
        {
            "version": saved.version,
            "saved_at_text": date_format(
                timezone.localtime(saved.updated_at), "SHORT_DATETIME_FORMAT"
            ),
            # The required items blank are listed at the top of the page, not beside each field.
            "findings": findings_json(f for f in actions.findings_of(saved) if f.rule != REQUIRED),
            "errors": entry.errors,
        }
    )


@requires(Perm.SUBMIT_REPORTS)
@require_POST
def report_submit(request: HttpRequest, period: str, unit: str) -> HttpResponse:
    """Send the report; when the page's fields come along, they are saved first."""
    chosen, owner, report = _own_report(request, period, unit)
    if "version" in request.POST:
        entry = typed_entry(request, chosen, owner)
        saved = save_or_render(request, chosen, owner, report, entry)
        if isinstance(saved, HttpResponse):
            return saved
        if entry.errors:
            messages.error(request, _("Chưa gửi báo cáo."))
            messages.error(request, _unread_figures_message(entry))
            return _render_report(request, chosen, owner, saved, entry=entry)
        report = saved
    return step_view(
        request,
        lambda actor: actions.submit_report(actor, report),
        done=REPORT_WORKFLOW.transition("submit").done,
        back=report_url(chosen, owner),
    )


def _reason(request: HttpRequest) -> str:
    """The reason typed with a return or a reopening (blank: the step asks for one)."""
    form = ReasonForm(request.POST)
    return str(form.cleaned_data["comment"]) if form.is_valid() else ""


@requires(Perm.REVIEW_REPORTS)
@require_POST
def report_accept(request: HttpRequest, period: str, unit: str) -> HttpResponse:
    chosen, owner, report = _any_report(period, unit)
    return step_view(
        request,
        lambda actor: actions.accept_report(actor, report),
        done=REPORT_WORKFLOW.transition("accept").done,
        back=report_url(chosen, owner),
    )


@requires(Perm.REVIEW_REPORTS)
@require_POST
def report_return(request: HttpRequest, period: str, unit: str) -> HttpResponse:
    chosen, owner, report = _any_report(period, unit)
    reason = _reason(request)
    return step_view(
        request,
        lambda actor: actions.return_report(actor, report, reason),
        done=REPORT_WORKFLOW.transition("return").done,
        back=report_url(chosen, owner),
        typed=reason,
    )


@requires(Perm.REVIEW_REPORTS)
@require_POST
def report_reopen(request: HttpRequest, period: str, unit: str) -> HttpResponse:
    chosen, owner, report = _any_report(period, unit)
    reason = _reason(request)
    return step_view(
        request,
        lambda actor: actions.reopen_report(actor, report, reason),
        done=REPORT_WORKFLOW.transition("reopen").done,
        back=report_url(chosen, owner),
        typed=reason,
    )


# Downloads (the documents are made by ``cchc.reporting.exports``)


@requires(Perm.VIEW_REPORTS)
def report_docx(request: HttpRequest, period: str, unit: str) -> HttpResponse:
    """The unit's report as an official document (.docx, Decree 30 layout)."""
    chosen, owner, report = readable_report(request, period, unit)
    if report is None:
        raise Http404
    return attachment(
        exports.unit_report_docx(report), DOCX_TYPE, f"bao-cao-{chosen.code}-{owner.code}.docx"
    )
