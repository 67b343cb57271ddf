"""Counting functions (cchc/tasks/stats.py): completion rates and the plan figures that a
unit's periodic report will take instead of having them typed again."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cchc.audit.log import Actor
from cchc.tasks.actions import (
    accept_task,
    confirm_completion,
    decide_adjustment,
    report_done,
    request_adjustment,
)
from cchc.tasks.models import Task
from cchc.tasks.stats import count_tasks, plan_figures, unit_rates
from cchc.tasks.tests.conftest import MakeTask, happened_on
from conftest import Province

COMMAND = Actor.command("test")
Q1 = (dt.date(2024, 12, 15), dt.date(2025, 3, 14))
SIX_MONTHS = (dt.date(2024, 12, 15), dt.date(2025, 6, 14))


def finish(task: Task, day: dt.date, *, confirm: bool = True) -> None:
    """The task accepted, reported done on ``day`` and (with ``confirm``) confirmed that day."""
    accept_task(COMMAND, task)
    report_done(COMMAND, task, day, "Xong")
    if confirm:
        confirm_completion(COMMAND, task)
    happened_on(task, day)


def test_rates_count_confirmed_completions_over_tasks_not_adjusted_away(
    make_task: MakeTask,
) -> None:
    finish(make_task(), dt.date(2025, 6, 1))
    finish(make_task(), dt.date(2025, 7, 1))
    finish(make_task(), dt.date(2025, 6, 1), confirm=False)
    dropped = make_task()
    decide_adjustment(
        COMMAND, request_adjustment(COMMAND, dropped, "khong_thuc_hien", "Trùng"), approve=True
    )
    happened_on(dropped, dt.date(2025, 7, 1))
    make_task()
    [rate] = unit_rates(Task.objects.all(), dt.date(2025, 7, 15))
    assert (rate.assigned, rate.done, rate.done_on_time) == (4, 2, 1)
    assert (rate.awaiting_confirmation, rate.open_overdue) == (1, 1)
    assert rate.rate == Decimal("50.00")
    assert count_tasks(Task.objects.all(), dt.date(2025, 7, 15)).total == 5


def test_plan_figures_take_tasks_due_in_the_window_of_the_units_subtree(
    make_task: MakeTask, province: Province
) -> None:
    due_q1 = make_task(deadline=dt.date(2025, 3, 1), lead_unit=province.old_commune)
    finish(due_q1, dt.date(2025, 2, 20), confirm=False)
    make_task(deadline=dt.date(2025, 3, 14), lead_unit=province.district)
    make_task(deadline=dt.date(2025, 6, 1), lead_unit=province.district)
    make_task(deadline=dt.date(2024, 12, 14), lead_unit=province.district)
    make_task(deadline=dt.date(2025, 3, 1), lead_unit=province.stp)
    assert plan_figures(province.district, *Q1, as_of=dt.date(2025, 3, 20)) == {
        "plan_tasks_set": 2,
        "plan_tasks_done": 1,
    }
    assert plan_figures(province.district, *SIX_MONTHS, as_of=dt.date(2025, 6, 20)) == {
        "plan_tasks_set": 3,
        "plan_tasks_done": 1,
    }
    assert plan_figures(province.old_commune, *Q1, as_of=dt.date(2025, 3, 20)) == {
        "plan_tasks_set": 1,
        "plan_tasks_done": 1,
    }


def test_plan_figures_count_standing_tasks_until_done_and_completions_up_to_as_of(
    make_task: MakeTask, province: Province
) -> None:
    finish(make_task(deadline=None), dt.date(2024, 11, 30))  # done before the window
    finish(make_task(deadline=None), dt.date(2025, 3, 10))
    make_task(deadline=None)
    finish(make_task(deadline=dt.date(2025, 3, 14)), dt.date(2025, 3, 12))
    assert plan_figures(province.stp, *Q1, as_of=dt.date(2025, 3, 31)) == {
        "plan_tasks_set": 3,
        "plan_tasks_done": 2,
    }
    # Filed on 11/03, the report cannot count what was done on the 12th.
    assert plan_figures(province.stp, *Q1, as_of=dt.date(2025, 3, 11)) == {
        "plan_tasks_set": 3,
        "plan_tasks_done": 1,
    }


def test_plan_figures_leave_out_cancelled_tasks(make_task: MakeTask, province: Province) -> None:
    dropped = make_task(deadline=dt.date(2025, 3, 1))
    decide_adjustment(
        COMMAND, request_adjustment(COMMAND, dropped, "khong_thuc_hien", "Trùng"), approve=True
    )
    assert plan_figures(province.stp, *Q1, as_of=dt.date(2025, 3, 20)) == {
        "plan_tasks_set": 0,
        "plan_tasks_done": 0,
    }
