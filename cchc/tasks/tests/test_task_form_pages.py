"""Giving a task (/nhiem-vu/them/) and correcting it (/nhiem-vu/<pk>/sua/): coordinators."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from cchc.accounts.models import User
from cchc.documents.models import Document
from cchc.tasks.models import Plan, Status, Task
from cchc.testing import Clients
from conftest import Province


def test_the_coordinator_gives_a_task_by_a_document_not_yet_in_the_register(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    response = client_for(coordinator).post(
        reverse("tasks:task_create"),
        {
            "content": "Giải quyết dứt điểm hồ sơ trễ hạn",
            "document_symbol": "58/TB-UBND",
            "document_date": "25/04/2025",
            "document_subject": "Kết luận của Chủ tịch UBND tỉnh",
            "lead_unit": province.stp.pk,
            "cooperating_units": [province.snv.pk],
            "deadline": "30/06/2025",
            "expected_output": "Báo cáo",
        },
        follow=True,
    )
    task = Task.objects.get()
    assert response.redirect_chain[-1][0] == reverse("tasks:task_detail", args=[task.pk])
    page = response.content.decode()
    assert "Đã giao nhiệm vụ." in page
    assert "Đã vào sổ văn bản Thông báo số 58/TB-UBND." in page
    assert task.source_document.date == dt.date(2025, 4, 25)
    assert task.source_document.subject == "Kết luận của Chủ tịch UBND tỉnh"
    assert (task.status, task.plan, task.deadline) == (
        Status.CHO_TIEP_NHAN,
        None,
        dt.date(2025, 6, 30),
    )
    assert list(task.cooperating_units.all()) == [province.snv]


def test_the_form_starts_from_a_document_or_a_plan(
    plan: Plan, plan_document: Document, coordinator: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    form = client.get(reverse("tasks:task_create"), {"van_ban": plan_document.pk}).context["form"]
    assert form.initial["document_symbol"] == "35/QĐ-UBND"
    form = client.get(reverse("tasks:task_create"), {"ke_hoach": plan.code}).context["form"]
    assert form.initial["plan"] == plan


def test_a_task_for_a_unit_that_has_ceased_is_refused_with_the_reason(
    province: Province, plan_document: Document, coordinator: User, client_for: Clients
) -> None:
    page = (
        client_for(coordinator)
        .post(
            reverse("tasks:task_create"),
            {
                "content": "Số hóa",
                "document_symbol": "35/QĐ-UBND",
                "lead_unit": province.district.pk,
                "deadline": "31/12/2025",
            },
        )
        .content.decode()
    )
    assert "đã ngừng hoạt động từ 30/06/2025" in page
    assert not Task.objects.exists()


def test_the_coordinator_corrects_a_task_and_a_stale_form_is_refused(
    task: Task, coordinator: User, client_for: Clients, province: Province
) -> None:
    client = client_for(coordinator)
    url = reverse("tasks:task_edit", args=[task.pk])
    data = client.get(url).context["form"].initial
    fields = {
        "plan": task.plan_id,
        "item_number": "1",
        "content": "Rà soát, hệ thống hóa văn bản (sửa)",
        "document_symbol": "35/QĐ-UBND",
        "lead_unit": province.stp.pk,
        "deadline": "31/07/2025",
        "version": data["version"],
    }
    response = client.post(url, fields, follow=True)
    assert "Đã lưu nhiệm vụ." in response.content.decode()
    task.refresh_from_db()
    assert task.content == "Rà soát, hệ thống hóa văn bản (sửa)"
    assert task.deadline == task.original_deadline == dt.date(2025, 7, 31)
    page = client.post(url, {**fields, "content": "Ghi đè"}).content.decode()
    assert "vừa được người khác cập nhật" in page
    task.refresh_from_db()
    assert task.content == "Rà soát, hệ thống hóa văn bản (sửa)"


def test_officers_do_not_edit_tasks(task: Task, officer: User, client_for: Clients) -> None:
    assert client_for(officer).get(reverse("tasks:task_edit", args=[task.pk])).status_code == 403
