from __future__ import annotations

from argparse import ArgumentParser
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cchc.audit.log import Actor
from cchc.lib.vnformat import format_int
from cchc.scoring.loading import (
    CONFIG_DIR,
    ConfigError,
    Loaded,
    LoadRefused,
    load_frameworks,
    read_frameworks,
)
from cchc.scoring.points import points_text


class Command(BaseCommand):
    help = (
        "Nạp bộ chỉ số cải cách hành chính (lĩnh vực, tiêu chí, điểm tối đa, mức điểm) từ các "
        f"tệp YAML; không nêu tệp: mọi tệp trong {CONFIG_DIR}."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("files", nargs="*", type=Path, help="các tệp department-2025.yaml…")

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[Path] = options["files"]
        missing = [str(path) for path in files if not path.is_file()]
        if missing:
            raise CommandError("Không có tệp: " + ", ".join(missing))
        try:
            specs = read_frameworks(files or None)
            loaded = load_frameworks(Actor.command("load_scoring_config"), specs)
        except ConfigError as e:
            raise CommandError("Bộ chỉ số có lỗi, chưa nạp gì:\n" + "\n".join(e.errors)) from e
        except LoadRefused as e:
            raise CommandError("Không nạp được, chưa thay đổi gì:\n" + "\n".join(e.problems)) from e
        if not loaded:
            self.stdout.write(f"Không có tệp bộ chỉ số nào trong {CONFIG_DIR}.")
        for result in loaded:
            self.stdout.write(_summary(result))


def _summary(result: Loaded) -> str:
    framework = result.framework
    leaves = framework.criteria.filter(is_leaf=True)
    areas = framework.criteria.filter(parent=None).count()
    survey = sum((c.max_points for c in leaves if c.method == "survey"), Decimal(0))
    if result.framework_created:
        change = "tạo mới"
    elif result.changed:
        change = (
            f"thêm {format_int(len(result.created))}, sửa {format_int(len(result.updated))}, "
            f"xóa {format_int(len(result.deleted))} tiêu chí"
        )
    else:
        change = "không thay đổi"
    return (
        f"{result.source}: {framework.title}: {areas} lĩnh vực, {leaves.count()} tiêu chí chấm "
        f"điểm (điều tra xã hội học {points_text(survey)} điểm) – {change}."
    )
