from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from cchc.audit.log import Actor
from cchc.lib.commandargs import add_reminder_window, reminder_window
from cchc.lib.vnformat import format_date
from cchc.tasks.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc cho từng đơn vị chủ trì: nhiệm vụ quá hạn và nhiệm vụ đến hạn trong "
        "N ngày tới, tới địa chỉ thư của chuyên viên đầu mối và lãnh đạo đơn vị."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_reminder_window(parser, default_days=7)

    def handle(self, *args: Any, **options: Any) -> None:
        as_of, days = reminder_window(options)
        digests = send_reminders(Actor.command("send_task_reminders"), as_of, days)
        sent = [d for d in digests if d.recipients]
        for digest in digests:
            counts = f"{len(digest.overdue)} quá hạn, {len(digest.due_soon)} sắp đến hạn"
            if digest.recipients:
                self.stdout.write(
                    f"Đã gửi {digest.unit.name} ({counts}): {', '.join(digest.recipients)}"
                )
            else:
                self.stdout.write(
                    f"Không gửi được cho {digest.unit.name} ({counts}): chưa có địa chỉ thư "
                    "của chuyên viên đầu mối hoặc lãnh đạo đơn vị."
                )
        self.stdout.write(f"Đã gửi {len(sent)} thư nhắc (tính đến ngày {format_date(as_of)}).")
