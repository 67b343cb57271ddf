from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cchc.audit.log import Actor
from cchc.lib.vnformat import format_date
from cchc.reporting.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc nộp báo cáo định kỳ: mỗi đơn vị chưa gửi báo cáo của kỳ đến hạn trong "
        "N ngày tới hoặc đã quá hạn nhận một thư, tới địa chỉ thư của chuyên viên đầu mối và "
        "lãnh đạo đơn vị."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--days", type=int, default=3, metavar="N", help="số ngày tới (mặc định 3)"
        )
        parser.add_argument(
            "--as-of", metavar="YYYY-MM-DD", help="tính đến ngày (mặc định: hôm nay)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days: int = options["days"]
        if days < 0:
            raise CommandError("--days phải từ 0 trở lên.")
        as_of = timezone.localdate()
        if options["as_of"]:
            try:
                as_of = dt.date.fromisoformat(options["as_of"])
            except ValueError as e:
                raise CommandError(f"--as-of phải là ngày YYYY-MM-DD: {options['as_of']}") from e
        reminders = send_reminders(Actor.command("send_reminders"), as_of, days)
        sent = [r for r in reminders if r.recipients]
        unreachable = [r for r in reminders if not r.recipients]
        for reminder in sent:
            state = "quá hạn" if reminder.overdue else "sắp đến hạn"
            self.stdout.write(
                f"Đã gửi {reminder.unit.name} – {reminder.period.title} ({state}, hạn "
                f"{format_date(reminder.period.due_date)}): {', '.join(reminder.recipients)}"
            )
        if unreachable:
            self.stdout.write(
                "Không gửi được (chưa có địa chỉ thư của chuyên viên đầu mối hoặc lãnh đạo đơn vị):"
            )
            for reminder in unreachable:
                self.stdout.write(f"  {reminder.unit.name} – {reminder.period.title}")
        self.stdout.write(
            f"Đã gửi {len(sent)} thư nhắc; {len(unreachable)} thư chưa gửi được vì đơn vị "
            "chưa có địa chỉ thư "
            f"(tính đến ngày {format_date(as_of)}, các kỳ đến hạn trong {days} ngày tới "
            "hoặc đã quá hạn)."
        )
