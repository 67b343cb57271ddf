from __future__ import annotations

import hashlib
import io
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cchc.audit.log import Actor
from cchc.lib.vnformat import format_int
from cchc.reporting.actions import import_onestop_stats
from cchc.reporting.models import Period
from cchc.reporting.onestop import OnestopFileError, read_stats_file


class Command(BaseCommand):
    help = (
        "Nhập số liệu hồ sơ TTHC từ Hệ thống một cửa (Biểu 06/VPCP/KSTT, .xlsx hoặc .csv) vào "
        "báo cáo của các đơn vị trong một kỳ. Số liệu đơn vị đã tự nhập khác với tệp được giữ "
        "nguyên và liệt kê, trừ khi có --overwrite."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--period", required=True, help="mã kỳ báo cáo, ví dụ 2025-Q4")
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="ghi đè cả số liệu đơn vị đã tự nhập khác với tệp",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        period = Period.objects.select_related("form").filter(code=options["period"]).first()
        if period is None:
            raise CommandError(f"Không có kỳ báo cáo «{options['period']}».")
        try:
            data = path.read_bytes()
        except OSError as e:
            raise CommandError(f"Không đọc được tệp {path}: {e.strerror}.") from e
        try:
            stats = read_stats_file(path.name, io.BytesIO(data))
        except OnestopFileError as e:
            raise CommandError("Tệp không nhập được:\n" + "\n".join(e.errors)) from e
        overwrite = bool(options["overwrite"])
        _batch, plan = import_onestop_stats(
            Actor.command("import_tthc_stats"),
            period,
            stats,
            sha256=hashlib.sha256(data).hexdigest(),
            overwrite=overwrite,
        )
        names = {i.code: i.name for i in period.form.indicators.all()}
        write = self.stdout.write
        write(f"Kỳ {period.code} ({period.title}), tệp {path.name}:")
        for unit_plan in plan.units:
            where = f"dòng {unit_plan.row.line}, {unit_plan.unit.code} {unit_plan.unit.name}"
            if unit_plan.problem:
                write(f"- {where}: không điền: {unit_plan.problem}")
                continue
            filled = dict(unit_plan.fill)
            if overwrite:
                filled.update({c.indicator: c.incoming for c in unit_plan.conflicts})
            parts = [f"{names.get(code, code)} {format_int(n)}" for code, n in filled.items()]
            listed = ": " + "; ".join(parts) if parts else ""
            write(f"- {where}: đã điền {len(filled)} số liệu{listed}")
            if unit_plan.same:
                write(f"    {len(unit_plan.same)} số liệu đơn vị đã nhập trùng với tệp")
            if not overwrite:
                for c in unit_plan.conflicts:
                    write(
                        f"    giữ số đơn vị đã nhập: {names.get(c.indicator, c.indicator)} "
                        f"{format_int(int(c.typed))} (tệp: {format_int(c.incoming)});"
                        " chạy lại với --overwrite để ghi đè"
                    )
        for item in plan.unmatched:
            write(f"- dòng {item.row.line}, «{item.row.label}»: không khớp đơn vị: {item.reason}")
        write("Đối chiếu với dòng tổng của tệp:")
        for line in plan.balance(overwrite):
            status = "khớp" if line.all_filled else "chưa điền hết"
            write(
                f"  {names.get(line.indicator, line.indicator)}: tổng của tệp"
                f" {format_int(line.file_total)}, đã điền {format_int(line.filled)},"
                f" chưa điền {format_int(line.not_filled)} ({status})"
            )
