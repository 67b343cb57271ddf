"""The PAR Index overview: every framework's progress, the unit's own assessments, and a
framework's units with their status and totals."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render

from cchc.access import Perm, acting_unit_ids, has_perm, requires
from cchc.orgs.models import Unit
from cchc.scoring import actions, sheet
from cchc.scoring.access import can_view_results
from cchc.scoring.converters import SLUGS
from cchc.scoring.models import Assessment, Framework, ItemScore, Status
from cchc.scoring.views import SHOWN_APPRAISAL, framework_or_404


@dataclass(frozen=True)
class FrameworkProgress:
    framework: Framework
    units: int
    counts: dict[str, int]

    @property
    def started(self) -> int:
        return sum(self.counts.values())

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def submitted(self) -> int:
        return self.started - self.count(Status.DRAFT)

    @property
    def appraised(self) -> int:
        return self.count(Status.APPRAISED) + self.count(Status.FINALISED)

    @property
    def finalised(self) -> int:
        return self.count(Status.FINALISED)


@dataclass(frozen=True)
class OwnAssessment:
    framework: Framework
    unit: Unit
    assessment: Assessment | None
    late: bool


@requires(Perm.VIEW_SCORING)
def par_home(request: HttpRequest) -> HttpResponse:
    """Chỉ số CCHC: every framework's progress for Sở Nội vụ and the leaders, the unit's own
    assessments for its officer and head."""
    user = request.user
    frameworks = list(Framework.objects.all())
    context: dict[str, Any] = {"every_unit": has_perm(user, Perm.VIEW_ALL_ASSESSMENTS)}
    if context["every_unit"]:
        counts: dict[int, Counter[str]] = {f.pk: Counter() for f in frameworks}
        for row in Assessment.objects.values("framework_id", "status").annotate(n=Count("id")):
            counts[row["framework_id"]][row["status"]] = row["n"]
        # Every framework's units counted from one query, however many frameworks there are.
        kinds = {kind for f in frameworks for kind in f.assessed_kinds}
        candidates = list(
            Unit.objects.filter(kind__in=kinds).only("kind", "valid_from", "valid_to")
        )
        context["progress"] = [
            FrameworkProgress(
                f, sum(actions.is_assessed(f, u) for u in candidates), dict(counts[f.pk])
            )
            for f in frameworks
        ]
    units = list(Unit.objects.filter(pk__in=acting_unit_ids(user)).order_by("path"))
    existing = {
        (a.framework_id, a.unit_id): a
        for a in Assessment.objects.filter(unit__in=units).select_related("framework")
    }
    own = []
    for framework in frameworks:
        for unit in units:
            assessment = existing.get((framework.pk, unit.pk))
            if assessment is not None or actions.is_assessed(framework, unit):
                late = assessment is not None and actions.submitted_late(assessment)
                own.append(OwnAssessment(framework, unit, assessment, late))
    context["own"] = own
    context["rankings"] = [f for f in frameworks if can_view_results(user, f)]
    return render(request, "scoring/home.html", context)


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    assessment: Assessment | None
    self_total: Decimal | None
    appraised_total: Decimal | None
    late: bool
    survey_pending: bool = False  # the totals leave the survey out: not entered yet


@requires(Perm.VIEW_SCORING)
def old_kind_address(request: HttpRequest, year: int, kind: str, rest: str = "") -> HttpResponse:
    """An address with the kind's database code ("/2025/department/…") moved for good to its
    Vietnamese form ("/2025/so-nganh/…")."""
    new_path = request.path.replace(f"/{year}/{kind}/", f"/{year}/{SLUGS[kind]}/", 1)
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{new_path}?{query}" if query else new_path)


@requires(Perm.VIEW_ALL_ASSESSMENTS)
def par_framework(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    """Every unit the framework assesses: status, totals, lateness (a fixed number of queries
    whatever the number of units)."""
    framework = framework_or_404(year, kind)
    criteria = list(framework.criteria.all())
    units = list(actions.assessed_units(framework).order_by("path"))
    assessments = {
        a.unit_id: a for a in Assessment.objects.filter(framework=framework, unit__in=units)
    }
    items: dict[int, dict[int, ItemScore]] = {pk: {} for pk in assessments}
    by_assessment = {a.pk: a.unit_id for a in assessments.values()}
    stored = ItemScore.objects.filter(assessment__framework=framework).only(
        "assessment_id", "criterion_id", "not_applicable", "self_score", "appraised_score"
    )
    for item in stored:
        unit_id = by_assessment.get(item.assessment_id)
        if unit_id is not None:
            items[unit_id][item.criterion_id] = item
    rows = []
    for unit in units:
        assessment = assessments.get(unit.pk)
        own = appraised = None
        pending = False
        if assessment is not None:
            assessment.framework = framework
            own_total, appraised_total = sheet.totals(framework, criteria, items[unit.pk])
            pending = own_total.pending_survey > 0
            if pending:
                own_total, appraised_total = sheet.totals(
                    framework, criteria, items[unit.pk], survey=False
                )
            own = own_total.total
            if assessment.status in SHOWN_APPRAISAL:
                appraised = appraised_total.total
        rows.append(
            UnitRow(
                unit,
                assessment,
                own,
                appraised,
                assessment is not None and actions.submitted_late(assessment),
                pending,
            )
        )
    return render(
        request,
        "scoring/framework.html",
        {"framework": framework, "rows": rows},
    )
