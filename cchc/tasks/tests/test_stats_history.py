"""Task statistics as they were on a day (cchc/tasks/history.py, the statistics page and the
task_stats command), the gap between a completion date and the day it was reported, and
dates on filters that are not dates.

The story (every step dated as it happened; the deadline is 30/06/2025 unless said):
- A: accepted 01/03/2025, reported done 20/06 (completed 15/06), confirmed 25/06/2025;
- B: accepted 01/02/2025, reported done 05/12/2025 with completion date 10/11/2025 (deadline
  15/11/2025): overdue on 20/11/2025, within its deadline once reported — counted apart;
- C: accepted 01/02/2025, extended on 01/12/2025 from 30/09/2025 to 31/12/2025;
- D: dropped (đã hủy) on 10/12/2025;
- E: never accepted;
- F: a task of a plan issued on 02/02/2026, entered before the day asked about.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, register_document
from cchc.documents.models import Document
from cchc.tasks import deadline as rule
from cchc.tasks.actions import (
    accept_task,
    confirm_completion,
    decide_adjustment,
    report_done,
    request_adjustment,
)
from cchc.tasks.models import Adjustment, AdjustmentState, Task, TaskEvent
from cchc.tasks.stats import count_tasks
from cchc.tasks.tests.conftest import MakeTask
from cchc.testing import Clients

COMMAND = Actor.command("test")
DAYS = [dt.date(2025, 6, 1), dt.date(2025, 11, 20), dt.date(2025, 12, 6), dt.date(2026, 3, 1)]


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def on(day: dt.date, task: Task, step: Callable[[], object]) -> None:
    """Take ``step`` and date the history it wrote on ``day``."""
    before = set(TaskEvent.objects.filter(task=task).values_list("pk", flat=True))
    step()
    TaskEvent.objects.filter(task=task).exclude(pk__in=before).update(at=at(day))


@pytest.fixture
def story(make_task: MakeTask) -> dict[str, Task]:
    tasks = {
        "A": make_task(item_number="A"),
        "B": make_task(item_number="B", deadline=dt.date(2025, 11, 15)),
        "C": make_task(item_number="C", deadline=dt.date(2025, 9, 30)),
        "D": make_task(item_number="D"),
        "E": make_task(item_number="E"),
    }
    later = register_document(
        COMMAND, DocumentData("12/KH-UBND", dt.date(2026, 2, 2), "Kế hoạch CCHC năm 2026")
    )
    tasks["F"] = make_task(item_number="F", source_document=later, plan=None)
    for task in tasks.values():
        TaskEvent.objects.filter(task=task).update(at=at(dt.date(2025, 1, 15)))
    a, b, c, d = tasks["A"], tasks["B"], tasks["C"], tasks["D"]
    on(dt.date(2025, 3, 1), a, lambda: accept_task(COMMAND, a))
    on(dt.date(2025, 6, 20), a, lambda: report_done(COMMAND, a, dt.date(2025, 6, 15), "Xong"))
    on(dt.date(2025, 6, 25), a, lambda: confirm_completion(COMMAND, a))
    on(dt.date(2025, 2, 1), b, lambda: accept_task(COMMAND, b))
    on(dt.date(2025, 12, 5), b, lambda: report_done(COMMAND, b, dt.date(2025, 11, 10), "Xong"))
    on(dt.date(2025, 2, 1), c, lambda: accept_task(COMMAND, c))
    extension = request_adjustment(
        COMMAND, c, "gia_han", "Chờ ý kiến Bộ", dt.date(2025, 12, 31), at=at(dt.date(2025, 9, 20))
    )
    decide_adjustment(COMMAND, extension, approve=True, at=at(dt.date(2025, 12, 1)))
    drop = request_adjustment(COMMAND, d, "khong_thuc_hien", "Trùng", at=at(dt.date(2025, 12, 9)))
    decide_adjustment(COMMAND, drop, approve=True, at=at(dt.date(2025, 12, 10)))
    return {code: Task.objects.get(pk=task.pk) for code, task in tasks.items()}


def by_hand(day: dt.date) -> dict[str, tuple[int, int, int]]:
    """The status report on ``day`` recomputed from the stored history, row by row."""
    counts: Counter[tuple[str, str]] = Counter()
    for task in Task.objects.select_related("source_document"):
        if task.source_document.date is not None and task.source_document.date > day:
            continue
        steps = [
            e
            for e in task.events.order_by("at", "id")
            if timezone.localdate(e.at) <= day and e.to_status
        ]
        status = steps[-1].to_status if steps else rule.CHO_TIEP_NHAN
        completed = steps[-1].completed_on if status in rule.DONE else None
        granted = [
            a.proposed_deadline
            for a in Adjustment.objects.filter(
                task=task, kind="gia_han", state=AdjustmentState.APPROVED
            ).order_by("decided_at")
            if a.decided_at is not None and timezone.localdate(a.decided_at) <= day
        ]
        deadline = granted[-1] if granted else task.original_deadline
        if status not in (*rule.OPEN, *rule.DONE):
            counts[("khac", "")] += 1
            continue
        measured = completed or day
        late = deadline is not None and measured > deadline
        counts[(status, "overdue" if late else "within")] += 1
    rows = {}
    for status in (*rule.OPEN, *rule.DONE):
        within, overdue = counts[(status, "within")], counts[(status, "overdue")]
        rows[status] = (within + overdue, within, overdue)
    rows["khac"] = (counts[("khac", "")], 0, 0)
    return rows


def page_rows(client: Client, day: dt.date, **params: str) -> dict[str, tuple[int, int, int]]:
    response = client.get(reverse("tasks:task_stats"), {"ngay": f"{day:%d/%m/%Y}", **params})
    stats = response.context["stats"]
    return {row.status: (row.total, row.within, row.overdue) for row in stats.rows}


def command_rows(day: dt.date) -> dict[str, tuple[int, int, int]]:
    out = StringIO()
    call_command("task_stats", "--as-of", day.isoformat(), "--json", stdout=out)
    rows = json.loads(out.getvalue())["rows"]
    return {r["status"]: (r["total"], r["within"], r["overdue"]) for r in rows}


def test_statistics_as_of_past_days_equal_those_recomputed_from_the_history(
    story: dict[str, Task], coordinator: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    for day in DAYS:
        expected = by_hand(day)
        assert page_rows(client, day) == expected, day
        assert command_rows(day) == expected, day


def test_on_20_11_2025_the_tasks_are_counted_as_they_were_then(
    story: dict[str, Task], coordinator: User, client_for: Clients
) -> None:
    rows = page_rows(client_for(coordinator), dt.date(2025, 11, 20))
    # E waits, overdue; B and C being carried out, both overdue (C's extension came later);
    # A done within; D not dropped yet; F's plan not issued yet.
    assert rows == {
        "cho_tiep_nhan": (2, 0, 2),
        "dang_thuc_hien": (2, 0, 2),
        "cho_ket_thuc": (0, 0, 0),
        "da_hoan_thanh": (1, 1, 0),
        "khac": (0, 0, 0),
    }
    # Today the same tasks stand otherwise: B reported done within its deadline, D dropped,
    # F counted.
    today = count_tasks(Task.objects.all(), timezone.localdate())
    assert today.total == 6
    assert {r.status: (r.total, r.within, r.overdue) for r in today.rows}["khac"] == (1, 0, 0)


def test_a_task_reported_late_with_an_earlier_completion_date_can_be_counted_apart(
    story: dict[str, Task], coordinator: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    day = dt.date(2025, 12, 6)
    rows = page_rows(client, day)
    assert rows["cho_ket_thuc"] == (1, 1, 0)  # B: completed 10/11, deadline 15/11
    response = client.get(reverse("tasks:task_stats"), {"ngay": "06/12/2025", "tach_rieng": "1"})
    stats = response.context["stats"]
    waiting = next(r for r in stats.rows if r.status == "cho_ket_thuc")
    assert (waiting.total, waiting.within, waiting.overdue, waiting.reported_late) == (1, 0, 0, 1)
    assert "Báo cáo sau hạn" in response.content.decode()
    out = StringIO()
    call_command("task_stats", "--as-of", "2025-12-06", "--json", stdout=out)
    result = json.loads(out.getvalue())
    row = next(r for r in result["rows"] if r["status"] == "cho_ket_thuc")
    assert row == {
        "status": "cho_ket_thuc",
        "total": 1,
        "within": 1,
        "overdue": 0,
        "reported_after_deadline": 1,
    }


def test_the_confirming_coordinator_sees_the_gap_between_completion_and_report(
    story: dict[str, Task], coordinator: User, officer: User, client_for: Clients
) -> None:
    url = reverse("tasks:task_detail", args=[story["B"].pk])
    html = client_for(coordinator).get(url).content.decode()
    gap = html[html.index('id="report-gap"') : html.index("</p>", html.index('id="report-gap"'))]
    assert "Đơn vị báo cáo hoàn thành ngày 05/12/2025 nhưng ghi ngày hoàn thành 10/11/2025" in gap
    assert "sớm hơn 25 ngày" in gap
    assert "Hạn là 15/11/2025: theo ngày báo cáo nhiệm vụ quá hạn" in gap
    # Reported the day it was completed: nothing to point out.
    a_url = reverse("tasks:task_detail", args=[story["A"].pk])
    assert 'id="report-gap"' not in client_for(coordinator).get(a_url).content.decode()


def test_a_day_that_is_not_a_date_is_said_on_every_task_filter(
    story: dict[str, Task], coordinator: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    for name in ("tasks:task_stats", "tasks:task_list"):
        response = client.get(reverse(name), {"ngay": "31/02/2025"})
        html = response.content.decode()
        assert "«31/02/2025» không phải là ngày hợp lệ; hãy ghi ngày theo dạng dd/mm/yyyy" in html
        assert "tính đến hôm nay" in html
        assert 'value="31/02/2025"' in html
    for name in (
        "tasks:stats_export_xlsx",
        "tasks:stats_export_docx",
        "tasks:task_export_xlsx",
        "tasks:task_export_docx",
    ):
        response = client.get(reverse(name), {"ngay": "hôm qua"})
        assert response.status_code == 400
        assert "«hôm qua» không phải là ngày hợp lệ" in response.content.decode()


def test_a_year_that_is_not_a_year_is_said_on_the_register(
    plan_document: Document, coordinator: User, client_for: Clients
) -> None:
    html = (
        client_for(coordinator)
        .get(reverse("documents:document_list"), {"nam": "20255"})
        .content.decode()
    )
    assert "«20255» không phải là một năm; hãy ghi năm bằng 4 chữ số" in html
    assert "35/QĐ-UBND" in html  # not filtered, and said so
