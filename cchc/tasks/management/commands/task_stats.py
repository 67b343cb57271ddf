from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cchc.lib.commandargs import add_as_of, as_of
from cchc.lib.vnformat import format_date
from cchc.orgs.models import Unit
from cchc.tasks.models import Plan, Task
from cchc.tasks.stats import count_tasks


class Command(BaseCommand):
    help = (
        "Thống kê nhiệm vụ theo trạng thái, trong hạn / quá hạn. Các dòng: cho_tiep_nhan, "
        "dang_thuc_hien, cho_ket_thuc, da_hoan_thanh, khac (nhiệm vụ đã điều chỉnh không thực "
        'hiện hoặc hủy: chỉ đếm "total", "within" và "overdue" luôn là 0); các dòng cộng lại '
        "bằng tổng. --as-of: nhiệm vụ như tại ngày đó (đã được giao, trạng thái và hạn theo "
        "diễn biến), so với hạn tại ngày đó."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--plan", metavar="CODE", help="chỉ nhiệm vụ của kế hoạch này")
        parser.add_argument(
            "--unit",
            metavar="CODE",
            help="chỉ nhiệm vụ do đơn vị này hoặc đơn vị trực thuộc chủ trì",
        )
        add_as_of(parser)
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        tasks = Task.objects.all()
        if options["plan"]:
            plan = Plan.objects.filter(code=options["plan"]).first()
            if plan is None:
                raise CommandError(f"Không có kế hoạch mã {options['plan']}.")
            tasks = tasks.filter(plan=plan)
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"Không có đơn vị mã {options['unit']}.")
            tasks = tasks.filter(lead_unit__in=Unit.objects.subtree(unit))
        day = as_of(options)
        stats = count_tasks(tasks, day)
        if options["json"]:
            self.stdout.write(json.dumps(stats.as_json(), ensure_ascii=False))
            return
        self.stdout.write(f"Tính đến ngày {format_date(day)}")
        self.stdout.write(f"{'Trạng thái':<26}{'Tổng':>7}{'Trong hạn':>11}{'Quá hạn':>9}")
        for row in stats.rows:
            self.stdout.write(f"{row.label!s:<26}{row.total:>7}{row.within:>11}{row.overdue:>9}")
        self.stdout.write(f"{'Tổng cộng':<26}{stats.total:>7}")
