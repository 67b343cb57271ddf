"""Pages of periodic reporting. Reading checks ``cchc.access.can_view_unit_reports``; every
change goes through ``cchc.reporting.actions`` (POST only), which checks again and audits."""

from __future__ import annotations

import hashlib
import io
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.access import (
    Perm,
    acting_unit_ids,
    can_act_for_unit,
    can_fill_unit_report,
    can_view_unit_reports,
    has_perm,
    require_object,
    requires,
)
from cchc.audit.log import Actor
from cchc.documents.models import Document
from cchc.documents.upload import ACCEPTED_SUFFIXES, register_from_file
from cchc.lib.downloads import attachment
from cchc.lib.officialdoc import DOCX_TYPE
from cchc.lib.search import search_filter
from cchc.lib.staged import StagedFileError, stage, unstage
from cchc.lib.vnformat import format_decimal, format_int
from cchc.lib.xlsx import XLSX_TYPE
from cchc.orgs.models import Unit
from cchc.reporting import actions, exports
from cchc.reporting.actions import is_expected
from cchc.reporting.aggregate import COUNTED
from cchc.reporting.comparison import Comparison, SameUnits, compare
from cchc.reporting.entry import (
    Entry,
    Marks,
    figure_text,
    findings_json,
    form_summary,
    read_entry,
    section_views,
    unit_indicators,
)
from cchc.reporting.filling import FileReading, ReadFigure, read_upload_for_report
from cchc.reporting.forms import AdhocRequestForm, OnestopUploadForm, OpenPeriodsForm, ReasonForm
from cchc.reporting.models import (
    ADHOC_KIND,
    Indicator,
    Period,
    Report,
    ReportEvent,
    ReportFile,
    Status,
)
from cchc.reporting.monitoring import Completeness, completeness
from cchc.reporting.onestop import (
    OnestopFileError,
    UnitPlan,
    onestop_sources,
    plan_import,
    read_stats_file,
)
from cchc.reporting.validation import REQUIRED
from cchc.reporting.workflows import EDITABLE, REPORT_WORKFLOW, ReportingError
from cchc.workflow import step_view

PAGE_SIZE = 20
DOCUMENTS_SHOWN = 20
# The figures on the leaders' summary, by indicator code, when the period's form has them.
KEY_FIGURES = (
    "dossiers_received",
    "dossiers_on_time_rate",
    "online_dossier_rate",
    "satisfaction_rate",
    "training_participants",
    "plan_tasks_done_rate",
)


def _periods() -> QuerySet[Period]:
    return Period.objects.select_related("form", "requested_by")


# Periods and completeness


@dataclass(frozen=True)
class UnitStatus:
    unit: Unit
    report: Report | None
    expected: bool


@dataclass(frozen=True)
class PeriodRow:
    period: Period
    units: list[UnitStatus]
    # The province's completeness, for those who read every unit's reports.
    table: Completeness | None


@requires(Perm.VIEW_REPORTS)
def period_list(request: HttpRequest) -> HttpResponse:
    """The periods, newest first: the user's own units' reports, and for those who read every
    report, each period's completeness."""
    page = Paginator(_periods(), PAGE_SIZE).get_page(request.GET.get("trang"))
    periods = list(page)
    unit_ids = acting_unit_ids(request.user)
    units = list(Unit.objects.filter(pk__in=unit_ids)) if unit_ids else []
    own_reports = Report.objects.filter(period__in=periods, unit__in=units) if units else []
    reports = {(report.period_id, report.unit_id): report for report in own_reports}
    every_unit = has_perm(request.user, Perm.VIEW_ALL_REPORTS)
    rows = [
        PeriodRow(
            period,
            [
                UnitStatus(unit, reports.get((period.pk, unit.pk)), is_expected(period, unit))
                for unit in units
            ],
            completeness(period) if every_unit else None,
        )
        for period in periods
    ]
    return render(
        request,
        "reporting/period_list.html",
        {
            "page": page,
            "rows": rows,
            "every_unit": every_unit,
            "can_edit": has_perm(request.user, Perm.EDIT_REPORTS),
            "today": timezone.localdate(),
            "filters": "",
        },
    )


