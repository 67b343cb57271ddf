from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cchc.audit.log import Actor
from cchc.orgs.actions import UnitImportError, import_units
from cchc.orgs.csvio import read_units_csv


class Command(BaseCommand):
    help = "Nhập đơn vị từ tệp CSV (cùng các cột của export_units); lỗi một dòng thì không nhập gì."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise CommandError(f"Không đọc được tệp {path}: {e}") from e
        try:
            result = import_units(Actor.command("import_units"), read_units_csv(text))
        except UnitImportError as e:
            raise CommandError("Không nhập đơn vị nào:\n" + "\n".join(e.errors)) from e
        self.stdout.write(
            f"Đã thêm {len(result.created)} đơn vị, cập nhật {len(result.updated)} đơn vị."
        )
