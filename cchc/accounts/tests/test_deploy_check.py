"""``manage.py check --deploy`` under production settings, run as the server would run it."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def production_environment(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECRET_KEY", "DJANGO_", "CCHC_", "ALLOWED_HOSTS", "DATABASE_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cchc.settings",
        DJANGO_DEBUG="0",
        CCHC_HTTPS="1",
        ALLOWED_HOSTS="cchc.example.vn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'cchc.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    env.update(overrides)
    return env


def run_manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(MANAGE), *args],
        env=env,
        cwd=MANAGE.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_deploy_check_is_clean_under_production_settings(tmp_path: Path) -> None:
    env = production_environment(tmp_path, SECRET_KEY=secrets.token_urlsafe(45)[:60])
    assert len(env["SECRET_KEY"]) == 60
    result = run_manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_secret_key_may_come_from_a_file(tmp_path: Path) -> None:
    key_file = tmp_path / "secret_key"
    key_file.write_text(secrets.token_urlsafe(45)[:60] + "\n", encoding="utf-8")
    env = production_environment(tmp_path, SECRET_KEY_FILE=str(key_file))
    result = run_manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_load_without_a_secret_key(tmp_path: Path) -> None:
    result = run_manage(production_environment(tmp_path), "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY (or SECRET_KEY_FILE) must be set in production" in result.stderr
