"""Totals and ranks from item scores: plain Python, no database.

The total of an assessment is the points of its counted leaves rescaled to 100 (domain.md):
a leaf is left out when it does not apply to the unit, and every survey leaf is left out when
the survey was not conducted. With all leaves counted the total is the plain sum (the maxima
add up to 100). An unscored leaf counts 0. Area subtotals are the plain points, not rescaled;
an area none of whose leaves counts (the survey that was not run) has no subtotal rather than
a misleading 0.

Worked example: a framework with a 30-point survey that was not run, and a unit with 63 of the
remaining 70 points: 63 × 100 / 70 = 90,00.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Leaf:
    area: str  # the code of the area the leaf belongs to
    max_points: Decimal
    score: Decimal | None
    is_survey: bool = False
    not_applicable: bool = False


@dataclass(frozen=True)
class Total:
    total: Decimal  # out of 100, two decimals
    points: Decimal  # the counted leaves' points
    possible: Decimal  # the counted leaves' maxima
    # Points per area code, in the order the leaves came; only areas with a counted leaf.
    areas: dict[str, Decimal]
    # The maxima of the counted survey leaves not scored yet (the survey is being entered):
    # while above 0, the total is not comparable with a unit's whose survey is in.
    pending_survey: Decimal = Decimal(0)


def counts(leaf: Leaf, survey_conducted: bool) -> bool:
    return not leaf.not_applicable and (survey_conducted or not leaf.is_survey)


def total(leaves: Iterable[Leaf], survey_conducted: bool = True) -> Total:
    points = possible = pending = Decimal(0)
    areas: dict[str, Decimal] = {}
    for leaf in leaves:
        if not counts(leaf, survey_conducted):
            continue
        if leaf.is_survey and leaf.score is None:
            pending += leaf.max_points
        score = leaf.score or Decimal(0)
        points += score
        possible += leaf.max_points
        areas[leaf.area] = areas.get(leaf.area, Decimal(0)) + score
    scaled = points * HUNDRED / possible if possible else Decimal(0)
    return Total(
        _cents(scaled), points, possible, {k: _cents(v) for k, v in areas.items()}, pending
    )


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


K = TypeVar("K", bound=Hashable)


def ranks(totals: Mapping[K, Decimal]) -> dict[K, int]:
    """Standard competition ranking: equal totals share a rank and the next rank skips
    (95,39 → 1; 90 and 90 → 2 and 2; 85 → 4)."""
    ordered = sorted(totals.values(), reverse=True)
    first_place: dict[Decimal, int] = {}
    for position, value in enumerate(ordered, start=1):
        first_place.setdefault(value, position)
    return {key: first_place[value] for key, value in totals.items()}


def rank_change(rank: int | None, previous: int | None) -> int | None:
    """Places gained since the previous year (positive: up), None without both ranks."""
    if rank is None or previous is None:
        return None
    return previous - rank
