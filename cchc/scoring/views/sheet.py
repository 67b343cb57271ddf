"""A unit's score sheet: the page, with the forms of each role, and its steps. Reading checks
``cchc.access.can_view_assessment`` (a unit sees its own sheet only, published or not); every
change goes through ``cchc.scoring.actions`` (POST only), which checks again and audits. The
buttons are the steps ``ASSESSMENT_WORKFLOW`` allows the user (``can``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.access import Perm, has_perm, require_object, requires
from cchc.audit.log import Actor
from cchc.documents.upload import EVIDENCE_SUFFIXES
from cchc.orgs.models import Unit
from cchc.scoring import actions, sheet
from cchc.scoring.access import can_view_assessment
from cchc.scoring.forms import (
    AnswerForm,
    AppraisalForm,
    EvidenceForm,
    EvidenceRemoveForm,
    LeavesForm,
    ReasonForm,
    SelfSheetForm,
)
from cchc.scoring.models import Assessment, AssessmentEvent, Evidence, Framework, ItemScore, Status
from cchc.scoring.views import SHOWN_APPRAISAL, framework_or_404
from cchc.scoring.workflows import ASSESSMENT_WORKFLOW
from cchc.workflow import step_view


def _load(year: int, kind: str, unit_code: str) -> tuple[Framework, Unit, Assessment | None]:
    """The framework, the unit and its assessment if started (404 for a unit the framework
    does not assess and has no assessment of)."""
    framework = framework_or_404(year, kind)
    unit = get_object_or_404(Unit, code=unit_code)
    assessment = (
        Assessment.objects.filter(framework=framework, unit=unit)
        .select_related("submitted_by", "appraised_by", "finalised_by")
        .first()
    )
    if assessment is None and not actions.is_assessed(framework, unit):
        raise Http404
    if assessment is not None:
        assessment.framework, assessment.unit = framework, unit
    return framework, unit, assessment


def _readable(
    request: HttpRequest, year: int, kind: str, unit_code: str
) -> tuple[Framework, Unit, Assessment | None]:
    framework, unit, assessment = _load(year, kind, unit_code)
    subject = assessment or Assessment(framework=framework, unit=unit)
    require_object(
        Actor.from_request(request),
        can_view_assessment(request.user, subject),
        unit,
        "can_view_assessment",
    )
    return framework, unit, assessment


def _started(request: HttpRequest, year: int, kind: str, unit_code: str) -> Assessment:
    """The assessment, for those who may read it (404 while it is not started)."""
    assessment = _readable(request, year, kind, unit_code)[2]
    if assessment is None:
        raise Http404
    return assessment


def assessment_url(assessment: Assessment) -> str:
    framework = assessment.framework
    return reverse(
        "scoring:assessment", args=[framework.year, framework.unit_kind, assessment.unit.code]
    )


@dataclass(frozen=True)
class HistoryEntry:
    event: AssessmentEvent
    label: str
    detail: str


def history(assessment: Assessment) -> list[HistoryEntry]:
    """The assessment's steps, oldest first, worded by its workflow's table."""
    shown = []
    for event in assessment.events.select_related("actor").order_by("at", "id"):
        detail = event.note
        if event.kind in ("self_save", "appraise"):
            detail = _("Tiêu chí: %(codes)s") % {"codes": event.criteria or "—"}
        elif event.late:
            detail = _("Gửi sau hạn")
        shown.append(HistoryEntry(event, ASSESSMENT_WORKFLOW.label(event.kind), detail))
    return shown


def _render_sheet(
    request: HttpRequest,
    framework: Framework,
    unit: Unit,
    assessment: Assessment | None,
    *,
    typed: LeavesForm | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The sheet; with the ``typed`` form, the fields show what was posted rather than what
    is stored (after a refused save nothing typed is lost)."""
    user = request.user
    context: dict[str, Any] = {
        "framework": framework,
        "unit": unit,
        "assessment": assessment,
        "every_unit": has_perm(user, Perm.VIEW_ALL_ASSESSMENTS),
        "can_start": assessment is None and actions.can_start(Actor.from_request(request), unit),
        "accepted_files": ", ".join(EVIDENCE_SUFFIXES),
    }
    if assessment is not None:
        state = assessment.status
        criteria = list(framework.criteria.all())
        items = {
            item.criterion_id: item
            for item in assessment.items.select_related("appraised_by", "answered_by")
            .prefetch_related("evidence__document")
            .all()
        }
        own_total, appraised_total = sheet.totals(framework, criteria, items)
        pending_survey = own_total.pending_survey
        if pending_survey:
            # What is comparable while the survey is being entered: the rest, rescaled.
            own_total, appraised_total = sheet.totals(framework, criteria, items, survey=False)
        steps = ASSESSMENT_WORKFLOW.can(user, assessment)
        entries = history(assessment)
        moves = [e for e in entries if e.event.kind in ("submit", "return")]
        rows = sheet.rows(criteria, items, typed.data if typed is not None else None, errors)
        context.update(
            rows=rows,
            areas=sheet.by_area(rows),
            without_evidence=[row.criterion.code for row in rows if row.without_evidence],
            own_total=own_total,
            appraised_total=appraised_total,
            pending_survey=pending_survey,
            show_appraisal=state in SHOWN_APPRAISAL or has_perm(user, Perm.VIEW_ALL_ASSESSMENTS),
            steps=steps,
            can_answer=steps["answer"] and actions.answers_open(framework),
            late=actions.submitted_late(assessment),
            history=entries,
            # Why the sheet came back to the unit, while it is there to be completed.
            returned=moves[-1]
            if state == Status.DRAFT and moves and moves[-1].event.kind == "return"
            else None,
            unanswered=actions.unanswered(assessment) if state == Status.APPRAISED else [],
        )
    return render(request, "scoring/assessment.html", context, status=status)


