"""Looking up what a reporting page is about: the period, the unit and its report (with the
right to read it), and the filters of the list pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from cchc.access import require_object
from cchc.audit.log import Actor
from cchc.orgs.models import Unit
from cchc.reporting.access import can_view_unit_reports
from cchc.reporting.models import (
    Period,
    Report,
)


def listed_periods() -> QuerySet[Period]:
    """The periods, newest first, with what their pages show of each."""
    return Period.objects.select_related("form", "requested_by")


def subtree_choices(period: Period) -> list[tuple[str, str]]:
    """The units in existence on the period's last day, indented by depth, for a subtree."""
    units = Unit.objects.active_on(period.end).only("code", "name", "path")
    return [(unit.code, "– " * unit.depth + unit.name) for unit in units]


def read_filters(request: HttpRequest, form: forms.Form) -> dict[str, Any]:
    """The values of a filter ``form`` bound to the query string, a bad one left out (None)
    with a warning on the page saying so, rather than dropped in silence."""
    form.is_valid()
    for errors in form.errors.values():
        for error in errors:
            messages.warning(request, str(error))
    return {name: form.cleaned_data.get(name) for name in form.fields}


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
