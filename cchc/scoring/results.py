"""A framework's results: each unit's total, area subtotals, rank and change of rank.

Totals are never stored: they come from the item scores through ``cchc.scoring.compute``, the
same way as on the unit's own page (``cchc.scoring.sheet.totals``). An item's score is the
appraised one once set, else the unit's own (``ItemScore.score``); an item without a score
counts 0. A leaf is left out of a unit's total when its item is marked not applicable or the
unit has no item for it (the criterion is not for its kind of unit: ``start_assessment``
creates none), and every survey leaf is left out when the framework's survey was not
conducted; the total is then rescaled to 100.

Only units in existence on the framework's reference date are listed (``Framework.
reference_date``): a department abolished on 28/02/2025 is not ranked in 2025.

The official results are those of finalised assessments. The provisional standings
(``provisional``: every sent assessment, for the coordinator) compare like with like
(``Basis``): the units' own scores for every unit until all are appraised, then the appraised
ones; and while the survey is missing for any of them, the survey is left out of every total,
the rest rescaled to 100 the same way.

A change of rank is shown only between published results: the unit's rank in the same unit
kind's framework of the year before, once that was published, and only in the official
results. A unit not ranked then is compared with its predecessor when exactly one of its
predecessors was ranked (named in ``compared_with``); a unit merged from several ranked
units has no change (``merged_from`` names them). ``framework_results`` reads a fixed
number of queries whatever the number of units.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from cchc.orgs.models import Unit
from cchc.scoring import compute, sheet
from cchc.scoring.models import Assessment, Criterion, Framework, ItemScore, Method, Status

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
    # The predecessor whose published rank ``previous_rank`` is, when not the unit's own.
    compared_with: Unit | None = None
    # The predecessors ranked the year before, when there were several (no change shown).
    merged_from: tuple[Unit, ...] = ()


@dataclass(frozen=True)
class Basis:
    """What a ranking's totals are made of: the appraised scores (else the units' own), and
    whether the survey counts (else left out, the rest rescaled to 100)."""

    provisional: bool = False
    appraised: bool = True
    survey: bool = True

    @property
    def note(self) -> str:
        """What the title adds for provisional standings, empty for the official results."""
        if not self.provisional:
            return ""
        scores = _("theo điểm thẩm định") if self.appraised else _("theo điểm tự đánh giá")
        if self.survey:
            return _("Tạm tính %(scores)s") % {"scores": scores}
        return _(
            "Tạm tính %(scores)s, chưa gồm điểm điều tra xã hội học (chưa nhập đủ cho các đơn "
            "vị), quy đổi về thang điểm 100"
        ) % {"scores": scores}


@dataclass(frozen=True)
class Ranking:
    basis: Basis
    results: list[UnitResult]


def areas_of(framework: Framework) -> list[Criterion]:
    """The framework's areas (the criteria without a parent), in their order."""
    return list(framework.criteria.filter(parent__isnull=True).order_by("position"))


def framework_results(framework: Framework, *, provisional: bool = False) -> list[UnitResult]:
    """The ranked results of ``framework``'s finalised assessments (with ``provisional``: of
    every sent assessment, compared like with like), best first, then by unit code."""
    return ranking(framework, provisional=provisional).results


def ranking(framework: Framework, *, provisional: bool = False) -> Ranking:
    """``framework_results`` with the basis its totals were computed on."""
    statuses = PROVISIONAL if provisional else (Status.FINALISED,)
    assessments, items = _scored(framework, statuses)
    criteria = list(framework.criteria.all())
    basis = Basis()
    if provisional:
        survey_leaves = {c.pk for c in criteria if c.is_leaf and c.method == Method.SURVEY}
        survey_missing = framework.survey_conducted and any(
            item.score is None
            for assessment in assessments
            for pk, item in items[assessment.pk].items()
            if pk in survey_leaves and not item.not_applicable
        )
        basis = Basis(
            provisional=True,
            appraised=all(a.status in (Status.APPRAISED, Status.FINALISED) for a in assessments),
            survey=not survey_missing,
        )
    scored = {a.pk: (a, _total(framework, criteria, items[a.pk], basis)) for a in assessments}
    ranks = compute.ranks({pk: result.total for pk, (_assessment, result) in scored.items()})
    before = {} if provisional else _published_ranks(previous_framework(framework))
    predecessors = _ranked_predecessors([a for a, _r in scored.values()], before)
    results = []
    for pk, (assessment, result) in scored.items():
        previous_rank = before.get(assessment.unit_id)
        compared_with: Unit | None = None
        merged_from = predecessors.get(assessment.unit_id, ())
        if previous_rank is None and len(merged_from) == 1:
            compared_with, merged_from = merged_from[0], ()
            previous_rank = before[compared_with.pk]
        results.append(
            UnitResult(
                unit=assessment.unit,
                assessment=assessment,
                total=result.total,
                areas=result.areas,
                rank=ranks[pk],
                previous_rank=previous_rank,
                rank_change=compute.rank_change(ranks[pk], previous_rank),
                compared_with=compared_with,
                merged_from=merged_from if previous_rank is None else (),
            )
        )
    return Ranking(basis, sorted(results, key=lambda r: (r.rank, r.unit.code)))


