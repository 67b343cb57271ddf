"""The task list (/nhiem-vu/): filters, what each role sees, paging, query count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.tasks.actions import accept_task, report_done
from cchc.tasks.models import Plan, Task
from cchc.tasks.tests.conftest import MakeTask
from cchc.testing import Clients
from conftest import Province

URL = reverse("tasks:task_list")


def listed(client: Client, **params: str) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return [task.content for task in response.context["page"]]


@pytest.fixture
def tasks(make_task: MakeTask, province: Province) -> dict[str, Task]:
    command = Actor.command("test")
    first = make_task(content="Rà soát văn bản quy phạm pháp luật", item_number="1")
    done = make_task(content="Số hóa hồ sơ hộ tịch", item_number="2")
    accept_task(command, done)
    report_done(command, done, dt.date(2025, 6, 1), "Xong")
    return {
        "open": first,
        "done": done,
        "standing": make_task(content="Thẩm định dự thảo", deadline=None, item_number="3"),
        "snv": make_task(content="Kiểm tra công tác CCHC", lead_unit=province.snv, item_number="4"),
        "commune": make_task(
            content="Một cửa cấp huyện",
            lead_unit=province.old_commune,
            deadline=dt.date(2025, 5, 31),
            item_number="5",
        ),
    }


def test_the_coordinator_sees_every_task_in_plan_order(
    tasks: dict[str, Task], coordinator: User, client_for: Clients
) -> None:
    assert listed(client_for(coordinator)) == [
        "Rà soát văn bản quy phạm pháp luật",
        "Số hóa hồ sơ hộ tịch",
        "Thẩm định dự thảo",
        "Kiểm tra công tác CCHC",
        "Một cửa cấp huyện",
    ]


def test_an_officer_sees_only_the_tasks_their_unit_leads_or_cooperates_on(
    tasks: dict[str, Task], snv_officer: User, client_for: Clients, province: Province
) -> None:
    tasks["open"].cooperating_units.add(province.snv)
    assert listed(client_for(snv_officer)) == [
        "Rà soát văn bản quy phạm pháp luật",
        "Kiểm tra công tác CCHC",
    ]
    page = client_for(snv_officer).get(URL).content.decode()
    assert reverse("tasks:unit_tasks", args=["QNG-SNV"]) in page


def test_the_search_ignores_accents_and_case(
    tasks: dict[str, Task], leader: User, client_for: Clients
) -> None:
    assert listed(client_for(leader), q="RA SOAT van ban") == ["Rà soát văn bản quy phạm pháp luật"]
    assert listed(client_for(leader), q="hộ tịch") == ["Số hóa hồ sơ hộ tịch"]


def test_filters_by_status_and_deadline_status_as_of_a_day(
    tasks: dict[str, Task], leader: User, client_for: Clients
) -> None:
    client = client_for(leader)
    assert listed(client, trang_thai="cho_ket_thuc") == ["Số hóa hồ sơ hộ tịch"]
    overdue = listed(client, han="qua_han", ngay="15/07/2025")
    assert overdue == [
        "Rà soát văn bản quy phạm pháp luật",
        "Kiểm tra công tác CCHC",
        "Một cửa cấp huyện",
    ]
    assert listed(client, han="qua_han", ngay="30/06/2025") == ["Một cửa cấp huyện"]
    assert listed(client, trang_thai="khac") == []


def test_filters_by_plan_unit_subtree_and_document(
    tasks: dict[str, Task], leader: User, client_for: Clients, plan: Plan
) -> None:
    client = client_for(leader)
    assert len(listed(client, ke_hoach=plan.code)) == 5
    assert listed(client, don_vi="QNG-H-BINHSON") == ["Một cửa cấp huyện"]
    assert len(listed(client, van_ban=str(plan.document_id))) == 5
    page = client.get(URL, {"van_ban": plan.document_id}).content.decode()
    assert "Nhiệm vụ giao tại" in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"trang_thai": "xong_roi"}, "«xong_roi» không phải là trạng thái nhiệm vụ"),
        ({"don_vi": "QNG-KHONG-CO"}, "Không có đơn vị mã «QNG-KHONG-CO»"),
        ({"ke_hoach": "KH-KHONG-CO"}, "Không có kế hoạch mã «KH-KHONG-CO»"),
        ({"han": "sap_het"}, "«sap_het» không phải là tình trạng hạn"),
        ({"van_ban": "abc"}, "Không có văn bản số «abc»"),
    ],
)
def test_a_filter_value_that_does_not_fit_is_reported_and_left_out(
    tasks: dict[str, Task],
    leader: User,
    client_for: Clients,
    params: dict[str, str],
    message: str,
) -> None:
    response = client_for(leader).get(URL, params)
    page = response.content.decode()
    assert 'id="filter-problems"' in page
    assert message in page
    assert "bỏ qua bộ lọc này" in page
    assert len(response.context["page"]) == 5


def test_a_bad_day_is_reported_and_the_list_counts_as_of_today(
    tasks: dict[str, Task], leader: User, client_for: Clients
) -> None:
    response = client_for(leader).get(URL, {"ngay": "31/02/2025", "trang_thai": "dang_thuc_hien"})
    page = response.content.decode()
    assert "«31/02/2025» không phải là ngày hợp lệ" in page
    assert 'id="filter-problems"' not in page
    # The other filters still apply.
    assert listed(client_for(leader), ngay="31/02/2025", trang_thai="cho_ket_thuc") == [
        "Số hóa hồ sơ hộ tịch"
    ]


def test_a_download_with_a_value_that_does_not_fit_is_refused_with_the_message(
    tasks: dict[str, Task], leader: User, client_for: Clients
) -> None:
    response = client_for(leader).get(reverse("tasks:task_export_xlsx"), {"don_vi": "QNG-KHONG-CO"})
    assert response.status_code == 400
    assert "Không có đơn vị mã «QNG-KHONG-CO»" in response.content.decode()


def test_the_pager_keeps_the_filters(
    many_tasks: Callable[[int], None], leader: User, client_for: Clients
) -> None:
    many_tasks(60)
    page = (
        client_for(leader).get(URL, {"trang_thai": "cho_tiep_nhan", "trang": "1"}).content.decode()
    )
    assert 'href="?trang_thai=cho_tiep_nhan&amp;trang=2"' in page
    assert f'href="{reverse("tasks:task_export_xlsx")}?trang_thai=cho_tiep_nhan"' in page


def test_the_rows_show_deadline_and_deadline_status(
    tasks: dict[str, Task], leader: User, client_for: Clients
) -> None:
    page = client_for(leader).get(URL, {"ngay": "20/06/2025"}).content.decode()
    assert "30/06/2025" in page
    assert "thường xuyên" in page
    assert '<span class="badge tone-success">Trong hạn</span>' in page
    # the commune's task, due 31/05/2025
    assert '<span class="badge tone-danger">Quá hạn</span>' in page


def test_the_list_is_paginated(
    many_tasks: Callable[[int], None], leader: User, client_for: Clients
) -> None:
    many_tasks(60)
    client = client_for(leader)
    assert len(listed(client)) == 50
    assert listed(client, trang="2") == [f"Nhiệm vụ số {n}" for n in range(51, 61)]


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_takes_as_many_queries_for_5_tasks_as_for_50(
    count: int,
    many_tasks: Callable[[int], None],
    officer: User,
    client_for: Clients,
    django_assert_max_num_queries: Callable[[int], object],
) -> None:
    many_tasks(count)
    client = client_for(officer)
    with django_assert_max_num_queries(10):  # type: ignore[attr-defined]
        response = client.get(URL)
    assert len(response.context["page"]) == count


def test_outsiders_are_refused(outsider: User, client_for: Clients) -> None:
    assert client_for(outsider).get(URL).status_code == 403


def test_a_bad_page_number_is_said_and_the_first_page_shown(
    officer: User, client_for: Clients
) -> None:
    response = client_for(officer).get(reverse("tasks:task_list"), {"trang": "hai"})
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Trang: «hai» không phải là số trang; hãy ghi 1, 2, 3… Danh sách dưới đây chưa lọc "
        "theo mục này."
    ]
