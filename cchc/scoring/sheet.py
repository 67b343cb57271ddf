"""A unit's score sheet as shown on its page: the criteria tree with each leaf's scores and
the subtotals, and the totals rescaled to 100 (``cchc.scoring.compute``).

Two totals: the self-assessed one (the unit's own scores, survey leaves as Sở Nội vụ entered
them) and the appraised one (each leaf's score that counts, ``ItemScore.score``: appraised once
set). A leaf that does not apply to the unit's kind has no item and is left out of both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cchc.scoring import compute
from cchc.scoring.models import Criterion, Evidence, Framework, ItemScore, Method
from cchc.scoring.points import points_text


@dataclass(frozen=True)
class Level:
    value: str  # the points as the select's option value carries them (1,5; 3)
    label: str
    selected: bool  # the unit's score
    appraised: bool  # the appraised score


@dataclass
class Row:
    """An area, a criterion or a leaf. For a leaf, the fields show what was typed when the
    page is shown again after a refused save, else what is stored."""

    criterion: Criterion
    item: ItemScore | None = None
    # A leaf: its own points; an area or a criterion: the sum of its leaves' points.
    self_points: Decimal | None = None
    appraised_points: Decimal | None = None
    score_text: str = ""
    explanation: str = ""
    not_applicable: bool = False
    appraised_text: str = ""
    reason: str = ""
    appraised_na: bool = False
    error: str = ""
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def levels(self) -> list[Level]:
        """The leaf's levels as choices, the one matching its score (as typed) selected."""
        return [
            Level(value, level["label"], value == self.score_text, value == self.appraised_text)
            for level in self.criterion.levels
            for value in [points_text(Decimal(str(level["points"])))]
        ]

    @property
    def max_text(self) -> str:
        return points_text(self.criterion.max_points)

    @property
    def self_points_text(self) -> str:
        return score_text(self.self_points)

    @property
    def appraised_points_text(self) -> str:
        return score_text(self.appraised_points)

    @property
    def is_leaf(self) -> bool:
        return self.item is not None

    @property
    def without_evidence(self) -> bool:
        """A leaf that requires evidence, scored above 0 by the unit, with none attached: the
        unit's explanation stands in, flagged for Sở Nội vụ ("không có tài liệu kiểm chứng")."""
        item = self.item
        return (
            item is not None
            and self.criterion.evidence_required
            and self.criterion.method == Method.SELF
            and not item.not_applicable
            and item.self_score is not None
            and item.self_score > 0
            and not self.evidence
        )

    @property
    def is_survey(self) -> bool:
        return self.criterion.method == Method.SURVEY

    @property
    def unit_scores(self) -> bool:
        return self.criterion.method == Method.SELF


def area_codes(criteria: Iterable[Criterion]) -> dict[int, str]:
    """The code of each criterion's area (the root of its branch), by criterion id."""
    by_id = {c.pk: c for c in criteria}
    areas = {}
    for criterion in by_id.values():
        top = criterion
        while top.parent_id is not None:
            top = by_id[top.parent_id]
        areas[criterion.pk] = top.code
    return areas


def self_points(leaf: Criterion, item: ItemScore | None) -> Decimal | None:
    """The unit's own score; a survey leaf has none, it counts as Sở Nội vụ entered it."""
    if item is None:
        return None
    return item.score if leaf.method == Method.SURVEY else item.self_score


def totals(
    framework: Framework,
    criteria: list[Criterion],
    items: Mapping[int, ItemScore],
    *,
    survey: bool = True,
) -> tuple[compute.Total, compute.Total]:
    """The self-assessed and the appraised totals of one unit's items (by criterion id); with
    ``survey`` False the survey leaves are left out (the comparable part while the survey is
    being entered: ``compute.Total.pending_survey``)."""
    areas = area_codes(criteria)
    own, appraised = [], []
    for leaf in criteria:
        if not leaf.is_leaf:
            continue
        item = items.get(leaf.pk)
        area, is_survey = areas[leaf.pk], leaf.method == Method.SURVEY
        left_out = item is None or item.not_applicable
        own.append(
            compute.Leaf(area, leaf.max_points, self_points(leaf, item), is_survey, left_out)
        )
        appraised.append(
            compute.Leaf(area, leaf.max_points, item.score if item else None, is_survey, left_out)
        )
    counted = framework.survey_conducted and survey
    return compute.total(own, counted), compute.total(appraised, counted)


