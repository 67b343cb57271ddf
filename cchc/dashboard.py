"""The leaders' dashboard: how the province stands now, in a number of queries that does not
grow with the number of units (tested).

Figures against last year are compared on the same units: each unit that reported last year
is followed through its successor links to the unit that carries on its work in this
year's period; a unit split between several successors, a unit of this year one of whose
predecessors did not report, and a unit with no predecessor that reported are left out of
the comparison, and the page says on how many units it compares (or that it cannot).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from cchc.lib.barchart import Bar, bar_chart
from cchc.lib.vnformat import format_int
from cchc.orgs.models import Unit
from cchc.reporting.models import Period, ReportValue
from cchc.reporting.monitoring import Completeness, completeness
from cchc.scoring.indices import rank_change_text
from cchc.scoring.models import Assessment, Framework, IndexKind, NationalIndex
from cchc.scoring.models import Status as ParStatus
from cchc.tasks import deadline as rule
from cchc.tasks.models import Task
from cchc.worklist import current_period

# The key figures compared with last year, in this order.
KEY_FIGURES = (
    "dossiers_received",
    "dossiers_received_online",
    "dossiers_resolved",
    "dossiers_resolved_late",
    "dossiers_pending_overdue",
)
# A unit with at least this many overdue tasks is at risk.
RISKY_OVERDUE_TASKS = 3
# A unit with at least this many dossiers pending past their deadline is at risk.
RISKY_PENDING_DOSSIERS = 5
# The overdue-tasks chart shows this many lead units at most.
CHART_UNITS = 12


@dataclass
class IndexRank:
    label: str
    year: int
    rank: int
    ranked_of: int
    change: str

    @property
    def rank_text(self) -> str:
        return f"{self.rank}/{self.ranked_of}"


@dataclass
class Figure:
    code: str
    name: str
    now: Decimal
    before: Decimal

    @property
    def change(self) -> Decimal | None:
        if not self.before:
            return None
        return (self.now - self.before) / self.before * 100


@dataclass
class Comparison:
    period: Period | None
    previous: Period | None
    figures: list[Figure] = field(default_factory=list)
    compared_units: int = 0
    reporting_units: int = 0
    left_out: list[str] = field(default_factory=list)
    # Per unit this year: the key figures (for spotting dossiers overdue).
    pending_overdue: dict[int, Decimal] = field(default_factory=dict)

    @property
    def comparable(self) -> bool:
        return self.compared_units > 0


@dataclass
class ParProgress:
    framework: Framework
    expected: int
    sent: int
    appraised: int
    finalised: int


@dataclass
class Risk:
    unit: Unit
    reasons: list[str]


@dataclass
class Dashboard:
    today: dt.date
    indices: list[IndexRank]
    period: Period | None
    period_table: Completeness | None
    overdue_by_unit: list[tuple[Unit, int]]
    comparison: Comparison
    par: list[ParProgress]
    risks: list[Risk]

    @property
    def overdue_chart(self) -> str:
        bars = [Bar(u.name, [n]) for u, n in self.overdue_by_unit[:CHART_UNITS]]
        return bar_chart(
            _("Nhiệm vụ quá hạn theo đơn vị chủ trì"),
            bars,
            [_("Nhiệm vụ quá hạn")],
            lambda v: format_int(int(v)),
        )

    @property
    def comparison_chart(self) -> str:
        c = self.comparison
        if not c.comparable or c.period is None or c.previous is None:
            return ""
        bars = [Bar(f.name, [float(f.now), float(f.before)]) for f in c.figures]
        return bar_chart(
            _("Số liệu chính so với cùng kỳ năm trước (cùng các đơn vị)"),
            bars,
            [c.period.title, c.previous.title],
            lambda v: format_int(int(v)),
        )


def build(today: dt.date) -> Dashboard:
    period = current_period(today)
    table = completeness(period) if period is not None else None
    overdue = _overdue_by_unit(today)
    comparison = compare_with_last_year(today)
    return Dashboard(
        today=today,
        indices=_indices(),
        period=period,
        period_table=table,
        overdue_by_unit=overdue,
        comparison=comparison,
        par=_par_progress(),
        risks=_risks(today, overdue, comparison),
    )


def _indices() -> list[IndexRank]:
    """The latest year of each national index, with its change against the year before."""
    by_index: dict[str, list[NationalIndex]] = {}
    for entry in NationalIndex.objects.order_by("year"):
        by_index.setdefault(entry.index, []).append(entry)
    ranks = []
    for kind in IndexKind:
        years = by_index.get(kind.value)
        if not years:
            continue
        latest = years[-1]
        previous = years[-2] if len(years) > 1 else None
        ranks.append(
            IndexRank(
                str(kind.label),
                latest.year,
                latest.rank,
                latest.ranked_of,
                rank_change_text(latest, previous),
            )
        )
    return ranks


def _overdue_by_unit(today: dt.date) -> list[tuple[Unit, int]]:
    counts = (
        Task.objects.filter(status__in=rule.OPEN, deadline__lt=today)
        .values("lead_unit")
        .annotate(n=Count("id"))
    )
    by_unit = {row["lead_unit"]: row["n"] for row in counts}
    units = Unit.objects.filter(pk__in=by_unit).only("id", "name", "code", "path")
    return sorted(((u, by_unit[u.pk]) for u in units), key=lambda p: (-p[1], p[0].path))


def compare_with_last_year(today: dt.date) -> Comparison:
    """The key figures of the latest regular period already due against the same period of
    the year before, on the same units (through successor links)."""
    period = (
        Period.objects.filter(requested_by=None, due_date__lt=today)
        .select_related("form")
        .order_by("-due_date")
        .first()
    )
    if period is None:
        return Comparison(None, None)
    previous = Period.objects.filter(
        requested_by=None, kind=period.kind, year=period.year - 1
    ).first()
    comparison = Comparison(period, previous)
    names = dict(period.form.indicators.filter(code__in=KEY_FIGURES).values_list("code", "name"))
    values = ReportValue.objects.filter(
        report__period__in=[p for p in (period, previous) if p is not None],
        report__first_submitted_at__isnull=False,
        indicator__code__in=KEY_FIGURES,
    ).values_list("report__period_id", "report__unit_id", "indicator__code", "value")
    figures: dict[tuple[int, int], dict[str, Decimal]] = {}
    for period_id, unit_id, code, value in values:
        figures.setdefault((period_id, unit_id), {})[code] = value or Decimal(0)
    now = {u: f for (p, u), f in figures.items() if p == period.pk}
    comparison.pending_overdue = {
        u: f.get("dossiers_pending_overdue", Decimal(0)) for u, f in now.items()
    }
    comparison.reporting_units = len(now)
    if previous is None:
        return comparison
    before = {u: f for (p, u), f in figures.items() if p == previous.pk}
    groups = _successor_groups(previous.end, period.end)
    totals_now = dict.fromkeys(KEY_FIGURES, Decimal(0))
    totals_before = dict.fromkeys(KEY_FIGURES, Decimal(0))
    for target, sources in groups.items():
        if target is None:
            continue
        if target not in now or not sources or any(s not in before for s in sources):
            continue
        comparison.compared_units += 1
        for code in KEY_FIGURES:
            totals_now[code] += now[target].get(code, Decimal(0))
            totals_before[code] += sum(
                (before[s].get(code, Decimal(0)) for s in sources), Decimal(0)
            )
    comparison.figures = [
        Figure(code, names.get(code, code), totals_now[code], totals_before[code])
        for code in KEY_FIGURES
        if code in names
    ]
    return comparison


def _successor_groups(then: dt.date, now: dt.date) -> dict[int | None, list[int]]:
    """For each unit active on ``now``, the units active on ``then`` whose work it carries
    on (itself, or predecessors followed through the successor links). A unit whose work
    went to several units is put under None: it cannot be compared with any of them."""
    units = {u.pk: u for u in Unit.objects.only("id", "valid_from", "valid_to", "kind", "path")}
    links: dict[int, list[int]] = {}
    for from_id, to_id in Unit.successors.through.objects.values_list("from_unit_id", "to_unit_id"):
        links.setdefault(from_id, []).append(to_id)

    def heirs(unit_id: int, seen: frozenset[int] = frozenset()) -> set[int]:
        if units[unit_id].is_active_on(now):
            return {unit_id}
        found: set[int] = set()
        for nxt in links.get(unit_id, []):
            if nxt not in seen:
                found |= heirs(nxt, seen | {unit_id})
        return found

    groups: dict[int | None, list[int]] = {}
    for unit_id, unit in units.items():
        if not unit.is_active_on(then):
            continue
        found = heirs(unit_id)
        if len(found) == 1:
            groups.setdefault(found.pop(), []).append(unit_id)
        elif found:
            groups.setdefault(None, []).append(unit_id)
            for heir in found:
                # A share of a split unit's work: the heir is not comparable either.
                groups.setdefault(heir, []).append(-unit_id)
    return groups


def _par_progress() -> list[ParProgress]:
    """The frameworks of the latest year not yet published: how many units sent, were
    appraised, were finalised."""
    open_frameworks = list(Framework.objects.filter(published_at=None).order_by("-year"))
    if not open_frameworks:
        return []
    year = open_frameworks[0].year
    frameworks = [f for f in open_frameworks if f.year == year]
    counts = (
        Assessment.objects.filter(framework__in=frameworks)
        .values("framework")
        .annotate(
            total=Count("id"),
            sent=Count("id", filter=~Q(status=ParStatus.DRAFT)),
            appraised=Count("id", filter=Q(status__in=[ParStatus.APPRAISED, ParStatus.FINALISED])),
            finalised=Count("id", filter=Q(status=ParStatus.FINALISED)),
        )
    )
    by_framework = {row["framework"]: row for row in counts}
    kinds = {kind for f in frameworks for kind in f.assessed_kinds}
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    expected = dict(
        Unit.objects.filter(kind__in=kinds)
        .exclude(valid_from__gt=last)
        .exclude(valid_to__lt=first)
        .values("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    progress = []
    for framework in frameworks:
        row = by_framework.get(framework.pk, {})
        progress.append(
            ParProgress(
                framework,
                sum(expected.get(kind, 0) for kind in framework.assessed_kinds),
                row.get("sent", 0),
                row.get("appraised", 0),
                row.get("finalised", 0),
            )
        )
    return progress


def _risks(today: dt.date, overdue: list[tuple[Unit, int]], comparison: Comparison) -> list[Risk]:
    """Units with a late or missing report in the last period due, many overdue tasks, or
    dossiers pending past their deadline."""
    risks: dict[int, Risk] = {}

    def flag(unit: Unit, reason: str) -> None:
        risks.setdefault(unit.pk, Risk(unit, [])).reasons.append(reason)

    if comparison.period is not None:
        for row in completeness(comparison.period).rows:
            if not row.sent:
                flag(row.unit, _("chưa gửi báo cáo %(p)s") % {"p": comparison.period.title})
            elif row.late:
                flag(row.unit, _("gửi muộn báo cáo %(p)s") % {"p": comparison.period.title})
            pending = comparison.pending_overdue.get(row.unit.pk, Decimal(0))
            if pending >= RISKY_PENDING_DOSSIERS:
                flag(
                    row.unit,
                    _("%(n)s hồ sơ đang giải quyết quá hạn") % {"n": format_int(int(pending))},
                )
    for unit, count in overdue:
        if count >= RISKY_OVERDUE_TASKS:
            flag(unit, _("%(n)d nhiệm vụ quá hạn") % {"n": count})
    return sorted(risks.values(), key=lambda r: (-len(r.reasons), r.unit.name))
