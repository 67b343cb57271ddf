"""The home page: the user's roles and their work (see cchc/tests/test_worklist.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User

HOME = reverse("home:index")


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


def test_the_home_page_lists_the_users_work_or_says_there_is_none(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    page = client_for(officer).get(HOME).content.decode()
    assert "Việc của tôi" in page
    assert "Hiện không có việc nào cần làm." in page


def test_a_leaders_home_page_is_the_dashboard(
    leader: User, client_for: Callable[[User], Client]
) -> None:
    page = client_for(leader).get(HOME).content.decode()
    assert "Lãnh đạo tỉnh" in page
    assert "Chỉ số cấp quốc gia" in page
    assert "Kỳ báo cáo hiện tại" in page


def test_the_menu_shows_only_what_the_user_may_open(
    officer: User, coordinator: User, admin_user: User, client_for: Callable[[User], Client]
) -> None:
    audit, admin = reverse("audit:audit_log"), reverse("admin:index")
    officer_page = client_for(officer).get(HOME).content.decode()
    assert reverse("orgs:unit_tree") in officer_page
    assert reverse("documents:document_list") in officer_page
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
    assert response["Location"] == f"{reverse('accounts:login')}?next=/"