def rows(
    criteria: list[Criterion],
    items: Mapping[int, ItemScore],
    typed: Mapping[str, Any] | None = None,
    errors: Mapping[str, str] | None = None,
) -> list[Row]:
    """The sheet's rows in the framework's order; leaves without an item (not for this kind
    of unit) and branches left with no leaf are not shown."""
    children: dict[int | None, list[Criterion]] = {}
    for criterion in criteria:
        children.setdefault(criterion.parent_id, []).append(criterion)
    shown: list[Row] = []

    def walk(criterion: Criterion) -> tuple[list[Row], Decimal | None, Decimal | None]:
        if criterion.is_leaf:
            item = items.get(criterion.pk)
            if item is None:
                return [], None, None
            row = _leaf_row(criterion, item, typed, errors or {})
            counted = not item.not_applicable
            return [row], row.self_points if counted else None, item.score if counted else None
        below: list[Row] = []
        own: Decimal | None = None
        appraised: Decimal | None = None
        for child in children.get(criterion.pk, []):
            child_rows, child_own, child_appraised = walk(child)
            below += child_rows
            own = _add(own, child_own)
            appraised = _add(appraised, child_appraised)
        if not below:
            return [], None, None
        head = Row(criterion, self_points=own, appraised_points=appraised)
        return [head, *below], own, appraised

    for area in children.get(None, []):
        shown += walk(area)[0]
    return shown


def _add(total: Decimal | None, points: Decimal | None) -> Decimal | None:
    if points is None:
        return total
    return points if total is None else total + points


def _leaf_row(
    criterion: Criterion,
    item: ItemScore,
    typed: Mapping[str, Any] | None,
    errors: Mapping[str, str],
) -> Row:
    code = criterion.code
    item.criterion = criterion
    row = Row(
        criterion,
        item,
        self_points=self_points(criterion, item),
        appraised_points=item.appraised_score,
        score_text=score_text(item.self_score),
        explanation=item.explanation,
        not_applicable=item.not_applicable,
        # The appraisal starts from the unit's own score: the appraiser confirms or changes it.
        appraised_text=score_text(
            item.appraised_score if item.appraised_score is not None else item.self_score
        ),
        reason=item.deduction_reason,
        appraised_na=item.not_applicable,
        error=errors.get(code, ""),
        evidence=list(item.evidence.all()),
    )
    if typed is not None and f"score-{code}" in typed:
        row.score_text = typed.get(f"score-{code}") or ""
        row.explanation = typed.get(f"explanation-{code}") or ""
        row.not_applicable = bool(typed.get(f"na-{code}"))
    if typed is not None and f"appraised-{code}" in typed:
        row.appraised_text = typed.get(f"appraised-{code}") or ""
        row.reason = typed.get(f"reason-{code}") or ""
        row.appraised_na = bool(typed.get(f"appraised-na-{code}"))
    return row


def score_text(points: Decimal | None) -> str:
    """A score as the fields show it and as the levels' choices carry it (1,5; 3), empty when
    there is none."""
    return "" if points is None else points_text(points)


@dataclass
class Area:
    """An area of the sheet (a fold of the page) and its rows, the area's own row first."""

    row: Row
    rows: list[Row]


def by_area(rows: Iterable[Row]) -> list[Area]:
    """The rows in the areas they belong to (criteria codes "1", "1.2", "1.2.3": area "1")."""
    areas: list[Area] = []
    for row in rows:
        if row.criterion.depth == 1 or not areas:
            areas.append(Area(row, [row]))
        else:
            areas[-1].rows.append(row)
    return areas