@requires(Perm.VIEW_SCORING)
def assessment_page(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    framework, owner, assessment = _readable(request, year, kind, unit)
    return _render_sheet(request, framework, owner, assessment)


@requires(Perm.VIEW_SCORING)
@require_POST
def assessment_start(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    framework, owner, existing = _load(year, kind, unit)
    try:
        assessment = actions.start_assessment(Actor.from_request(request), framework, owner)
    except actions.ScoringError as e:
        messages.error(request, str(e))
        return redirect("scoring:par_home")
    if existing is None:
        messages.success(
            request, _("Đã tạo bảng tự đánh giá; các tiêu chí tính từ dữ liệu đã có điểm.")
        )
    return redirect(assessment_url(assessment))


def _save_posted(
    request: HttpRequest,
    assessment: Assessment,
    form: LeavesForm,
    save: Callable[[Actor, Assessment, int, dict[str, Any]], object],
) -> HttpResponse | None:
    """Save the entries of the posted ``form``; None when saved, else the page again with
    what was typed and why it was not saved."""
    framework, unit = assessment.framework, assessment.unit
    if not form.is_valid():
        if form.version_missing:
            messages.error(
                request, _("Trang này thiếu số phiên bản; hãy tải lại trang rồi nhập lại.")
            )
            return _render_sheet(request, framework, unit, assessment, typed=form, status=409)
        errors = form.leaf_errors()
        messages.error(request, str(actions.EntryRefused(errors)))
        return _render_sheet(request, framework, unit, assessment, typed=form, errors=errors)
    try:
        save(Actor.from_request(request), assessment, form.cleaned_data["version"], form.entries())
    except actions.EntryRefused as e:
        messages.error(request, str(e))
        return _render_sheet(request, framework, unit, assessment, typed=form, errors=e.errors)
    except actions.SaveConflict as e:
        messages.error(request, str(e))
        current = Assessment.objects.get(pk=assessment.pk)
        current.framework, current.unit = framework, unit
        # The fields keep what was typed; the page now carries the newest version, so saving
        # again (after comparing) is a deliberate choice.
        return _render_sheet(request, framework, unit, current, typed=form, status=409)
    except actions.ScoringError as e:
        messages.error(request, str(e))
        return redirect(assessment_url(assessment))
    return None


def _codes(assessment: Assessment, methods: Iterable[str]) -> list[str]:
    return list(
        assessment.items.filter(criterion__method__in=methods).values_list(
            "criterion__code", flat=True
        )
    )


def _save_sheet(request: HttpRequest, assessment: Assessment) -> HttpResponse | None:
    """Save the unit's sheet posted with the request (see ``_save_posted``)."""
    form = SelfSheetForm(request.POST, _codes(assessment, actions.UNIT_SCORED))
    return _save_posted(request, assessment, form, actions.save_self_assessment)


def _save_appraisal(request: HttpRequest, assessment: Assessment) -> HttpResponse | None:
    """Save the appraisal posted with the request (see ``_save_posted``)."""
    form = AppraisalForm(request.POST, _codes(assessment, actions.APPRAISED_METHODS))
    return _save_posted(request, assessment, form, actions.save_appraisal)


def _sheet_first(
    request: HttpRequest,
    assessment: Assessment,
    save: Callable[[HttpRequest, Assessment], HttpResponse | None],
) -> HttpResponse | None:
    """Save the sheet posted with a button's step first (when the page posted it), so that
    nothing typed is lost; the page again when it was refused."""
    return save(request, assessment) if "version" in request.POST else None


def _saved(
    request: HttpRequest,
    assessment: Assessment,
    save: Callable[[HttpRequest, Assessment], HttpResponse | None],
    done: str,
) -> HttpResponse:
    refused = save(request, assessment)
    if refused is not None:
        return refused
    messages.success(request, done)
    return redirect(assessment_url(assessment))


@requires(Perm.SELF_ASSESS)
@require_POST
def assessment_save(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    assessment = _started(request, year, kind, unit)
    return _saved(request, assessment, _save_sheet, _("Đã lưu bản tự đánh giá."))


def _leaf(assessment: Assessment, code: str) -> ItemScore:
    item = assessment.items.select_related("criterion").filter(criterion__code=code).first()
    if item is None:
        raise actions.ScoringError(_("Không có tiêu chí %(code)s.") % {"code": code})
    item.assessment = assessment
    return item


@requires(Perm.SELF_ASSESS)
@require_POST
def evidence_add(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    """Attach evidence to the leaf named by ``item`` (``EvidenceForm``). The sheet posted with
    it is saved first, so nothing typed is lost."""
    assessment = _started(request, year, kind, unit)
    if refused := _sheet_first(request, assessment, _save_sheet):
        return refused
    form = EvidenceForm(request.POST, request.FILES)
    form.is_valid()
    code = form.code
    actor = Actor.from_request(request)
    try:
        item = _leaf(assessment, code)
        if form.upload is not None:
            evidence = actions.add_evidence(actor, item, file=form.upload)
        elif form.query.strip():
            document = actions.find_document(form.query)
            evidence = actions.add_evidence(actor, item, document=document)
        else:
            raise actions.ScoringError(
                _("Hãy chọn tệp hoặc ghi số, ký hiệu văn bản trong sổ để làm tài liệu kiểm chứng.")
            )
    except actions.ScoringError as e:
        messages.error(request, f"{code}: {e}" if code else str(e))
    else:
        messages.success(
            request, _("%(code)s: đã thêm «%(name)s».") % {"code": code, "name": evidence.name}
        )
    return redirect(f"{assessment_url(assessment)}#tc-{code}")


@requires(Perm.SELF_ASSESS)
@require_POST
def evidence_remove(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    assessment = _started(request, year, kind, unit)
    if refused := _sheet_first(request, assessment, _save_sheet):
        return refused
    form = EvidenceRemoveForm(request.POST)
    evidence = (
        Evidence.objects.filter(item__assessment=assessment, pk=form.cleaned_data["evidence"])
        .select_related("item__criterion")
        .first()
        if form.is_valid()
        else None
    )
    if evidence is None:
        messages.error(request, _("Không tìm thấy tài liệu kiểm chứng này."))
        return redirect(assessment_url(assessment))
    evidence.item.assessment = assessment
    return step_view(
        request,
        lambda actor: actions.remove_evidence(actor, evidence),
        done=_("Đã gỡ «%(name)s».") % {"name": evidence.name},
        back=f"{assessment_url(assessment)}#tc-{evidence.item.criterion.code}",
    )


@requires(Perm.VIEW_SCORING)
def evidence_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """An uploaded evidence file, to those who may read its assessment (never a public URL);
    a document of the register opens on the register's page."""
    evidence = get_object_or_404(Evidence.objects.select_related("item__assessment"), pk=pk)
    require_object(
        Actor.from_request(request),
        can_view_assessment(request.user, evidence.item.assessment),
        evidence.item.assessment,
        "can_view_assessment",
    )
    if not evidence.file:
        if evidence.document_id is None:
            raise Http404
        return redirect("documents:document_detail", pk=evidence.document_id)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


def _step(
    request: HttpRequest,
    assessment: Assessment,
    name: str,
    attempt: Callable[[Actor], object],
    typed: str = "",
) -> HttpResponse:
    """A button's step of the table (``name``), back to the sheet saying how it went."""
    return step_view(
        request,
        attempt,
        done=ASSESSMENT_WORKFLOW.transition(name).done,
        back=assessment_url(assessment),
        typed=typed,
    )


@requires(Perm.SUBMIT_SELF_ASSESSMENT)
@require_POST
def assessment_submit(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    """Send the self-assessment; the sheet posted with it is saved first."""
    assessment = _started(request, year, kind, unit)
    if refused := _sheet_first(request, assessment, _save_sheet):
        return refused
    return _step(
        request,
        assessment,
        "submit",
        lambda actor: actions.submit_self_assessment(actor, assessment),
    )


@requires(Perm.APPRAISE)
@require_POST
def assessment_return(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    assessment = _started(request, year, kind, unit)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _step(
        request,
        assessment,
        "return",
        lambda actor: actions.return_self_assessment(actor, assessment, reason),
        reason,
    )


@requires(Perm.APPRAISE)
@require_POST
def assessment_appraise(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    assessment = _started(request, year, kind, unit)
    return _saved(request, assessment, _save_appraisal, _("Đã lưu kết quả thẩm định."))


@requires(Perm.APPRAISE)
@require_POST
def assessment_send(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    """Send the appraisal to the unit; the appraisal posted with it is saved first."""
    assessment = _started(request, year, kind, unit)
    if refused := _sheet_first(request, assessment, _save_appraisal):
        return refused
    return _step(
        request, assessment, "send", lambda actor: actions.send_appraisal(actor, assessment)
    )


@requires(Perm.SUBMIT_SELF_ASSESSMENT)
@require_POST
def deduction_answer(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    """The unit head's one answer to a contested item (``item``: the criterion code)."""
    assessment = _started(request, year, kind, unit)
    form = AnswerForm(request.POST)
    form.is_valid()
    code = form.cleaned_data.get("item", "")
    text = form.cleaned_data.get("answer", "")
    return step_view(
        request,
        lambda actor: actions.answer_deduction(actor, _leaf(assessment, code), text),
        done=_("%(code)s: đã gửi ý kiến giải trình.") % {"code": code},
        back=f"{assessment_url(assessment)}#tc-{code}",
        typed=text,
    )


@requires(Perm.APPRAISE)
@require_POST
def assessment_finalise(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    assessment = _started(request, year, kind, unit)
    return _step(
        request,
        assessment,
        "finalise",
        lambda actor: actions.finalise_assessment(actor, assessment),
    )
