"""The sign-in page (/dang-nhap/): Vietnamese, audited, and the way into every other page."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.models import AuditEntry
from conftest import PASSWORD

LOGIN = reverse("accounts:login")


def test_the_login_page_is_in_vietnamese(db: None) -> None:
    response = Client().get(LOGIN)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "Đăng nhập" in page
    assert "Tên đăng nhập" in page
    assert "Mật khẩu" in page
    assert 'name="username"' in page
    assert 'name="password"' in page


def test_a_wrong_password_shows_the_vietnamese_error_and_is_recorded_with_the_address(
    officer: User,
) -> None:
    response = Client().post(
        LOGIN, {"username": "chuyenvien", "password": "sai-mat-khau"}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    assert "_auth_user_id" not in response.client.session
    entry = AuditEntry.objects.get(action="auth.login_failed")
    assert entry.actor_label == "chuyenvien"
    assert entry.actor is None
    assert entry.ip == "203.0.113.7"
    assert not AuditEntry.objects.filter(action="auth.login").exists()


def test_the_right_password_signs_in_goes_home_and_is_recorded(officer: User) -> None:
    client = Client()
    response = client.post(
        LOGIN, {"username": "chuyenvien", "password": PASSWORD}, REMOTE_ADDR="198.51.100.20"
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home:index")
    assert client.session["_auth_user_id"] == str(officer.pk)
    entry = AuditEntry.objects.get(action="auth.login")
    assert entry.actor == officer
    assert entry.actor_label == "chuyenvien"
    assert entry.ip == "198.51.100.20"
    assert entry.object_id == str(officer.pk)


def test_signing_in_follows_the_next_address(officer: User) -> None:
    response = Client().post(
        f"{LOGIN}?next=/van-ban/",
        {"username": "chuyenvien", "password": PASSWORD, "next": "/van-ban/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/van-ban/"


def test_signing_in_does_not_follow_a_next_address_on_another_site(officer: User) -> None:
    response = Client().post(
        LOGIN, {"username": "chuyenvien", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home:index")


def test_an_inactive_user_cannot_sign_in(officer: User) -> None:
    officer.is_active = False
    officer.save()
    response = Client().post(LOGIN, {"username": "chuyenvien", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in response.client.session
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_a_signed_in_user_visiting_the_login_page_is_sent_home(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(officer).get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == reverse("home:index")


def test_an_anonymous_visitor_to_the_home_page_is_sent_to_the_login_page(db: None) -> None:
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/"


def test_an_anonymous_visitor_to_any_page_is_sent_to_the_login_page_with_next(db: None) -> None:
    response = Client().get("/van-ban/?q=590", follow=True)
    assert response.redirect_chain == [(f"{LOGIN}?next=/van-ban/%3Fq%3D590", 302)]
    assert "Tên đăng nhập" in response.content.decode()


def test_signing_out_is_recorded_and_ends_the_session(officer: User) -> None:
    client = Client()
    assert client.login(username="chuyenvien", password=PASSWORD)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.get(action="auth.logout")
    assert entry.actor == officer
