"""Writes to a unit's PAR Index assessment: self-assessment, evidence, appraisal, answers.

Every step is a row of ``ASSESSMENT_WORKFLOW`` (``cchc.scoring.workflows``) taken with
``Workflow.step``: it checks permission (before its transaction opens, so that a recorded
refusal is not rolled back with it), locks the assessment row, writes the step to the
assessment's history (``AssessmentEvent``) and the audit log, and tells whom it concerns once
committed. Errors the user can cause raise ``ScoringError`` with a Vietnamese message;
``EntryRefused`` carries one message per criterion code for the fields of a form;
``SaveConflict`` refuses a form opened at an older ``version``. Nothing is stored when an
action raises.

The cycle (``Status``): the unit's officer or head drafts (DRAFT), the head submits
(SUBMITTED; Sở Nội vụ may return it to DRAFT), the coordinator appraises and sends the result
(APPRAISED), the head may answer each contested item once before ``answer_due``, the
coordinator adjusts if convinced and finalises (FINALISED).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.access import Perm, can_act_for_unit, has_perm, require, require_object
from cchc.audit.log import Actor, record
from cchc.documents.actions import DocumentError, parse_symbol
from cchc.documents.models import Document
from cchc.documents.upload import EVIDENCE_SUFFIXES, upload_problem
from cchc.lib.search import search_filter
from cchc.lib.vnformat import format_date
from cchc.orgs.models import Unit, UnitQuerySet
from cchc.scoring.models import (
    Assessment,
    Criterion,
    Evidence,
    Framework,
    ItemScore,
    Method,
)
from cchc.scoring.points import points_text
from cchc.scoring.rules import computed_items
from cchc.scoring.workflows import APPRAISABLE as APPRAISABLE
from cchc.scoring.workflows import APPRAISED_METHODS as APPRAISED_METHODS
from cchc.scoring.workflows import (
    ASSESSMENT_WORKFLOW,
    answers_pending,
    missing_appraisal,
)
from cchc.scoring.workflows import SaveConflict as SaveConflict
from cchc.scoring.workflows import ScoringError as ScoringError
from cchc.scoring.workflows import unappraised as unappraised

# The leaves a unit scores itself; computed leaves come from cchc's data, survey leaves from
# Sở Nội vụ. The appraisal covers every leaf but the survey's.
UNIT_SCORED = (Method.SELF,)
# At most this many documents are named when a number matches several.
CANDIDATES_NAMED = 5


class EntryRefused(ScoringError):
    """Some fields of a form are wrong: ``errors`` maps a criterion code to its message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__(
            _("%(n)d tiêu chí chưa hợp lệ; chưa lưu gì. Hãy sửa các ô được đánh dấu.")
            % {"n": len(errors)}
        )
        self.errors = dict(errors)


@dataclass(frozen=True)
class SelfEntry:
    """The unit's entry for one leaf: its score (None: not scored yet), its explanation and
    whether it claims the criterion does not apply to it."""

    score: Decimal | None
    explanation: str = ""
    not_applicable: bool = False


@dataclass(frozen=True)
class AppraisalEntry:
    """The appraisal of one leaf: the appraised score (None: not appraised yet), the reason
    (required for a deduction and for a different view on applicability) and whether the
    criterion applies to the unit (the unit's claim, kept or overturned)."""

    score: Decimal | None
    reason: str = ""
    not_applicable: bool = False


def assessed_units(framework: Framework) -> UnitQuerySet:
    """The units the framework scores: of its assessed kinds, in existence on its reference
    date (``Framework.reference_date``, the year's last day). A unit merged away during the
    year is not assessed: its successor answers for the year's work."""
    return Unit.objects.filter(kind__in=framework.assessed_kinds).active_on(
        framework.reference_date
    )


def is_assessed(framework: Framework, unit: Unit) -> bool:
    """Whether ``unit`` is one of ``assessed_units(framework)``, without a query."""
    return unit.kind in framework.assessed_kinds and unit.is_active_on(framework.reference_date)


