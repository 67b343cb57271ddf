"""The statistics page (/nhiem-vu/thong-ke/): status × deadline, and completion rates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.tasks.actions import accept_task, confirm_completion, report_done
from cchc.tasks.models import Task
from cchc.tasks.tests.conftest import MakeTask, happened_on
from cchc.testing import Clients
from conftest import Province

URL = reverse("tasks:task_stats")


@pytest.fixture
def finished(make_task: MakeTask, province: Province) -> list[Task]:
    """Sở Tư pháp: 2 finished (1 late), 1 open; Sở Nội vụ: 1 open."""
    command = Actor.command("test")
    tasks = [make_task(item_number=str(n)) for n in range(1, 4)]
    for task, day in zip(tasks[:2], [dt.date(2025, 6, 30), dt.date(2025, 7, 2)], strict=True):
        accept_task(command, task)
        report_done(command, task, day, "Xong")
        confirm_completion(command, task)
        happened_on(task, day)
    make_task(lead_unit=province.snv, item_number="4", deadline=dt.date(2025, 12, 31))
    return tasks


def rows_of(response: object) -> dict[str, tuple[int, int, int]]:
    stats = response.context["stats"]  # type: ignore[attr-defined]
    return {row.status: (row.total, row.within, row.overdue) for row in stats.rows}


def test_the_leader_reads_the_status_table_as_of_a_day(
    finished: list[Task], leader: User, client_for: Clients
) -> None:
    response = client_for(leader).get(URL, {"ngay": "15/07/2025"})
    assert rows_of(response) == {
        "cho_tiep_nhan": (2, 1, 1),
        "dang_thuc_hien": (0, 0, 0),
        "cho_ket_thuc": (0, 0, 0),
        "da_hoan_thanh": (2, 1, 1),
        "khac": (0, 0, 0),
    }
    page = response.content.decode()
    assert "Theo trạng thái và thời hạn (đến ngày 15/07/2025)" in page
    assert "Khác (điều chỉnh, hủy)" in page
    assert "Tổng cộng" in page


def test_the_completion_rate_per_unit_is_shown_the_vietnamese_way(
    finished: list[Task], leader: User, client_for: Clients
) -> None:
    response = client_for(leader).get(URL)
    rates = {r.unit.code: (r.assigned, r.done, r.done_on_time) for r in response.context["rates"]}
    assert rates == {"QNG-STP": (3, 2, 1), "QNG-SNV": (1, 0, 0)}
    page = response.content.decode()
    assert "66,67%" in page
    assert "0,00%" in page


def test_the_plan_and_unit_filters_narrow_the_counts(
    finished: list[Task], coordinator: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    assert client.get(URL, {"don_vi": "QNG-SNV"}).context["stats"].total == 1
    assert client.get(URL, {"ke_hoach": "KH-CCHC-2025"}).context["stats"].total == 4
    assert client.get(URL, {"don_vi": "QNG"}).context["stats"].total == 4


def test_an_officer_gets_the_counts_of_their_own_units_tasks(
    finished: list[Task], snv_officer: User, client_for: Clients
) -> None:
    response = client_for(snv_officer).get(URL)
    assert response.context["stats"].total == 1
    assert "phạm vi các nhiệm vụ đơn vị của bạn" in response.content.decode()


def test_a_bad_day_falls_back_to_today(
    finished: list[Task], leader: User, client_for: Clients
) -> None:
    response = client_for(leader).get(URL, {"ngay": "31/02/2025"})
    assert response.context["as_of"] == timezone.localdate()


def test_an_unknown_plan_is_reported_and_the_counts_take_every_plan(
    finished: list[Task], coordinator: User, client_for: Clients
) -> None:
    response = client_for(coordinator).get(URL, {"ke_hoach": "KH-CCHC-1999"})
    assert "Không có kế hoạch mã «KH-CCHC-1999»; bỏ qua bộ lọc này." in response.content.decode()
    assert response.context["stats"].total == 4
    download = client_for(coordinator).get(
        reverse("tasks:stats_export_xlsx"), {"ke_hoach": "KH-CCHC-1999"}
    )
    assert download.status_code == 400


def test_the_page_takes_the_same_queries_for_5_or_50_tasks(
    many_tasks: Callable[[int], None],
    leader: User,
    client_for: Clients,
    django_assert_max_num_queries: Callable[[int], object],
) -> None:
    for count in (5, 45):
        many_tasks(count)
        client = client_for(leader)
        with django_assert_max_num_queries(12):  # type: ignore[attr-defined]
            client.get(URL)
