"""Requests to adjust tasks (/nhiem-vu/dieu-chinh/): pending ones first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.tasks.actions import decide_adjustment, request_adjustment
from cchc.tasks.models import Task
from cchc.tasks.tests.conftest import MakeTask
from cchc.testing import Clients
from conftest import Province

URL = reverse("tasks:adjustment_list")


def test_pending_requests_come_first_and_officers_see_their_units_only(
    make_task: MakeTask,
    coordinator: User,
    snv_officer: User,
    client_for: Clients,
    province: Province,
) -> None:
    command = Actor.command("test")
    decided = request_adjustment(
        command, make_task(content="Đã quyết"), "gia_han", "Lý do một", dt.date(2025, 8, 31)
    )
    decide_adjustment(command, decided, approve=True)
    request_adjustment(command, make_task(content="Chờ duyệt"), "khong_thuc_hien", "Lý do hai")
    snv_task = make_task(content="Của Sở Nội vụ", lead_unit=province.snv)
    request_adjustment(command, snv_task, "khong_thuc_hien", "Lý do ba")

    response = client_for(coordinator).get(URL)
    assert [(a.task.content, a.state) for a in response.context["page"]] == [
        ("Của Sở Nội vụ", "pending"),
        ("Chờ duyệt", "pending"),
        ("Đã quyết", "approved"),
    ]
    page = response.content.decode()
    assert "Gia hạn" in page and "31/08/2025" in page and "Chờ duyệt" in page
    response = client_for(snv_officer).get(URL)
    assert [a.task.content for a in response.context["page"]] == ["Của Sở Nội vụ"]


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_takes_as_many_queries_for_5_requests_as_for_50(
    count: int,
    many_tasks: Callable[[int], None],
    coordinator: User,
    client_for: Clients,
    django_assert_max_num_queries: Callable[[int], object],
) -> None:
    many_tasks(count)
    for task in Task.objects.all():
        request_adjustment(Actor.command("test"), task, "khong_thuc_hien", "Lý do")
    client = client_for(coordinator)
    with django_assert_max_num_queries(6):  # type: ignore[attr-defined]
        response = client.get(URL)
    assert len(response.context["page"]) == count