def submitted_late(assessment: Assessment) -> bool:
    """Sent after the framework's due date. The first sending counts: a self-assessment that
    Sở Nội vụ returned for correction is not late for being sent again."""
    due = assessment.framework.self_assessment_due
    sent = assessment.submitted_at
    return due is not None and sent is not None and timezone.localdate(sent) > due


def can_start(actor: Actor, unit: Unit) -> bool:
    """The unit's officer or head, or a coordinator (who enters survey scores for every unit)."""
    return (
        actor.is_command
        or has_perm(actor.user, Perm.APPRAISE)
        or (has_perm(actor.user, Perm.SELF_ASSESS) and can_act_for_unit(actor.user, unit))
    )


def start_assessment(
    actor: Actor, framework: Framework, unit: Unit, *, at: dt.datetime | None = None
) -> Assessment:
    """The unit's assessment under ``framework``; created (DRAFT) when it has none, with an
    item per leaf that applies to the unit's kind, computed leaves filled from cchc's data.

    ``at`` is the time of creation, and of measuring the computed leaves, when history is
    brought in from elsewhere (default: now); any caller may pass it, as in reporting."""
    if not can_start(actor, unit):
        require(actor, Perm.SELF_ASSESS)
        require_object(actor, False, unit, "can_act_for_unit")
    if not is_assessed(framework, unit):
        raise ScoringError(
            _("%(unit)s không thuộc diện đánh giá theo %(framework)s.")
            % {"unit": unit.name, "framework": framework.title}
        )
    with transaction.atomic():
        assessment, created = Assessment.objects.get_or_create(
            framework=framework, unit=unit, defaults={"created_at": at or timezone.now()}
        )
        if created:
            leaves = [
                leaf
                for leaf in framework.criteria.filter(is_leaf=True)
                if leaf.applies_to(unit.kind)
            ]
            ItemScore.objects.bulk_create(
                ItemScore(assessment=assessment, criterion=leaf) for leaf in leaves
            )
            filled = _refresh_computed(assessment, at)
            ASSESSMENT_WORKFLOW.record_event(
                actor, assessment, "start", at=assessment.created_at, to_status=assessment.status
            )
            record(
                actor,
                "scoring.start",
                assessment,
                after={"items": len(leaves), "computed": filled},
            )
    return assessment


def _refresh_computed(
    assessment: Assessment, at: dt.datetime | None = None
) -> dict[str, str | None]:
    """Store the computed leaves' scores, measured at ``at`` (default: now), as the unit's own;
    returns them by criterion code."""
    results = computed_items(assessment, at)
    items = list(assessment.items.filter(criterion_id__in=results).select_related("criterion"))
    for item in items:
        result = results[item.criterion_id]
        item.self_score = result.score
        item.explanation = result.explanation
        item.not_applicable = result.not_applicable
    ItemScore.objects.bulk_update(items, ["self_score", "explanation", "not_applicable"])
    return {
        item.criterion.code: None if item.self_score is None else str(item.self_score)
        for item in items
    }


def _saved_on(assessment: Assessment, name: str, version: int) -> Assessment:
    """The locked assessment for a save (``name``: the table's ``self_save`` or ``appraise``),
    in its status and still at ``version`` (inside the save's transaction)."""
    current = ASSESSMENT_WORKFLOW.lock(assessment)
    ASSESSMENT_WORKFLOW.expect(current, name)
    ASSESSMENT_WORKFLOW.at_version(current, version)
    return current


def _items(assessment: Assessment) -> dict[str, ItemScore]:
    return {
        item.criterion.code: item
        for item in assessment.items.select_related("criterion").order_by("criterion__position")
    }


