from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from cchc.compiling.management.commands.compile_report import compiled_docx
from cchc.reporting.exports import synthesis_xlsx
from cchc.reporting.exports_commands import find_period, find_unit, output_path, write


class Command(BaseCommand):
    help = (
        "Xuất báo cáo tổng hợp của một kỳ: .docx (báo cáo tổng hợp của Sở Nội vụ, như "
        "compile_report) hoặc .xlsx (số liệu của từng đơn vị), cho toàn tỉnh hoặc một nhánh "
        "đơn vị (--unit)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--period", required=True, help="mã kỳ báo cáo, ví dụ 2025-H1")
        parser.add_argument("--unit", help="mã đơn vị gốc của nhánh (mặc định: toàn tỉnh)")
        parser.add_argument("--out", required=True, type=Path, help="tệp .docx hoặc .xlsx")

    def handle(self, *args: Any, **options: Any) -> None:
        out = output_path(Path(options["out"]), (".docx", ".xlsx"))
        if out.suffix.lower() == ".docx":
            data = compiled_docx(options["period"], options["unit"], "snv")
        else:
            period = find_period(options["period"])
            root = find_unit(options["unit"]) if options["unit"] else None
            data = synthesis_xlsx(period, root)
        write(out, data)
        self.stdout.write(str(out))
