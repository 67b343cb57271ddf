"""The register's document page lists the tasks the document assigned (the link both ways)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from cchc.accounts.models import User
from cchc.documents.models import Document
from cchc.tasks.tests.conftest import MakeTask
from cchc.testing import Clients
from conftest import Province


def test_a_document_page_lists_its_plan_and_the_tasks_the_user_may_read(
    make_task: MakeTask,
    plan_document: Document,
    snv_officer: User,
    coordinator: User,
    client_for: Clients,
    province: Province,
) -> None:
    make_task(content="Rà soát văn bản")
    make_task(content="Kiểm tra công vụ", lead_unit=province.snv, item_number="2")
    url = reverse("documents:document_detail", args=[plan_document.pk])
    page = client_for(coordinator).get(url).content.decode()
    assert "Kế hoạch ban hành kèm theo" in page
    assert reverse("tasks:plan_detail", args=["KH-CCHC-2025"]) in page
    assert "Rà soát văn bản" in page and "Kiểm tra công vụ" in page
    assert f"{reverse('tasks:task_create')}?van_ban={plan_document.pk}" in page
    page = client_for(snv_officer).get(url).content.decode()
    assert "Kiểm tra công vụ" in page
    assert "Rà soát văn bản" not in page
    assert reverse("tasks:task_create") not in page


def test_a_document_with_more_tasks_links_to_the_full_list(
    many_tasks: Callable[[int], None], plan_document: Document, leader: User, client_for: Clients
) -> None:
    many_tasks(25)
    page = client_for(leader).get(reverse("documents:document_detail", args=[plan_document.pk]))
    assert "Xem cả 25 nhiệm vụ" in page.content.decode()
    assert len(page.context["tasks"]) == 20