def _subtree_choices(period: Period) -> list[tuple[str, str]]:
    """The units in existence on the period's last day, indented by depth, for a subtree."""
    units = Unit.objects.active_on(period.end).only("code", "name", "path")
    return [(unit.code, "– " * unit.depth + unit.name) for unit in units]


def _subtree_root(request: HttpRequest) -> Unit | None:
    code = request.GET.get("don_vi", "")
    return Unit.objects.filter(code=code).first() if code else None


@requires(Perm.VIEW_ALL_REPORTS)
def period_completeness(request: HttpRequest, period: str) -> HttpResponse:
    """Completeness and timeliness of a period's reports, per unit and in total."""
    chosen = get_object_or_404(_periods(), code=period)
    root = _subtree_root(request)
    return render(
        request,
        "reporting/completeness.html",
        {
            "period": chosen,
            "root": root,
            "table": completeness(chosen, root),
            "units": _subtree_choices(chosen),
            "today": timezone.localdate(),
        },
    )


# A unit's report for a period


def _load(period_code: str, unit_code: str) -> tuple[Period, Unit, Report | None]:
    period = get_object_or_404(_periods(), code=period_code)
    unit = get_object_or_404(Unit, code=unit_code)
    report = Report.objects.filter(period=period, unit=unit).select_related("updated_by").first()
    if report is not None:
        report.period, report.unit = period, unit
    return period, unit, report


def _readable(request: HttpRequest, period: str, unit: str) -> tuple[Period, Unit, Report | None]:
    """The period, the unit and its report if started, for those who may read the unit's."""
    chosen, owner, report = _load(period, unit)
    require_object(
        Actor.from_request(request),
        can_view_unit_reports(request.user, owner),
        owner,
        "can_view_unit_reports",
    )
    return chosen, owner, report


def _own_report(request: HttpRequest, period: str, unit: str) -> tuple[Period, Unit, Report]:
    """The report, for an officer or head of its unit (404 while it is not started)."""
    chosen, owner, report = _load(period, unit)
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
    chosen, owner, report = _load(period, unit)
    if report is None:
        raise Http404
    return chosen, owner, report


def _report_url(period: Period, unit: Unit) -> str:
    return reverse("report", args=[period.code, unit.code])


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
    events = list(report.events.select_related("actor")) if report is not None else []
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
    chosen, owner, report = _readable(request, period, unit)
    return _render_report(request, chosen, owner, report)


@requires(Perm.EDIT_REPORTS)
@require_POST
def report_start(request: HttpRequest, period: str, unit: str) -> HttpResponse:
    chosen, owner, existing = _load(period, unit)
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
    return redirect(_report_url(chosen, owner))


def _entry(request: HttpRequest, period: Period, unit: Unit) -> Entry:
    return read_entry(request.POST, period.form.sections, unit_indicators(period, unit))


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


def _save_or_render(
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
    entry = _entry(request, chosen, owner)
    saved = _save_or_render(request, chosen, owner, report, entry)
    if isinstance(saved, HttpResponse):
        return saved
    if entry.errors:
        messages.error(request, _unread_figures_message(entry))
        return _render_report(request, chosen, owner, saved, entry=entry)
    messages.success(request, _("Đã lưu báo cáo."))
    return redirect(_report_url(chosen, owner))


@requires(Perm.EDIT_REPORTS)
@require_POST
def report_autosave(request: HttpRequest, period: str, unit: str) -> JsonResponse:
    """The page's script saves here: 200 with the new version, or 409 and why not."""
    chosen, owner, report = _own_report(request, period, unit)
    entry = _entry(request, chosen, owner)
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
            "saved_at": saved.updated_at.isoformat(),
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
        entry = _entry(request, chosen, owner)
        saved = _save_or_render(request, chosen, owner, report, entry)
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
        back=_report_url(chosen, owner),
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
        back=_report_url(chosen, owner),
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
        back=_report_url(chosen, owner),
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
        back=_report_url(chosen, owner),
        typed=reason,
    )


# The province's figures


def _latest_reported(periods: QuerySet[Period]) -> Period | None:
    """The newest period with a sent report, or else the newest period."""
    return periods.filter(reports__status__in=COUNTED).distinct().first() or periods.first()