def score_problem(criterion: Criterion, score: Decimal) -> str:
    """Why ``score`` cannot be given to the leaf (empty when it can): within 0 and the maximum,
    and one of the levels' points when the criterion has levels."""
    if score < 0 or score > criterion.max_points:
        return _("Điểm phải từ 0 đến %(max)s.") % {"max": points_text(criterion.max_points)}
    allowed = criterion.allowed_points()
    if allowed and score not in allowed:
        return _("Điểm phải là một trong các mức: %(levels)s.") % {
            "levels": "; ".join(points_text(p) for p in allowed)
        }
    return ""


def _item_state(item: ItemScore, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(item, name) for name in fields}


SELF_FIELDS = ("self_score", "explanation", "not_applicable")
APPRAISAL_FIELDS = ("appraised_score", "deduction_reason", "not_applicable")


def save_self_assessment(
    actor: Actor, assessment: Assessment, version: int, entries: Mapping[str, SelfEntry]
) -> Assessment:
    """Store the unit's scores, explanations and claims, by criterion code; a leaf not in
    ``entries`` keeps what it has. All or nothing: one wrong field refuses every change."""
    ASSESSMENT_WORKFLOW.check(actor, assessment, "self_save")
    with transaction.atomic():
        current = _saved_on(assessment, "self_save", version)
        items = _items(current)
        errors: dict[str, str] = {}
        changed: list[ItemScore] = []
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for code, entry in entries.items():
            item = items.get(code)
            if item is None or item.criterion.method not in UNIT_SCORED:
                errors[code] = _("Tiêu chí này không do đơn vị tự chấm.")
                continue
            problem = self_entry_problem(item.criterion, entry)
            if problem:
                errors[code] = problem
                continue
            state = _item_state(item, SELF_FIELDS)
            item.self_score = None if entry.not_applicable else entry.score
            item.explanation = entry.explanation.strip()
            item.not_applicable = entry.not_applicable
            if _item_state(item, SELF_FIELDS) != state:
                changed.append(item)
                before[code], after[code] = state, _item_state(item, SELF_FIELDS)
        if errors:
            raise EntryRefused(errors)
        if changed:
            ItemScore.objects.bulk_update(changed, list(SELF_FIELDS))
            current = _saved_step(actor, current, "self_save", before, after)
    return current


def _saved_step(
    actor: Actor,
    current: Assessment,
    name: str,
    before: dict[str, Any],
    after: dict[str, Any],
) -> Assessment:
    """Record a save that changed the leaves of ``after`` (by criterion code) as its step."""
    return ASSESSMENT_WORKFLOW.step(
        actor, current, name, before=before, after=after, event={"criteria": ", ".join(after)}
    ).obj


def self_entry_problem(criterion: Criterion, entry: SelfEntry) -> str:
    if entry.not_applicable:
        if entry.score is not None:
            # Either would be lost: a level with "không áp dụng" is a contradiction to resolve.
            return _(
                "Đã chọn mức điểm %(points)s và đồng thời đánh dấu «Không áp dụng»; hãy bỏ một "
                "trong hai."
            ) % {"points": points_text(entry.score)}
        if not entry.explanation.strip():
            return _("Hãy giải trình vì sao tiêu chí này không áp dụng với đơn vị.")
        return ""
    return score_problem(criterion, entry.score) if entry.score is not None else ""


def find_document(query: str) -> Document:
    """The register's document for what the officer typed: its number and symbol (any way of
    writing it), else words of its number or subject. Raises ScoringError unless exactly one
    document matches."""
    text = query.strip()
    if not text:
        raise ScoringError(_("Hãy ghi số, ký hiệu của văn bản trong sổ văn bản."))
    matches = _by_symbol(text)
    if len(matches) != 1:
        matches = list(
            Document.objects.filter(search_filter(text)).order_by("-date", "-id")[
                : CANDIDATES_NAMED + 1
            ]
        )
    if not matches:
        raise ScoringError(
            _("Không tìm thấy văn bản «%(query)s» trong sổ văn bản; hãy vào sổ trước.")
            % {"query": text}
        )
    if len(matches) > 1:
        raise ScoringError(
            _("Có nhiều văn bản khớp với «%(query)s» (%(names)s); hãy ghi đủ số, ký hiệu.")
            % {
                "query": text,
                "names": "; ".join(d.symbol for d in matches[:CANDIDATES_NAMED]),
            }
        )
    return matches[0]


