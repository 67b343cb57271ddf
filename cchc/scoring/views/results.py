"""The PAR Index results: the ranking of a framework's units, its publication, the downloads.

Reading the ranking checks ``cchc.scoring.access.can_view_results`` (every role once published,
before that those who read every assessment); a unit's score sheet checks
``can_view_assessment``.
Publishing goes through ``cchc.scoring.publishing.publish_results`` (POST only), which checks
again and audits.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.access import Perm, has_perm, require_object, requires
from cchc.audit.log import Actor
from cchc.documents.models import Document
from cchc.lib.downloads import attachment
from cchc.lib.officialdoc import DOCX_TYPE
from cchc.lib.xlsx import XLSX_TYPE
from cchc.orgs.models import Unit
from cchc.scoring import exports
from cchc.scoring.access import can_view_assessment, can_view_results
from cchc.scoring.forms import PublishForm, RankingFilter
from cchc.scoring.models import Assessment, Criterion, Framework, Status
from cchc.scoring.publishing import PublishError, publish_results
from cchc.scoring.results import (
    UnitResult,
    areas_of,
    framework_results,
    rank_change_text,
)
from cchc.scoring.results import (
    ranking as ranked,
)


@dataclass(frozen=True)
class RankingRow:
    result: UnitResult
    subtotals: list[Decimal | None]  # in the order of the framework's areas
    change: str  # "tăng 2 bậc"
    can_open: bool  # the user may read this unit's assessment


def _framework(year: int, kind: str) -> Framework:
    """The framework with its publishing decision (the ranking's heading names it)."""
    frameworks = Framework.objects.select_related("decision__issuing_unit")
    return get_object_or_404(frameworks, year=year, unit_kind=kind)


def _readable(request: HttpRequest, year: int, kind: str) -> Framework:
    framework = _framework(year, kind)
    require_object(
        Actor.from_request(request),
        can_view_results(request.user, framework),
        framework,
        "can_view_results",
    )
    return framework


def _render_ranking(
    request: HttpRequest, framework: Framework, form: PublishForm, status: int = 200
) -> HttpResponse:
    user = request.user
    every_assessment = has_perm(user, Perm.VIEW_ALL_ASSESSMENTS)
    shown = RankingFilter(request.GET)
    for problem in shown.errors.get("tam_tinh", []):
        messages.error(request, str(problem))
    provisional = every_assessment and not framework.is_published and shown.provisional
    areas = areas_of(framework)
    standings = ranked(framework, provisional=provisional)
    rows = [
        RankingRow(
            result,
            [result.areas.get(area.code) for area in areas],
            rank_change_text(result),
            can_view_assessment(user, result.assessment),
        )
        for result in standings.results
    ]
    by_status: dict[str, int] = {}
    if every_assessment:
        counted = framework.assessments.values("status").annotate(n=Count("pk"))
        by_status = {row["status"]: row["n"] for row in counted}
    labels = dict(Status.choices)
    context = {
        "framework": framework,
        "title": exports.ranking_title(framework),
        "basis_note": standings.basis.note,
        "areas": areas,
        "rows": rows,
        "provisional": provisional,
        "every_assessment": every_assessment,
        "status_counts": [(labels[s], by_status[s]) for s in Status.values if s in by_status],
        "not_finalised": sum(n for s, n in by_status.items() if s != Status.FINALISED),
        "can_publish": has_perm(user, Perm.APPRAISE) and not framework.is_published,
        "form": form,
        "decision": exports.decision_reference(framework),
        "previous_year": framework.year - 1,
    }
    return render(request, "scoring/ranking.html", context, status=status)


@requires(Perm.VIEW_SCORING)
def ranking(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    """The ranking table of a framework's units (finalised scores; ``?tam_tinh=1``: the
    standings as they are, for those who read every assessment, until publication)."""
    return _render_ranking(request, _readable(request, year, kind), PublishForm())


@requires(Perm.APPRAISE)
@require_POST
def publish(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    framework = _framework(year, kind)
    form = PublishForm(request.POST)
    if form.is_valid():
        decision: Document = form.cleaned_data["decision"]
        try:
            publish_results(Actor.from_request(request), framework, decision)
        except PublishError as e:
            form.add_error(None, str(e))
        else:
            messages.success(
                request,
                _(
                    "Đã công bố kết quả theo %(decision)s; mọi người dùng đều xem được bảng "
                    "xếp hạng."
                )
                % {"decision": decision},
            )
            return redirect("scoring:par_ranking", year=year, kind=kind)
    return _render_ranking(request, framework, form)


def _final_results(
    request: HttpRequest, year: int, kind: str
) -> tuple[Framework, list[Criterion], list[UnitResult]]:
    framework = _readable(request, year, kind)
    return framework, areas_of(framework), framework_results(framework)


@requires(Perm.VIEW_SCORING)
def ranking_docx(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    """Sở Nội vụ's report on the results with the ranking annex (Decree 30, landscape)."""
    framework, areas, results = _final_results(request, year, kind)
    data = exports.ranking_docx(framework, areas, results)
    return attachment(data, DOCX_TYPE, f"xep-hang-chi-so-cchc-{year}-{kind}.docx")


@requires(Perm.VIEW_SCORING)
def ranking_xlsx(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    framework, areas, results = _final_results(request, year, kind)
    data = exports.ranking_xlsx(framework, areas, results)
    return attachment(data, XLSX_TYPE, f"xep-hang-chi-so-cchc-{year}-{kind}.xlsx")


@requires(Perm.VIEW_SCORING)
def assessment_sheet_docx(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    """A unit's score sheet: for the unit itself and those who read every assessment."""
    framework = _framework(year, kind)
    owner = get_object_or_404(Unit, code=unit)
    assessment = get_object_or_404(Assessment, framework=framework, unit=owner)
    assessment.framework, assessment.unit = framework, owner
    require_object(
        Actor.from_request(request),
        can_view_assessment(request.user, assessment),
        assessment,
        "can_view_assessment",
    )
    data = exports.assessment_sheet_docx(assessment)
    return attachment(data, DOCX_TYPE, f"bang-diem-chi-so-cchc-{year}-{owner.code}.docx")
