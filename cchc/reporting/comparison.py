"""The one rule for "so với kỳ trước / cùng kỳ năm trước": the same units on both sides.

Units change: in 2025 departments were merged (28/02) and districts and communes replaced by
new communes (01/07). A figure of this period is compared with one of a past period only over
the same set of units, through the successor links (``Unit.successors``):

- the units linked by successor links, directly or not, form a lineage (a department and the
  two it was merged from; a district, its old communes and the new communes that took them
  over); a unit no link touches is a lineage of its own;
- a lineage is compared when, in both periods, every one of its units expected to file did
  (a counted report), and its units filing this period are all in the scope asked (``root``'s
  subtree): its past figure is then the sum of its past units' (a merged unit's past is the
  sum of its predecessors' past), its present one the sum of its present units';
- the comparison is over the lineages compared; the others are named. When none is, the
  figures are said not to be comparable and no change is given.

Every page and document that compares periods reads ``compare`` (``same_units`` for one
past period).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cchc.orgs.models import Unit
from cchc.reporting.actions import is_expected
from cchc.reporting.aggregate import COUNTED, Values, aggregate
from cchc.reporting.models import Period, Report
from cchc.reporting.periods import previous_period, same_period_last_year

# At most this many units left out are named; the rest are counted.
NAMED = 8


@dataclass(frozen=True)
class SameUnits:
    """This period beside ``past_period`` over the same units."""

    past_period: Period | None
    current: Values = field(default_factory=dict)  # this period, over the units compared
    past: Values = field(default_factory=dict)  # the past period, over their past units
    compared: int = 0  # units filing this period that are compared
    left_out: list[Unit] = field(default_factory=list)  # units filing this period that are not
    regrouped: int = 0  # lineages compared whose units changed (merged, split, renamed)

    @property
    def comparable(self) -> bool:
        return self.past_period is not None and self.compared > 0

    @property
    def note(self) -> str:
        """What the reader must know about this comparison; empty when it is plain."""
        if self.past_period is None:
            return ""
        title = self.past_period.title
        if not self.comparable:
            return _(
                "Không so sánh được với %(past)s: các đơn vị có số liệu kỳ này không có số "
                "liệu tương ứng (kể cả qua đơn vị tiền thân) ở kỳ đó."
            ) % {"past": title}
        parts = []
        if self.regrouped:
            parts.append(
                _(
                    "So với %(past)s trên cùng các đơn vị: số liệu của đơn vị hình thành sau "
                    "sắp xếp được so với tổng số liệu của các đơn vị tiền thân."
                )
                % {"past": title}
            )
        if self.left_out:
            names = ", ".join(unit.name for unit in self.left_out[:NAMED])
            more = len(self.left_out) - NAMED
            if more > 0:
                names += _(" và %(n)d đơn vị khác") % {"n": more}
            parts.append(
                _(
                    "So sánh với %(past)s trên %(compared)d đơn vị có số liệu ở cả hai kỳ; "
                    "không so sánh %(n)d đơn vị: %(names)s."
                )
                % {
                    "past": title,
                    "compared": self.compared,
                    "n": len(self.left_out),
                    "names": names,
                }
            )
        return " ".join(parts)


@dataclass(frozen=True)
class Comparison:
    current: Values  # the period's aggregates over every unit counted
    previous: SameUnits
    last_year: SameUnits

    @property
    def previous_period(self) -> Period | None:
        return self.previous.past_period

    @property
    def last_year_period(self) -> Period | None:
        return self.last_year.past_period

    @property
    def notes(self) -> list[str]:
        return [note for note in (self.last_year.note, self.previous.note) if note]


def compare(period: Period, root: Unit | None = None) -> Comparison:
    """The period's aggregates (over ``root``'s subtree, or all) beside the previous period's
    and the same period last year's, each over the same units (matched by indicator code, so
    a new form version still compares)."""
    return Comparison(
        current=aggregate(period, root),
        previous=same_units(period, previous_period(period), root),
        last_year=same_units(period, same_period_last_year(period), root),
    )


def same_units(period: Period, past: Period | None, root: Unit | None = None) -> SameUnits:
    """``period`` beside ``past`` over the lineages both can speak for (module docstring)."""
    if past is None:
        return SameUnits(None)
    filing = _counted(period)
    filed = _counted(past)
    in_scope = (
        {pk for pk, path in filing.items() if path.startswith(root.path)}
        if root is not None
        else set(filing)
    )
    lineage = _lineages(set(filing) | set(filed))
    members: dict[int, set[int]] = defaultdict(set)
    for unit_id, group in lineage.items():
        members[group].add(unit_id)
    units = Unit.objects.in_bulk({pk for group in members.values() for pk in group})
    current_ids: set[int] = set()
    past_ids: set[int] = set()
    left_out: list[Unit] = []
    regrouped = 0
    for group in {lineage[pk] for pk in in_scope}:
        people = [units[pk] for pk in members[group]]
        now = {u.pk for u in people if u.pk in filing}
        before = {u.pk for u in people if u.pk in filed}
        complete = (
            before
            and now <= in_scope
            and all(u.pk in filing for u in people if is_expected(period, u))
            and all(u.pk in filed for u in people if is_expected(past, u))
        )
        if not complete:
            left_out += [units[pk] for pk in now & in_scope]
            continue
        current_ids |= now
        past_ids |= before
        regrouped += now != before
    if not current_ids:
        return SameUnits(past, left_out=_ordered(left_out))
    return SameUnits(
        past,
        current=aggregate(period, unit_ids=current_ids),
        past=aggregate(past, unit_ids=past_ids),
        compared=len(current_ids),
        left_out=_ordered(left_out),
        regrouped=regrouped,
    )


def _counted(period: Period) -> dict[int, str]:
    """The units with a counted report for ``period``: their paths by id."""
    reports = Report.objects.filter(period=period, status__in=COUNTED)
    return dict(reports.values_list("unit_id", "unit__path"))


def _lineages(unit_ids: Iterable[int]) -> dict[int, int]:
    """Each unit's lineage (a representative unit id), for ``unit_ids`` and every unit the
    successor links join them to: one query on the links."""
    parent: dict[int, int] = {pk: pk for pk in unit_ids}

    def find(pk: int) -> int:
        parent.setdefault(pk, pk)
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    for before, after in Unit.successors.through.objects.values_list("from_unit_id", "to_unit_id"):
        parent[find(before)] = find(after)
    return {pk: find(pk) for pk in list(parent)}


def _ordered(units: list[Unit]) -> list[Unit]:
    return sorted(units, key=lambda u: u.path)
