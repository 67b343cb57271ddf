"""The PAR Index assessment's workflow: the one table of its steps (``cchc.workflow``).

The unit's officer or head drafts (DRAFT) and attaches evidence, the head submits
(SUBMITTED; Sở Nội vụ may return it to DRAFT), the coordinator appraises and sends the result
(APPRAISED), the head may answer each contested item once, the coordinator finalises
(FINALISED). Saving the sheet or the appraisal is no status move: its own action
(``cchc.scoring.actions``) follows the table's rows ``self_save`` and ``appraise`` and records
its step through the table. The audit codes are those recorded before the kernel
(``scoring.submit``…).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from cchc.access import Perm, can_act_for_unit
from cchc.audit.log import Actor
from cchc.lib.vnformat import format_date
from cchc.scoring.models import Assessment, AssessmentEvent, Method, Status
from cchc.scoring.notices import assessment_step
from cchc.workflow import ConflictError, StatusError, Step, Transition, Workflow, WorkflowError


class ScoringError(WorkflowError):
    """An action that cannot be done now; the message is for the user, in Vietnamese."""


class ScoringStatusError(ScoringError, StatusError):
    """The assessment is in a status the step does not start from."""


class SaveConflict(ScoringError, ConflictError):
    """Someone saved the assessment after this copy was opened; nothing was overwritten."""


APPRAISABLE = (Status.SUBMITTED, Status.APPRAISED)
# The appraisal covers every leaf but the survey's.
APPRAISED_METHODS = (Method.SELF, Method.COMPUTED)


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


def missing_appraisal(assessment: Assessment) -> str | None:
    """The refusal to send or finalise an appraisal that leaves leaves unscored."""
    missing = unappraised(assessment)
    if not missing:
        return None
    return gettext("Còn %(n)d tiêu chí chưa có điểm thẩm định: %(codes)s.") % {
        "n": len(missing),
        "codes": ", ".join(missing),
    }


def answers_pending(assessment: Assessment, day: dt.date | None = None) -> str | None:
    """The refusal to finalise while the unit may still answer: before ``answer_due`` (on
    ``day``, default today) with contested items not answered yet."""
    due = assessment.framework.answer_due
    if due is None or (day or timezone.localdate()) > due:
        return None
    waiting = [
        item.criterion.code
        for item in assessment.items.select_related("criterion").order_by("criterion__position")
        if item.deduction_reason.strip() and not item.answer
    ]
    if not waiting:
        return None
    return gettext(
        "Chưa hết hạn giải trình (%(due)s) và đơn vị chưa giải trình %(n)d nội dung "
        "(%(codes)s); chưa chốt điểm được."
    ) % {"due": format_date(due), "n": len(waiting), "codes": ", ".join(waiting)}


def finalisable(assessment: Assessment) -> str | None:
    """Every leaf appraised, and the unit's time to answer used or over."""
    return missing_appraisal(assessment) or answers_pending(assessment)


def own_unit(user: Any, assessment: Assessment) -> bool:
    """The unit's own people act on its assessment."""
    return can_act_for_unit(user, assessment.unit)


def conflict_message(assessment: Assessment) -> str:
    """Who changed the assessment last, and when, for a save refused as stale."""
    last = assessment.events.order_by("at", "id").last()
    who = last.actor_label if last is not None else gettext("Người khác")
    when = date_format(timezone.localtime(last.at), "SHORT_DATETIME_FORMAT") if last else ""
    return gettext(
        "%(who)s đã cập nhật kết quả chấm điểm này lúc %(when)s, sau khi bạn mở trang. Nội dung "
        "bạn vừa nhập chưa được lưu và vẫn còn trên trang: hãy mở bản mới trong thẻ khác, đối "
        "chiếu rồi lưu lại."
    ) % {"who": who, "when": when}


def _unit_step(
    name: str,
    sources: tuple[str, ...],
    label: StrOrPromise,
    *,
    target: str | None = None,
    perm: Perm = Perm.SELF_ASSESS,
    needs_note: StrOrPromise = "",
    done: StrOrPromise = "",
) -> Transition:
    """A step of the unit's people: on its own assessment only."""
    return Transition(
        name,
        sources,
        target,
        perm,
        label,
        rule=own_unit,
        rule_name="can_act_for_unit",
        needs_note=needs_note,
        done=done,
        audit=f"scoring.{name}",
    )


ASSESSMENT_WORKFLOW: Workflow[Assessment] = Workflow(
    title=_("Kết quả chấm điểm"),
    model=Assessment,
    prefix="scoring",
    event_model=AssessmentEvent,
    event_object="assessment",
    status_labels=dict(Status.choices),
    transitions=[
        _unit_step("self_save", (Status.DRAFT,), _("Lưu bản tự đánh giá")),
        _unit_step("evidence_add", (Status.DRAFT,), _("Thêm tài liệu kiểm chứng")),
        _unit_step("evidence_remove", (Status.DRAFT,), _("Gỡ tài liệu kiểm chứng")),
        _unit_step(
            "submit",
            (Status.DRAFT,),
            _("Gửi tự đánh giá"),
            target=Status.SUBMITTED,
            perm=Perm.SUBMIT_SELF_ASSESSMENT,
            done=_("Đã gửi bản tự đánh giá cho Sở Nội vụ."),
        ),
        Transition(
            "return",
            (Status.SUBMITTED,),
            Status.DRAFT,
            Perm.APPRAISE,
            _("Trả lại để bổ sung"),
            needs_note=_("Hãy ghi lý do trả lại để đơn vị biết cần bổ sung gì."),
            done=_("Đã trả lại bản tự đánh giá cho đơn vị."),
            audit="scoring.return",
        ),
        Transition(
            "appraise",
            APPRAISABLE,
            None,
            Perm.APPRAISE,
            _("Lưu kết quả thẩm định"),
            audit="scoring.appraise",
        ),
        Transition(
            "send",
            (Status.SUBMITTED,),
            Status.APPRAISED,
            Perm.APPRAISE,
            _("Gửi kết quả thẩm định cho đơn vị"),
            done=_("Đã gửi kết quả thẩm định cho đơn vị."),
            audit="scoring.send",
        ),
        _unit_step(
            "answer",
            (Status.APPRAISED,),
            _("Giải trình kết quả thẩm định"),
            perm=Perm.SUBMIT_SELF_ASSESSMENT,
            needs_note=_("Hãy ghi ý kiến giải trình."),
        ),
        Transition(
            "finalise",
            (Status.APPRAISED,),
            Status.FINALISED,
            Perm.APPRAISE,
            _("Chốt điểm"),
            guard=finalisable,
            done=_("Đã chốt điểm."),
            audit="scoring.finalise",
        ),
    ],
    event_labels={"start": _("Bắt đầu tự đánh giá")},
    locked=lambda: Assessment.objects.select_related("framework", "unit"),
    conflict_message=conflict_message,
    error=ScoringError,
    status_error=ScoringStatusError,
    conflict_error=SaveConflict,
)


@ASSESSMENT_WORKFLOW.within_step
def tell(actor: Actor, done: Step[Assessment]) -> None:
    """Who is told of the step (``notices.assessment_step``), in the step's transaction."""
    assessment_step(actor, done.obj, done.transition.name, done.event.note)
