"""A unit's remediation of what it lost points on: the page (the unit and those who read every
assessment), the tasks Sở Nội vụ assigns for it, the unit's report (.docx)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.access import Perm, has_perm, require_object, requires
from cchc.audit.log import Actor
from cchc.lib.downloads import attachment
from cchc.lib.officialdoc import DOCX_TYPE
from cchc.scoring import remediation
from cchc.scoring.access import can_view_assessment
from cchc.scoring.forms import DeadlineForm
from cchc.scoring.models import Assessment, Status


def _readable_assessment(request: HttpRequest, year: int, kind: str, unit: str) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.select_related("framework", "framework__decision", "unit"),
        framework__year=year,
        framework__unit_kind=kind,
        unit__code=unit,
    )
    require_object(
        Actor.from_request(request),
        can_view_assessment(request.user, assessment),
        assessment,
        "can_view_assessment",
    )
    return assessment


@requires(Perm.VIEW_SCORING)
def remediation_page(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    """Each leaf the unit lost points on and what was done about it."""
    assessment = _readable_assessment(request, year, kind, unit)
    found = remediation.losses(assessment)
    framework = assessment.framework
    finalised = assessment.status == Status.FINALISED
    return render(
        request,
        "scoring/remediation.html",
        {
            "assessment": assessment,
            "framework": framework,
            "losses": found,
            "lost_total": sum((loss.lost for loss in found), Decimal(0)),
            "finalised": finalised,
            "can_create": finalised
            and framework.is_published
            and has_perm(request.user, Perm.APPRAISE)
            and any(loss.task is None for loss in found),
            "plan_code": remediation.plan_code(framework),
            "default_deadline": timezone.localdate() + dt.timedelta(days=90),
        },
    )


@requires(Perm.APPRAISE)
@require_POST
def remediation_create(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    assessment = _readable_assessment(request, year, kind, unit)
    form = DeadlineForm(request.POST)
    back = redirect("scoring:remediation", year=year, kind=kind, unit=unit)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi hạn khắc phục (dd/mm/yyyy)."))
        return back
    try:
        tasks = remediation.create_remediation_tasks(
            Actor.from_request(request), assessment, form.cleaned_data["deadline"]
        )
    except remediation.RemediationError as e:
        messages.error(request, str(e))
        return back
    if tasks:
        messages.success(
            request,
            _("Đã giao %(n)d nhiệm vụ khắc phục cho %(unit)s.")
            % {"n": len(tasks), "unit": assessment.unit.name},
        )
    else:
        messages.info(request, _("Mọi nội dung bị trừ điểm đã có nhiệm vụ khắc phục."))
    return back


@requires(Perm.VIEW_SCORING)
def remediation_docx(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    """The unit's report on its remediation (.docx, Decree 30 layout), once finalised."""
    assessment = _readable_assessment(request, year, kind, unit)
    if assessment.status != Status.FINALISED:
        messages.error(
            request, _("Kết quả chưa được chốt điểm; chưa lập báo cáo kết quả khắc phục được.")
        )
        return redirect("scoring:remediation", year=year, kind=kind, unit=unit)
    data = remediation.remediation_docx(assessment, timezone.localdate())
    return attachment(data, DOCX_TYPE, f"khac-phuc-{year}-{assessment.unit.code}.docx")
