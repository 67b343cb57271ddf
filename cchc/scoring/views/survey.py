"""The social survey of a framework: the table of units × survey leaves, read by those who
read every assessment and written by the coordinator (APPRAISE), typed in or imported from an
.xlsx file."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.access import Perm, require, requires
from cchc.audit.log import Actor
from cchc.lib.vnformat import parse_decimal
from cchc.orgs.models import Unit
from cchc.scoring import survey
from cchc.scoring.forms import (
    SCORE_FIELD,
    SHOWN_FIELD,
    SurveyConductedForm,
    SurveyImportForm,
    SurveyScoresForm,
)
from cchc.scoring.models import Framework
from cchc.scoring.points import points_text
from cchc.scoring.views import framework_or_404


@requires(Perm.VIEW_ALL_ASSESSMENTS)
def survey_page(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    """GET: the table of units × survey leaves. POST (the coordinator): whether the survey
    was conducted (``action=conducted``), or the scores typed in the table."""
    framework = framework_or_404(year, kind)
    if request.method != "POST":
        return _survey_response(request, framework)
    actor = Actor.from_request(request)
    require(actor, Perm.APPRAISE)
    conducted_form = SurveyConductedForm(request.POST)
    if conducted_form.about_conducted:
        conducted = conducted_form.conducted
        try:
            survey.set_survey_conducted(actor, framework, conducted)
        except survey.SurveyError as e:
            messages.error(request, " ".join(e.errors))
        else:
            messages.success(
                request,
                _("Đã ghi: có điều tra xã hội học.")
                if conducted
                else _("Đã ghi: không điều tra xã hội học; tổng điểm được quy đổi về thang 100."),
            )
        return redirect("scoring:survey", year=year, kind=kind)
    entries, shown, typed, errors = _typed_scores(request, framework)
    if not errors:
        try:
            changed = survey.record_survey_scores(actor, framework, entries, shown)
        except survey.SurveyError as e:
            errors = e.errors
        else:
            if changed:
                messages.success(
                    request, _("Đã lưu %(n)d điểm điều tra xã hội học.") % {"n": changed}
                )
            else:
                messages.info(request, _("Không có điểm nào thay đổi."))
            return redirect("scoring:survey", year=year, kind=kind)
    return _survey_response(request, framework, typed=typed, errors=errors)


def _typed_scores(
    request: HttpRequest, framework: Framework
) -> tuple[list[survey.SurveyEntry], dict[survey.Cell, Decimal | None], dict[str, str], list[str]]:
    """The cells the user changed (typed differs from what the page showed) as entries, the
    scores the page showed for them, everything typed (to show it again) and the cells that
    are not numbers."""
    _leaves, rows = survey.survey_table(framework)
    open_cells = {
        (row.unit.pk, cell.criterion.pk): (row.unit, cell.criterion)
        for row in rows
        if not row.is_finalised
        for cell in row.cells
        if cell.applies
    }
    form = SurveyScoresForm(request.POST, open_cells)
    form.is_valid()
    entries: list[survey.SurveyEntry] = []
    shown: dict[survey.Cell, Decimal | None] = {}
    typed: dict[str, str] = {}
    errors: list[str] = []
    for cell in form.cells:
        unit, criterion = open_cells[cell]
        text, before = form.typed(cell)
        typed[SCORE_FIELD % cell] = text
        if text == before:
            continue
        try:
            score = parse_decimal(text) if text else None
            was = parse_decimal(before) if before else None
        except ValueError:
            errors.append(
                _("%(unit)s, tiêu chí %(code)s: «%(text)s» không phải là số.")
                % {"unit": unit.name, "code": criterion.code, "text": text}
            )
            continue
        entries.append(survey.SurveyEntry(unit, criterion, score))
        shown[cell] = was
    return entries, shown, typed, errors


@requires(Perm.APPRAISE)
@require_POST
def survey_import(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    """Import survey scores from an .xlsx file: every row checked first, all or nothing."""
    framework = framework_or_404(year, kind)
    form = SurveyImportForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [str(error) for error in form.errors.get("file", [])]
        return _survey_response(request, framework, import_errors=errors)
    try:
        changed = survey.import_survey(
            Actor.from_request(request), framework, form.cleaned_data["file"]
        )
    except survey.SurveyError as e:
        return _survey_response(request, framework, import_errors=e.errors)
    messages.success(
        request, _("Đã nhập kết quả điều tra: %(n)d điểm được cập nhật.") % {"n": changed}
    )
    return redirect("scoring:survey", year=year, kind=kind)


def _survey_response(
    request: HttpRequest,
    framework: Framework,
    *,
    typed: dict[str, str] | None = None,
    errors: list[str] | None = None,
    import_errors: list[str] | None = None,
) -> HttpResponse:
    leaves, rows = survey.survey_table(framework)
    typed = typed or {}
    table = [
        {
            "unit": row.unit,
            "assessment": row.assessment,
            "finalised": row.is_finalised,
            "cells": [_survey_cell(row.unit, cell, typed) for cell in row.cells],
        }
        for row in rows
    ]
    return render(
        request,
        "scoring/survey.html",
        {
            "framework": framework,
            "leaves": leaves,
            "table": table,
            "errors": errors or [],
            "import_errors": import_errors or [],
            "import_form": SurveyImportForm(),
            "columns": [survey.UNIT_COLUMN, survey.CRITERION_COLUMN, survey.SCORE_COLUMN],
            "rate_column": survey.RATE_COLUMN,
        },
    )


def _survey_cell(unit: Unit, cell: survey.SurveyCell, typed: dict[str, str]) -> dict[str, Any]:
    name = SCORE_FIELD % (unit.pk, cell.criterion.pk)
    shown = points_text(cell.score) if cell.score is not None else ""
    return {
        "applies": cell.applies,
        "code": cell.criterion.code,
        "name": name,
        "shown_name": SHOWN_FIELD % (unit.pk, cell.criterion.pk),
        "shown": shown,
        "value": typed.get(name, shown),
    }