def change_text(indicator: Indicator, current: Decimal | None, before: Decimal | None) -> str:
    """+120 (+5,26%) for a count; +1,25 điểm % for a rate; empty when a side is missing."""
    if current is None or before is None:
        return ""
    difference = current - before
    sign = "+" if difference > 0 else "-" if difference < 0 else ""
    text = sign + figure_text(indicator, abs(difference))
    if indicator.unit_of_measure == "%":
        return text + _(" điểm %")
    if before and difference:
        text += f" ({sign}{format_decimal(abs(100 * difference / before))}%)"
    return text


@dataclass(frozen=True)
class SynthesisRow:
    """An indicator's aggregate beside the previous period's and last year's, as text."""

    indicator: Indicator
    value: str
    previous: str
    previous_change: str
    last_year: str
    last_year_change: str
    # This period's figure over the units compared, when it is not ``value`` (some left out).
    previous_base: str = ""
    last_year_base: str = ""


def synthesis_row(indicator: Indicator, comparison: Comparison) -> SynthesisRow:
    """The changes are over the same units (``cchc.reporting.comparison``): the past figure is
    that of the units compared, and so is the present one the change starts from."""
    code = indicator.code
    previous, last_year = comparison.previous, comparison.last_year
    return SynthesisRow(
        indicator,
        figure_text(indicator, comparison.current.get(code)),
        figure_text(indicator, previous.past.get(code)),
        change_text(indicator, previous.current.get(code), previous.past.get(code)),
        figure_text(indicator, last_year.past.get(code)),
        change_text(indicator, last_year.current.get(code), last_year.past.get(code)),
        _base(indicator, previous),
        _base(indicator, last_year),
    )


def _base(indicator: Indicator, same: SameUnits) -> str:
    return figure_text(indicator, same.current.get(indicator.code)) if same.left_out else ""


@requires(Perm.VIEW_SYNTHESIS)
def synthesis(request: HttpRequest) -> HttpResponse:
    """Any indicator over any subtree and period, by each indicator's aggregation rule, beside
    the previous period and the same period last year."""
    periods = _periods()
    code = request.GET.get("ky", "")
    period = get_object_or_404(periods, code=code) if code else _latest_reported(periods)
    root = _subtree_root(request)
    context: dict[str, Any] = {"periods": periods, "period": period, "root": root}
    if period is not None:
        comparison = compare(period, root)
        table = completeness(period, root)
        indicators = list(period.form.indicators.all())
        rows = {i.code: synthesis_row(i, comparison) for i in indicators}
        context.update(
            comparison=comparison,
            sections=[
                (s, [rows[i.code] for i in indicators if i.section == s["code"]])
                for s in period.form.sections
            ],
            table=table,
            # Returned reports were sent but are not counted in the figures.
            counted=sum(r.report is not None and r.report.status in COUNTED for r in table.rows),
            units=_subtree_choices(period),
            query=_query(period, root),
        )
    return render(request, "reporting/synthesis.html", context)


def _query(period: Period, root: Unit | None) -> str:
    return urlencode({"ky": period.code, **({"don_vi": root.code} if root is not None else {})})


@requires(Perm.VIEW_SYNTHESIS)
def reporting_summary(request: HttpRequest) -> HttpResponse:
    """The leaders' page: a period's key figures (by default the latest reported), its
    completeness, who is late."""
    periods = _periods().exclude(kind=ADHOC_KIND)
    code = request.GET.get("ky", "")
    period = get_object_or_404(periods, code=code) if code else _latest_reported(periods)
    context: dict[str, Any] = {"period": period}
    if period is not None:
        comparison = compare(period)
        indicators = {i.code: i for i in period.form.indicators.all()}
        table = completeness(period)
        context.update(
            comparison=comparison,
            cards=[
                synthesis_row(indicators[code], comparison)
                for code in KEY_FIGURES
                if code in indicators
            ],
            table=table,
            missing=[row for row in table.rows if not row.sent],
            late=[row for row in table.rows if row.late],
        )
    return render(request, "reporting/summary.html", context)


# Opening periods


