"""Helpers for the tests of the reporting pages: URLs and the report form's POST data."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from cchc.audit.log import Actor
from cchc.orgs.actions import UnitData, import_units
from cchc.orgs.models import Unit
from cchc.reporting.models import Period, Report, Status
from cchc.reporting.tests.complete import complete_figures, complete_narrative
from cchc.reporting.tests.export_data import file_report


def report_url(name: str, period: Period, unit: Unit) -> str:
    """``report``, ``report_save``, ``report_submit``, … (of the ``reporting`` namespace) of a
    unit's report for a period."""
    return reverse(f"reporting:{name}", args=[period.code, unit.code])


def messages_of(response: object) -> list[str]:
    """The messages a page shows (its ``messages`` context)."""
    return [str(m) for m in response.context["messages"]]  # type: ignore[attr-defined]


def typed(
    report: Report, narrative: dict[str, str] | None = None, **figures: str
) -> dict[str, str]:
    """The report page's form as a browser sends it: the version it was opened at, narrative
    by section and figures by indicator code, as typed."""
    data = {"version": str(report.version)}
    data.update({f"narrative-{section}": text for section, text in (narrative or {}).items()})
    data.update({f"value-{code}": text for code, text in figures.items()})
    return data


def typed_complete(
    report: Report, narrative: dict[str, str] | None = None, **figures: str
) -> dict[str, str]:
    """``typed`` with every section filled and every other figure 0, so that sending is not
    refused for a blank."""
    return typed(
        report,
        {**complete_narrative(report), **(narrative or {})},
        **{**{code: "0" for code in complete_figures(report)}, **figures},
    )


def fresh(report: Report) -> Report:
    return Report.objects.get(pk=report.pk)


def add_departments(count: int, period: Period, province_code: str = "QNG") -> list[Unit]:
    """``count`` more departments, a third of them with an accepted report sent on time, a
    third with a late one, the rest with nothing (for tests that count queries)."""
    rows = [
        UnitData(f"QNG-S{n:03d}", f"Sở thử nghiệm {n}", "department", f"S{n}", province_code)
        for n in range(count)
    ]
    import_units(Actor.command("test"), rows)
    units = list(Unit.objects.filter(code__in=[row.code for row in rows]))
    on_time = period.due_date - dt.timedelta(days=1)
    late = period.due_date + dt.timedelta(days=3)
    for index, unit in enumerate(units):
        if index % 3 == 0:
            file_report(period, unit, Status.ACCEPTED, on_time, dossiers_received=100)
        elif index % 3 == 1:
            file_report(period, unit, Status.SUBMITTED, late, dossiers_received=50)
    return units
