"""A small framework built directly, for tests that are not about loading the YAML files.

Sums to 100: area 1 (20 points: a levelled leaf needing evidence, two computed leaves, a free
leaf), area 2 (50: procedures, which a unit may not handle), area 3 (the 30-point survey).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cchc.scoring.models import Criterion, Framework, Method

BANDS = [{"min": 100, "points": "1"}, {"min": 80, "points": "0.5"}, {"min": 0, "points": "0"}]
# (code, text, max points, options)
CRITERIA: list[tuple[str, str, str, dict[str, Any]]] = [
    ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", "20", {"is_leaf": False}),
    ("1.1", "Kế hoạch cải cách hành chính năm", "8", {"is_leaf": False}),
    (
        "1.1.1",
        "Ban hành kế hoạch cải cách hành chính năm đúng thời hạn",
        "3",
        {
            "evidence_required": True,
            "levels": [
                {"label": "Ban hành đúng thời hạn", "points": "3"},
                {"label": "Ban hành chậm", "points": "1.5"},
                {"label": "Không ban hành", "points": "0"},
            ],
        },
    ),
    (
        "1.1.2",
        "Mức độ hoàn thành nhiệm vụ trong kế hoạch đúng hạn",
        "1",
        {"method": Method.COMPUTED, "rule": {"source": "tasks_on_time", "bands": BANDS}},
    ),
    ("1.1.3", "Kiểm tra cải cách hành chính", "4", {}),
    (
        "1.2",
        "Báo cáo cải cách hành chính đúng hạn",
        "1",
        {"method": Method.COMPUTED, "rule": {"source": "reports_on_time", "bands": BANDS}},
    ),
    ("1.3", "Tuyên truyền cải cách hành chính", "11", {}),
    ("2", "Cải cách thủ tục hành chính", "50", {"is_leaf": False}),
    ("2.1", "Công bố, công khai thủ tục hành chính", "20", {"evidence_required": True}),
    ("2.2", "Giải quyết thủ tục hành chính đúng hạn", "30", {}),
    ("3", "Điều tra xã hội học", "30", {"is_leaf": False}),
    ("3.1", "Mức độ hài lòng của người dân, tổ chức", "30", {"method": Method.SURVEY}),
]


def small_framework(year: int = 2025, unit_kind: str = "department") -> Framework:
    framework = Framework.objects.create(
        year=year, unit_kind=unit_kind, title=f"Bộ chỉ số CCHC {year}"
    )
    by_code: dict[str, Criterion] = {}
    for position, (code, text, points, options) in enumerate(CRITERIA):
        parent = by_code.get(code.rpartition(".")[0])
        by_code[code] = Criterion.objects.create(
            framework=framework,
            parent=parent,
            code=code,
            text=text,
            max_points=Decimal(points),
            position=position,
            **options,
        )
    return framework
