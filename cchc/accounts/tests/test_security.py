"""Security headers, cookies and CSRF on the pages every user sees first."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.models import AuditEntry
from conftest import PASSWORD

LOGIN = reverse("accounts:login")


def test_responses_carry_the_security_headers(db: None) -> None:
    response = Client().get(LOGIN)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_a_redirect_to_the_login_page_carries_the_security_headers_too(db: None) -> None:
    response = Client().get("/")
    assert response.status_code == 302
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_the_session_cookie_is_http_only_and_same_site(officer: User) -> None:
    response = Client().post(LOGIN, {"username": "chuyenvien", "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    # Expires when the browser closes: no max-age or expires date.
    assert not cookie["max-age"]
    assert not cookie["expires"]


def test_the_csrf_cookie_is_http_only(db: None) -> None:
    response = Client().get(LOGIN)
    assert response.cookies["csrftoken"]["httponly"] is True


def test_the_login_form_is_refused_without_a_csrf_token(officer: User) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "chuyenvien", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert not AuditEntry.objects.filter(action="auth.login").exists()


def test_the_login_form_works_with_the_token_from_the_page(officer: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.get(LOGIN)
    token = client.cookies["csrftoken"].value
    response = client.post(
        LOGIN, {"username": "chuyenvien", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)
