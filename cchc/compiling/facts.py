"""What cchc knows that the compiled report states, read in a fixed number of queries: the
units' reports and figures, completeness, the province's plan and its tasks, the national
indices and the PAR Index deductions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F

from cchc.compiling.loading import CompilingConfig
from cchc.documents.models import Document
from cchc.orgs.models import Unit
from cchc.reporting.aggregate import COUNTED, Values, aggregate, values_by_unit
from cchc.reporting.comparison import same_units
from cchc.reporting.models import Indicator, Period, Report
from cchc.reporting.monitoring import Completeness, completeness
from cchc.reporting.periods import same_period_last_year
from cchc.scoring.models import Framework, ItemScore, NationalIndex
from cchc.tasks import deadline as rule
from cchc.tasks.models import Plan, Task


@dataclass(frozen=True)
class PlanFacts:
    """The province plan's tasks as they stood at the end of the period."""

    plan: Plan
    tasks: list[Task]
    as_of: dt.date

    def done(self, task: Task) -> bool:
        return (
            task.status in rule.DONE
            and task.completed_on is not None
            and task.completed_on <= self.as_of
        )

    @property
    def counted(self) -> list[Task]:
        return [t for t in self.tasks if t.status != rule.DA_HUY]

    @property
    def done_tasks(self) -> list[Task]:
        return [t for t in self.counted if self.done(t)]

    @property
    def done_late(self) -> list[Task]:
        return [
            t
            for t in self.done_tasks
            if t.deadline is not None and t.completed_on is not None and t.completed_on > t.deadline
        ]

    @property
    def open_tasks(self) -> list[Task]:
        return [t for t in self.counted if not self.done(t)]

    @property
    def overdue(self) -> list[Task]:
        return [t for t in self.open_tasks if t.deadline is not None and t.deadline < self.as_of]

    @property
    def standing(self) -> list[Task]:
        return [t for t in self.counted if t.deadline is None]

    def due_between(self, start: dt.date, end: dt.date) -> list[Task]:
        """Tasks not finished at the end of the period and due from ``start`` to ``end``."""
        return [t for t in self.open_tasks if t.deadline is not None and start <= t.deadline <= end]

    def by_lead_unit(self, tasks: list[Task]) -> list[tuple[Unit, int]]:
        counts = Counter(t.lead_unit_id for t in tasks)
        units = {t.lead_unit_id: t.lead_unit for t in tasks}
        return sorted(
            ((units[pk], n) for pk, n in counts.items()), key=lambda p: (-p[1], p[0].path)
        )


@dataclass(frozen=True)
class Deduction:
    criterion: str
    units: int


@dataclass(frozen=True)
class Facts:
    period: Period
    root: Unit
    province: Unit
    indicators: dict[str, Indicator]
    totals: Values
    # Last year's figures and this period's over the same units (cchc.reporting.comparison),
    # and what the reader must know about that comparison.
    last_year: Values
    last_year_base: Values
    last_year_number: int | None
    comparison_note: str
    by_unit: dict[int, Values]
    reports: list[Report]
    table: Completeness
    plan: PlanFacts | None
    regime: Document | None
    indices: list[NationalIndex]
    previous_indices: dict[str, NationalIndex]
    par_framework: Framework | None
    deductions: list[Deduction]
    unit_names: list[str]

    @property
    def is_province(self) -> bool:
        return self.root.pk == self.province.pk


def gather(period: Period, root: Unit, config: CompilingConfig) -> Facts:
    province = Unit.objects.root_of(root) or root
    scope = None if root.pk == province.pk else root
    last = same_period_last_year(period)
    compared = same_units(period, last, scope)
    reports = Report.objects.filter(period=period, status__in=COUNTED).select_related("unit")
    if scope is not None:
        reports = reports.filter(unit__path__startswith=root.path)
    year = period.year
    indices = list(NationalIndex.objects.filter(year=year - 1))
    before = {i.index: i for i in NationalIndex.objects.filter(year=year - 2)}
    framework = (
        Framework.objects.filter(year=year - 1, published_at__isnull=False)
        .select_related("decision")
        .order_by("unit_kind")
        .first()
    )
    return Facts(
        period=period,
        root=root,
        province=province,
        indicators={i.code: i for i in period.form.indicators.all()},
        totals=aggregate(period, scope),
        last_year=compared.past,
        last_year_base=compared.current,
        last_year_number=last.year if compared.comparable and last else None,
        comparison_note=compared.note,
        by_unit=values_by_unit(period, scope),
        reports=list(reports.order_by("unit__path")),
        table=completeness(period, scope),
        plan=_plan(config.plan_code.format(year=year), scope, period.end),
        regime=(
            Document.objects.filter(symbol=config.regime_document).first()
            if config.regime_document
            else None
        ),
        indices=indices,
        previous_indices=before,
        par_framework=framework,
        deductions=_deductions(year - 1, scope),
        unit_names=list(Unit.objects.values_list("name", flat=True)),
    )


def _plan(code: str, scope: Unit | None, end: dt.date) -> PlanFacts | None:
    plan = Plan.objects.select_related("document").filter(code=code).first()
    if plan is None:
        return None
    tasks = plan.tasks.select_related("lead_unit").order_by("position", "id")
    if scope is not None:
        tasks = tasks.filter(lead_unit__path__startswith=scope.path)
    return PlanFacts(plan=plan, tasks=list(tasks), as_of=end)


def _deductions(year: int, scope: Unit | None) -> list[Deduction]:
    """The criteria on which the appraisal of ``year`` took points from the most units."""
    items = ItemScore.objects.filter(
        assessment__framework__year=year,
        appraised_score__isnull=False,
        self_score__isnull=False,
        appraised_score__lt=F("self_score"),
    )
    if scope is not None:
        items = items.filter(assessment__unit__path__startswith=scope.path)
    rows = (
        items.values("criterion__text")
        .annotate(units=Count("assessment__unit", distinct=True))
        .order_by("-units", "criterion__text")
    )
    return [Deduction(str(r["criterion__text"]), int(r["units"])) for r in rows]


def overdue_dossier_units(facts: Facts, threshold: int) -> list[tuple[str, int]]:
    """Units whose dossiers resolved late plus pending overdue reach ``threshold``, most first."""
    names = {r.unit_id: r.unit.name for r in facts.reports}
    found = []
    for unit_id, values in facts.by_unit.items():
        late = sum(
            (values.get(c) or Decimal(0))
            for c in ("dossiers_resolved_late", "dossiers_pending_overdue")
        )
        if late >= threshold and unit_id in names:
            found.append((names[unit_id], int(late)))
    return sorted(found, key=lambda p: (-p[1], p[0]))
