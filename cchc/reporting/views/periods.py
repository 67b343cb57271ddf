"""The periods' pages: the list of periods, a period's completeness and its reminders, opening
periods, ad hoc requests, and filling the units' figures from the one-stop system."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cchc.access import (
    Perm,
    acting_unit_ids,
    has_perm,
    requires,
)
from cchc.audit.log import Actor
from cchc.documents.models import Document
from cchc.lib.filters import page_of
from cchc.lib.search import search_filter
from cchc.lib.staged import StagedFileError, stage, unstage
from cchc.lib.vnformat import format_int
from cchc.notifications.reminders import announce_sent, by_reach
from cchc.orgs.models import Unit
from cchc.reporting import actions
from cchc.reporting.actions import is_expected
from cchc.reporting.forms import (
    AdhocRequestForm,
    DocumentSearch,
    OnestopConfirmForm,
    OnestopUploadForm,
    OpenPeriodsForm,
    ScopeFilter,
)
from cchc.reporting.models import (
    Period,
    Report,
)
from cchc.reporting.monitoring import Completeness, completeness
from cchc.reporting.onestop import (
    OnestopFileError,
    UnitPlan,
    plan_import,
    read_stats_file,
)
from cchc.reporting.reminders import due_reminders, send_reminders
from cchc.reporting.views.scope import (
    listed_periods,
    read_filters,
    subtree_choices,
)
from cchc.reporting.workflows import ReportingError

PAGE_SIZE = 20
DOCUMENTS_SHOWN = 20


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
    page = page_of(request, listed_periods(), PAGE_SIZE)
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
        },
    )


@requires(Perm.VIEW_ALL_REPORTS)
def period_completeness(request: HttpRequest, period: str) -> HttpResponse:
    """Completeness and timeliness of a period's reports, per unit and in total."""
    chosen = get_object_or_404(listed_periods(), code=period)
    root = read_filters(request, ScopeFilter(request.GET))["don_vi"]
    return render(
        request,
        "reporting/completeness.html",
        {
            "period": chosen,
            "root": root,
            "table": completeness(chosen, root),
            "units": subtree_choices(chosen),
        },
    )


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
            return redirect("reporting:period_list")
    return render(request, "reporting/open_periods.html", {"form": form})


@requires(Perm.MANAGE_REPORTING)
def adhoc_request(request: HttpRequest) -> HttpResponse:
    """An ad hoc report requested of every unit by a document of the register."""
    form = AdhocRequestForm(request.POST or None)
    # The search typed on the page, or carried by the request's form (a hidden field).
    query = read_filters(request, DocumentSearch(request.GET or request.POST))["q"] or ""
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
            return redirect("reporting:period_completeness", period=period.code)
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


@requires(Perm.MANAGE_REPORTING)
def period_remind(request: HttpRequest, period: str) -> HttpResponse:
    chosen = get_object_or_404(Period, code=period)
    today = timezone.localdate()
    if request.method == "POST":
        sent = send_reminders(Actor.from_request(request), today, 0, period=chosen)
        announce_sent(request, sent)
        return redirect("reporting:period_completeness", chosen.code)
    reminders = due_reminders(today, 0, chosen) if chosen.start <= today else []
    return render(request, "reporting/remind.html", {"period": chosen, **by_reach(reminders)})


@requires(Perm.MANAGE_REPORTING)
def onestop_import(request: HttpRequest) -> HttpResponse:
    """Sở Nội vụ fills the units' dossier figures from the one-stop system's export: the
    upload is previewed (matched units, unmatched rows, figures the units typed otherwise,
    the file's totals against what would be filled), then imported on confirmation, the
    overwriting of typed figures only when ticked. The browser twin of ``import_tthc_stats``."""
    confirming = "confirm" in request.POST
    form = (
        OnestopConfirmForm(request.POST)
        if confirming
        else OnestopUploadForm(request.POST or None, request.FILES or None)
    )
    context: dict[str, Any] = {"form": form}
    if request.method != "POST":
        return render(request, "reporting/onestop_import.html", context)
    if not form.is_valid():
        return render(request, "reporting/onestop_import.html", context)
    period: Period = form.cleaned_data["period"]
    try:
        if confirming:
            name = form.cleaned_data["file_name"][:255]
            data = unstage(
                form.cleaned_data["content"],
                form.cleaned_data["sha256"],
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
    overwrite = confirming and bool(form.cleaned_data["overwrite"])
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