def _by_symbol(text: str) -> list[Document]:
    """At most two documents whose number and symbol ``text`` is, however written."""
    try:
        number = parse_symbol(text)
    except DocumentError:
        return []
    return list(Document.objects.filter(symbol_key=number.key)[:2])


def add_evidence(
    actor: Actor,
    item: ItemScore,
    *,
    document: Document | None = None,
    file: UploadedFile | None = None,
) -> Evidence:
    """Attach a document of the register or an uploaded file to a leaf, while the unit drafts."""
    ASSESSMENT_WORKFLOW.check(actor, item.assessment, "evidence_add")
    if (document is None) == (file is None):
        raise ScoringError(_("Hãy chọn một văn bản trong sổ hoặc một tệp tài liệu kiểm chứng."))
    if file is not None and (problem := upload_problem(file, EVIDENCE_SUFFIXES)):
        raise ScoringError(problem)
    if document is not None:
        name = f"{document}: {document.subject}".rstrip(": ")[:255]
    else:
        name = Path((file.name if file is not None else None) or "tep").name[:255]
    evidence = Evidence(item=item, name=name, document=document, added_by=actor.user)

    def attach(current: Assessment) -> list[str]:
        if _leaf(item).criterion.method not in UNIT_SCORED:
            raise ScoringError(_("Tiêu chí này không do đơn vị tự chấm."))
        if file is not None:
            evidence.file.save(name, file, save=False)
        evidence.save()
        return []

    code = item.criterion.code
    ASSESSMENT_WORKFLOW.step(
        actor,
        item.assessment,
        "evidence_add",
        note=f"{code}: {name}",
        change=attach,
        after={"criterion": code, "evidence": name},
    )
    return evidence


def _leaf(item: ItemScore) -> ItemScore:
    return ItemScore.objects.select_related("criterion").get(pk=item.pk)


def remove_evidence(actor: Actor, evidence: Evidence) -> None:
    """Take a piece of evidence off its leaf while the unit drafts (an uploaded file is
    deleted with it)."""
    code = _leaf(evidence.item).criterion.code

    def detach(current: Assessment) -> list[str]:
        stored, storage = evidence.file.name, evidence.file.storage
        evidence.delete()
        if stored:
            # Only once the row is gone for good: a rolled-back removal keeps its file.
            transaction.on_commit(lambda: storage.delete(stored))
        return []

    ASSESSMENT_WORKFLOW.step(
        actor,
        evidence.item.assessment,
        "evidence_remove",
        note=f"{code}: {evidence.name}",
        change=detach,
        before={"criterion": code, "evidence": evidence.name},
        after={},
    )


def submission_problems(assessment: Assessment) -> list[str]:
    """Why the self-assessment cannot be sent yet, one line per leaf (empty: it can)."""
    problems = []
    items = assessment.items.select_related("criterion").order_by("criterion__position")
    for item in items.prefetch_related("evidence"):
        criterion = item.criterion
        if criterion.method not in UNIT_SCORED or item.not_applicable:
            continue
        if item.self_score is None:
            problems.append(_("%(code)s: chưa chấm điểm.") % {"code": criterion.code})
        elif (
            criterion.evidence_required
            and item.self_score > 0
            and not item.evidence.all()
            and not item.explanation.strip()
        ):
            problems.append(
                _(
                    "%(code)s: chưa có tài liệu kiểm chứng; hãy đính kèm, hoặc giải trình vì sao "
                    "không có (Sở Nội vụ sẽ thấy tiêu chí được đánh dấu «không có tài liệu kiểm "
                    "chứng»)."
                )
                % {"code": criterion.code}
            )
    return problems


