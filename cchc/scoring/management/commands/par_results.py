from __future__ import annotations

import json
from argparse import ArgumentParser
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cchc.lib.vnformat import format_decimal
from cchc.orgs.models import Kind
from cchc.scoring.models import Framework
from cchc.scoring.results import UnitResult, areas_of, framework_results, rank_change_text


class Command(BaseCommand):
    help = (
        "In kết quả Chỉ số cải cách hành chính của một năm và một loại đơn vị (các đơn vị đã "
        "được chốt điểm): tổng điểm, điểm từng lĩnh vực, xếp hạng và thay đổi so với năm trước."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="năm đánh giá, ví dụ 2024")
        parser.add_argument("--kind", required=True, help="loại đơn vị: " + ", ".join(Kind.values))
        parser.add_argument(
            "--json",
            action="store_true",
            help='in danh sách JSON: {"unit", "name", "total", "rank", "rank_change", "areas"}',
        )

    def handle(self, *args: Any, **options: Any) -> None:
        year: int = options["year"]
        kind: str = options["kind"]
        if kind not in Kind.values:
            raise CommandError(
                f"Loại đơn vị không hợp lệ: «{kind}». Chọn một trong: {', '.join(Kind.values)}."
            )
        framework = (
            Framework.objects.select_related("decision").filter(year=year, unit_kind=kind).first()
        )
        if framework is None:
            raise CommandError(
                f"Không có bộ chỉ số cải cách hành chính năm {year} cho loại đơn vị «{kind}» "
                f"({Kind(kind).label}); hãy nạp bộ chỉ số bằng lệnh load_scoring_config."
            )
        area_codes = [area.code for area in areas_of(framework)]
        results = framework_results(framework)
        if options["json"]:
            self.stdout.write(_json_list([_row(result, area_codes) for result in results]))
        else:
            self._table(framework, area_codes, results)

    def _table(self, framework: Framework, areas: list[str], results: list[UnitResult]) -> None:
        self.stdout.write(framework.title)
        published = (
            f"đã công bố theo {framework.decision}" if framework.decision else "chưa công bố"
        )
        self.stdout.write(f"Năm {framework.year}: {len(results)} đơn vị đã chốt điểm; {published}.")
        if not results:
            return
        heads = ["Hạng", "Mã đơn vị", "Đơn vị", "Tổng điểm", "Thay đổi"]
        heads += [f"LV {code}" for code in areas]
        lines = [
            [
                str(result.rank),
                result.unit.code,
                result.unit.name,
                format_decimal(result.total),
                rank_change_text(result),
                *[_shown(result.areas.get(code)) for code in areas],
            ]
            for result in results
        ]
        widths = [max(len(row[i]) for row in [heads, *lines]) for i in range(len(heads))]
        for row in [heads, *lines]:
            self.stdout.write(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            )


def _shown(points: Decimal | None) -> str:
    return format_decimal(points) if points is not None else "—"


def _row(result: UnitResult, areas: list[str]) -> dict[str, Any]:
    return {
        "unit": result.unit.code,
        "name": result.unit.name,
        "total": result.total,
        "rank": result.rank,
        "rank_change": result.rank_change,
        # The predecessor the change of rank is against, when not the unit itself.
        "compared_with": result.compared_with.code if result.compared_with else None,
        # An area that did not count (a survey not run, a criterion not applying) is null.
        "areas": {code: result.areas.get(code) for code in areas},
    }


def _json_list(rows: list[dict[str, Any]]) -> str:
    """A JSON list, one unit a line, its points written as numbers with two decimals (95.39,
    90.00), which ``json.dumps`` cannot do with floats."""
    return "[\n" + ",\n".join(f"  {_json(row)}" for row in rows) + "\n]" if rows else "[]"


def _json(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_json(str(k))}: {_json(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)
