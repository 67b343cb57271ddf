"""Backups that restore (manage.py backup / restore): a backup taken while documents with
files are being registered restores every write acknowledged before it started, with its file.

Runs the real commands in child processes on a database of their own: SQLite files here, and
two scratch databases on the same server when DATABASE_URL is PostgreSQL (the pg_dump path).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings

REPO = Path(settings.BASE_DIR)
WRITER = """
import os, sys, time
import django
django.setup()
from django.core.files.base import ContentFile
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, register_document

actor = Actor.command("test")
stop_file, deadline = sys.argv[1], time.time() + 120
n = 0
while not os.path.exists(stop_file) and time.time() < deadline and n < 5000:
    n += 1
    document = register_document(
        actor,
        DocumentData(f"{n}/QĐ-UBND", None, f"Văn bản số {n}"),
        file=ContentFile(f"noi dung {n}".encode(), name=f"van-ban-{n}.txt"),
    )
    print(document.pk, n, time.time(), flush=True)
"""


def _postgres_urls() -> Iterator[tuple[str, str]]:
    import psycopg

    base = os.environ["DATABASE_URL"]
    config = dj_database_url.parse(base)
    suffix = uuid.uuid4().hex[:8]
    names = [f"cchc_backup_src_{suffix}", f"cchc_backup_dst_{suffix}"]
    admin = psycopg.connect(
        dbname="postgres",  # the server's own database: the configured one may not exist
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
        autocommit=True,
    )
    for name in names:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield tuple(base.rsplit("/", 1)[0] + "/" + name for name in names)  # type: ignore[misc]
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def database_urls(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The source and the (empty) target database of the test."""
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        yield from _postgres_urls()
    else:
        yield f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{tmp_path / 'target.sqlite3'}"


def _environment(tmp_path: Path, url: str, media: str) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(
        DATABASE_URL=url,
        MEDIA_ROOT=str(tmp_path / media),
        JOBS_DB=str(tmp_path / "jobs.sqlite3"),
        DJANGO_SETTINGS_MODULE="cchc.settings",
        PYTHONPATH=str(REPO),
    )
    return environment


def _manage(environment: dict[str, str], *arguments: str) -> str:
    completed = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def _documents(environment: dict[str, str]) -> dict[int, str]:
    script = (
        "import django; django.setup()\n"
        "from cchc.documents.models import Document\n"
        "for d in Document.objects.order_by('pk'):\n"
        "    print(d.pk, d.file.open('rb').read().decode() if d.file else '')\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return {
        int(pk): content
        for pk, content in (line.split(" ", 1) for line in completed.stdout.splitlines())
    }


def test_a_backup_taken_while_writes_run_restores_every_acknowledged_write_and_its_file(
    tmp_path: Path, database_urls: tuple[str, str]
) -> None:
    source_url, target_url = database_urls
    source = _environment(tmp_path, source_url, "media-source")
    _manage(source, "migrate", "--noinput", "-v0")
    stop_file = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(stop_file)],
        cwd=REPO,
        env=source,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    lines = [writer.stdout.readline() for _ in range(20)]  # the writer is well under way
    backup_started = time.time()
    output = _manage(source, "backup", "--out", str(tmp_path / "backups"))
    backup_finished = time.time()
    time.sleep(3)  # writes go on after the backup
    stop_file.touch()
    stdout, stderr = writer.communicate(timeout=120)
    assert writer.returncode == 0, stderr
    acknowledged = [line.split() for line in [*lines, *stdout.splitlines()] if line.strip()]
    before = {int(pk): int(n) for pk, n, at in acknowledged if float(at) < backup_started}
    after = [int(pk) for pk, n, at in acknowledged if float(at) > backup_finished]
    assert len(before) > 10, "the writer had written little before the backup"
    assert "Đã sao lưu vào" in output
    archive = next((tmp_path / "backups").glob("cchc-backup-*.tar"))
    assert Path(f"{archive}.sha256").is_file()

    target = _environment(tmp_path, target_url, "media-target")
    assert "Đã khôi phục" in _manage(target, "restore", str(archive))
    restored = _documents(target)
    for pk, n in before.items():
        assert restored.get(pk) == f"noi dung {n}", f"write {n} (document {pk}) was lost"
    # Writes acknowledged after the backup had finished are not in it: it is a snapshot, not a
    # copy of a database being written.
    assert not set(after) & set(restored)


def test_restore_refuses_a_database_that_is_not_empty_and_a_damaged_archive(
    tmp_path: Path, database_urls: tuple[str, str]
) -> None:
    source_url, _ = database_urls
    source = _environment(tmp_path, source_url, "media-source")
    _manage(source, "migrate", "--noinput", "-v0")
    _manage(source, "backup", "--out", str(tmp_path / "backups"))
    archive = next((tmp_path / "backups").glob("cchc-backup-*.tar"))
    completed = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=REPO,
        env=source,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode != 0
    assert "chỉ khôi phục vào một cơ sở dữ liệu trống" in completed.stderr
    with archive.open("r+b") as handle:
        handle.seek(2000)
        handle.write(b"\0hong")
    completed = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=REPO,
        env=source,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "bị hỏng (sai mã kiểm tra)" in completed.stderr


def test_the_nightly_job_keeps_recent_archives_and_at_least_three(tmp_path: Path) -> None:
    from cchc.audit.backup import prune_backups

    now = time.time()
    for day in range(6):
        archive = tmp_path / f"cchc-backup-2025010{9 - day}-021500.tar"  # named by its time
        archive.write_bytes(b"x")
        Path(f"{archive}.sha256").write_text("x")
        os.utime(archive, (now - day * 10 * 86400, now - day * 10 * 86400))
    deleted = prune_backups(tmp_path, keep_days=14)
    kept = sorted(path.name for path in tmp_path.glob("*.tar"))
    # Newest first: days 0 and 10 are recent; day 20 is old but among the three newest.
    assert kept == [f"cchc-backup-2025010{9 - day}-021500.tar" for day in (2, 1, 0)]
    assert len(deleted) == 3
    assert not (tmp_path / "cchc-backup-20250104-021500.tar.sha256").exists()
