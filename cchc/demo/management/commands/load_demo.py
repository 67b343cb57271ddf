from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cchc.audit.log import Actor
from cchc.demo.current import load_current
from cchc.demo.province import DEMO_PASSWORD, DEMO_USERS, load
from cchc.lib.vnformat import format_date
from cchc.notifications.notify import muted


class Command(BaseCommand):
    help = (
        "Nạp tỉnh mẫu (đơn vị, người dùng mẫu, văn bản, kế hoạch và nhiệm vụ, báo cáo định kỳ, "
        "chỉ số cải cách hành chính), các năm từ 2026 dựng theo ngày nạp (--today); "
        "chạy lại không tạo trùng."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help="ngày mà tỉnh mẫu đang ở (mặc định: hôm nay); không sớm hơn 01/01/2026",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = _today(options.get("today"))
        actor = Actor.command("load_demo")
        # The recorded history is not news: nobody is notified of it.
        with muted():
            added = load(actor, today)
        current = load_current(actor, today)
        self.stdout.write(
            f"Tỉnh mẫu: thêm {added['units']} đơn vị, {added['users']} người dùng, "
            f"{added['documents']} văn bản, {added['tasks']} nhiệm vụ, "
            f"{added['reports']} báo cáo định kỳ."
        )
        self.stdout.write(
            f"Chỉ số CCHC: thêm {added['frameworks']} bộ chỉ số, {added['assessments']} kết quả "
            f"chấm điểm của đơn vị, {added['indices']} kết quả chỉ số cấp quốc gia."
        )
        self.stdout.write(
            f"Tình hình đến ngày {format_date(today)}: thêm {current['periods']} kỳ báo cáo, "
            f"{current['reports']} báo cáo, {current['tasks']} nhiệm vụ của kế hoạch năm."
        )
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.username:<12} {demo.description}")


def _today(value: str | None) -> dt.date:
    if not value:
        return timezone.localdate()
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as e:
        raise CommandError(f"--today phải là ngày YYYY-MM-DD: {value}") from e
    if day < dt.date(2026, 1, 1):
        raise CommandError("--today không sớm hơn 01/01/2026: các năm trước là lịch sử của tỉnh.")
    return day