@requires(Perm.MANAGE_REPORTING)
def open_periods_page(request: HttpRequest) -> HttpResponse:
    """The browser twin of ``manage.py open_periods``."""
    form = OpenPeriodsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opened = actions.open_periods(
                Actor.from_request(request), form.cleaned_data["year"], form.cleaned_data["kinds"]
            )
        except ReportingError as e:
            form.add_error(None, str(e))
        else:
            if opened:
                messages.success(
                    request,
                    _("Đã mở %(n)d kỳ báo cáo: %(titles)s.")
                    % {"n": len(opened), "titles": "; ".join(p.title for p in opened)},
                )
            else:
                messages.info(request, _("Các kỳ đã chọn đều đã được mở từ trước."))
            return redirect("period_list")
    return render(request, "reporting/open_periods.html", {"form": form})


@requires(Perm.MANAGE_REPORTING)
def adhoc_request(request: HttpRequest) -> HttpResponse:
    """An ad hoc report requested of every unit by a document of the register."""
    form = AdhocRequestForm(request.POST or None)
    query = request.GET.get("q", request.POST.get("q", "")).strip()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            period = actions.open_adhoc_period(
                Actor.from_request(request),
                data["document"],
                data["title"],
                data["start"],
                data["end"],
                data["due"],
            )
        except ReportingError as e:
            form.add_error(None, str(e))
        else:
            messages.success(
                request,
                _("Đã yêu cầu các đơn vị báo cáo «%(title)s», hạn nộp %(due)s.")
                % {"title": period.title, "due": date_format(period.due_date, "SHORT_DATE_FORMAT")},
            )
            return redirect("period_completeness", period=period.code)
    documents = Document.objects.order_by("-registered_at", "-id").filter(search_filter(query))
    candidates = list(documents[:DOCUMENTS_SHOWN])
    chosen = str(form["document"].value() or "")
    if chosen.isdigit() and all(str(d.pk) != chosen for d in candidates):
        candidates += list(Document.objects.filter(pk=int(chosen)))
    return render(
        request,
        "reporting/adhoc_request.html",
        {"form": form, "query": query, "documents": candidates, "chosen": chosen},
    )


# Downloads (the documents are made by ``cchc.reporting.exports``)


@requires(Perm.VIEW_REPORTS)
def report_docx(request: HttpRequest, period: str, unit: str) -> HttpResponse:
    """The unit's report as an official document (.docx, Decree 30 layout)."""
    chosen, owner, report = _readable(request, period, unit)
    if report is None:
        raise Http404
    return attachment(
        exports.unit_report_docx(report), DOCX_TYPE, f"bao-cao-{chosen.code}-{owner.code}.docx"
    )


def _synthesis_scope(request: HttpRequest) -> tuple[Period, Unit | None, str]:
    period = get_object_or_404(_periods(), code=request.GET.get("ky", ""))
    root = _subtree_root(request)
    name = f"tong-hop-{period.code}" + (f"-{root.code}" if root is not None else "")
    return period, root, name


@requires(Perm.VIEW_SYNTHESIS)
def synthesis_xlsx(request: HttpRequest) -> HttpResponse:
    period, root, name = _synthesis_scope(request)
    return attachment(exports.synthesis_xlsx(period, root), XLSX_TYPE, f"{name}.xlsx")


def _fillable(request: HttpRequest, period: str, unit: str) -> tuple[Period, Unit, Report | None]:
    """The report, for those who may fill it from a file (the unit, or Sở Nội vụ)."""
    chosen, owner, report = _load(period, unit)
    require_object(
        Actor.from_request(request),
        can_fill_unit_report(request.user, owner),
        owner,
        "can_fill_unit_report",
    )
    return chosen, owner, report


def _filled_messages(
    request: HttpRequest, indicators: Mapping[str, Indicator], filled: actions.Filled
) -> None:
    if filled.figures:
        messages.success(
            request,
            _(
                "%(file)s: đã điền %(n)d số liệu (%(names)s), đánh dấu «từ tệp» cho đến khi "
                "được xác nhận."
            )
            % {
                "file": filled.file.name,
                "n": len(filled.figures),
                "names": "; ".join(indicators[c].name for c in filled.figures),
            },
        )
    else:
        messages.warning(
            request,
            _("%(file)s: không có số liệu nào được điền thêm.") % {"file": filled.file.name},
        )
    if filled.kept_figures:
        messages.info(
            request,
            _("Giữ nguyên số liệu đã nhập (tệp ghi khác): %(names)s.")
            % {"names": "; ".join(indicators[c].name for c in filled.kept_figures)},
        )


