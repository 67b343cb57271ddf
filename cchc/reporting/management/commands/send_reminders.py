from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from cchc.audit.log import Actor
from cchc.lib.commandargs import add_reminder_window, reminder_window
from cchc.lib.vnformat import format_date
from cchc.reporting.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc nộp báo cáo định kỳ: mỗi đơn vị chưa gửi báo cáo của kỳ đến hạn trong "
        "N ngày tới hoặc đã quá hạn nhận một thư, tới địa chỉ thư của chuyên viên đầu mối và "
        "lãnh đạo đơn vị."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_reminder_window(parser, default_days=3)

    def handle(self, *args: Any, **options: Any) -> None:
        as_of, days = reminder_window(options)
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
