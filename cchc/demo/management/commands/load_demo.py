from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cchc.audit.log import Actor
from cchc.demo.province import DEMO_PASSWORD, DEMO_USERS, load


class Command(BaseCommand):
    help = (
        "Nạp tỉnh mẫu (đơn vị, người dùng mẫu, văn bản, kế hoạch và nhiệm vụ, báo cáo định kỳ, "
        "chỉ số cải cách hành chính); "
        "chạy lại không tạo trùng."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        added = load(Actor.command("load_demo"))
        self.stdout.write(
            f"Tỉnh mẫu: thêm {added['units']} đơn vị, {added['users']} người dùng, "
            f"{added['documents']} văn bản, {added['tasks']} nhiệm vụ, "
            f"{added['reports']} báo cáo định kỳ."
        )
        self.stdout.write(
            f"Chỉ số CCHC: thêm {added['frameworks']} bộ chỉ số, {added['assessments']} kết quả "
            f"chấm điểm của đơn vị, {added['indices']} kết quả chỉ số cấp quốc gia."
        )
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.username:<12} {demo.description}")
