"""Tasks as they were on a day, from their history (``TaskEvent``) and approved extensions.

A task existed on ``day`` when it had been assigned by then: the document that assigned it is
dated on or before ``day`` (a plan issued later does not count, even if entered earlier), or,
for a document without a date, the task was entered by then.

Its status then is the one its last step on or before ``day`` left (the steps' ``at``, in the
province's time zone), with the completion date that step gave. A task whose first recorded
step came later (entered or imported afterwards) is taken as the import stated it: open, or
done from its completion date on (before that it was being carried out); a task entered
afterwards by hand was waiting to be accepted. A task without any recorded step is taken as it
stands. Its deadline then is the last extension approved by then, else the one first given.

``reported_on`` is the day the lead unit reported it done (the step that made it chờ kết
thúc): a completion date before that day was written after the fact, and is ``backdated``
when it is within the deadline while the report came after it — the only case in which the
completion date turns a task that was overdue into one within its deadline.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from cchc.tasks import deadline as rule
from cchc.tasks.models import (
    Adjustment,
    AdjustmentKind,
    AdjustmentState,
    EventKind,
    Task,
    TaskEvent,
    TaskQuerySet,
)


@dataclass(frozen=True)
class TaskState:
    task_id: int
    lead_unit_id: int
    status: str
    deadline: dt.date | None
    completed_on: dt.date | None
    reported_on: dt.date | None = None

    def deadline_status(self, as_of: dt.date) -> rule.DeadlineStatus | None:
        return rule.deadline_status(self.status, self.deadline, self.completed_on, as_of)

    @property
    def backdated(self) -> bool:
        """Reported done after its deadline with a completion date within it."""
        return (
            self.status in rule.DONE
            and self.deadline is not None
            and self.completed_on is not None
            and self.reported_on is not None
            and self.completed_on <= self.deadline < self.reported_on
        )


def existing_on(tasks: TaskQuerySet, day: dt.date) -> TaskQuerySet:
    """The tasks among ``tasks`` assigned by ``day`` (see the module docstring)."""
    next_day = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
    return tasks.filter(
        Q(source_document__date__lte=day)
        | Q(source_document__date__isnull=True, created_at__lt=next_day)
    )


def states_on(tasks: TaskQuerySet, day: dt.date) -> list[TaskState]:
    """Each of ``tasks`` that existed on ``day``, as it was then: three queries."""
    rows = list(
        existing_on(tasks, day)
        .order_by("pk")
        .values_list(
            "pk", "lead_unit_id", "status", "deadline", "original_deadline", "completed_on"
        )
    )
    ids = [row[0] for row in rows]
    events: dict[int, list[TaskEvent]] = defaultdict(list)
    for event in (
        TaskEvent.objects.filter(task_id__in=ids)
        .only("task_id", "kind", "at", "to_status", "completed_on")
        .order_by("at", "id")
    ):
        events[event.task_id].append(event)
    extensions: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    approved = Adjustment.objects.filter(
        task_id__in=ids, kind=AdjustmentKind.GIA_HAN, state=AdjustmentState.APPROVED
    ).order_by("decided_at", "id")
    for task_id, decided_at, proposed in approved.values_list(
        "task_id", "decided_at", "proposed_deadline"
    ):
        extensions[task_id].append((timezone.localdate(decided_at), proposed))
    states = []
    for pk, lead, status, deadline, original, completed_on in rows:
        status, completed_on, reported_on = _status_on(events[pk], day, status, completed_on)
        states.append(
            TaskState(
                pk,
                lead,
                status,
                _deadline_on(extensions[pk], day, deadline, original),
                completed_on,
                reported_on,
            )
        )
    return states


def _status_on(
    events: list[TaskEvent], day: dt.date, status: str, completed_on: dt.date | None
) -> tuple[str, dt.date | None, dt.date | None]:
    """(status, completion date, day reported done) on ``day`` from the task's steps."""
    if not events:
        return status, completed_on, None
    done: dt.date | None = None
    reported: dt.date | None = None
    current: str | None = None
    for event in events:
        if timezone.localdate(event.at) > day:
            break
        if not event.to_status:
            continue
        current = event.to_status
        done = event.completed_on if current in rule.DONE else None
        if event.kind == EventKind.REPORTED_DONE:
            reported = timezone.localdate(event.at)
        elif current not in rule.DONE:
            reported = None
    if current is not None:
        return current, done, reported
    first = events[0]
    if first.kind != EventKind.IMPORTED:
        return first.to_status or rule.CHO_TIEP_NHAN, None, None
    if first.to_status in rule.DONE:
        if first.completed_on is not None and first.completed_on <= day:
            return first.to_status, first.completed_on, None
        return rule.DANG_THUC_HIEN, None, None
    return first.to_status or rule.CHO_TIEP_NHAN, None, None


def _deadline_on(
    extensions: list[tuple[dt.date, dt.date | None]],
    day: dt.date,
    deadline: dt.date | None,
    original: dt.date | None,
) -> dt.date | None:
    if not extensions:
        return deadline
    granted = [proposed for decided, proposed in extensions if decided <= day]
    return granted[-1] if granted else (original or deadline)


@dataclass(frozen=True)
class ReportGap:
    """A task reported done later than the completion date the unit wrote."""

    completed_on: dt.date
    reported_on: dt.date
    deadline: dt.date | None

    @property
    def days(self) -> int:
        return (self.reported_on - self.completed_on).days

    @property
    def turns_within(self) -> bool:
        """The earlier date is what makes the task within its deadline."""
        return self.deadline is not None and self.completed_on <= self.deadline < self.reported_on


def report_gap(task: Task) -> ReportGap | None:
    """The gap between the completion date of a task reported done and the day it was
    reported (None when it is not done by a report, or was reported the same day)."""
    if task.status not in rule.DONE or task.completed_on is None:
        return None
    event = task.events.filter(kind=EventKind.REPORTED_DONE).order_by("-at", "-id").first()
    if event is None:
        return None
    reported = timezone.localdate(event.at)
    if reported <= task.completed_on:
        return None
    return ReportGap(task.completed_on, reported, task.deadline)
