"""The deadline status rule (cchc/tasks/deadline.py) and its database twin agree."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from cchc.documents.models import Document
from cchc.tasks.deadline import deadline_status
from cchc.tasks.models import Status, Task, deadline_status_expression
from conftest import Province

AS_OF = dt.date(2025, 11, 20)
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize("status", [Status.CHO_TIEP_NHAN, Status.DANG_THUC_HIEN])
def test_an_open_task_is_overdue_only_after_its_deadline_day(status: str) -> None:
    assert deadline_status(status, AS_OF - DAY, None, AS_OF) == "overdue"
    assert deadline_status(status, AS_OF, None, AS_OF) == "within"
    assert deadline_status(status, AS_OF + DAY, None, AS_OF) == "within"


@pytest.mark.parametrize("status", [Status.CHO_KET_THUC, Status.DA_HOAN_THANH])
def test_a_task_reported_done_is_measured_by_its_completion_date_not_by_today(
    status: str,
) -> None:
    deadline = dt.date(2025, 3, 31)
    assert deadline_status(status, deadline, deadline + DAY, AS_OF) == "overdue"
    assert deadline_status(status, deadline, deadline, AS_OF) == "within"
    assert deadline_status(status, deadline, deadline - DAY, AS_OF) == "within"


@pytest.mark.parametrize("status", [Status.CHO_TIEP_NHAN, Status.DA_HOAN_THANH])
def test_a_task_without_a_deadline_is_always_within(status: str) -> None:
    completed = AS_OF if status == Status.DA_HOAN_THANH else None
    assert deadline_status(status, None, completed, AS_OF + 1000 * DAY) == "within"


def test_a_cancelled_task_has_no_deadline_status() -> None:
    assert deadline_status(Status.DA_HUY, AS_OF - DAY, None, AS_OF) is None


def test_the_database_expression_agrees_with_the_python_rule_on_every_case(
    province: Province, plan_document: Document
) -> None:
    deadlines = [None, AS_OF - 30 * DAY, AS_OF - DAY, AS_OF, AS_OF + DAY]
    completions = [AS_OF - 40 * DAY, AS_OF - DAY, AS_OF, AS_OF + DAY]
    cases: list[tuple[str, dt.date | None, dt.date | None]] = []
    for status, deadline in itertools.product(Status.values, deadlines):
        if status in (Status.CHO_KET_THUC, Status.DA_HOAN_THANH):
            cases += [(status, deadline, completed) for completed in completions]
        else:
            cases.append((status, deadline, None))
    Task.objects.bulk_create(
        Task(
            content=f"{status} {deadline} {completed}",
            source_document=plan_document,
            lead_unit=province.stp,
            status=status,
            deadline=deadline,
            completed_on=completed,
        )
        for status, deadline, completed in cases
    )
    found = Task.objects.annotate(state=deadline_status_expression(AS_OF)).values_list(
        "status", "deadline", "completed_on", "state"
    )
    assert len(found) == len(cases) == 55
    for status, deadline, completed, state in found:
        assert state == deadline_status(status, deadline, completed, AS_OF), (
            status,
            deadline,
            completed,
        )
