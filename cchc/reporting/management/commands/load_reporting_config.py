from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cchc.audit.log import Actor
from cchc.reporting.actions import load_config
from cchc.reporting.loading import CONFIG_DIR, ConfigError, read_config


class Command(BaseCommand):
    help = "Nạp cấu hình báo cáo (kỳ báo cáo, biểu mẫu, chỉ tiêu, quy tắc) từ các tệp YAML."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dir", type=Path, default=CONFIG_DIR, help="thư mục cấu hình")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            config = read_config(options["dir"])
        except ConfigError as e:
            raise CommandError("Cấu hình có lỗi, chưa nạp gì:\n" + "\n".join(e.errors)) from e
        counts = load_config(Actor.command("load_reporting_config"), config)
        self.stdout.write(
            f"Đã nạp {counts['period_kinds']} loại kỳ báo cáo và {counts['forms']} biểu mẫu."
        )
        if counts["onestop_codes"] or counts["onestop_codes_skipped"]:
            self.stdout.write(
                f"Mã đơn vị trên Hệ thống một cửa: {counts['onestop_codes']} đã nạp, "
                f"{counts['onestop_codes_skipped']} bỏ qua (đơn vị chưa có)."
            )
