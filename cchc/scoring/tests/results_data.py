"""Scored assessments for the tests of results, ranking, publication and exports.

Item scores are set directly (the tests are about what is computed from them, not about the
workflow that fills them). Under ``small_framework`` the leaves are 1.1.1 (3 points), 1.1.2
(1), 1.1.3 (4), 1.2 (1), 1.3 (11), 2.1 (20), 2.2 (30) and the survey 3.1 (30).

2025, finalised (area 1 + area 2 + survey = total, rank; rank in 2024):
    Sở Nội vụ          19,50 + 47,89 + 28 = 95,39  1  (3: tăng 2 bậc)
    Sở Tư pháp         20    + 45    + 25 = 90     2  (1: giảm 1 bậc; 2.2 appraised 28 → 25)
    Sở Y tế            18,50 + 46,50 + 25 = 90     2  (2: giữ nguyên)
    Sở Giáo dục và ĐT  17,50 + 42,50 + 25 = 85     4  (not assessed in 2024: —)
and Sở Công Thương, appraised but not finalised (99 points): only in the provisional standings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from cchc.audit.log import Actor
from cchc.orgs.actions import UnitData, import_units
from cchc.orgs.models import Unit
from cchc.scoring.models import Assessment, Framework, ItemScore, Status
from cchc.scoring.tests.factories import small_framework
from conftest import Province

LEAVES = ["1.1.1", "1.1.2", "1.1.3", "1.2", "1.3", "2.1", "2.2", "3.1"]
# A score, or (self score, appraised score, reason for the deduction).
Score = str | tuple[str, str, str]

SCORES_2025: dict[str, list[Score]] = {
    "QNG-SNV": ["3", "1", "4", "1", "10.5", "20", "27.89", "28"],
    "QNG-STP": [
        "3", "1", "4", "1", "11", "20",
        ("28", "25", "Tỷ lệ hồ sơ giải quyết đúng hạn 96 %, chưa đạt 100 %"), "25",
    ],
    "QNG-SYT": ["1.5", "1", "4", "1", "11", "20", "26.5", "25"],
    "QNG-SGDDT": ["3", "0.5", "3", "1", "10", "18", "24.5", "25"],
}  # fmt: skip
APPRAISED_2025: dict[str, list[Score]] = {
    "QNG-SCT": ["3", "1", "4", "1", "11", "20", "30", "29"],
}
SCORES_2024: dict[str, list[Score]] = {
    "QNG-STP": ["3", "1", "4", "1", "11", "20", "30", "29"],  # 99
    "QNG-SYT": ["3", "1", "4", "1", "11", "20", "30", "28"],  # 98
    "QNG-SNV": ["3", "1", "4", "1", "11", "20", "30", "27"],  # 97
}
EXPECTED_2025 = [
    # unit, total, rank, rank change
    ("QNG-SNV", Decimal("95.39"), 1, 2),
    ("QNG-STP", Decimal("90.00"), 2, -1),
    ("QNG-SYT", Decimal("90.00"), 2, 0),
    ("QNG-SGDDT", Decimal("85.00"), 4, None),
]


def add_departments(province: Province) -> dict[str, Unit]:
    """The conftest province's departments and three more, by code."""
    rows = [
        UnitData("QNG-SYT", "Sở Y tế", "department", "SYT", "QNG"),
        UnitData("QNG-SGDDT", "Sở Giáo dục và Đào tạo", "department", "SGDĐT", "QNG"),
        UnitData("QNG-SCT", "Sở Công Thương", "department", "SCT", "QNG"),
    ]
    import_units(Actor.command("test"), rows)
    return {unit.code: unit for unit in Unit.objects.filter(kind="department")}


def assess(
    framework: Framework,
    unit: Unit,
    scores: Sequence[Score],
    status: str = Status.FINALISED,
    not_applicable: tuple[str, ...] = (),
) -> Assessment:
    """``unit``'s assessment with one item per leaf of ``LEAVES`` (in that order) that applies
    to the unit's kind, as ``start_assessment`` creates them."""
    assessment = Assessment.objects.create(framework=framework, unit=unit, status=status)
    criteria = {c.code: c for c in framework.criteria.filter(is_leaf=True)}
    for code, score in zip(LEAVES, scores, strict=True):
        if not criteria[code].applies_to(unit.kind):
            continue
        self_score, appraised, reason = score if isinstance(score, tuple) else (score, score, "")
        ItemScore.objects.create(
            assessment=assessment,
            criterion=criteria[code],
            self_score=Decimal(self_score),
            appraised_score=Decimal(appraised) if status != Status.SUBMITTED else None,
            deduction_reason=reason,
            not_applicable=code in not_applicable,
        )
    return assessment


def scored_years(province: Province) -> Framework:
    """The 2024 and 2025 department frameworks scored as above, 2024's published (changes of
    rank are shown only against published results); returns 2025's."""
    units = add_departments(province)
    last_year = small_framework(2024)
    for code, scores in SCORES_2024.items():
        assess(last_year, units[code], scores)
    last_year.published_at = dt.datetime(2025, 3, 15, 9, tzinfo=dt.UTC)
    last_year.save(update_fields=["published_at"])
    framework = small_framework(2025)
    for code, scores in SCORES_2025.items():
        assess(framework, units[code], scores)
    for code, scores in APPRAISED_2025.items():
        assess(framework, units[code], scores, Status.APPRAISED)
    return framework
