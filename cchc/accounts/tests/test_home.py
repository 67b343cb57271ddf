"""The home page: the user's roles, counts and the latest documents."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, register_document
from cchc.documents.models import Document
from cchc.orgs.models import Unit

HOME = reverse("home")


def test_the_home_page_greets_the_user_with_their_role_and_unit(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    officer.full_name = "Nguyễn Thị Lan"
    officer.save()
    response = client_for(officer).get(HOME)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Xin chào, Nguyễn Thị Lan" in page
    assert "Chuyên viên đầu mối" in page
    assert "Sở Tư pháp" in page


def test_the_home_page_counts_units_and_documents_and_lists_the_latest(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    register_document(
        Actor.of_user(officer), DocumentData("590/QĐ-UBND", None, "Ban hành Kế hoạch")
    )
    response = client_for(officer).get(HOME)
    page = response.content.decode()
    assert response.context["unit_count"] == Unit.objects.count() == 6
    assert response.context["document_count"] == Document.objects.count() == 1
    assert "Quyết định số 590/QĐ-UBND" in page
    assert "văn bản trong sổ" in page


def test_the_home_page_without_documents_says_so(
    leader: User, client_for: Callable[[User], Client]
) -> None:
    page = client_for(leader).get(HOME).content.decode()
    assert "Chưa có văn bản." in page
    assert "Lãnh đạo tỉnh" in page


def test_the_menu_shows_only_what_the_user_may_open(
    officer: User, coordinator: User, admin_user: User, client_for: Callable[[User], Client]
) -> None:
    audit, admin = reverse("audit_log"), reverse("admin:index")
    officer_page = client_for(officer).get(HOME).content.decode()
    assert reverse("unit_tree") in officer_page
    assert reverse("document_list") in officer_page
    assert audit not in officer_page
    assert admin not in officer_page
    coordinator_page = client_for(coordinator).get(HOME).content.decode()
    assert audit in coordinator_page
    assert admin not in coordinator_page
    admin_page = client_for(admin_user).get(HOME).content.decode()
    assert audit in admin_page
    assert admin in admin_page


def test_an_outsider_is_refused_the_home_page_in_vietnamese(
    outsider: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(outsider).get(HOME)
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


def test_an_anonymous_visitor_is_sent_from_the_home_page_to_the_login_page(db: None) -> None:
    response = Client().get(HOME)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"
