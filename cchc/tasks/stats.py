"""Counting tasks: the status report (status × within/overdue), completion rates per unit, and
the plan figures of a unit's periodic report. Each is one query over the tasks given.

The statuses are the tasks' current ones; ``as_of`` is the day open tasks are measured
against (see ``cchc.tasks.deadline``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cchc.orgs.models import Unit
from cchc.tasks import deadline as rule
from cchc.tasks.models import Status, Task, TaskQuerySet, deadline_status_expression

KHAC = "khac"
# The rows of the status report, in this order; khác holds the tasks adjusted away
# (cancelled, or dropped at the lead unit's request).
ROW_STATUSES = (*rule.OPEN, *rule.DONE, KHAC)
ROW_LABELS: dict[str, Promise] = {
    **{status.value: status.label for status in Status if status.value != rule.DA_HUY},
    KHAC: _("Khác (điều chỉnh, hủy)"),
}


@dataclass(frozen=True)
class StatusRow:
    status: str
    total: int
    within: int
    overdue: int

    @property
    def label(self) -> Promise:
        return ROW_LABELS[self.status]


@dataclass(frozen=True)
class TaskStats:
    """The status report. The khác row counts its tasks in ``total`` only: a task adjusted
    away has no deadline status, so its ``within`` and ``overdue`` are 0."""

    as_of: dt.date
    total: int
    rows: list[StatusRow]

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "total": self.total,
            "rows": [
                {"status": r.status, "total": r.total, "within": r.within, "overdue": r.overdue}
                for r in self.rows
            ],
        }


@dataclass(frozen=True)
class UnitRate:
    """A lead unit's tasks: those assigned (not adjusted away), those finished (confirmed),
    of them on time, those reported done awaiting confirmation, and the open ones overdue."""

    unit: Unit
    assigned: int
    done: int
    done_on_time: int
    awaiting_confirmation: int
    open_overdue: int

    @property
    def rate(self) -> Decimal | None:
        """Finished as a percentage of assigned, to two decimals; None when nothing assigned."""
        if not self.assigned:
            return None
        return (Decimal(100 * self.done) / self.assigned).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )


def count_tasks(tasks: TaskQuerySet, as_of: dt.date) -> TaskStats:
    counts: dict[tuple[str, str | None], int] = {
        (row["status"], row["deadline_state"]): row["n"]
        for row in tasks.order_by()
        .annotate(deadline_state=deadline_status_expression(as_of))
        .values("status", "deadline_state")
        .annotate(n=Count("pk"))
    }
    rows = []
    for status in (*rule.OPEN, *rule.DONE):
        within = counts.get((status, rule.WITHIN), 0)
        overdue = counts.get((status, rule.OVERDUE), 0)
        rows.append(StatusRow(status, within + overdue, within, overdue))
    other = sum(n for (status, _state), n in counts.items() if status not in rule.OPEN + rule.DONE)
    rows.append(StatusRow(KHAC, other, 0, 0))
    return TaskStats(as_of=as_of, total=sum(counts.values()), rows=rows)


def unit_rates(tasks: TaskQuerySet, as_of: dt.date) -> list[UnitRate]:
    """Per lead unit, the highest completion rate first."""
    finished = Q(status=rule.DA_HOAN_THANH)
    rows = list(
        tasks.order_by()
        .annotate(deadline_state=deadline_status_expression(as_of))
        .values("lead_unit")
        .annotate(
            assigned=Count("pk", filter=~Q(status=rule.DA_HUY)),
            done=Count("pk", filter=finished),
            done_on_time=Count("pk", filter=finished & Q(deadline_state=rule.WITHIN)),
            awaiting=Count("pk", filter=Q(status=rule.CHO_KET_THUC)),
            open_overdue=Count("pk", filter=Q(status__in=rule.OPEN, deadline_state=rule.OVERDUE)),
        )
    )
    units = Unit.objects.in_bulk([row["lead_unit"] for row in rows])
    rates = [
        UnitRate(
            unit=units[row["lead_unit"]],
            assigned=row["assigned"],
            done=row["done"],
            done_on_time=row["done_on_time"],
            awaiting_confirmation=row["awaiting"],
            open_overdue=row["open_overdue"],
        )
        for row in rows
    ]
    return sorted(rates, key=lambda r: (-(r.rate or Decimal(-1)), r.unit.path))


def plan_figures(
    unit: Unit, start: dt.date, end: dt.date, as_of: dt.date | None = None
) -> dict[str, int]:
    """The figures "nhiệm vụ được giao / đã hoàn thành" of a unit's report for the window
    ``start``–``end``, from the tasks its subtree leads.

    Set: tasks not adjusted away whose deadline falls in the window, plus standing tasks
    (no deadline) not finished before the window. Done: those of them reported done
    (chờ kết thúc or đã hoàn thành) by the end of the window, or by ``as_of`` (default
    today) if earlier. A task due in the window and finished early counts as done, so that
    done never exceeds set (the check officials make on every report).
    """
    last = min(end, as_of or timezone.localdate())
    in_window = Q(deadline__range=(start, end)) | Q(
        Q(completed_on__isnull=True) | Q(completed_on__gte=start), deadline__isnull=True
    )
    figures = (
        Task.objects.filter(lead_unit__in=Unit.objects.subtree(unit))
        .exclude(status=rule.DA_HUY)
        .filter(in_window)
        .aggregate(
            set=Count("pk"),
            done=Count("pk", filter=Q(status__in=rule.DONE, completed_on__lte=last)),
        )
    )
    return {"plan_tasks_set": figures["set"], "plan_tasks_done": figures["done"]}