def _total(
    framework: Framework, criteria: list[Criterion], items: dict[int, ItemScore], basis: Basis
) -> compute.Total:
    own, appraised = sheet.totals(framework, criteria, items, survey=basis.survey)
    return appraised if basis.appraised else own


def _published_ranks(framework: Framework | None) -> dict[int, int]:
    """The published ranks of ``framework``'s units, by unit id (none before publication)."""
    if framework is None or not framework.is_published:
        return {}
    assessments, items = _scored(framework, (Status.FINALISED,))
    criteria = list(framework.criteria.all())
    totals = {a.unit_id: _total(framework, criteria, items[a.pk], Basis()) for a in assessments}
    return compute.ranks({unit_id: t.total for unit_id, t in totals.items()})


def _ranked_predecessors(
    assessments: list[Assessment], before: dict[int, int]
) -> dict[int, tuple[Unit, ...]]:
    """For each unit not ranked the year before, its predecessors that were, by unit id (one
    query, none when nobody was ranked)."""
    unranked = [a.unit_id for a in assessments if a.unit_id not in before]
    if not before or not unranked:
        return {}
    links = Unit.successors.through.objects.filter(
        to_unit_id__in=unranked, from_unit_id__in=list(before)
    ).select_related("from_unit")
    found: dict[int, list[Unit]] = defaultdict(list)
    for link in links.order_by("from_unit__path"):
        found[link.to_unit_id].append(link.from_unit)
    return {unit_id: tuple(units) for unit_id, units in found.items()}


def previous_framework(framework: Framework) -> Framework | None:
    return Framework.objects.filter(year=framework.year - 1, unit_kind=framework.unit_kind).first()


def _scored(
    framework: Framework, statuses: Sequence[str]
) -> tuple[list[Assessment], dict[int, dict[int, ItemScore]]]:
    """The assessments of ``framework`` in ``statuses`` of the units in existence on its
    reference date, and their item scores by assessment and criterion id: two queries."""
    listed = Assessment.objects.filter(
        framework=framework,
        status__in=statuses,
        unit__in=Unit.objects.active_on(framework.reference_date),
    )
    assessments = list(listed.select_related("unit"))
    items: dict[int, dict[int, ItemScore]] = defaultdict(dict)
    stored = ItemScore.objects.filter(assessment__in=listed).only(
        "assessment_id", "criterion_id", "not_applicable", "self_score", "appraised_score"
    )
    for item in stored:
        items[item.assessment_id][item.criterion_id] = item
    return assessments, items


def rank_change_text(result: UnitResult) -> str:
    """ "tăng 2 bậc", "giảm 1 bậc", "giữ nguyên" (with "so với <predecessor>" when compared
    with one), or "—" for a unit not ranked the year before (with the units it was merged from
    when several were)."""
    if result.rank_change is None:
        if result.merged_from:
            return _("— (hợp nhất từ %(units)s, không so sánh thứ hạng)") % {
                "units": ", ".join(unit.name for unit in result.merged_from)
            }
        return "—"
    if result.compared_with is not None:
        return _("%(change)s so với %(unit)s (đơn vị tiền thân)") % {
            "change": places_text(result.rank_change),
            "unit": result.compared_with.name,
        }
    return places_text(result.rank_change)


def places_text(places: int) -> str:
    """A change of rank in words: "tăng 2 bậc" (``places`` gained), "giảm 1 bậc" (lost) or
    "giữ nguyên"."""
    if places > 0:
        return _("tăng %(n)d bậc") % {"n": places}
    if places < 0:
        return _("giảm %(n)d bậc") % {"n": -places}
    return _("giữ nguyên")
