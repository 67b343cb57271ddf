"""Tests of the settings that are read from the environment (cchc/settings.py)."""

from __future__ import annotations

import pytest
from django.conf import settings

from cchc import settings as project_settings
from cchc.settings import _database


def test_a_sqlite_url_gives_wal_immediate_transactions_and_a_busy_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SQLITE_BUSY_TIMEOUT", raising=False)
    config = _database("sqlite:///x.db")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"].endswith("x.db")
    options = config["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 20
    assert "PRAGMA journal_mode=WAL;" in options["init_command"]
    assert "PRAGMA foreign_keys=ON;" in options["init_command"]
    assert "PRAGMA synchronous=NORMAL;" in options["init_command"]
    # SQLite connections are cheap and must not be shared across threads.
    assert config["CONN_MAX_AGE"] == 0


def test_the_sqlite_busy_timeout_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SQLITE_BUSY_TIMEOUT", "45")
    assert _database("sqlite:///x.db")["OPTIONS"]["timeout"] == 45


def test_a_postgres_url_gives_the_postgresql_engine_without_sqlite_options() -> None:
    config = _database("postgres://cchc:mat-khau@db.example.vn:5432/cchc")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "cchc"
    assert config["HOST"] == "db.example.vn"
    assert config["PORT"] == 5432
    assert config["USER"] == "cchc"
    assert config["CONN_MAX_AGE"] == 60
    assert "transaction_mode" not in config.get("OPTIONS", {})


def test_the_project_runs_on_vietnam_time_with_aware_datetimes() -> None:
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True
    assert settings.LANGUAGE_CODE == "vi"


def test_argon2_is_the_first_password_hasher_of_the_real_settings() -> None:
    # The test suite swaps in a fast hasher (conftest.py); the module keeps the real list.
    argon2 = "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert project_settings.PASSWORD_HASHERS[0] == argon2


def test_the_login_throttle_defaults_to_five_failures_in_fifteen_minutes() -> None:
    assert settings.LOGIN_FAILURE_LIMIT == 5
    assert settings.LOGIN_FAILURE_WINDOW_MINUTES == 15
