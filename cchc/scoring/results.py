"""A framework's results: each unit's total, area subtotals, rank and change of rank.

Totals are never stored: they come from the item scores through ``cchc.scoring.compute``, the
same way as on the unit's own page (``cchc.scoring.sheet.totals``). An item's score is the
appraised one once set, else the unit's own (``ItemScore.score``); an item without a score
counts 0. A leaf is left out of a unit's total when its item is marked not applicable or the
unit has no item for it (the criterion is not for its kind of unit: ``start_assessment``
creates none), and every survey leaf is left out when the framework's survey was not
conducted; the total is then rescaled to 100.

The official results are those of finalised assessments. The previous rank is the unit's rank
in the same unit kind's framework of the year before, among that framework's finalised
assessments; a unit not ranked then has none. ``framework_results`` reads a fixed number of
queries whatever the number of units.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from cchc.orgs.models import Unit
from cchc.scoring import compute, sheet
from cchc.scoring.models import Assessment, Criterion, Framework, ItemScore, Status

# The standings the coordinator may follow before every score is finalised ("tạm tính"):
# assessments the units have sent, whether appraised or not; drafts are still being written.
PROVISIONAL = (Status.SUBMITTED, Status.APPRAISED, Status.FINALISED)


@dataclass(frozen=True)
class UnitResult:
    unit: Unit
    assessment: Assessment
    total: Decimal  # out of 100, two decimals
    areas: dict[str, Decimal]  # points per area code (areas that did not count are absent)
    rank: int
    previous_rank: int | None
    rank_change: int | None  # places gained since the year before; None without a rank then


def areas_of(framework: Framework) -> list[Criterion]:
    """The framework's areas (the criteria without a parent), in their order."""
    return list(framework.criteria.filter(parent__isnull=True).order_by("position"))


def framework_results(framework: Framework, *, provisional: bool = False) -> list[UnitResult]:
    """The ranked results of ``framework``'s finalised assessments (with ``provisional``: of
    every sent assessment, scores as they stand), best first, then by unit code."""
    statuses = PROVISIONAL if provisional else (Status.FINALISED,)
    scored = _totals(framework, statuses)
    ranks = compute.ranks({pk: result.total for pk, (_assessment, result) in scored.items()})
    previous = previous_framework(framework)
    before: dict[int, int] = {}
    if previous is not None:
        last_year = _totals(previous, (Status.FINALISED,))
        previous_ranks = compute.ranks({pk: r.total for pk, (_a, r) in last_year.items()})
        before = {last_year[pk][0].unit_id: rank for pk, rank in previous_ranks.items()}
    results = [
        UnitResult(
            unit=assessment.unit,
            assessment=assessment,
            total=result.total,
            areas=result.areas,
            rank=ranks[pk],
            previous_rank=before.get(assessment.unit_id),
            rank_change=compute.rank_change(ranks[pk], before.get(assessment.unit_id)),
        )
        for pk, (assessment, result) in scored.items()
    ]
    return sorted(results, key=lambda r: (r.rank, r.unit.code))


def previous_framework(framework: Framework) -> Framework | None:
    return Framework.objects.filter(year=framework.year - 1, unit_kind=framework.unit_kind).first()


def _totals(
    framework: Framework, statuses: Sequence[str]
) -> dict[int, tuple[Assessment, compute.Total]]:
    """Each assessment of ``framework`` in ``statuses`` with its total (the one the unit's
    page shows, ``cchc.scoring.sheet.totals``), by assessment id: three queries (criteria,
    assessments with units, item scores)."""
    criteria = list(framework.criteria.all())
    assessments = list(
        Assessment.objects.filter(framework=framework, status__in=statuses).select_related("unit")
    )
    items: dict[int, dict[int, ItemScore]] = defaultdict(dict)
    stored = ItemScore.objects.filter(
        assessment__framework=framework, assessment__status__in=statuses
    ).only("assessment_id", "criterion_id", "not_applicable", "self_score", "appraised_score")
    for item in stored:
        items[item.assessment_id][item.criterion_id] = item
    return {
        assessment.pk: (assessment, sheet.totals(framework, criteria, items[assessment.pk])[1])
        for assessment in assessments
    }


def rank_change_text(result: UnitResult) -> str:
    """ "tăng 2 bậc", "giảm 1 bậc", "giữ nguyên", or "—" for a unit not ranked the year before."""
    if result.rank_change is None:
        return "—"
    return places_text(result.rank_change)


def places_text(places: int) -> str:
    """A change of rank in words: "tăng 2 bậc" (``places`` gained), "giảm 1 bậc" (lost) or
    "giữ nguyên"."""
    if places > 0:
        return _("tăng %(n)d bậc") % {"n": places}
    if places < 0:
        return _("giảm %(n)d bậc") % {"n": -places}
    return _("giữ nguyên")