class SubmitRefused(ScoringError):
    """The self-assessment is not complete: ``details`` (also ``problems``) says what is
    missing, one line per leaf."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(_("Bản tự đánh giá chưa đầy đủ; chưa gửi được."), problems)

    @property
    def problems(self) -> list[str]:
        return self.details


def submit_self_assessment(
    actor: Actor, assessment: Assessment, *, at: dt.datetime | None = None
) -> Assessment:
    """The unit head sends the self-assessment to Sở Nội vụ; computed leaves are measured
    again first. A late one is accepted and shown as late (``submitted_late``): the index
    deducts for lateness through its own criteria, refusing it would leave the unit unscored.

    ``at`` is the time of sending (and of measuring) when history is brought in from
    elsewhere (default: now)."""
    # Filled by ``send`` on the locked row, read by the step once ``send`` has run.
    audited: dict[str, Any] = {}
    event: dict[str, Any] = {}

    def send(current: Assessment) -> list[str]:
        computed = _refresh_computed(current, at)
        problems = submission_problems(current)
        if problems:
            raise SubmitRefused(problems)
        if current.submitted_at is None:
            current.submitted_at = at or timezone.now()
            current.submitted_by = actor.user
        event["late"] = submitted_late(current)
        audited.update(computed=computed, late=event["late"])
        return ["submitted_at", "submitted_by"]

    return ASSESSMENT_WORKFLOW.step(
        actor, assessment, "submit", change=send, at=at, after=audited, event=event
    ).obj


def return_self_assessment(actor: Actor, assessment: Assessment, reason: str) -> Assessment:
    """Sở Nội vụ sends a submitted self-assessment back to the unit, saying why."""
    return ASSESSMENT_WORKFLOW.step(actor, assessment, "return", note=reason).obj


def save_appraisal(
    actor: Actor,
    assessment: Assessment,
    version: int,
    entries: Mapping[str, AppraisalEntry],
    *,
    at: dt.datetime | None = None,
) -> Assessment:
    """Store the appraised scores and reasons, by criterion code (all or nothing), with who
    and when on each changed item. A reason is required for every deduction (appraised below
    the unit's score), for a self leaf the unit left unscored as not applicable, and for
    changing the unit's claim about applicability.

    ``at`` is the time stamped on the changed items when history is brought in from elsewhere
    (default: now)."""
    ASSESSMENT_WORKFLOW.check(actor, assessment, "appraise")
    with transaction.atomic():
        current = _saved_on(assessment, "appraise", version)
        items = _items(current)
        errors: dict[str, str] = {}
        changed: list[ItemScore] = []
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        now = at or timezone.now()
        for code, entry in entries.items():
            item = items.get(code)
            if item is None or item.criterion.method not in APPRAISED_METHODS:
                errors[code] = _("Tiêu chí này không thẩm định ở đây.")
                continue
            problem = appraisal_problem(item, entry)
            if problem:
                errors[code] = problem
                continue
            state = _item_state(item, APPRAISAL_FIELDS)
            item.appraised_score = None if entry.not_applicable else entry.score
            item.deduction_reason = entry.reason.strip()
            item.not_applicable = entry.not_applicable
            if _item_state(item, APPRAISAL_FIELDS) != state:
                item.appraised_at, item.appraised_by = now, actor.user
                changed.append(item)
                before[code], after[code] = state, _item_state(item, APPRAISAL_FIELDS)
        if errors:
            raise EntryRefused(errors)
        if changed:
            fields = [*APPRAISAL_FIELDS, "appraised_at", "appraised_by"]
            ItemScore.objects.bulk_update(changed, fields)
            current = _saved_step(actor, current, "appraise", before, after)
    return current


def appraisal_problem(item: ItemScore, entry: AppraisalEntry) -> str:
    criterion = item.criterion
    if not entry.not_applicable and entry.score is not None:
        problem = score_problem(criterion, entry.score)
        if problem:
            return problem
    if entry.reason.strip():
        return ""
    if entry.not_applicable != item.not_applicable:
        return _("Hãy ghi lý do khi không chấp nhận đề nghị của đơn vị về việc áp dụng tiêu chí.")
    deducted = (
        entry.score is not None and item.self_score is not None and entry.score < item.self_score
    )
    unclaimed = (
        criterion.method == Method.SELF
        and item.self_score is None
        and not entry.not_applicable
        and entry.score is not None
    )
    if deducted or unclaimed:
        return _("Hãy ghi lý do trừ điểm.")
    return ""


def send_appraisal(
    actor: Actor, assessment: Assessment, *, at: dt.datetime | None = None
) -> Assessment:
    """Sở Nội vụ sends the appraisal to the unit (which may then answer each deduction).

    ``at`` is the time of sending when history is brought in from elsewhere (default: now)."""

    def send(current: Assessment) -> list[str]:
        refusal = missing_appraisal(current)
        if refusal is not None:
            raise ScoringError(refusal)
        current.appraised_at, current.appraised_by = at or timezone.now(), actor.user
        return ["appraised_at", "appraised_by"]

    return ASSESSMENT_WORKFLOW.step(actor, assessment, "send", change=send, at=at).obj


def is_contested(item: ItemScore) -> bool:
    """The appraisal gave a reason (a deduction, or a different view on applicability): the
    unit may answer it once."""
    return bool(item.deduction_reason.strip())


def answers_open(framework: Framework, today: dt.date | None = None) -> bool:
    due = framework.answer_due
    return due is None or (today or timezone.localdate()) <= due


def answer_deduction(
    actor: Actor, item: ItemScore, text: str, *, at: dt.datetime | None = None
) -> ItemScore:
    """The unit head answers one contested item, once, while the appraisal awaits answers and
    not after ``answer_due``.

    ``at`` is the time of answering when history is brought in from elsewhere (default: now);
    its local date is the one checked against ``answer_due``."""
    now = at or timezone.now()
    code = item.criterion.code
    answer = text.strip()

    def write(current: Assessment) -> list[str]:
        due = current.framework.answer_due
        if due is not None and timezone.localdate(now) > due:
            raise ScoringError(_("Đã hết hạn giải trình (%(due)s).") % {"due": format_date(due)})
        leaf = ItemScore.objects.select_for_update().get(pk=item.pk)
        if not is_contested(leaf):
            raise ScoringError(_("Tiêu chí này không bị trừ điểm; không cần giải trình."))
        if leaf.answer:
            raise ScoringError(_("Đơn vị đã giải trình tiêu chí này; mỗi nội dung chỉ một lần."))
        leaf.answer, leaf.answered_at, leaf.answered_by = answer, now, actor.user
        leaf.save(update_fields=["answer", "answered_at", "answered_by"])
        return []

    ASSESSMENT_WORKFLOW.step(
        actor,
        item.assessment,
        "answer",
        note=f"{code}: {answer}" if answer else "",
        change=write,
        at=at,
        after={"criterion": code, "answer": answer},
    )
    return _leaf(item)


def unanswered(assessment: Assessment) -> list[str]:
    return [
        code for code, item in _items(assessment).items() if is_contested(item) and not item.answer
    ]


def finalise_assessment(
    actor: Actor, assessment: Assessment, *, at: dt.datetime | None = None
) -> Assessment:
    """Sở Nội vụ fixes the scores. Before ``answer_due`` only once every contested item has
    been answered: the unit keeps its right to answer until the deadline.

    ``at`` is the time of finalising, whose local date is checked against ``answer_due``, when
    history is brought in from elsewhere (default: now)."""
    now = at or timezone.now()

    def finalise(current: Assessment) -> list[str]:
        # Checked again on the day of finalising when history is brought in (``at``).
        if refusal := answers_pending(current, timezone.localdate(now)):
            raise ScoringError(refusal)
        current.finalised_at, current.finalised_by = now, actor.user
        return ["finalised_at", "finalised_by"]

    return ASSESSMENT_WORKFLOW.step(actor, assessment, "finalise", change=finalise, at=at).obj
