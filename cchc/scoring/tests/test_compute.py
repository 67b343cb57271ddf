"""Totals, rescaling to 100, ranks and rank changes (cchc.scoring.compute), with worked numbers."""

from __future__ import annotations

from decimal import Decimal

from cchc.scoring.compute import Leaf, rank_change, ranks, total


def leaf(area: str, max_points: str, score: str | None, **options: bool) -> Leaf:
    return Leaf(area, Decimal(max_points), None if score is None else Decimal(score), **options)


def test_with_every_leaf_counted_the_total_is_the_plain_sum() -> None:
    result = total(
        [leaf("1", "20", "18.5"), leaf("2", "50", "46.89"), leaf("3", "30", "30", is_survey=True)]
    )
    assert result.total == Decimal("95.39")
    assert result.points == Decimal("95.39")
    assert result.possible == Decimal(100)
    assert result.areas == {"1": Decimal("18.50"), "2": Decimal("46.89"), "3": Decimal("30.00")}


def test_without_the_survey_63_of_the_other_70_points_make_90() -> None:
    leaves = [
        leaf("1", "20", "17"),
        leaf("2", "50", "46"),
        leaf("3", "30", "25", is_survey=True),
    ]
    result = total(leaves, survey_conducted=False)
    assert (result.points, result.possible, result.total) == (Decimal(63), Decimal(70), Decimal(90))
    assert str(result.total) == "90.00"


def test_an_area_that_does_not_count_has_no_subtotal_rather_than_zero() -> None:
    result = total(
        [leaf("1", "70", "63"), leaf("3", "30", None, is_survey=True)], survey_conducted=False
    )
    assert result.areas == {"1": Decimal("63.00")}


def test_a_procedures_criterion_that_does_not_apply_is_left_out_and_the_rest_rescaled() -> None:
    # The 8-area national structure: TTHC is worth 14,5 of 100; the unit handles none.
    leaves = [
        leaf("1", "10", "10"),
        leaf("2", "10", "9"),
        leaf("3", "14.5", None, not_applicable=True),
        leaf("4", "11", "10"),
        leaf("5", "16", "15"),
        leaf("6", "7", "6"),
        leaf("7", "16", "15"),
        leaf("8", "15.5", "15"),
    ]
    result = total(leaves)
    assert (result.points, result.possible) == (Decimal(80), Decimal("85.5"))
    assert result.total == Decimal("93.57")  # 80 × 100 / 85,5 = 93,567…
    assert "3" not in result.areas


def test_an_unscored_leaf_counts_zero_but_keeps_its_maximum() -> None:
    result = total([leaf("1", "50", "45"), leaf("2", "50", None)])
    assert (result.points, result.possible, result.total) == (
        Decimal(45),
        Decimal(100),
        Decimal(45),
    )


def test_totals_round_half_up_to_two_decimals() -> None:
    # 2 of 3 points: 66,666… → 66,67; 1 of 8: 12,5 → 12,50.
    assert total([leaf("1", "3", "2")]).total == Decimal("66.67")
    assert total([leaf("1", "8", "1")]).total == Decimal("12.50")


def test_nothing_counted_gives_zero_rather_than_a_division_error() -> None:
    result = total([leaf("3", "30", "20", is_survey=True)], survey_conducted=False)
    assert (result.total, result.possible, result.areas) == (Decimal(0), Decimal(0), {})


def test_equal_totals_share_a_rank_and_the_next_rank_skips() -> None:
    totals = {
        "QNG-STP": Decimal("90.00"),
        "QNG-SNV": Decimal("95.39"),
        "QNG-SYT": Decimal("85"),
        "QNG-SGD": Decimal("90"),
    }
    assert ranks(totals) == {"QNG-SNV": 1, "QNG-STP": 2, "QNG-SGD": 2, "QNG-SYT": 4}


def test_ranks_of_nobody_are_empty() -> None:
    assert ranks({}) == {}


def test_rank_change_is_positive_for_places_gained() -> None:
    assert rank_change(3, 5) == 2  # "tăng 2 bậc"
    assert rank_change(4, 3) == -1  # "giảm 1 bậc"
    assert rank_change(2, 2) == 0  # "giữ nguyên"
    assert rank_change(2, None) is None  # not ranked last year
    assert rank_change(None, 2) is None