@requires(Perm.VIEW_REPORTS)
@require_POST
def report_upload(request: HttpRequest, period: str, unit: str) -> HttpResponse:
    """Files of existing reports uploaded on the report page fill its blank figures, each
    marked with its source until confirmed. A file that is not the unit's report of the period
    fills nothing unless the officer insists ("van_dien"). Files are kept with the report and
    enter the document register only when asked ("vao_so")."""
    chosen, owner, report = _fillable(request, period, unit)
    if report is None:
        raise Http404
    files = request.FILES.getlist("files")
    if not files:
        messages.error(request, _("Hãy chọn ít nhất một tệp."))
        return redirect(_report_url(chosen, owner))
    actor = Actor.from_request(request)
    insist = request.POST.get("van_dien") == "1"
    indicators = {i.code: i for i in chosen.form.indicators.all()}
    for upload in files:
        reading = read_upload_for_report(upload, chosen, owner)
        if reading.error:
            messages.error(request, f"{reading.name}: {reading.error}")
            continue
        if reading.mismatches and not insist:
            messages.warning(
                request,
                _("%(file)s: chưa điền gì, vì tệp không giống báo cáo của %(unit)s kỳ này: %(why)s")
                % {"file": reading.name, "unit": owner.name, "why": " ".join(reading.mismatches)},
            )
            messages.info(
                request,
                _(
                    "Nếu đúng là tệp cần dùng, chọn «Vẫn điền khi tệp là của đơn vị hoặc kỳ khác» "
                    "rồi tải lên lại."
                ),
            )
            continue
        document = _register_if_asked(request, actor, upload)
        try:
            filled = actions.fill_from_file(
                actor, report, reading, upload=upload, document=document
            )
        except ReportingError as e:
            messages.error(request, str(e))
            break
        _filled_messages(request, indicators, filled)
    return redirect(_report_url(chosen, owner))


def _register_if_asked(request: HttpRequest, actor: Actor, upload: UploadedFile) -> Document | None:
    if request.POST.get("vao_so") != "1":
        return None
    outcome = register_from_file(actor, upload)
    upload.seek(0)
    if outcome.error:
        messages.error(request, f"{outcome.name}: {outcome.error}")
        return None
    messages.info(
        request,
        _("%(file)s: đã vào sổ %(document)s và %(n)d văn bản được viện dẫn.")
        % {
            "file": outcome.name,
            "document": outcome.document,
            "n": len(outcome.cited_added) + len(outcome.cited_found),
        },
    )
    return outcome.document


@requires(Perm.VIEW_REPORTS)
def report_file(request: HttpRequest, period: str, unit: str, pk: int) -> FileResponse:
    """A file kept with the report, to those who may read the report (never a public URL)."""
    _chosen, _owner, report = _readable(request, period, unit)
    kept = get_object_or_404(ReportFile, pk=pk, report=report)
    return FileResponse(kept.file.open("rb"), as_attachment=True, filename=kept.name)


@requires(Perm.VIEW_REPORTS)
@require_POST
def report_confirm_figure(request: HttpRequest, period: str, unit: str) -> HttpResponse:
    """Confirm a figure read from a file (the report form's button: what was typed on the page
    is saved first, as when sending)."""
    chosen, owner, report = _fillable(request, period, unit)
    if report is None:
        raise Http404
    if "version" in request.POST and can_act_for_unit(request.user, owner):
        saved = _save_or_render(request, chosen, owner, report, _entry(request, chosen, owner))
        if isinstance(saved, HttpResponse):
            return saved
        report = saved
    code = request.POST.get("indicator", "")
    try:
        actions.confirm_figure(Actor.from_request(request), report, code)
    except ReportingError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Đã xác nhận số liệu."))
    return redirect(_report_url(chosen, owner) + f"#value-{code}")


# Importing a unit's existing report file (Word, PDF, text) into its report of a period

IMPORT_SALT = "cchc.reporting.import"
STAGING_DIR = "reports/staging"


