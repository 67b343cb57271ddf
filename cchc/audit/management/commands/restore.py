from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cchc.audit.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu (tệp .tar của lệnh backup) vào cơ sở dữ liệu trống và thư "
        "mục tệp tải lên trống, sau khi kiểm tra mã kiểm tra của từng phần."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("archive", type=Path, metavar="ARCHIVE.tar")

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        if not archive.is_file():
            raise CommandError(f"Không có tệp {archive}.")
        try:
            manifest = restore_backup(archive)
        except (BackupError, OSError) as e:
            raise CommandError(f"Không khôi phục được: {e}") from e
        self.stdout.write(
            f"Đã khôi phục bản sao lưu lúc {manifest['started']} "
            f"({len(manifest['sha256']) - 1} tệp tải lên)."
        )
