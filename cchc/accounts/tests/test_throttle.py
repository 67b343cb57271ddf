"""Refusing sign-in after repeated failures, counted from the audit log (accounts/throttle.py)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from cchc.accounts.models import User
from cchc.accounts.throttle import ADDRESS_FACTOR, NAME_FACTOR, is_locked
from cchc.audit.models import AuditEntry
from conftest import PASSWORD

LOGIN = reverse("accounts:login")
LOCKED = "Đăng nhập sai quá nhiều lần"


def fail(client: Client, username: str, ip: str = "203.0.113.7") -> None:
    response = client.post(LOGIN, {"username": username, "password": "sai"}, REMOTE_ADDR=ip)
    assert response.status_code == 200


def old_failure(username: str, ip: str, minutes_ago: int) -> None:
    AuditEntry.objects.create(
        at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        actor_label=username,
        action="auth.login_failed",
        ip=ip,
    )


def test_after_the_limit_of_failures_even_the_right_password_is_refused(officer: User) -> None:
    client = Client()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        fail(client, "chuyenvien")
    response = client.post(
        LOGIN, {"username": "chuyenvien", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    locked = AuditEntry.objects.get(action="auth.login_locked")
    assert locked.actor_label == "chuyenvien"
    assert locked.ip == "203.0.113.7"
    assert not AuditEntry.objects.filter(action="auth.login").exists()


def test_one_failure_fewer_than_the_limit_still_lets_the_user_in(officer: User) -> None:
    client = Client()
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        fail(client, "chuyenvien")
    response = client.post(LOGIN, {"username": "chuyenvien", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_a_strangers_failures_do_not_lock_the_user_out_from_another_address(
    officer: User,
) -> None:
    client = Client()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        fail(client, "chuyenvien", ip="203.0.113.7")
    response = Client().post(
        LOGIN, {"username": "chuyenvien", "password": PASSWORD}, REMOTE_ADDR="198.51.100.1"
    )
    assert response.status_code == 302


def test_a_name_guessed_from_many_addresses_is_locked_except_where_its_owner_signs_in(
    officer: User,
) -> None:
    Client().post(
        LOGIN, {"username": "chuyenvien", "password": PASSWORD}, REMOTE_ADDR="198.51.100.1"
    )
    for n in range(settings.LOGIN_FAILURE_LIMIT * NAME_FACTOR):
        old_failure("chuyenvien", f"203.0.113.{n}", minutes_ago=1)
    assert is_locked("chuyenvien", "192.0.2.99")
    assert not is_locked("chuyenvien", "198.51.100.1")
    response = Client().post(
        LOGIN, {"username": "chuyenvien", "password": PASSWORD}, REMOTE_ADDR="198.51.100.1"
    )
    assert response.status_code == 302


def test_twenty_failures_from_one_address_leave_another_user_free_to_sign_in(
    officer: User, head: User
) -> None:
    client = Client()
    for n in range(20):
        fail(client, ["chuyenvien", "giamdoc", "khong-co"][n % 3], ip="203.0.113.7")
    response = Client().post(
        LOGIN, {"username": "giamdoc", "password": PASSWORD}, REMOTE_ADDR="203.0.113.8"
    )
    assert response.status_code == 302
    response = Client().post(
        LOGIN, {"username": "giamdoc", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    assert LOCKED in response.content.decode()  # giamdoc's own name was guessed there 7 times
    assert not is_locked("chuyenvien2", "203.0.113.7")


def test_failures_older_than_the_window_do_not_count(officer: User) -> None:
    window = settings.LOGIN_FAILURE_WINDOW_MINUTES
    for _ in range(settings.LOGIN_FAILURE_LIMIT * 2):
        old_failure("chuyenvien", "203.0.113.7", minutes_ago=window + 1)
    client = Client()
    response = client.post(
        LOGIN, {"username": "chuyenvien", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="auth.login_locked").exists()


def test_failures_inside_the_window_count_with_the_new_ones(officer: User) -> None:
    window = settings.LOGIN_FAILURE_WINDOW_MINUTES
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        old_failure("chuyenvien", "203.0.113.7", minutes_ago=window - 1)
    assert not is_locked("chuyenvien", "203.0.113.7")
    fail(Client(), "chuyenvien")
    assert is_locked("chuyenvien", "203.0.113.7")


def test_another_users_failures_do_not_lock_this_user(officer: User, head: User) -> None:
    client = Client()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        fail(client, "giamdoc")
    response = client.post(LOGIN, {"username": "chuyenvien", "password": PASSWORD})
    assert response.status_code == 302


def test_an_address_is_locked_after_many_failures_across_user_names(officer: User) -> None:
    limit = settings.LOGIN_FAILURE_LIMIT * ADDRESS_FACTOR
    for n in range(limit):
        old_failure(f"doan-{n}", "203.0.113.7", minutes_ago=1)
    assert is_locked("chuyenvien", "203.0.113.7")
    assert not is_locked("chuyenvien", "198.51.100.1")
    response = Client().post(
        LOGIN, {"username": "chuyenvien", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    assert LOCKED in response.content.decode()


def test_a_department_behind_one_address_is_not_locked_by_a_few_failures(officer: User) -> None:
    for n in range(settings.LOGIN_FAILURE_LIMIT * ADDRESS_FACTOR - 1):
        old_failure(f"can-bo-{n}", "203.0.113.7", minutes_ago=1)
    response = Client().post(
        LOGIN, {"username": "chuyenvien", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 302


def test_the_limit_comes_from_the_setting(officer: User, settings: Settings) -> None:
    settings.LOGIN_FAILURE_LIMIT = 2
    client = Client()
    fail(client, "chuyenvien")
    assert not is_locked("chuyenvien", "203.0.113.7")
    fail(client, "chuyenvien")
    assert is_locked("chuyenvien", "203.0.113.7")
