"""The survey results of a framework, a unit's remediation of its deductions, and the
province's national indices.

Who may do what (``cchc.access``): the survey table is read by those who read every
assessment and written by the coordinator (APPRAISE); a unit's remediation page and report by
the unit and by those who read every assessment, the tasks created by the coordinator; the
national indices are read by every role and recorded by the coordinator.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cchc.access import Perm, has_perm, require, require_object, requires
from cchc.audit.log import Actor
from cchc.lib.downloads import attachment
from cchc.lib.officialdoc import DOCX_TYPE
from cchc.lib.vnformat import parse_decimal
from cchc.orgs.models import Unit
from cchc.scoring import chart, indices, remediation, survey
from cchc.scoring.access import can_view_assessment
from cchc.scoring.actions import points_text
from cchc.scoring.models import Assessment, Framework, IndexKind, NationalIndex, Status
from cchc.tasks.forms import check_size

SCORE_FIELD = "diem-%d-%d"
SHOWN_FIELD = "truoc-%d-%d"


def _framework(year: int, kind: str) -> Framework:
    return get_object_or_404(Framework, year=year, unit_kind=kind)


# The survey


class SurveyImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        help_text=gettext_lazy(
            "Dòng đầu là tên cột: Mã đơn vị, Mã tiêu chí, Điểm (hoặc Tỷ lệ hài lòng (%))."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Hãy chọn tệp Excel .xlsx."))
        check_size(upload)
        return upload


@requires(Perm.VIEW_ALL_ASSESSMENTS)
def survey_page(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    """GET: the table of units × survey leaves. POST (the coordinator): whether the survey
    was conducted (``action=conducted``), or the scores typed in the table."""
    framework = _framework(year, kind)
    if request.method != "POST":
        return _survey_response(request, framework)
    actor = Actor.from_request(request)
    require(actor, Perm.APPRAISE)
    if request.POST.get("action") == "conducted":
        conducted = request.POST.get("survey_conducted") == "1"
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
        return redirect("survey", year=year, kind=kind)
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
            return redirect("survey", year=year, kind=kind)
    return _survey_response(request, framework, typed=typed, errors=errors)


def _typed_scores(
    request: HttpRequest, framework: Framework
) -> tuple[list[survey.SurveyEntry], dict[survey.Cell, Decimal | None], dict[str, str], list[str]]:
    """The cells the user changed (typed differs from what the page showed) as entries, the
    scores the page showed for them, everything typed (to show it again) and the cells that
    are not numbers."""
    _leaves, rows = survey.survey_table(framework)
    entries: list[survey.SurveyEntry] = []
    shown: dict[survey.Cell, Decimal | None] = {}
    typed: dict[str, str] = {}
    errors: list[str] = []
    for row in rows:
        if row.is_finalised:
            continue
        for cell in row.cells:
            name = SCORE_FIELD % (row.unit.pk, cell.criterion.pk)
            if not cell.applies or name not in request.POST:
                continue
            text = request.POST.get(name, "").strip()
            before = request.POST.get(SHOWN_FIELD % (row.unit.pk, cell.criterion.pk), "").strip()
            typed[name] = text
            if text == before:
                continue
            try:
                score = parse_decimal(text) if text else None
                was = parse_decimal(before) if before else None
            except ValueError:
                errors.append(
                    _("%(unit)s, tiêu chí %(code)s: «%(text)s» không phải là số.")
                    % {"unit": row.unit.name, "code": cell.criterion.code, "text": text}
                )
                continue
            entries.append(survey.SurveyEntry(row.unit, cell.criterion, score))
            shown[(row.unit.pk, cell.criterion.pk)] = was
    return entries, shown, typed, errors


@requires(Perm.APPRAISE)
@require_POST
def survey_import(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    """Import survey scores from an .xlsx file: every row checked first, all or nothing."""
    framework = _framework(year, kind)
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
    return redirect("survey", year=year, kind=kind)


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


# Remediation


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


class DeadlineForm(forms.Form):
    deadline = forms.DateField(label=gettext_lazy("Hạn khắc phục"))


@requires(Perm.APPRAISE)
@require_POST
def remediation_create(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    assessment = _readable_assessment(request, year, kind, unit)
    form = DeadlineForm(request.POST)
    back = redirect("remediation", year=year, kind=kind, unit=unit)
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
        return redirect("remediation", year=year, kind=kind, unit=unit)
    data = remediation.remediation_docx(assessment, timezone.localdate())
    return attachment(data, DOCX_TYPE, f"khac-phuc-{year}-{assessment.unit.code}.docx")


# The national indices


class NationalIndexForm(forms.Form):
    index = forms.ChoiceField(label=gettext_lazy("Chỉ số"), choices=IndexKind.choices)
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    score = forms.CharField(
        label=gettext_lazy("Điểm"), max_length=10, help_text=gettext_lazy("Ví dụ: 86,08")
    )
    rank = forms.IntegerField(label=gettext_lazy("Xếp hạng"), min_value=1)
    ranked_of = forms.IntegerField(
        label=gettext_lazy("Số tỉnh, thành phố được xếp hạng"),
        min_value=1,
        initial=34,
        help_text=gettext_lazy("63 trước năm 2025, 34 từ năm 2025"),
    )
    note = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=255, required=False)

    def clean_score(self) -> Decimal:
        text = self.cleaned_data["score"]
        try:
            return parse_decimal(text)
        except ValueError as e:
            raise forms.ValidationError(_("«%(text)s» không phải là số.") % {"text": text}) from e


@requires(Perm.VIEW_SCORING)
def national_indices(request: HttpRequest) -> HttpResponse:
    return _indices_response(request, NationalIndexForm())


@requires(Perm.APPRAISE)
@require_POST
def national_index_record(request: HttpRequest) -> HttpResponse:
    form = NationalIndexForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = indices.record_index(
                Actor.from_request(request),
                data["index"],
                data["year"],
                data["score"],
                data["rank"],
                data["ranked_of"],
                data["note"],
            )
        except indices.NationalIndexError as e:
            form.add_error(None, str(e))
        else:
            messages.success(
                request,
                _("Đã ghi %(index)s năm %(year)d: hạng %(rank)d/%(of)d.")
                % {
                    "index": entry.get_index_display(),
                    "year": entry.year,
                    "rank": entry.rank,
                    "of": entry.ranked_of,
                },
            )
            return redirect(reverse("national_indices"))
    return _indices_response(request, form)


def _indices_response(request: HttpRequest, form: NationalIndexForm) -> HttpResponse:
    tables = indices.index_tables(NationalIndex.objects.all())
    svg = chart.rank_chart(
        indices.chart_series(tables), _("Thứ hạng của tỉnh qua các năm (hạng 1 ở trên cùng)")
    )
    return render(
        request,
        "scoring/indices.html",
        {
            "tables": tables,
            # chart.rank_chart escapes every text it writes.
            "chart": mark_safe(svg),
            "form": form,
        },
    )
