from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cchc.audit.log import Actor
from cchc.tasks.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc cho từng đơn vị chủ trì: nhiệm vụ quá hạn và nhiệm vụ đến hạn trong "
        "N ngày tới, tới địa chỉ thư của chuyên viên đầu mối và lãnh đạo đơn vị."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--days", type=int, default=7, metavar="N", help="số ngày tới (mặc định 7)"
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
        self.stdout.write(f"Đã gửi {len(sent)} thư nhắc (tính đến ngày {as_of:%d/%m/%Y}).")
