"""Plans: the list (/ke-hoach/), a plan with its tasks, and adding a plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.urls import reverse

from cchc.accounts.models import User
from cchc.documents.models import Document
from cchc.tasks.models import Plan
from cchc.tasks.tests.conftest import MakeTask
from cchc.testing import Clients
from conftest import Province


def test_the_plan_list_shows_each_plan_with_its_document_and_task_count(
    make_task: MakeTask, plan: Plan, officer: User, client_for: Clients
) -> None:
    make_task()
    make_task(item_number="2")
    response = client_for(officer).get(reverse("tasks:plan_list"))
    page = response.content.decode()
    assert "KH-CCHC-2025" in page
    assert "Kế hoạch cải cách hành chính năm 2025" in page
    assert "Quyết định số 35/QĐ-UBND" in page and "10/01/2025" in page
    assert [p.task_count for p in response.context["page"]] == [2]
    assert reverse("tasks:plan_create") not in page  # an officer adds no plan


def test_the_plan_page_lists_the_tasks_the_user_may_read_with_their_status_counts(
    make_task: MakeTask, plan: Plan, snv_officer: User, leader: User, client_for: Clients,
    province: Province,
) -> None:  # fmt: skip
    make_task(content="Rà soát văn bản")
    make_task(content="Kiểm tra công vụ", lead_unit=province.snv, item_number="2")
    url = reverse("tasks:plan_detail", args=[plan.code])
    response = client_for(leader).get(url)
    assert [t.content for t in response.context["page"]] == ["Rà soát văn bản", "Kiểm tra công vụ"]
    assert response.context["stats"].total == 2
    response = client_for(snv_officer).get(url)
    assert [t.content for t in response.context["page"]] == ["Kiểm tra công vụ"]
    assert response.context["stats"].total == 1
    assert "Rà soát văn bản" not in response.content.decode()


def test_an_unknown_plan_is_not_found(
    province: Province, leader: User, client_for: Clients
) -> None:
    assert (
        client_for(leader).get(reverse("tasks:plan_detail", args=["KHONG-CO"])).status_code == 404
    )


def test_the_coordinator_adds_a_plan_and_its_document_is_registered(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    response = client_for(coordinator).post(
        reverse("tasks:plan_create"),
        {
            "code": "KH-TT-2025",
            "title": "Kế hoạch tuyên truyền cải cách hành chính năm 2025",
            "document_symbol": "20/KH-UBND",
            "document_date": "15/01/2025",
        },
        follow=True,
    )
    plan = Plan.objects.get(code="KH-TT-2025")
    assert response.redirect_chain[-1][0] == reverse("tasks:plan_detail", args=["KH-TT-2025"])
    assert "Đã vào sổ văn bản Kế hoạch số 20/KH-UBND." in response.content.decode()
    assert plan.document.date == dt.date(2025, 1, 15)
    assert plan.document.subject == "Kế hoạch tuyên truyền cải cách hành chính năm 2025"


def test_a_plan_form_with_a_bad_symbol_or_a_taken_code_says_why(
    plan: Plan, coordinator: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    page = client.post(
        reverse("tasks:plan_create"),
        {"code": "KH-1", "title": "Kế hoạch", "document_symbol": "Quyết định 35"},
    ).content.decode()
    assert "Không nhận ra số, ký hiệu văn bản" in page
    page = client.post(
        reverse("tasks:plan_create"),
        {"code": "KH-CCHC-2025", "title": "Kế hoạch", "document_symbol": "35/QĐ-UBND"},
    ).content.decode()
    assert "Đã có kế hoạch mã KH-CCHC-2025." in page
    assert Plan.objects.count() == 1
    assert Document.objects.count() == 1


@pytest.mark.parametrize("name", ["tasks:plan_create", "tasks:plan_import", "tasks:task_create"])
def test_officers_and_leaders_do_not_create_plans_or_tasks(
    name: str, officer: User, leader: User, client_for: Clients
) -> None:
    for user in (officer, leader):
        assert client_for(user).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("count", [5, 50])
def test_the_plan_pages_take_as_many_queries_for_5_tasks_as_for_50(
    count: int,
    plan: Plan,
    many_tasks: Callable[[int], None],
    officer: User,
    client_for: Clients,
    django_assert_max_num_queries: Callable[[int], object],
) -> None:
    many_tasks(count)
    client = client_for(officer)
    with django_assert_max_num_queries(10):  # type: ignore[attr-defined]
        response = client.get(reverse("tasks:plan_detail", args=[plan.code]))
    assert len(response.context["page"]) == count
    with django_assert_max_num_queries(6):  # type: ignore[attr-defined]
        client.get(reverse("tasks:plan_list"))