@dataclass(frozen=True)
class ImportRow:
    code: str
    title: str
    incoming: str
    current: str
    placed_from: list[str]


@dataclass(frozen=True)
class ImportFigure:
    indicator: Indicator
    incoming: str
    current: str
    source: str
    kind: str
    alternatives: list[dict[str, str]]


@requires(Perm.VIEW_REPORTS)
def report_import(request: HttpRequest, period: str, unit: str) -> HttpResponse:
    """Import a file of the unit's existing report: the page first shows what goes where
    (sections and figures beside what the report already has), then saves what is confirmed;
    text or figures already there are overwritten only where ticked."""
    chosen, owner, report = _fillable(request, period, unit)
    context: dict[str, Any] = {"period": chosen, "unit": owner, "report": report}
    if request.method == "POST" and "token" in request.POST:
        return _import_save(request, chosen, owner, report)
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Hãy chọn một tệp."))
        else:
            reading = read_upload_for_report(upload, chosen, owner)
            context["reading"] = reading
            if not reading.error and (not reading.mismatches or request.POST.get("van_dien")):
                stored = default_storage.save(
                    f"{STAGING_DIR}/{uuid.uuid4().hex}{Path(reading.name).suffix.lower()}", upload
                )
                context.update(_import_preview(chosen, owner, report, reading))
                context["token"] = signing.dumps(
                    {"path": stored, **_reading_payload(reading)}, salt=IMPORT_SALT, compress=True
                )
    return render(request, "reporting/report_import.html", context)


def _reading_payload(reading: FileReading) -> dict[str, Any]:
    return {
        "name": reading.name,
        "texts": reading.split.texts,
        "figures": {
            code: [str(f.value), f.text, f.kind, f.alternatives]
            for code, f in reading.figures.items()
        },
    }


def _reading_from_payload(payload: Mapping[str, Any]) -> FileReading:
    reading = FileReading(str(payload["name"]))
    reading.split.texts = {str(k): str(v) for k, v in payload["texts"].items()}
    reading.figures = {
        code: ReadFigure(code, Decimal(value), text, kind, alternatives)
        for code, (value, text, kind, alternatives) in payload["figures"].items()
    }
    return reading


def _import_preview(
    period: Period, unit: Unit, report: Report | None, reading: FileReading
) -> dict[str, Any]:
    narrative = report.narrative if report is not None else {}
    stored = actions.report_values(report) if report is not None else {}
    placed: dict[str, list[str]] = {}
    for placement in reading.split.placements:
        placed.setdefault(placement.code, []).append(
            f"{placement.number} {placement.title}".strip()
        )
    rows = [
        ImportRow(
            str(s["code"]),
            str(s["title"]),
            reading.split.texts.get(str(s["code"]), ""),
            str(narrative.get(s["code"], "")),
            placed.get(str(s["code"]), []),
        )
        for s in period.form.sections
    ]
    by_code = {i.code: i for i in unit_indicators(period, unit)}
    figures = [
        ImportFigure(
            by_code[code],
            figure_text(by_code[code], figure.value),
            figure_text(by_code[code], stored.get(code)),
            figure.text,
            figure.kind,
            figure.alternatives,
        )
        for code, figure in reading.figures.items()
        if code in by_code
    ]
    return {"rows": rows, "figures": figures, "opening": reading.split.opening}


def _import_save(
    request: HttpRequest, period: Period, unit: Unit, report: Report | None
) -> HttpResponse:
    try:
        payload = signing.loads(request.POST["token"], salt=IMPORT_SALT)
    except signing.BadSignature:
        messages.error(request, _("Phiên nhập tệp không hợp lệ; hãy tải tệp lên lại."))
        return redirect("report_import", period=period.code, unit=unit.code)
    path = str(payload["path"])
    if not path.startswith(STAGING_DIR + "/") or not default_storage.exists(path):
        messages.error(request, _("Tệp đã tải lên không còn; hãy tải tệp lên lại."))
        return redirect("report_import", period=period.code, unit=unit.code)
    reading = _reading_from_payload(payload)
    actor = Actor.from_request(request)
    try:
        target = report or actions.start_report_for_import(actor, period, unit)
        filled = actions.fill_from_file(
            actor,
            target,
            reading,
            stored_name=path,
            sections=list(reading.split.texts),
            overwrite=request.POST.getlist("ghi_de"),
        )
    except ReportingError as e:
        messages.error(request, str(e))
        return redirect(_report_url(period, unit))
    sections = {str(s["code"]): str(s["title"]) for s in period.form.sections}
    messages.success(
        request,
        _("Đã nhập %(file)s: %(n)d phần nội dung (%(codes)s).")
        % {
            "file": reading.name,
            "n": len(filled.sections),
            "codes": ", ".join(filled.sections) or "—",
        },
    )
    if filled.kept_sections:
        messages.info(
            request,
            _("Giữ nguyên nội dung đã có ở các phần: %(codes)s.")
            % {"codes": "; ".join(f"{c} {sections.get(c, '')}" for c in filled.kept_sections)},
        )
    _filled_messages(request, {i.code: i for i in period.form.indicators.all()}, filled)
    return redirect(_report_url(period, unit))


