"""The PAR Index pages of the assessment cycle: the overview, a framework's units, and a unit's
score sheet with the forms of each role. Reading checks ``cchc.scoring.access.can_view_assessment``
(a unit sees its own sheet only, published or not); every change goes through
``cchc.scoring.actions`` (POST only), which checks again and audits."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponsePermanentRedirect,
    QueryDict,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.access import Perm, acting_unit_ids, can_act_for_unit, has_perm, require_object, requires
from cchc.audit import events
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.documents.upload import EVIDENCE_SUFFIXES
from cchc.orgs.models import Unit
from cchc.scoring import actions, sheet
from cchc.scoring.access import can_view_assessment, can_view_results
from cchc.scoring.converters import SLUGS
from cchc.scoring.forms import (
    E,
    Typed,
    read_appraisal_entries,
    read_self_entries,
    read_version,
)
from cchc.scoring.models import (
    Assessment,
    Evidence,
    Framework,
    ItemScore,
    Status,
)

SHOWN_APPRAISAL = (Status.APPRAISED, Status.FINALISED)


def _framework(year: int, kind: str) -> Framework:
    return get_object_or_404(Framework, year=year, unit_kind=kind)


# The overview


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


# A framework's units


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
    framework = _framework(year, kind)
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


# A unit's score sheet


def _load(year: int, kind: str, unit_code: str) -> tuple[Framework, Unit, Assessment | None]:
    """The framework, the unit and its assessment if started (404 for a unit the framework
    does not assess and has no assessment of)."""
    framework = _framework(year, kind)
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
    return reverse("assessment", args=[framework.year, framework.unit_kind, assessment.unit.code])


@dataclass(frozen=True)
class HistoryEntry:
    entry: AuditEntry
    label: str
    detail: str


def history(assessment: Assessment) -> list[HistoryEntry]:
    """The assessment's audit entries, oldest first, as its page tells them."""
    shown = []
    for entry in actions.audit_entries(assessment):
        after = entry.after if isinstance(entry.after, dict) else {}
        before = entry.before if isinstance(entry.before, dict) else {}
        detail = entry.note
        if entry.action in ("scoring.self_save", "scoring.appraise"):
            detail = _("Tiêu chí: %(codes)s") % {"codes": ", ".join(after) or "—"}
        elif "criterion" in after or "criterion" in before:
            source = after or before
            detail = f"{source['criterion']}: {source.get('evidence') or source.get('answer')}"
        elif after.get("late"):
            detail = _("Gửi sau hạn")
        label = events.action_label(entry.action)
        shown.append(HistoryEntry(entry, label, detail))
    return shown


