"""Fixtures of the task tests: the plan document, a plan, tasks led by Sở Tư pháp, and an
officer of another unit (Sở Nội vụ), who may not see them.

Who may do what with a task led by Sở Tư pháp (see cchc/access.py):
- ``officer``, ``head`` (Sở Tư pháp): read it, accept it, report progress and completion,
  ask for an adjustment.
- ``coordinator``: reads every task, creates and imports, confirms completion, decides on
  adjustments. ``leader``: reads every task. ``admin``: everything.
- ``snv_officer`` (Sở Nội vụ): reads only the tasks Sở Nội vụ leads or cooperates on.
- ``outsider``: nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.utils import timezone
from pytest_django import Settings

from cchc.accounts.models import Membership, Role, User
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, register_document
from cchc.documents.models import Document
from cchc.tasks.actions import TaskData, create_plan, create_task
from cchc.tasks.models import Plan, Task, TaskEvent
from conftest import PASSWORD, Province

MakeTask = Callable[..., Task]
COLUMNS = [
    "stt",
    "noi_dung",
    "don_vi_chu_tri",
    "don_vi_phoi_hop",
    "han_hoan_thanh",
    "san_pham",
    "van_ban_giao",
    "trang_thai",
    "ngay_hoan_thanh",
]


def write_xlsx(path: Path, rows: list[list[Any]], header: list[str] = COLUMNS) -> Path:
    """An .xlsx file whose first sheet holds ``header`` and then ``rows``."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def happened_on(task: Task, day: dt.date) -> None:
    """Date every recorded step of ``task`` on ``day`` (at 9:00): the tests act today on a
    story set in 2025, and statistics as of a day read the history."""
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    TaskEvent.objects.filter(task=task).update(at=at)


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    """Uploaded evidence goes to a temporary directory, never to data/media."""
    media: Path = tmp_path / "media"
    settings.MEDIA_ROOT = media
    return media


@pytest.fixture
def snv_officer(province: Province) -> User:
    user = User.objects.create_user(
        username="chuyenviensnv", password=PASSWORD, email="cv@snv.example"
    )
    Membership.objects.create(user=user, unit=province.snv, role=Role.OFFICER)
    return user


@pytest.fixture
def plan_document(province: Province) -> Document:
    return register_document(
        Actor.command("test"),
        DocumentData(
            "35/QĐ-UBND", dt.date(2025, 1, 10), "Ban hành Kế hoạch cải cách hành chính năm 2025"
        ),
    )


@pytest.fixture
def plan(plan_document: Document) -> Plan:
    return create_plan(
        Actor.command("test"),
        "KH-CCHC-2025",
        "Kế hoạch cải cách hành chính năm 2025",
        plan_document,
    )


@pytest.fixture
def make_task(province: Province, plan: Plan, plan_document: Document) -> MakeTask:
    """A task of the plan led by Sở Tư pháp, unless told otherwise."""

    def make(**fields: Any) -> Task:
        data: dict[str, Any] = {
            "content": "Rà soát, hệ thống hóa văn bản quy phạm pháp luật",
            "source_document": plan_document,
            "lead_unit": province.stp,
            "deadline": dt.date(2025, 6, 30),
            "expected_output": "Quyết định công bố danh mục",
            "item_number": "1",
            "plan": plan,
        }
        data.update(fields)
        return create_task(Actor.command("test"), TaskData(**data))

    return make


@pytest.fixture
def task(make_task: MakeTask) -> Task:
    return make_task()


@pytest.fixture
def many_tasks(province: Province, plan: Plan, plan_document: Document) -> Callable[[int], None]:
    """``count`` tasks of the plan led by Sở Tư pháp, half of them with Sở Nội vụ
    cooperating, written directly (for query counts, not through the actions)."""

    def make(count: int) -> None:
        tasks = Task.objects.bulk_create(
            Task(
                plan=plan,
                item_number=str(n),
                position=n,
                content=f"Nhiệm vụ số {n}",
                search_text=f"nhiem vu so {n}",
                source_document=plan_document,
                lead_unit=province.stp,
                deadline=dt.date(2025, 1, 1) + dt.timedelta(days=n),
            )
            for n in range(1, count + 1)
        )
        through = Task.cooperating_units.through
        through.objects.bulk_create(
            through(task_id=task.pk, unit_id=province.snv.pk) for task in tasks[::2]
        )

    return make
