"""Counting tasks: the status report (status × within/overdue), completion rates per unit, and
the plan figures of a unit's periodic report.

The status report and the rates count the tasks as they were on ``as_of``
(``cchc.tasks.history.states_on``): those assigned by then, with their status and deadline
then, measured against that day (see ``cchc.tasks.deadline``). Today that is how they stand.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cchc.orgs.models import Unit
from cchc.tasks import deadline as rule
from cchc.tasks.history import states_on
from cchc.tasks.models import Status, Task, TaskQuerySet

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
    # Tasks reported done after their deadline with a completion date within it
    # (``TaskState.backdated``): within ``within``, or counted apart from it.
    reported_late: int = 0

    @property
    def label(self) -> Promise:
        return ROW_LABELS[self.status]


@dataclass(frozen=True)
class TaskStats:
    """The status report. The khác row counts its tasks in ``total`` only: a task adjusted
    away has no deadline status, so its ``within`` and ``overdue`` are 0. With ``apart``, the
    tasks reported done late with an earlier completion date (``reported_late``) are not in
    ``within``: within + overdue + reported_late = total."""

    as_of: dt.date
    total: int
    rows: list[StatusRow]
    apart: bool = False

    @property
    def reported_late(self) -> int:
        return sum(r.reported_late for r in self.rows)

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "total": self.total,
            "reported_late_apart": self.apart,
            "rows": [
                {
                    "status": r.status,
                    "total": r.total,
                    "within": r.within,
                    "overdue": r.overdue,
                    "reported_after_deadline": r.reported_late,
                }
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


def count_tasks(tasks: TaskQuerySet, as_of: dt.date, *, apart: bool = False) -> TaskStats:
    """The status report of ``tasks`` as they were on ``as_of``; with ``apart``, tasks
    reported done late with an earlier completion date are counted apart from ``within``."""
    counts: Counter[tuple[str, str | None]] = Counter()
    late: Counter[str] = Counter()
    states = states_on(tasks, as_of)
    for state in states:
        counts[(state.status, state.deadline_status(as_of))] += 1
        late[state.status] += state.backdated
    rows = []
    for status in (*rule.OPEN, *rule.DONE):
        within = counts.get((status, rule.WITHIN), 0)
        overdue = counts.get((status, rule.OVERDUE), 0)
        shown = within - late[status] if apart else within
        rows.append(StatusRow(status, within + overdue, shown, overdue, late[status]))
    other = sum(n for (status, _state), n in counts.items() if status not in rule.OPEN + rule.DONE)
    rows.append(StatusRow(KHAC, other, 0, 0))
    return TaskStats(as_of=as_of, total=len(states), rows=rows, apart=apart)


def unit_rates(
    tasks: TaskQuerySet, as_of: dt.date, *, known_on: dt.date | None = None
) -> list[UnitRate]:
    """Per lead unit, of the tasks as they were on ``known_on`` (default ``as_of``) measured
    against ``as_of``, the highest completion rate first."""
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for state in states_on(tasks, known_on or as_of):
        unit = counts[state.lead_unit_id]
        finished = state.status == rule.DA_HOAN_THANH
        unit["assigned"] += state.status != rule.DA_HUY
        unit["done"] += finished
        unit["done_on_time"] += finished and state.deadline_status(as_of) == rule.WITHIN
        unit["awaiting"] += state.status == rule.CHO_KET_THUC
        unit["open_overdue"] += (
            state.status in rule.OPEN and state.deadline_status(as_of) == rule.OVERDUE
        )
    units = Unit.objects.in_bulk(list(counts))
    rates = [
        UnitRate(
            unit=units[unit_id],
            assigned=row["assigned"],
            done=row["done"],
            done_on_time=row["done_on_time"],
            awaiting_confirmation=row["awaiting"],
            open_overdue=row["open_overdue"],
        )
        for unit_id, row in counts.items()
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
