"""Writes to a unit's PAR Index assessment: self-assessment, evidence, appraisal, answers.

Each action checks permission (before its transaction opens, so that a recorded refusal is
not rolled back with it), runs in a transaction, locks the assessment row and records an
audit entry against the assessment (the page's history reads them back). Errors the user can
cause raise ``ScoringError`` with a Vietnamese message; ``EntryRefused`` carries one message
per criterion code for the fields of a form; ``SaveConflict`` refuses a form opened at an
older ``version``. Nothing is stored when an action raises.

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
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cchc.access import Perm, can_act_for_unit, has_perm, require, require_object
from cchc.audit.log import Actor, record
from cchc.audit.models import AuditEntry
from cchc.documents.actions import DocumentError, parse_symbol
from cchc.documents.models import Document
from cchc.documents.upload import EVIDENCE_SUFFIXES, upload_problem
from cchc.lib.search import search_filter
from cchc.lib.vnformat import format_date
from cchc.orgs.models import Unit, UnitQuerySet
from cchc.scoring.config import points_text as points_text  # re-exported for other modules
from cchc.scoring.models import (
    Assessment,
    Criterion,
    Evidence,
    Framework,
    ItemScore,
    Method,
    Status,
)
from cchc.scoring.notices import assessment_step
from cchc.scoring.rules import computed_items

# The leaves a unit scores itself; computed leaves come from cchc's data, survey leaves from
# Sở Nội vụ. The appraisal covers every leaf but the survey's.
UNIT_SCORED = (Method.SELF,)
APPRAISED_METHODS = (Method.SELF, Method.COMPUTED)
APPRAISABLE = (Status.SUBMITTED, Status.APPRAISED)
# At most this many documents are named when a number matches several.
CANDIDATES_NAMED = 5


class ScoringError(Exception):
    """An action that cannot be done now; the message is for the user, in Vietnamese."""


class SaveConflict(ScoringError):
    """Someone saved the assessment after this copy was opened; nothing was overwritten."""


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


def _locked(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("framework", "unit")
        .get(pk=assessment.pk)
    )


def _expect(assessment: Assessment, allowed: tuple[Status, ...]) -> None:
    if assessment.status not in allowed:
        raise ScoringError(
            _("Kết quả chấm điểm đang ở trạng thái «%(status)s»; thao tác này không áp dụng.")
            % {"status": assessment.get_status_display()}
        )


def _check_version(current: Assessment, version: int) -> None:
    if current.version != version:
        raise SaveConflict(conflict_message(current))


def audit_entries(assessment: Assessment) -> QuerySet[AuditEntry]:
    """The assessment's audit entries, oldest first (its page's history)."""
    return AuditEntry.objects.filter(
        object_type=Assessment._meta.label_lower, object_id=str(assessment.pk)
    ).order_by("at", "id")


def conflict_message(assessment: Assessment) -> str:
    last = audit_entries(assessment).last()
    who = last.actor_label if last is not None else _("Người khác")
    when = date_format(timezone.localtime(last.at), "SHORT_DATETIME_FORMAT") if last else ""
    return _(
        "%(who)s đã cập nhật kết quả chấm điểm này lúc %(when)s, sau khi bạn mở trang. Nội dung "
        "bạn vừa nhập chưa được lưu và vẫn còn trên trang: hãy mở bản mới trong thẻ khác, đối "
        "chiếu rồi lưu lại."
    ) % {"who": who, "when": when}


def _bump(assessment: Assessment, *fields: str) -> None:
    assessment.version = F("version") + 1
    assessment.save(update_fields=["version", *fields])
    assessment.refresh_from_db(fields=["version"])


def _require_unit(actor: Actor, assessment: Assessment, perm: Perm) -> None:
    require(actor, perm)
    require_object(
        actor, can_act_for_unit(actor.user, assessment.unit), assessment, "can_act_for_unit"
    )


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
    _require_unit(actor, assessment, Perm.SELF_ASSESS)
    with transaction.atomic():
        current = _locked(assessment)
        _expect(current, (Status.DRAFT,))
        _check_version(current, version)
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
            _bump(current)
            record(actor, "scoring.self_save", current, before=before, after=after)
    return current


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


def _item_for_unit(item: ItemScore) -> tuple[Assessment, ItemScore]:
    """The item and its locked assessment, while the unit drafts (inside a transaction)."""
    current = _locked(item.assessment)
    _expect(current, (Status.DRAFT,))
    item = ItemScore.objects.select_related("criterion").get(pk=item.pk)
    return current, item


def add_evidence(
    actor: Actor,
    item: ItemScore,
    *,
    document: Document | None = None,
    file: UploadedFile | None = None,
) -> Evidence:
    """Attach a document of the register or an uploaded file to a leaf, while the unit drafts."""
    _require_unit(actor, item.assessment, Perm.SELF_ASSESS)
    if (document is None) == (file is None):
        raise ScoringError(_("Hãy chọn một văn bản trong sổ hoặc một tệp tài liệu kiểm chứng."))
    if file is not None and (problem := upload_problem(file, EVIDENCE_SUFFIXES)):
        raise ScoringError(problem)
    with transaction.atomic():
        current, item = _item_for_unit(item)
        if item.criterion.method not in UNIT_SCORED:
            raise ScoringError(_("Tiêu chí này không do đơn vị tự chấm."))
        evidence = Evidence(item=item, added_by=actor.user)
        if document is not None:
            evidence.document = document
            evidence.name = f"{document}: {document.subject}".rstrip(": ")[:255]
        elif file is not None:
            evidence.name = Path(file.name or "tep").name[:255]
            evidence.file.save(evidence.name, file, save=False)
        evidence.save()
        record(
            actor,
            "scoring.evidence_add",
            current,
            after={"criterion": item.criterion.code, "evidence": evidence.name},
        )
    return evidence


def remove_evidence(actor: Actor, evidence: Evidence) -> None:
    """Take a piece of evidence off its leaf while the unit drafts (an uploaded file is
    deleted with it)."""
    _require_unit(actor, evidence.item.assessment, Perm.SELF_ASSESS)
    with transaction.atomic():
        current, item = _item_for_unit(evidence.item)
        record(
            actor,
            "scoring.evidence_remove",
            current,
            before={"criterion": item.criterion.code, "evidence": evidence.name},
        )
        stored, storage = evidence.file.name, evidence.file.storage
        evidence.delete()
        if stored:
            # Only once the row is gone for good: a rolled-back removal keeps its file.
            transaction.on_commit(lambda: storage.delete(stored))


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
    def __init__(self, problems: list[str]) -> None:
        super().__init__(_("Bản tự đánh giá chưa đầy đủ; chưa gửi được."))
        self.problems = problems


def submit_self_assessment(
    actor: Actor, assessment: Assessment, *, at: dt.datetime | None = None
) -> Assessment:
    """The unit head sends the self-assessment to Sở Nội vụ; computed leaves are measured
    again first. A late one is accepted and shown as late (``submitted_late``): the index
    deducts for lateness through its own criteria, refusing it would leave the unit unscored.

    ``at`` is the time of sending (and of measuring) when history is brought in from
    elsewhere (default: now)."""
    _require_unit(actor, assessment, Perm.SUBMIT_SELF_ASSESSMENT)
    with transaction.atomic():
        current = _locked(assessment)
        _expect(current, (Status.DRAFT,))
        computed = _refresh_computed(current, at)
        problems = submission_problems(current)
        if problems:
            raise SubmitRefused(problems)
        if current.submitted_at is None:
            current.submitted_at = at or timezone.now()
            current.submitted_by = actor.user
        _move(current, Status.SUBMITTED, ["submitted_at", "submitted_by"])
        record(
            actor,
            "scoring.submit",
            current,
            after={"computed": computed, "late": submitted_late(current)},
        )
        assessment_step(actor, current, "submitted")
    return current


def _move(assessment: Assessment, to: Status, fields: list[str]) -> None:
    assessment.status = to
    _bump(assessment, "status", *fields)


def return_self_assessment(actor: Actor, assessment: Assessment, reason: str) -> Assessment:
    """Sở Nội vụ sends a submitted self-assessment back to the unit, saying why."""
    require(actor, Perm.APPRAISE)
    if not reason.strip():
        raise ScoringError(_("Hãy ghi lý do trả lại để đơn vị biết cần bổ sung gì."))
    with transaction.atomic():
        current = _locked(assessment)
        _expect(current, (Status.SUBMITTED,))
        _move(current, Status.DRAFT, [])
        record(actor, "scoring.return", current, note=reason.strip())
        assessment_step(actor, current, "returned", reason.strip())
    return current


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
    require(actor, Perm.APPRAISE)
    with transaction.atomic():
        current = _locked(assessment)
        _expect(current, APPRAISABLE)
        _check_version(current, version)
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
            _bump(current)
            record(actor, "scoring.appraise", current, before=before, after=after)
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


def unappraised(assessment: Assessment) -> list[str]:
    """The codes of the non-survey leaves still without an appraised score."""
    return list(
        assessment.items.filter(
            criterion__method__in=APPRAISED_METHODS,
            not_applicable=False,
            appraised_score__isnull=True,
        )
        .order_by("criterion__position")
        .values_list("criterion__code", flat=True)
    )


def send_appraisal(
    actor: Actor, assessment: Assessment, *, at: dt.datetime | None = None
) -> Assessment:
    """Sở Nội vụ sends the appraisal to the unit (which may then answer each deduction).

    ``at`` is the time of sending when history is brought in from elsewhere (default: now)."""
    require(actor, Perm.APPRAISE)
    with transaction.atomic():
        current = _locked(assessment)
        _expect(current, (Status.SUBMITTED,))
        missing = unappraised(current)
        if missing:
            raise ScoringError(
                _("Còn %(n)d tiêu chí chưa có điểm thẩm định: %(codes)s.")
                % {"n": len(missing), "codes": ", ".join(missing)}
            )
        current.appraised_at, current.appraised_by = at or timezone.now(), actor.user
        _move(current, Status.APPRAISED, ["appraised_at", "appraised_by"])
        record(actor, "scoring.send", current)
        assessment_step(actor, current, "appraised")
    return current


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
    _require_unit(actor, item.assessment, Perm.SUBMIT_SELF_ASSESSMENT)
    if not text.strip():
        raise ScoringError(_("Hãy ghi ý kiến giải trình."))
    with transaction.atomic():
        current = _locked(item.assessment)
        _expect(current, (Status.APPRAISED,))
        now = at or timezone.now()
        due = current.framework.answer_due
        if due is not None and timezone.localdate(now) > due:
            raise ScoringError(_("Đã hết hạn giải trình (%(due)s).") % {"due": format_date(due)})
        item = ItemScore.objects.select_for_update().select_related("criterion").get(pk=item.pk)
        if not is_contested(item):
            raise ScoringError(_("Tiêu chí này không bị trừ điểm; không cần giải trình."))
        if item.answer:
            raise ScoringError(_("Đơn vị đã giải trình tiêu chí này; mỗi nội dung chỉ một lần."))
        item.answer, item.answered_at, item.answered_by = text.strip(), now, actor.user
        item.save(update_fields=["answer", "answered_at", "answered_by"])
        record(
            actor,
            "scoring.answer",
            current,
            after={"criterion": item.criterion.code, "answer": item.answer},
        )
        assessment_step(actor, current, "answered", f"{item.criterion.code}: {item.answer}")
    return item


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
    require(actor, Perm.APPRAISE)
    now = at or timezone.now()
    with transaction.atomic():
        current = _locked(assessment)
        _expect(current, (Status.APPRAISED,))
        missing = unappraised(current)
        if missing:
            raise ScoringError(
                _("Còn %(n)d tiêu chí chưa có điểm thẩm định: %(codes)s.")
                % {"n": len(missing), "codes": ", ".join(missing)}
            )
        waiting = unanswered(current)
        if (
            waiting
            and current.framework.answer_due
            and answers_open(current.framework, timezone.localdate(now))
        ):
            raise ScoringError(
                _(
                    "Chưa hết hạn giải trình (%(due)s) và đơn vị chưa giải trình %(n)d nội dung "
                    "(%(codes)s); chưa chốt điểm được."
                )
                % {
                    "due": format_date(current.framework.answer_due),
                    "n": len(waiting),
                    "codes": ", ".join(waiting),
                }
            )
        current.finalised_at, current.finalised_by = now, actor.user
        _move(current, Status.FINALISED, ["finalised_at", "finalised_by"])
        record(actor, "scoring.finalise", current)
        assessment_step(actor, current, "finalised")
    return current
