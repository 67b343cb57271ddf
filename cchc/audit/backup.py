"""Backups that restore: the database and the uploaded files in one archive with checksums.

``make_backup`` writes ``cchc-backup-YYYYmmdd-HHMMSS.tar`` (and ``….tar.sha256`` beside it):
- ``database.sqlite3``: SQLite's online backup API, a consistent copy taken while the site runs
  (a plain copy of a WAL database loses the writes still in the -wal file);
  or ``database.pgdump``: ``pg_dump --format=custom`` of PostgreSQL;
- ``media/…``: every uploaded file, copied after the database, so each file the copy refers to
  is there;
- ``manifest.json``: engine, time, and the SHA-256 of every other member.
``restore_backup`` checks the checksums, refuses a database that is not empty, and restores
the database (file copy or ``pg_restore``) and the files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

ARCHIVE_PREFIX = "cchc-backup-"
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """The backup or restore cannot be done; the message says why, in Vietnamese."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore connection arguments and environment (the password stays out of
    the command line)."""
    database = settings.DATABASES["default"]
    arguments = ["--dbname", str(database["NAME"])]
    if database.get("HOST"):
        arguments += ["--host", str(database["HOST"])]
    if database.get("PORT"):
        arguments += ["--port", str(database["PORT"])]
    if database.get("USER"):
        arguments += ["--username", str(database["USER"])]
    environment = dict(os.environ)
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = str(database["PASSWORD"])
    return arguments, environment


def _dump_database(directory: Path) -> Path:
    if _engine() == "sqlite":
        target = directory / "database.sqlite3"
        connection.ensure_connection()
        source = connection.connection
        with sqlite3.connect(target) as copy:
            source.backup(copy)
        copy.close()
        return target
    target = directory / "database.pgdump"
    arguments, environment = _pg_environment()
    completed = subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *arguments],
        env=environment,
        capture_output=True,
        check=False,
    )
    if completed.returncode != 0:
        raise BackupError(
            "pg_dump không chạy được: " + completed.stderr.decode(errors="replace")[:500]
        )
    return target


def make_backup(out_dir: Path) -> Path:
    """Write one archive of the database and the uploaded files into ``out_dir``; returns its
    path. Safe while the site runs."""
    out_dir.mkdir(parents=True, exist_ok=True)
    started = timezone.now()
    name = f"{ARCHIVE_PREFIX}{timezone.localtime(started):%Y%m%d-%H%M%S}"
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=out_dir) as scratch:
        database = _dump_database(Path(scratch))
        archive_path = out_dir / f"{name}.tar"
        partial = out_dir / f"{name}.tar.partial"
        checksums = {f"{database.name}": _sha256(database)}
        with tarfile.open(partial, "w") as archive:
            archive.add(database, arcname=database.name)
            if media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        member = "media/" + path.relative_to(media_root).as_posix()
                        checksums[member] = _sha256(path)
                        archive.add(path, arcname=member)
            manifest = json.dumps(
                {
                    "engine": _engine(),
                    "started": started.isoformat(),
                    "sha256": checksums,
                },
                ensure_ascii=False,
                indent=1,
            ).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(manifest)
            info.mtime = int(started.timestamp())
            archive.addfile(info, io.BytesIO(manifest))
        partial.rename(archive_path)
    (out_dir / f"{archive_path.name}.sha256").write_text(
        f"{_sha256(archive_path)}  {archive_path.name}\n", encoding="utf-8"
    )
    return archive_path


def prune_backups(out_dir: Path, keep_days: int, keep_at_least: int = 3) -> list[Path]:
    """Delete archives older than ``keep_days`` days, keeping the newest ``keep_at_least``
    whatever their age; returns what was deleted."""
    archives = sorted(out_dir.glob(f"{ARCHIVE_PREFIX}*.tar"), reverse=True)
    limit = timezone.now() - dt.timedelta(days=keep_days)
    deleted = []
    for archive in archives[keep_at_least:]:
        modified = dt.datetime.fromtimestamp(archive.stat().st_mtime, tz=dt.UTC)
        if modified < limit:
            archive.unlink()
            Path(f"{archive}.sha256").unlink(missing_ok=True)
            deleted.append(archive)
    return deleted


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    return not tables


def restore_backup(archive_path: Path) -> dict[str, Any]:
    """Restore ``archive_path`` into the configured, empty database and media folder;
    returns the manifest. BackupError when a checksum fails or the target is not empty."""
    sidecar = Path(f"{archive_path}.sha256")
    if sidecar.is_file():
        expected = sidecar.read_text(encoding="utf-8").split()[0]
        if _sha256(archive_path) != expected:
            raise BackupError(f"Tệp sao lưu {archive_path.name} bị hỏng (sai mã kiểm tra).")
    if not _database_is_empty():
        raise BackupError(
            "Cơ sở dữ liệu đích đã có bảng; chỉ khôi phục vào một cơ sở dữ liệu trống."
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir() and any(media_root.iterdir()):
        raise BackupError(f"Thư mục tệp tải lên {media_root} không trống.")
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(archive_path) as archive:
        archive.extractall(scratch, filter="data")
        root = Path(scratch)
        try:
            manifest: dict[str, Any] = json.loads((root / "manifest.json").read_text("utf-8"))
        except (OSError, ValueError) as e:
            raise BackupError("Tệp sao lưu thiếu manifest.json.") from e
        for member, checksum in manifest["sha256"].items():
            if _sha256(root / member) != checksum:
                raise BackupError(f"Tệp {member} trong bản sao lưu bị hỏng (sai mã kiểm tra).")
        if manifest["engine"] != _engine():
            raise BackupError(
                f"Bản sao lưu của {manifest['engine']}, cơ sở dữ liệu đích là {_engine()}."
            )
        _restore_database(root)
        if (root / "media").is_dir():
            shutil.copytree(root / "media", media_root, dirs_exist_ok=True)
    return manifest


def _restore_database(root: Path) -> None:
    if _engine() == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(root / "database.sqlite3") as source:
            source.backup(connection.connection)
        source.close()
        return
    arguments, environment = _pg_environment()
    completed = subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", *arguments, str(root / "database.pgdump")],
        env=environment,
        capture_output=True,
        check=False,
    )
    if completed.returncode != 0:
        raise BackupError(
            "pg_restore không chạy được: " + completed.stderr.decode(errors="replace")[:500]
        )
