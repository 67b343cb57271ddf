"""Computed criteria: a leaf whose score comes from cchc's own data by the rule in the framework.

A rule is ``{"source": SOURCE, "bands": [{"min": 100, "points": "1"}, {"min": 80, "points":
"0.5"}, {"min": 0, "points": "0"}]}``: the source gives a percentage for the unit and the year,
the bands turn it into points (the first band, from the top, whose ``min`` the percentage
reaches). The sources:

- ``reports_on_time``: of the periodic reports the unit had to file for the periods due in the
  framework's year, the share first submitted by the period's deadline. A missing report counts
  as late once its deadline has passed; a period not yet due counts only when already filed.
- ``tasks_on_time``: of the tasks led by the unit (or a unit below it) with a deadline in the
  year, cancelled ones left out, the share finished (confirmed done) by the deadline.

When nothing was due the leaf does not apply (its points leave the total, which is rescaled).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.lib.vnformat import format_decimal
from cchc.orgs.models import Unit
from cchc.reporting.actions import is_expected
from cchc.reporting.models import ADHOC_KIND, Period, Report
from cchc.scoring.models import Assessment, Criterion, Method
from cchc.scoring.points import points_text
from cchc.tasks import deadline as task_rule
from cchc.tasks.models import Task
from cchc.tasks.stats import unit_rates

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Computed:
    """A computed leaf's result: the points (None when not applicable) and why, in Vietnamese."""

    score: Decimal | None
    explanation: str
    not_applicable: bool = False


@dataclass(frozen=True)
class Share:
    """``good`` of ``due`` (``due`` > 0)."""

    good: int
    due: int
    note: str = ""

    @property
    def percent(self) -> Decimal:
        return Decimal(self.good) * HUNDRED / Decimal(self.due)


def band_points(bands: Sequence[Mapping[str, Any]], percent: Decimal) -> Decimal:
    """The points of the first band whose ``min`` ``percent`` reaches; bands go from the highest
    ``min`` down (checked when loading). The exact percentage is compared, not a rounded one:
    79,99 % is below an 80 % band. Below every band: 0."""
    for band in bands:
        if percent >= Decimal(str(band["min"])):
            return Decimal(str(band["points"]))
    return Decimal(0)


def reports_on_time(unit: Unit, year: int, now: dt.datetime) -> Share | None:
    """The unit's periodic reports due in ``year`` (see the module docstring); None if none."""
    periods = (
        Period.objects.filter(due_date__year=year)
        .exclude(kind=ADHOC_KIND)
        .select_related("form")
        .order_by("due_date", "code")
    )
    reports = {
        report.period_id: report
        for report in Report.objects.filter(unit=unit, period__in=periods).select_related("period")
    }
    due = good = 0
    for period in periods:
        report = reports.get(period.pk)
        filed = report is not None and report.first_submitted_at is not None
        if not filed and period.submission_deadline > now:
            continue  # still time to file it
        if not is_expected(period, unit):
            continue
        due += 1
        good += bool(report is not None and report.is_on_time)
    return Share(good, due) if due else None


def tasks_on_time(unit: Unit, year: int, now: dt.datetime) -> Share | None:
    """The tasks led by the unit's subtree due in ``year`` (see the module docstring)."""
    tasks = Task.objects.filter(
        lead_unit__in=Unit.objects.subtree(unit), deadline__year=year
    ).exclude(status=task_rule.DA_HUY)
    # The tasks as they stand when the leaf is measured (a unit that reported late with an
    # earlier completion date is judged by the appraisal), against the day of measuring.
    rates = unit_rates(tasks, timezone.localdate(now), known_on=timezone.localdate())
    due = sum(rate.assigned for rate in rates)
    if not due:
        return None
    waiting = sum(rate.awaiting_confirmation for rate in rates)
    note = (
        _("; %(count)d nhiệm vụ đã báo cáo hoàn thành, chờ xác nhận") % {"count": waiting}
        if waiting
        else ""
    )
    return Share(sum(rate.done_on_time for rate in rates), due, note)


Source = Callable[[Unit, int, dt.datetime], Share | None]


@dataclass(frozen=True)
class SourceInfo:
    measure: Source
    counted: StrOrPromise  # "11/12 {counted}"
    nothing_due: StrOrPromise  # with %(year)d


SOURCES: dict[str, SourceInfo] = {
    "reports_on_time": SourceInfo(
        reports_on_time,
        gettext_lazy("báo cáo định kỳ gửi đúng hạn"),
        gettext_lazy("Không có kỳ báo cáo định kỳ nào đến hạn trong năm %(year)d."),
    ),
    "tasks_on_time": SourceInfo(
        tasks_on_time,
        gettext_lazy("nhiệm vụ hoàn thành đúng hạn"),
        gettext_lazy(
            "Không có nhiệm vụ nào do đơn vị chủ trì có hạn hoàn thành trong năm %(year)d."
        ),
    ),
}


def compute_leaf(criterion: Criterion, unit: Unit, now: dt.datetime | None = None) -> Computed:
    """One computed leaf for one unit, measured at ``now`` (default: now)."""
    info = SOURCES[criterion.rule["source"]]
    year = criterion.framework.year
    share = info.measure(unit, year, now or timezone.now())
    if share is None:
        return Computed(None, str(info.nothing_due) % {"year": year}, not_applicable=True)
    points = band_points(criterion.rule["bands"], share.percent)
    percent = format_decimal(share.percent.quantize(Decimal("0.1"), ROUND_HALF_UP), 1)
    explanation = _("%(good)d/%(due)d %(counted)s (%(percent)s %%)%(note)s: %(points)s điểm.") % {
        "good": share.good,
        "due": share.due,
        "counted": info.counted,
        "percent": percent,
        "note": share.note,
        "points": points_text(points),
    }
    return Computed(points, explanation)


def computed_items(assessment: Assessment, now: dt.datetime | None = None) -> dict[int, Computed]:
    """Every computed leaf of the assessment's framework that applies to its unit's kind,
    keyed by criterion id, measured at ``now`` (default: now)."""
    unit = assessment.unit
    leaves = Criterion.objects.filter(
        framework=assessment.framework, is_leaf=True, method=Method.COMPUTED
    ).select_related("framework")
    return {leaf.pk: compute_leaf(leaf, unit, now) for leaf in leaves if leaf.applies_to(unit.kind)}
