"""The demo province's tasks (cchc/tasks/data/demo_tasks.yaml through load_demo)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from pytest_django import DjangoDbBlocker

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.demo.province import load
from cchc.tasks.models import Adjustment, Plan, Task
from cchc.testing import kept_for_module

DEMO_DATE = "2025-11-20"


@pytest.fixture(scope="module")
def history(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[dict[str, int]]:
    """The demo's history (``load``, without the current year's work), once for the module."""
    with kept_for_module(django_db_blocker):
        yield load(Actor.command("load_demo"))


@pytest.fixture
def demo(history: dict[str, int], db: None) -> dict[str, int]:
    return history


def stats(*args: str) -> dict[str, object]:
    out = StringIO()
    call_command("task_stats", *args, "--as-of", DEMO_DATE, "--json", stdout=out)
    result: dict[str, object] = json.loads(out.getvalue())
    return result


def test_the_demo_has_the_2025_plan_tasks_of_other_documents_and_every_kind_of_case(
    demo: dict[str, int],
) -> None:
    # The yearly plan: 60 tasks, issued by a Quyết định of UBND tỉnh.
    plan = Plan.objects.get(code="KH-CCHC-2025")
    assert plan.title == "Kế hoạch cải cách hành chính năm 2025"
    assert str(plan.document) == "Quyết định số 35/QĐ-UBND"
    assert plan.document.date == dt.date(2025, 1, 10)
    assert plan.tasks.count() == 60
    # Tasks assigned by other documents and meeting conclusions.
    others = Task.objects.filter(plan=None)
    assert others.count() == demo["tasks"] - 60 >= 10
    assert {t.source_document.symbol for t in others} == {
        "1245/UBND-NC",
        "58/TB-UBND",
        "2310/UBND-NC",
        "135/TB-UBND",
    }
    # On the demo date every status appears both within and past its deadline.
    result = stats("--plan", "KH-CCHC-2025")
    for row in result["rows"][:4]:  # type: ignore[index]
        assert row["within"] > 0 and row["overdue"] > 0, row
    assert result["rows"][4]["total"] == 1  # type: ignore[index]
    assert result["total"] == 60
    # Requests pending, approved (an extension, a drop) and refused.
    assert sorted(Adjustment.objects.values_list("kind", "state")) == [
        ("gia_han", "approved"),
        ("gia_han", "pending"),
        ("gia_han", "refused"),
        ("khong_thuc_hien", "approved"),
        ("khong_thuc_hien", "pending"),
    ]
    extended = Adjustment.objects.get(kind="gia_han", state="approved").task
    assert (extended.original_deadline, extended.deadline) == (
        dt.date(2025, 9, 30),
        dt.date(2025, 12, 31),
    )
    # The demo officer's unit has tasks to accept, to report on and awaiting confirmation.
    statuses = set(Task.objects.filter(lead_unit__code="QNG-STP").values_list("status", flat=True))
    assert {"cho_tiep_nhan", "dang_thuc_hien", "cho_ket_thuc", "da_hoan_thanh"} <= statuses
    assert User.objects.get(username="chuyenvien").email


def test_loading_the_demo_again_adds_no_task(demo: dict[str, int]) -> None:
    count = Task.objects.count()
    assert load(Actor.command("load_demo"))["tasks"] == 0
    assert Task.objects.count() == count
    assert Adjustment.objects.count() == 5
