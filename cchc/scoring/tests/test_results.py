"""A framework's results from the stored item scores (cchc.scoring.results)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from decimal import Decimal

from cchc.scoring.models import ItemScore, Status
from cchc.scoring.results import framework_results, rank_change_text
from cchc.scoring.tests.factories import small_framework
from cchc.scoring.tests.results_data import (
    EXPECTED_2025,
    SCORES_2025,
    add_departments,
    assess,
    scored_years,
)
from conftest import Province

QueryCounter = Callable[[int], AbstractContextManager[object]]


def test_finalised_units_are_ranked_by_total_with_shared_ranks_and_changes(
    province: Province,
) -> None:
    results = framework_results(scored_years(province))
    assert [(r.unit.code, r.total, r.rank, r.rank_change) for r in results] == EXPECTED_2025
    assert [r.previous_rank for r in results] == [3, 1, 2, None]
    assert [rank_change_text(r) for r in results] == [
        "tăng 2 bậc",
        "giảm 1 bậc",
        "giữ nguyên",
        "—",
    ]


def test_area_subtotals_are_the_plain_points_of_each_area(province: Province) -> None:
    results = {r.unit.code: r for r in framework_results(scored_years(province))}
    assert results["QNG-SNV"].areas == {
        "1": Decimal("19.50"),
        "2": Decimal("47.89"),
        "3": Decimal("28.00"),
    }
    # The appraised score counts, not the unit's own (2.2: 28 claimed, 25 appraised).
    assert results["QNG-STP"].areas["2"] == Decimal("45.00")


def test_an_assessment_not_yet_finalised_is_left_out_of_the_results(province: Province) -> None:
    results = framework_results(scored_years(province))
    assert "QNG-SCT" not in {r.unit.code for r in results}


def test_the_provisional_standings_include_every_sent_assessment(province: Province) -> None:
    framework = scored_years(province)
    units = add_departments(province)
    draft = small_framework(2026)
    assess(draft, units["QNG-SNV"], SCORES_2025["QNG-SNV"], Status.DRAFT)
    results = framework_results(framework, provisional=True)
    assert [(r.unit.code, r.total, r.rank) for r in results][:2] == [
        ("QNG-SCT", Decimal("99.00"), 1),
        ("QNG-SNV", Decimal("95.39"), 2),
    ]
    assert framework_results(draft, provisional=True) == []


def test_a_submitted_assessment_counts_the_units_own_scores_provisionally(
    province: Province,
) -> None:
    framework = small_framework(2025)
    scores = ["3", "1", "4", "1", "11", "20", "30", "29"]
    assess(framework, province.stp, scores, Status.SUBMITTED)
    (result,) = framework_results(framework, provisional=True)
    assert result.total == Decimal("99.00")
    assert result.assessment.status == Status.SUBMITTED


def test_without_the_survey_the_total_is_rescaled_to_100(province: Province) -> None:
    framework = small_framework(2025)
    framework.survey_conducted = False
    framework.save(update_fields=["survey_conducted"])
    # 63 of the 70 points outside the survey: 18 in area 1 and 45 in area 2 → 90,00.
    assess(framework, province.stp, ["3", "1", "3", "0", "11", "20", "25", "30"])
    (result,) = framework_results(framework)
    assert result.total == Decimal("90.00")
    assert result.areas == {"1": Decimal("18.00"), "2": Decimal("45.00")}


def test_a_criterion_marked_not_applicable_is_left_out_and_the_rest_rescaled(
    province: Province,
) -> None:
    framework = small_framework(2025)
    # No procedures handled: 2.1 and 2.2 (50 points) are left out; 20 + 25 of the other 50.
    assess(
        framework,
        province.stp,
        ["3", "1", "4", "1", "11", "0", "0", "25"],
        not_applicable=("2.1", "2.2"),
    )
    (result,) = framework_results(framework)
    assert result.total == Decimal("90.00")
    assert "2" not in result.areas


def test_a_criterion_for_another_unit_kind_does_not_count_for_this_unit(
    province: Province,
) -> None:
    framework = small_framework(2025)
    framework.criteria.filter(code="2.1").update(unit_kinds=["commune"])
    assess(framework, province.stp, ["3", "1", "4", "1", "11", "20", "30", "25"])
    (result,) = framework_results(framework)
    # 2.1's 20 points left out: 20 + 30 + 25 = 75 of 80 → 93,75.
    assert result.total == Decimal("93.75")


def test_an_item_without_a_score_counts_zero(province: Province) -> None:
    framework = small_framework(2025)
    assess(framework, province.stp, ["3", "1", "4", "1", "11", "20", "30", "25"])
    ItemScore.objects.filter(criterion__code="1.3").update(self_score=None, appraised_score=None)
    (result,) = framework_results(framework)
    assert result.total == Decimal("84.00")


def test_a_leaf_the_unit_has_no_item_for_is_left_out_as_on_the_units_page(
    province: Province,
) -> None:
    framework = small_framework(2025)
    assess(framework, province.stp, ["3", "1", "4", "1", "11", "20", "30", "25"])
    ItemScore.objects.filter(criterion__code="1.3").delete()
    (result,) = framework_results(framework)
    # 84 of the other 89 points: 94,38.
    assert result.total == Decimal("94.38")


def test_results_take_the_same_queries_whatever_the_number_of_units(
    province: Province, django_assert_num_queries: QueryCounter
) -> None:
    framework = scored_years(province)
    # Assessments, items, criteria, the previous framework and the same three for it, and
    # the predecessors of the units it did not rank.
    with django_assert_num_queries(8):
        assert len(framework_results(framework)) == 4
    assess(framework, province.new_commune, SCORES_2025["QNG-SNV"])
    with django_assert_num_queries(8):
        results = framework_results(framework)
        assert [r.unit.name for r in results]  # units come with the assessments
    assert len(results) == 5


def test_a_framework_without_a_previous_year_reads_four_queries(
    province: Province, django_assert_num_queries: QueryCounter
) -> None:
    framework = small_framework(2025)
    assess(framework, province.stp, SCORES_2025["QNG-STP"])
    with django_assert_num_queries(4):
        (result,) = framework_results(framework)
    assert (result.previous_rank, result.rank_change) == (None, None)
