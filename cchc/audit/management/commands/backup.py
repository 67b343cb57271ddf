from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cchc.audit.backup import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu (SQLite: sao lưu trực tuyến; PostgreSQL: pg_dump) và các tệp "
        "tải lên vào một tệp .tar kèm mã kiểm tra SHA-256. Chạy được khi hệ thống đang hoạt động."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--out",
            type=Path,
            default=None,
            metavar="DIR",
            help="thư mục lưu bản sao (mặc định BACKUP_DIR)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out = options["out"] or Path(settings.BACKUP_DIR)
        try:
            archive = make_backup(out)
        except (BackupError, OSError) as e:
            raise CommandError(f"Không sao lưu được: {e}") from e
        self.stdout.write(f"Đã sao lưu vào {archive} (mã kiểm tra: {archive}.sha256).")
