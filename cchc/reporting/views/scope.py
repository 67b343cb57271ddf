"""Looking up what a reporting page is about: the period, the unit and its report (with the
right to read it), the subtree a page is narrowed to."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from cchc.access import (
    can_view_unit_reports,
    require_object,
)
from cchc.audit.log import Actor
from cchc.orgs.models import Unit
from cchc.reporting.models import (
    Period,
    Report,
)


def listed_periods() -> QuerySet[Period]:
    return Period.objects.select_related("form", "requested_by")


def subtree_choices(period: Period) -> list[tuple[str, str]]:
    """The units in existence on the period's last day, indented by depth, for a subtree."""
    units = Unit.objects.active_on(period.end).only("code", "name", "path")
    return [(unit.code, "– " * unit.depth + unit.name) for unit in units]


def subtree_root(request: HttpRequest) -> Unit | None:
    code = request.GET.get("don_vi", "")
    return Unit.objects.filter(code=code).first() if code else None


def load_report(period_code: str, unit_code: str) -> tuple[Period, Unit, Report | None]:
    period = get_object_or_404(listed_periods(), code=period_code)
    unit = get_object_or_404(Unit, code=unit_code)
    report = Report.objects.filter(period=period, unit=unit).select_related("updated_by").first()
    if report is not None:
        report.period, report.unit = period, unit
    return period, unit, report


def readable_report(
    request: HttpRequest, period: str, unit: str
) -> tuple[Period, Unit, Report | None]:
    """The period, the unit and its report if started, for those who may read the unit's."""
    chosen, owner, report = load_report(period, unit)
    require_object(
        Actor.from_request(request),
        can_view_unit_reports(request.user, owner),
        owner,
        "can_view_unit_reports",
    )
    return chosen, owner, report


def report_url(period: Period, unit: Unit) -> str:
    return reverse("reporting:report", args=[period.code, unit.code])
