from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cchc.reporting.exports import unit_report_docx
from cchc.reporting.exports_commands import find_period, find_unit, output_path, write
from cchc.reporting.models import Report


class Command(BaseCommand):
    help = "Xuất báo cáo cải cách hành chính của một đơn vị trong một kỳ ra tệp .docx."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--period", required=True, help="mã kỳ báo cáo, ví dụ 2025-H1")
        parser.add_argument("--unit", required=True, help="mã đơn vị, ví dụ QNG-STP")
        parser.add_argument("--out", required=True, type=Path, help="tệp .docx sẽ ghi")

    def handle(self, *args: Any, **options: Any) -> None:
        out = output_path(Path(options["out"]), (".docx",))
        period = find_period(options["period"])
        unit = find_unit(options["unit"])
        report = (
            Report.objects.select_related("unit__parent", "period__form", "period__requested_by")
            .filter(period=period, unit=unit)
            .first()
        )
        if report is None:
            raise CommandError(f"{unit.name} chưa có báo cáo kỳ {period.code} ({period.title}).")
        write(out, unit_report_docx(report))
        self.stdout.write(str(out))
