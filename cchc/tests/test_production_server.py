"""The shipped production server: gunicorn started from deploy/gunicorn.conf.py on a free
loopback port, with DEBUG off, serves the pages, the static files (WhiteNoise) and the
Vietnamese error pages, with the security headers; with the development key it refuses to
start."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

REPO = Path(settings.BASE_DIR)
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(tmp_path: Path, port: int, **changes: str) -> dict[str, str]:
    values = dict(os.environ)
    values.update(
        DJANGO_DEBUG="0",
        SECRET_KEY="khoa-bi-mat-cua-bai-thu-" + "x" * 40,
        DATABASE_URL=f"sqlite:///{tmp_path / 'cchc.sqlite3'}",
        JOBS_DB=str(tmp_path / "jobs.sqlite3"),
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
    )
    values.update(changes)
    return values


def get(port: int, path: str) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def wait_until_up(port: int, process: subprocess.Popen[bytes], seconds: float = 40) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stderr.read().decode() if process.stderr else "")
        try:
            get(port, "/dang-nhap/")
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("gunicorn did not answer")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[int]:
    port = free_port()
    env = environment(tmp_path, port)
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=REPO, env=env, check=True, timeout=120
        )
    process = subprocess.Popen(
        [str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "cchc.wsgi"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until_up(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=40)


def test_the_shipped_server_serves_pages_static_files_and_vietnamese_errors(server: int) -> None:
    status, headers, page = get(server, "/dang-nhap/")
    assert status == 200
    assert "Tên đăng nhập" in page
    assert headers["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self'")
    assert headers["X-Request-ID"]
    assert headers["Server-Timing"].startswith("app;dur=")
    status, headers, css = get(server, "/static/cchc/app.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css") and css
    status, headers, _ = get(server, "/")
    assert status == 302 and headers["Location"].startswith("/dang-nhap/")


def test_the_server_refuses_to_start_with_debug_off_and_the_development_key(
    tmp_path: Path,
) -> None:
    port = free_port()
    env = environment(tmp_path, port, SECRET_KEY="", SECRET_KEY_FILE="")
    completed = subprocess.run(
        [str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "cchc.wsgi"],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode != 0
    assert "SECRET_KEY (hoặc SECRET_KEY_FILE) chưa được đặt" in completed.stderr.decode()
