from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cchc.audit.log import Actor
from cchc.lib.vnformat import format_date
from cchc.reporting.actions import open_periods
from cchc.reporting.workflows import ReportingError


class Command(BaseCommand):
    help = "Mở các kỳ báo cáo của một năm (mặc định: Quý I, 6 tháng, 9 tháng, năm)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("year", type=int)
        parser.add_argument("--kinds", help="các loại kỳ, cách nhau bởi dấu phẩy: Q1,Q2,H1,…")

    def handle(self, *args: Any, **options: Any) -> None:
        kinds = [k.strip() for k in options["kinds"].split(",")] if options["kinds"] else None
        try:
            opened = open_periods(Actor.command("open_periods"), options["year"], kinds)
        except ReportingError as e:
            raise CommandError(str(e)) from e
        for period in opened:
            self.stdout.write(
                f"{period.code}: {period.title}, số liệu {format_date(period.start)}–"
                f"{format_date(period.end)}, hạn nộp {format_date(period.due_date)}"
            )
        if not opened:
            self.stdout.write("Không có kỳ mới nào (các kỳ đã mở từ trước).")
