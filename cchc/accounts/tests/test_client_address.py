"""The client's address behind the reverse proxy (TRUSTED_PROXIES), as the audit and the
sign-in throttle see it (cchc.audit.log.client_ip)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from cchc.accounts.models import User
from cchc.audit.models import AuditEntry
from conftest import PASSWORD

LOGIN = reverse("accounts:login")
PROXY = "10.0.0.2"


def sign_in(forwarded_for: str, password: str = PASSWORD) -> int:
    response = Client().post(
        LOGIN,
        {"username": "chuyenvien", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )
    return response.status_code


def test_behind_one_proxy_the_audit_records_the_real_client_address(
    officer: User, settings: Settings
) -> None:
    settings.TRUSTED_PROXIES = 1
    assert sign_in("203.0.113.50") == 302
    assert AuditEntry.objects.get(action="auth.login").ip == "203.0.113.50"


def test_a_client_cannot_choose_its_address_by_sending_the_header_itself(
    officer: User, settings: Settings
) -> None:
    settings.TRUSTED_PROXIES = 1
    # The client wrote "1.2.3.4"; nginx appended the address it saw.
    sign_in("1.2.3.4, 203.0.113.50")
    assert AuditEntry.objects.get(action="auth.login").ip == "203.0.113.50"


def test_without_trusted_proxies_the_header_is_ignored(officer: User, settings: Settings) -> None:
    settings.TRUSTED_PROXIES = 0
    sign_in("203.0.113.50")
    assert AuditEntry.objects.get(action="auth.login").ip == PROXY


def test_failures_from_many_clients_behind_the_proxy_do_not_lock_everyone(
    officer: User, head: User, settings: Settings
) -> None:
    settings.TRUSTED_PROXIES = 1
    for n in range(20):
        sign_in(f"203.0.113.{n}", password="sai")
    response = Client().post(
        LOGIN,
        {"username": "giamdoc", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 302
    assert set(
        AuditEntry.objects.filter(action="auth.login_failed").values_list("ip", flat=True)
    ) == {f"203.0.113.{n}" for n in range(20)}
