"""What the export commands share: finding the period and the unit, checking the output file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from django.core.management.base import CommandError

from cchc.orgs.models import Unit
from cchc.reporting.models import Period


def find_period(code: str) -> Period:
    period = Period.objects.select_related("form", "requested_by").filter(code=code).first()
    if period is None:
        raise CommandError(
            f"Không có kỳ báo cáo «{code}». Các kỳ đã mở: "
            + (", ".join(Period.objects.values_list("code", flat=True)) or "chưa có kỳ nào")
            + "."
        )
    return period


def find_unit(code: str) -> Unit:
    unit = Unit.objects.select_related("parent").filter(code=code).first()
    if unit is None:
        raise CommandError(f"Không có đơn vị mã «{code}» (xem mã đơn vị ở trang Đơn vị).")
    return unit


def output_path(path: Path, suffixes: Sequence[str]) -> Path:
    if path.suffix.lower() not in suffixes:
        raise CommandError(
            f"Tệp «{path}» phải có đuôi {' hoặc '.join(suffixes)} (định dạng theo đuôi tệp)."
        )
    if not path.parent.is_dir():
        raise CommandError(f"Thư mục «{path.parent}» không tồn tại.")
    return path


def write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as e:
        raise CommandError(f"Không ghi được tệp «{path}»: {e.strerror}.") from e
