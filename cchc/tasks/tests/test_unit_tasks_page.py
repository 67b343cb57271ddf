"""Nhiệm vụ của đơn vị (/nhiem-vu/don-vi/<code>/): a unit's open tasks by urgency."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.tasks.actions import accept_task, report_done
from cchc.tasks.tests.conftest import MakeTask
from cchc.testing import Clients
from conftest import Province

URL = reverse("tasks:unit_tasks", args=["QNG-STP"])


def test_overdue_tasks_come_first_then_by_deadline_and_finished_ones_are_left_out(
    make_task: MakeTask, officer: User, client_for: Clients, province: Province
) -> None:
    make_task(content="Hạn xa", deadline=dt.date(2099, 12, 31))
    make_task(content="Thường xuyên", deadline=None)
    make_task(content="Quá hạn lâu", deadline=dt.date(2025, 1, 31))
    make_task(content="Hạn gần", deadline=dt.date(2099, 1, 31))
    make_task(content="Quá hạn gần đây", deadline=dt.date(2025, 10, 31))
    finished = make_task(content="Đã xong", deadline=dt.date(2025, 1, 31))
    command = Actor.command("test")
    accept_task(command, finished)
    report_done(command, finished, dt.date(2025, 1, 30), "Xong")
    make_task(content="Đơn vị khác", lead_unit=province.snv)
    cooperating = make_task(content="Phối hợp với Sở Nội vụ", lead_unit=province.snv)
    cooperating.cooperating_units.add(province.stp)

    response = client_for(officer).get(URL)
    assert [t.content for t in response.context["page"]] == [
        "Quá hạn lâu",
        "Quá hạn gần đây",
        "Đã xong",  # awaiting confirmation, within its deadline
        "Hạn gần",
        "Hạn xa",
        "Thường xuyên",
    ]
    assert [t.content for t in response.context["cooperating"]] == ["Phối hợp với Sở Nội vụ"]
    page = response.content.decode()
    assert "Nhiệm vụ của đơn vị: Sở Tư pháp" in page
    assert "Đơn vị khác" not in page
    assert response.context["stats"].total == 6


def test_the_unit_page_is_for_the_unit_and_for_those_who_read_every_task(
    task: object, head: User, leader: User, snv_officer: User, client_for: Clients
) -> None:
    assert client_for(head).get(URL).status_code == 200
    assert client_for(leader).get(URL).status_code == 200
    assert client_for(snv_officer).get(URL).status_code == 403
    assert (
        client_for(snv_officer).get(reverse("tasks:unit_tasks", args=["QNG-SNV"])).status_code
        == 200
    )


@pytest.mark.parametrize("count", [5, 50])
def test_the_unit_page_takes_as_many_queries_for_5_tasks_as_for_50(
    count: int,
    many_tasks: Callable[[int], None],
    officer: User,
    client_for: Clients,
    django_assert_max_num_queries: Callable[[int], object],
) -> None:
    many_tasks(count)
    client = client_for(officer)
    with django_assert_max_num_queries(11):  # type: ignore[attr-defined]
        response = client.get(URL)
    assert len(response.context["page"]) == count


@pytest.mark.parametrize("count", [6, 60])
def test_the_tasks_a_unit_cooperates_on_take_as_many_queries_for_3_as_for_30(
    count: int,
    many_tasks: Callable[[int], None],
    snv_officer: User,
    client_for: Clients,
    django_assert_max_num_queries: Callable[[int], object],
) -> None:
    many_tasks(count)  # Sở Nội vụ cooperates on half of them
    client = client_for(snv_officer)
    with django_assert_max_num_queries(11):  # type: ignore[attr-defined]
        response = client.get(reverse("tasks:unit_tasks", args=["QNG-SNV"]))
    assert len(response.context["cooperating"]) == count // 2
