"""`manage.py par_results --year YYYY --kind KIND [--json]`: the finalised results of a year's
framework for a kind of unit, checked against totals recomputed here from the stored items."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from cchc.scoring.models import Framework, ItemScore, Method, Status
from cchc.scoring.tests.results_data import EXPECTED_2025, scored_years
from conftest import Province


def par_results(*args: str) -> str:
    out = io.StringIO()
    call_command("par_results", *args, stdout=out)
    return out.getvalue()


def parsed(output: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(output, parse_float=Decimal)
    return rows


def recomputed_totals(framework: Framework) -> dict[str, Decimal]:
    """Each finalised unit's total from its stored items, written out independently of
    cchc.scoring: counted items' points × 100 / their maxima, rounded half up to cents."""
    totals = {}
    for assessment in framework.assessments.filter(status=Status.FINALISED).select_related("unit"):
        points = possible = Decimal(0)
        for item in ItemScore.objects.filter(assessment=assessment).select_related("criterion"):
            survey_left_out = (
                item.criterion.method == Method.SURVEY and not framework.survey_conducted
            )
            if item.not_applicable or survey_left_out:
                continue
            score = item.appraised_score if item.appraised_score is not None else item.self_score
            points += score or Decimal(0)
            possible += item.criterion.max_points
        exact = points * 100 / possible if possible else Decimal(0)
        totals[assessment.unit.code] = exact.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    return totals


def check_ranks(rows: list[dict[str, Any]]) -> None:
    """Ranks follow the totals: a unit's rank is 1 + the number of units with more points."""
    for row in rows:
        assert row["rank"] == 1 + sum(other["total"] > row["total"] for other in rows)
    assert rows == sorted(rows, key=lambda row: (row["rank"], row["unit"]))


def test_the_json_lists_units_by_rank_with_totals_from_the_stored_items(
    province: Province,
) -> None:
    framework = scored_years(province)
    output = par_results("--year", "2025", "--kind", "department", "--json")
    rows = parsed(output)
    assert [(r["unit"], r["total"], r["rank"], r["rank_change"]) for r in rows] == EXPECTED_2025
    assert {r["unit"]: r["total"] for r in rows} == recomputed_totals(framework)
    check_ranks(rows)
    assert rows[0] == {
        "unit": "QNG-SNV",
        "name": "Sở Nội vụ",
        "total": Decimal("95.39"),
        "rank": 1,
        "rank_change": 2,
        "compared_with": None,
        "areas": {"1": Decimal("19.50"), "2": Decimal("47.89"), "3": Decimal("28.00")},
    }
    # Numbers with two decimals, Vietnamese names as they are.
    assert '"total": 90.00' in output and '"name": "Sở Tư pháp"' in output
    assert '"rank_change": null' in output


def test_without_the_survey_totals_are_rescaled_and_the_survey_area_is_null(
    province: Province,
) -> None:
    framework = scored_years(province)
    framework.survey_conducted = False
    framework.save(update_fields=["survey_conducted"])
    rows = parsed(par_results("--year", "2025", "--kind", "department", "--json"))
    assert {r["unit"]: r["total"] for r in rows} == recomputed_totals(framework)
    assert rows[0]["unit"] == "QNG-SNV" and rows[0]["total"] == Decimal("96.27")
    assert rows[0]["areas"]["3"] is None
    check_ranks(rows)


def test_a_year_without_finalised_units_prints_an_empty_list(province: Province) -> None:
    scored_years(province)
    Framework.objects.filter(year=2025).get().assessments.update(status=Status.APPRAISED)
    assert parsed(par_results("--year", "2025", "--kind", "department", "--json")) == []


def test_without_json_the_results_print_as_a_table(province: Province) -> None:
    scored_years(province)
    lines = par_results("--year", "2025", "--kind", "department").splitlines()
    assert lines[0] == "Bộ chỉ số CCHC 2025"
    assert lines[1] == "Năm 2025: 4 đơn vị đã chốt điểm; chưa công bố."
    lines = lines[1:]
    assert lines[1].split() == [
        "Hạng", "Mã", "đơn", "vị", "Đơn", "vị", "Tổng", "điểm", "Thay", "đổi",
        "LV", "1", "LV", "2", "LV", "3",
    ]  # fmt: skip
    assert lines[2].split() == [
        "1", "QNG-SNV", "Sở", "Nội", "vụ", "95,39", "tăng", "2", "bậc", "19,50", "47,89", "28,00",
    ]  # fmt: skip
    assert lines[5].split()[:2] == ["4", "QNG-SGDDT"] and lines[5].split()[-4] == "—"


def test_an_unknown_year_or_kind_is_a_clear_error(province: Province) -> None:
    scored_years(province)
    with pytest.raises(CommandError, match="Không có bộ chỉ số cải cách hành chính năm 2019"):
        par_results("--year", "2019", "--kind", "department")
    with pytest.raises(CommandError, match="Loại đơn vị không hợp lệ: «so»"):
        par_results("--year", "2025", "--kind", "so")


def test_the_previous_years_framework_decides_the_rank_change_only_for_its_kind(
    province: Province,
) -> None:
    scored_years(province)
    # A 2024 framework for communes does not give departments a previous rank.
    Framework.objects.filter(year=2024).update(unit_kind="commune")
    rows = parsed(par_results("--year", "2025", "--kind", "department", "--json"))
    assert [r["rank_change"] for r in rows] == [None, None, None, None]


def test_par_results_on_the_demo_gives_totals_recomputed_from_the_stored_items(
    demo: str,
) -> None:
    framework = Framework.objects.get(year=2024, unit_kind="department")
    rows = parsed(par_results("--year", "2024", "--kind", "department", "--json"))
    assert len(rows) == framework.assessments.count() > 3
    assert {r["unit"]: r["total"] for r in rows} == recomputed_totals(framework)
    check_ranks(rows)
    # Two departments share a rank (the next rank is skipped).
    ranks = [r["rank"] for r in rows]
    assert len(set(ranks)) < len(ranks)
    # The change of rank is against the demo's 2023 results, from the same command.
    framework_2023 = Framework.objects.get(year=2023, unit_kind="department")
    rows_2023 = parsed(par_results("--year", "2023", "--kind", "department", "--json"))
    assert {r["unit"]: r["total"] for r in rows_2023} == recomputed_totals(framework_2023)
    check_ranks(rows_2023)
    rank_2023 = {r["unit"]: r["rank"] for r in rows_2023}
    for row in rows:
        expected = rank_2023[row["unit"]] - row["rank"] if row["unit"] in rank_2023 else None
        assert row["rank_change"] == expected, row["unit"]
    changes = [r["rank_change"] for r in rows if r["rank_change"] is not None]
    assert len(changes) > 3
    assert max(changes) > 0 > min(changes)
    area_codes = set(framework.criteria.filter(parent__isnull=True).values_list("code", flat=True))
    assert all(set(r["areas"]) == area_codes for r in rows)
