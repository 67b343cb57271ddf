from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cchc.audit.log import Actor
from cchc.compiling import actions
from cchc.compiling.document import render
from cchc.orgs.models import Unit
from cchc.reporting.exports_commands import find_period, find_unit, output_path, write


class Command(BaseCommand):
    help = (
        "Soạn (hoặc dùng bản dự thảo đã lưu) báo cáo tổng hợp của một kỳ cho toàn tỉnh hoặc một "
        "nhánh đơn vị (--unit), do Sở Nội vụ (snv) hoặc UBND tỉnh (ubnd) ban hành, và ghi tệp "
        ".docx theo Nghị định 30."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--period", required=True, help="mã kỳ báo cáo, ví dụ 2025-H1")
        parser.add_argument("--unit", help="mã đơn vị gốc của nhánh (mặc định: toàn tỉnh)")
        parser.add_argument("--issuer", default="snv", choices=["snv", "ubnd"])
        parser.add_argument("--out", required=True, type=Path, help="tệp .docx")

    def handle(self, *args: Any, **options: Any) -> None:
        out = output_path(Path(options["out"]), (".docx",))
        write(out, compiled_docx(options["period"], options["unit"], options["issuer"]))
        self.stdout.write(str(out))


def compiled_docx(period_code: str, unit_code: str | None, issuer: str) -> bytes:
    """The saved compiled report of the period and scope, or a new draft saved first."""
    period = find_period(period_code)
    root = find_unit(unit_code) if unit_code else Unit.objects.root_of(None)
    if root is None:
        raise CommandError("Chưa có đơn vị nào trong cây đơn vị.")
    try:
        report = actions.start(Actor.command("compile_report"), period, root, issuer)
    except actions.CompilingError as e:
        raise CommandError(str(e)) from e
    return render(report)