@requires(Perm.MANAGE_REPORTING)
def onestop_import(request: HttpRequest) -> HttpResponse:
    """Sở Nội vụ fills the units' dossier figures from the one-stop system's export: the
    upload is previewed (matched units, unmatched rows, figures the units typed otherwise,
    the file's totals against what would be filled), then imported on confirmation, the
    overwriting of typed figures only when ticked. The browser twin of ``import_tthc_stats``."""
    form = OnestopUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method != "POST":
        return render(request, "reporting/onestop_import.html", context)
    confirming = "confirm" in request.POST
    if confirming:
        form = OnestopUploadForm(request.POST, {"file": None})
        form.fields["file"].required = False
        context["form"] = form
    if not form.is_valid():
        return render(request, "reporting/onestop_import.html", context)
    period: Period = form.cleaned_data["period"]
    try:
        if confirming:
            name = request.POST.get("file_name", "")[:255]
            data = unstage(
                request.POST.get("content", ""),
                request.POST.get("sha256", ""),
                settings.MAX_UPLOAD_SIZE,
            )
        else:
            upload = form.cleaned_data["file"]
            name, data = upload.name or "bieu-06.xlsx", upload.read()
        stats = read_stats_file(name, io.BytesIO(data))
    except StagedFileError:
        form.add_error(None, _("Tệp gửi kèm bị hỏng; hãy chọn lại tệp."))
        return render(request, "reporting/onestop_import.html", context)
    except OnestopFileError as e:
        context["errors"] = e.errors
        return render(request, "reporting/onestop_import.html", context)
    overwrite = confirming and request.POST.get("overwrite") == "1"
    if confirming:
        _batch, plan = actions.import_onestop_stats(
            Actor.from_request(request),
            period,
            stats,
            sha256=hashlib.sha256(data).hexdigest(),
            overwrite=overwrite,
        )
        messages.success(
            request,
            _("Đã nhập số liệu hồ sơ TTHC từ tệp %(file)s vào báo cáo của %(n)d đơn vị.")
            % {"file": name, "n": sum(1 for p in plan.units if not p.problem)},
        )
    else:
        plan = plan_import(period, stats)
        content, digest = stage(data)
        context.update(content=content, sha256=digest, file_name=name)
    names = {i.code: i.name for i in period.form.indicators.all()}
    context.update(
        period=period,
        plan=plan,
        done=confirming,
        overwrite=overwrite,
        units=[_onestop_unit_view(p, names, overwrite) for p in plan.units],
        balance=[
            {
                "line": line,
                "name": names.get(line.indicator, line.indicator),
                "figures": [
                    format_int(n)
                    for n in (line.file_total, line.rows_sum, line.filled, line.not_filled)
                ],
            }
            for line in plan.balance(overwrite if confirming else False)
        ],
    )
    return render(request, "reporting/onestop_import.html", context)


def _onestop_unit_view(plan: UnitPlan, names: dict[str, str], overwrite: bool) -> dict[str, Any]:
    return {
        "plan": plan,
        "fill": [(names.get(code, code), format_int(n)) for code, n in plan.fill.items()],
        "same": len(plan.same),
        "conflicts": [
            (names.get(c.indicator, c.indicator), format_int(int(c.typed)), format_int(c.incoming))
            for c in plan.conflicts
        ],
    }