def _render_sheet(
    request: HttpRequest,
    framework: Framework,
    unit: Unit,
    assessment: Assessment | None,
    *,
    typed: bool = False,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The sheet; with ``typed``, the fields show what was posted rather than what is stored
    (after a refused save nothing typed is lost)."""
    user = request.user
    actor = Actor.from_request(request)
    own = can_act_for_unit(user, unit)
    state = assessment.status if assessment is not None else None
    appraiser = has_perm(user, Perm.APPRAISE)
    context: dict[str, Any] = {
        "framework": framework,
        "unit": unit,
        "assessment": assessment,
        "every_unit": has_perm(user, Perm.VIEW_ALL_ASSESSMENTS),
        "can_start": assessment is None and actions.can_start(actor, unit),
        "accepted_files": ", ".join(EVIDENCE_SUFFIXES),
    }
    if assessment is not None:
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
        can_edit = state == Status.DRAFT and own and has_perm(user, Perm.SELF_ASSESS)
        can_appraise = appraiser and state in actions.APPRAISABLE
        show_appraisal = state in SHOWN_APPRAISAL or has_perm(user, Perm.VIEW_ALL_ASSESSMENTS)
        entries = history(assessment)
        returned = [e for e in entries if e.entry.action in ("scoring.submit", "scoring.return")]
        rows = sheet.rows(criteria, items, request.POST if typed else None, errors)
        context.update(
            rows=rows,
            areas=sheet.by_area(rows),
            without_evidence=[row.criterion.code for row in rows if row.without_evidence],
            own_total=own_total,
            appraised_total=appraised_total,
            pending_survey=pending_survey,
            show_appraisal=show_appraisal,
            can_edit=can_edit,
            can_submit=can_edit and has_perm(user, Perm.SUBMIT_SELF_ASSESSMENT),
            can_appraise=can_appraise,
            can_send=appraiser and state == Status.SUBMITTED,
            can_return=appraiser and state == Status.SUBMITTED,
            can_finalise=appraiser and state == Status.APPRAISED,
            can_answer=state == Status.APPRAISED
            and own
            and has_perm(user, Perm.SUBMIT_SELF_ASSESSMENT)
            and actions.answers_open(framework),
            late=actions.submitted_late(assessment),
            history=entries,
            # Why the sheet came back to the unit, while it is there to be completed.
            returned=returned[-1]
            if state == Status.DRAFT and returned and returned[-1].entry.action == "scoring.return"
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
        return redirect("par_home")
    if existing is None:
        messages.success(
            request, _("Đã tạo bảng tự đánh giá; các tiêu chí tính từ dữ liệu đã có điểm.")
        )
    return redirect(assessment_url(assessment))


def _save_posted(
    request: HttpRequest,
    assessment: Assessment,
    codes: Iterable[str],
    read: Callable[[QueryDict, Iterable[str]], Typed[E]],
    save: Callable[[Actor, Assessment, int, dict[str, E]], object],
) -> HttpResponse | None:
    """Read the form's entries for the leaves ``codes`` from the request and ``save`` them;
    None when saved, else the page again with what was typed and why it was not saved."""
    version = read_version(request.POST)
    framework, unit = assessment.framework, assessment.unit
    if version is None:
        messages.error(request, _("Trang này thiếu số phiên bản; hãy tải lại trang rồi nhập lại."))
        return _render_sheet(request, framework, unit, assessment, typed=True, status=409)
    typed = read(request.POST, codes)
    if typed.errors:
        messages.error(request, actions.EntryRefused(typed.errors).args[0])
        return _render_sheet(request, framework, unit, assessment, typed=True, errors=typed.errors)
    try:
        save(Actor.from_request(request), assessment, version, typed.entries)
    except actions.EntryRefused as e:
        messages.error(request, str(e))
        return _render_sheet(request, framework, unit, assessment, typed=True, errors=e.errors)
    except actions.SaveConflict as e:
        messages.error(request, str(e))
        current = Assessment.objects.get(pk=assessment.pk)
        current.framework, current.unit = framework, unit
        # The fields keep what was typed; the page now carries the newest version, so saving
        # again (after comparing) is a deliberate choice.
        return _render_sheet(request, framework, unit, current, typed=True, status=409)
    except actions.ScoringError as e:
        messages.error(request, str(e))
        return redirect(assessment_url(assessment))
    return None


def _save_sheet(request: HttpRequest, assessment: Assessment) -> HttpResponse | None:
    """Save the unit's sheet posted with the request (see ``_save_posted``)."""
    codes = assessment.items.filter(criterion__method__in=actions.UNIT_SCORED).values_list(
        "criterion__code", flat=True
    )
    return _save_posted(request, assessment, codes, read_self_entries, actions.save_self_assessment)


def _save_appraisal(request: HttpRequest, assessment: Assessment) -> HttpResponse | None:
    """Save the appraisal posted with the request (see ``_save_posted``)."""
    codes = assessment.items.filter(criterion__method__in=actions.APPRAISED_METHODS).values_list(
        "criterion__code", flat=True
    )
    return _save_posted(request, assessment, codes, read_appraisal_entries, actions.save_appraisal)


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
    """Attach evidence to the leaf named by ``item``: the file in ``evidence-file-<code>`` or
    the register's document named in ``evidence-doc-<code>``. The sheet posted with it is
    saved first, so nothing typed is lost."""
    assessment = _started(request, year, kind, unit)
    if "version" in request.POST:
        refused = _save_sheet(request, assessment)
        if refused is not None:
            return refused
    code = request.POST.get("item", "")
    upload = request.FILES.get(f"evidence-file-{code}")
    query = request.POST.get(f"evidence-doc-{code}", "").strip()
    actor = Actor.from_request(request)
    try:
        item = _leaf(assessment, code)
        if upload is not None:
            evidence = actions.add_evidence(actor, item, file=upload)
        elif query:
            document = actions.find_document(query)
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
    if "version" in request.POST:
        refused = _save_sheet(request, assessment)
        if refused is not None:
            return refused
    raw = request.POST.get("evidence", "")
    evidence = (
        Evidence.objects.filter(item__assessment=assessment, pk=int(raw))
        .select_related("item__criterion")
        .first()
        if raw.isdigit()
        else None
    )
    if evidence is None:
        messages.error(request, _("Không tìm thấy tài liệu kiểm chứng này."))
        return redirect(assessment_url(assessment))
    evidence.item.assessment = assessment
    try:
        actions.remove_evidence(Actor.from_request(request), evidence)
    except actions.ScoringError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Đã gỡ «%(name)s».") % {"name": evidence.name})
    return redirect(f"{assessment_url(assessment)}#tc-{evidence.item.criterion.code}")


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
        return redirect("document_detail", pk=evidence.document_id)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


@requires(Perm.SUBMIT_SELF_ASSESSMENT)
@require_POST
def assessment_submit(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    """Send the self-assessment; the sheet posted with it is saved first."""
    assessment = _started(request, year, kind, unit)
    if "version" in request.POST:
        refused = _save_sheet(request, assessment)
        if refused is not None:
            return refused
    try:
        actions.submit_self_assessment(Actor.from_request(request), assessment)
    except actions.SubmitRefused as e:
        messages.error(request, str(e))
        for problem in e.problems:
            messages.error(request, problem)
    except actions.ScoringError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Đã gửi bản tự đánh giá cho Sở Nội vụ."))
    return redirect(assessment_url(assessment))


def _coordinate(
    request: HttpRequest,
    assessment: Assessment,
    action: Callable[[Actor, Assessment], object],
    done: str,
    typed: str = "",
) -> HttpResponse:
    """Run a move of Sở Nội vụ and go back to the sheet, saying how it went."""
    try:
        action(Actor.from_request(request), assessment)
    except actions.ScoringError as e:
        messages.error(request, str(e))
        if typed.strip():
            # The form is not shown again when the sheet has moved on: keep the text here.
            messages.info(request, _("Nội dung bạn đã nhập: %(text)s") % {"text": typed})
    else:
        messages.success(request, done)
    return redirect(assessment_url(assessment))


@requires(Perm.APPRAISE)
@require_POST
def assessment_return(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _coordinate(
        request,
        _started(request, year, kind, unit),
        lambda actor, assessment: actions.return_self_assessment(actor, assessment, reason),
        _("Đã trả lại bản tự đánh giá cho đơn vị."),
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
    if "version" in request.POST:
        refused = _save_appraisal(request, assessment)
        if refused is not None:
            return refused
    return _coordinate(
        request, assessment, actions.send_appraisal, _("Đã gửi kết quả thẩm định cho đơn vị.")
    )


@requires(Perm.SUBMIT_SELF_ASSESSMENT)
@require_POST
def deduction_answer(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    """The unit head's one answer to a contested item (``item``: the criterion code)."""
    assessment = _started(request, year, kind, unit)
    code = request.POST.get("item", "")
    text = request.POST.get("answer", "")
    try:
        actions.answer_deduction(Actor.from_request(request), _leaf(assessment, code), text)
    except actions.ScoringError as e:
        messages.error(request, f"{code}: {e}")
        if text.strip():
            messages.info(request, _("Ý kiến bạn đã nhập: %(text)s") % {"text": text})
    else:
        messages.success(request, _("%(code)s: đã gửi ý kiến giải trình.") % {"code": code})
    return redirect(f"{assessment_url(assessment)}#tc-{code}")


@requires(Perm.APPRAISE)
@require_POST
def assessment_finalise(request: HttpRequest, year: int, kind: str, unit: str) -> HttpResponse:
    return _coordinate(
        request,
        _started(request, year, kind, unit),
        actions.finalise_assessment,
        _("Đã chốt điểm."),
    )
