from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from cchc.audit.log import Actor
from cchc.lib.vnformat import format_int
from cchc.reporting import actions
from cchc.reporting.entry import figure_text
from cchc.reporting.exports_commands import find_period, find_unit
from cchc.reporting.filling import read_file_for_report
from cchc.reporting.models import Report
from cchc.reporting.workflows import ReportingError


class Command(BaseCommand):
    help = (
        "Nhập tệp báo cáo có sẵn (Word, PDF, văn bản) vào báo cáo của một đơn vị trong một kỳ: "
        "nội dung chia theo các phần của biểu mẫu, số liệu kèm câu nguồn. Nội dung và số liệu đã "
        "có được giữ nguyên."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="tệp .docx, .pdf, .txt hoặc .md")
        parser.add_argument("--period", required=True, help="mã kỳ báo cáo, ví dụ 2025-H1")
        parser.add_argument("--unit", required=True, help="mã đơn vị, ví dụ QNG-STP")
        parser.add_argument(
            "--force",
            action="store_true",
            help="nhập cả khi cơ quan ban hành hoặc kỳ của tệp không khớp",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không có tệp {path}.")
        period = find_period(options["period"])
        unit = find_unit(options["unit"])
        reading = read_file_for_report(path, period, unit)
        if reading.error:
            raise CommandError(f"{path.name}: {reading.error}")
        if reading.mismatches and not options["force"]:
            raise CommandError(
                f"{path.name} không giống báo cáo của {unit.name} kỳ {period.title}: "
                + " ".join(reading.mismatches)
                + " Dùng --force nếu vẫn muốn nhập."
            )
        actor = Actor.command("import_report")
        existing = Report.objects.filter(period=period, unit=unit).first()
        report = existing or actions.start_report_for_import(actor, period, unit)
        if existing is None:
            self.stdout.write(f"Đã tạo bản nháp báo cáo của {unit.name}, {period.title}.")
        try:
            with path.open("rb") as handle:
                filled = actions.fill_from_file(
                    actor,
                    report,
                    reading,
                    upload=File(handle, name=path.name),
                    sections=list(reading.split.texts),
                )
        except ReportingError as e:
            raise CommandError(str(e)) from e
        indicators = {i.code: i for i in period.form.indicators.all()}
        for section in period.form.sections:
            code = str(section["code"])
            line = f"{code}. {section['title']}: "
            if code in filled.sections:
                text = reading.split.texts[code]
                line += f"đã điền {format_int(len(text))} ký tự"
            elif code in filled.kept_sections:
                line += "giữ nội dung đã có (tệp có nội dung khác)"
            else:
                line += "tệp không có"
            self.stdout.write(line)
            for figure_code in filled.figures:
                indicator = indicators[figure_code]
                if indicator.section == code:
                    figure = reading.figures[figure_code]
                    self.stdout.write(
                        f"  {indicator.name}: {figure_text(indicator, figure.value)}"
                        f" – «{figure.text}»"
                    )
        for code in filled.kept_figures:
            self.stdout.write(f"Giữ số liệu đã có: {indicators[code].name}.")
