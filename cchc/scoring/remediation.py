"""Remediation (khắc phục) of what a unit lost points on, once its results are published.

``losses`` lists the leaves of an assessment that scored below their maximum: neither survey
leaves (the unit cannot act on a survey result by itself) nor leaves that do not apply.
``create_remediation_tasks`` turns each into a task of the tasks module, led by the unit,
under one plan per framework ("KP-CCHC-2024-SO") issued by the decision that published the
results; the item keeps its task (``ItemScore.remediation_task``) so that a second call
creates nothing new. ``remediation_docx`` is the unit's report to Sở Nội vụ on what was done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.access import Perm, require
from cchc.audit.log import Actor, record
from cchc.lib import officialdoc as od
from cchc.lib.vnformat import format_date, format_decimal
from cchc.orgs.letterhead import report_header
from cchc.orgs.models import Kind, Unit
from cchc.scoring.models import Assessment, Criterion, Framework, ItemScore, Method, Status
from cchc.scoring.points import points_text
from cchc.scoring.results import framework_results
from cchc.tasks.actions import TaskData, TaskError, create_plan, create_task
from cchc.tasks.models import EventKind, Plan, Task, TaskEvent
from cchc.tasks.models import Status as TaskStatus

# The plan's code and the units named in its title, per unit kind of the framework.
PLAN_SUFFIX = {
    Kind.DEPARTMENT: ("SO", "các sở, ban, ngành"),
    Kind.DISTRICT: ("HUYEN", "UBND các huyện, thị xã, thành phố"),
    Kind.COMMUNE: ("XA", "UBND các xã, phường, đặc khu"),
    Kind.OFFICE: ("VP", "các văn phòng"),
    Kind.PROVINCE: ("TINH", "UBND tỉnh"),
}
# The task events whose note says what the unit did.
ACCOUNT_EVENTS = (EventKind.PROGRESS, EventKind.REPORTED_DONE, EventKind.CONFIRMED)


class RemediationError(Exception):
    """Remediation that cannot be done now; the message is for the user, in Vietnamese."""


@dataclass(frozen=True)
class Loss:
    """A leaf the unit lost points on, and what was done about it."""

    criterion: Criterion
    item: ItemScore
    score: Decimal

    @property
    def lost(self) -> Decimal:
        return self.criterion.max_points - self.score

    @property
    def reason(self) -> str:
        return self.item.deduction_reason.strip() or _(
            "Chưa đạt điểm tối đa theo kết quả tự đánh giá của đơn vị."
        )

    @property
    def task(self) -> Task | None:
        return self.item.remediation_task

    @property
    def account(self) -> TaskEvent | None:
        """The unit's latest account of what it did (a progress update, the completion report
        or the confirmation), None before any."""
        if self.task is None:
            return None
        events = [
            event
            for event in self.task.events.all()
            if event.kind in ACCOUNT_EVENTS and event.note.strip()
        ]
        return events[-1] if events else None

    @property
    def outcome(self) -> str:
        """What was done, in one sentence for the report."""
        task = self.task
        if task is None:
            return _("Chưa giao nhiệm vụ khắc phục.")
        account = self.account
        note = f" {account.note.strip()}" if account is not None else ""
        if task.status == TaskStatus.DA_HOAN_THANH and task.completed_on is not None:
            done = _("Đã khắc phục xong ngày %(day)s.") % {"day": format_date(task.completed_on)}
            return done + note
        return f"{task.get_status_display()}.{note}"


def losses(assessment: Assessment) -> list[Loss]:
    """The leaves of ``assessment`` that scored below their maximum (an unscored leaf counts
    0), leaving out survey leaves and leaves that do not apply to the unit, in framework
    order: two queries (items with criteria and tasks, then the tasks' events)."""
    items = (
        assessment.items.filter(criterion__is_leaf=True, not_applicable=False)
        .exclude(criterion__method=Method.SURVEY)
        .select_related("criterion", "remediation_task")
        .prefetch_related(
            Prefetch("remediation_task__events", queryset=TaskEvent.objects.order_by("at", "id"))
        )
        .order_by("criterion__position")
    )
    kind = assessment.unit.kind
    found = []
    for item in items:
        if not item.criterion.applies_to(kind):
            continue
        score = item.score if item.score is not None else Decimal(0)
        if score < item.criterion.max_points:
            found.append(Loss(item.criterion, item, score))
    return found


def plan_code(framework: Framework) -> str:
    suffix = PLAN_SUFFIX.get(Kind(framework.unit_kind), (framework.unit_kind.upper(), ""))[0]
    return f"KP-CCHC-{framework.year}-{suffix}"


def plan_title(framework: Framework) -> str:
    units = PLAN_SUFFIX.get(Kind(framework.unit_kind), ("", _("các cơ quan, đơn vị")))[1]
    return _("Khắc phục tồn tại, hạn chế qua kết quả Chỉ số CCHC năm %(year)d của %(units)s") % {
        "year": framework.year,
        "units": units,
    }


def task_content(loss: Loss) -> str:
    criterion = loss.criterion
    return _(
        "Khắc phục tồn tại, hạn chế tại tiêu chí %(code)s «%(text)s»: đạt %(score)s/%(max)s "
        "điểm, bị trừ %(lost)s điểm. Lý do: %(reason)s"
    ) % {
        "code": criterion.code,
        "text": criterion.text,
        "score": points_text(loss.score),
        "max": points_text(criterion.max_points),
        "lost": points_text(loss.lost),
        "reason": loss.reason,
    }


def create_remediation_tasks(
    actor: Actor, assessment: Assessment, deadline: dt.date, *, at: dt.datetime | None = None
) -> list[Task]:
    """A task led by the unit for each loss of ``assessment`` that has none yet, due on
    ``deadline``, in the framework's remediation plan (created on first use); returns the
    tasks created (none on a second call).

    Refused unless the assessment is finalised and the framework's results are published
    (the plan is issued by the publication decision), and for a deadline in the past.
    ``at`` is the time of assigning when history is brought in from elsewhere (default: now).
    """
    require(actor, Perm.APPRAISE)
    require(actor, Perm.MANAGE_TASKS)
    if deadline < timezone.localdate(at or timezone.now()):
        raise RemediationError(_("Hạn khắc phục không được trước ngày hôm nay."))
    with transaction.atomic():
        # Locked so that two coordinators pressing the button at once make one set of tasks.
        assessment = (
            Assessment.objects.select_for_update(of=("self",))
            .select_related("framework", "framework__decision", "unit")
            .get(pk=assessment.pk)
        )
        framework, unit = assessment.framework, assessment.unit
        if assessment.status != Status.FINALISED:
            raise RemediationError(
                _("Kết quả của %(unit)s chưa được chốt điểm; chưa giao nhiệm vụ khắc phục được.")
                % {"unit": unit.name}
            )
        if not framework.is_published or framework.decision is None:
            raise RemediationError(
                _(
                    "Kết quả %(title)s chưa được công bố bằng quyết định; nhiệm vụ khắc phục "
                    "được giao theo quyết định công bố kết quả."
                )
                % {"title": framework.title}
            )
        pending = [loss for loss in losses(assessment) if loss.task is None]
        if not pending:
            return []
        plan = _plan(actor, framework)
        created: dict[str, int] = {}
        tasks = []
        for loss in pending:
            try:
                task = create_task(
                    actor,
                    TaskData(
                        content=task_content(loss),
                        source_document=framework.decision,
                        lead_unit=unit,
                        deadline=deadline,
                        expected_output=_("Báo cáo kết quả khắc phục kèm tài liệu kiểm chứng"),
                        item_number=loss.criterion.code,
                        plan=plan,
                    ),
                    at=at,
                )
            except TaskError as e:
                raise RemediationError(str(e)) from e
            loss.item.remediation_task = task
            loss.item.save(update_fields=["remediation_task"])
            created[loss.criterion.code] = task.pk
            tasks.append(task)
        record(
            actor,
            "scoring.remediation_tasks",
            assessment,
            after={"plan": plan.code, "deadline": deadline, "tasks": created},
        )
    return tasks


def _plan(actor: Actor, framework: Framework) -> Plan:
    assert framework.decision is not None  # checked by the caller
    plan = Plan.objects.filter(code__iexact=plan_code(framework)).first()
    if plan is not None:
        return plan
    try:
        return create_plan(actor, plan_code(framework), plan_title(framework), framework.decision)
    except TaskError as e:
        raise RemediationError(str(e)) from e


def remediation_docx(assessment: Assessment, today: dt.date) -> bytes:
    """The unit's "Báo cáo kết quả khắc phục…" to Sở Nội vụ (Decree 30 layout), dated
    ``today``: its result, then each loss with what was done about it."""
    framework, unit = assessment.framework, assessment.unit
    found = losses(assessment)
    header, signature = report_header(unit, today)
    addressee = _("Sở Nội vụ tỉnh %(place)s") % {"place": header.place} if header.place else ""
    rows = [
        [
            str(number),
            f"{loss.criterion.code}. {loss.criterion.text}",
            points_text(loss.criterion.max_points),
            points_text(loss.score),
            points_text(loss.lost),
            loss.reason,
            loss.outcome,
        ]
        for number, loss in enumerate(found, start=1)
    ]
    done = sum(
        1
        for loss in found
        if loss.task is not None and loss.task.status == TaskStatus.DA_HOAN_THANH
    )
    document = od.OfficialDocument(
        header=header,
        doc_type=_("BÁO CÁO"),
        subject=_(
            "Kết quả khắc phục tồn tại, hạn chế qua kết quả Chỉ số cải cách hành chính năm %(year)d"
        )
        % {"year": framework.year},
        addressees=[addressee or _("Sở Nội vụ")],
        blocks=[
            od.Paragraph(_introduction(assessment, len(found))),
            od.Heading(_("I. KẾT QUẢ KHẮC PHỤC CÁC TIÊU CHÍ BỊ TRỪ ĐIỂM")),
            od.Table(
                columns=[
                    _("STT"),
                    _("Tiêu chí"),
                    _("Điểm tối đa"),
                    _("Điểm đạt"),
                    _("Điểm bị trừ"),
                    _("Lý do trừ điểm"),
                    _("Kết quả khắc phục"),
                ],
                rows=rows,
                widths_cm=(1.0, 4.0, 1.4, 1.4, 1.4, 3.6, 3.7),
                centred_columns=frozenset({0, 2, 3, 4}),
                font_size=11,
            ),
            od.Heading(_("II. ĐÁNH GIÁ CHUNG")),
            od.Paragraph(
                _(
                    "Đã khắc phục xong %(done)d/%(total)d nội dung bị trừ điểm; còn %(open)d "
                    "nội dung đang tiếp tục khắc phục."
                )
                % {"done": done, "total": len(found), "open": len(found) - done}
            ),
        ],
        recipients=[_("Như trên;"), _("Lưu: VT.")],
        signature=signature,
    )
    return od.render(document)


def _introduction(assessment: Assessment, count: int) -> str:
    framework, unit = assessment.framework, assessment.unit
    decision = framework.decision
    basis = ""
    if decision is not None:
        dated = _(" ngày %(day)s") % {"day": format_date(decision.date)} if decision.date else ""
        basis = _(
            "Thực hiện %(doc_type)s số %(symbol)s%(dated)s công bố Chỉ số cải cách hành "
            "chính năm %(year)d, "
        ) % {
            "doc_type": decision.doc_type,
            "symbol": decision.symbol,
            "dated": dated,
            "year": framework.year,
        }
    result = _standing(framework, unit)
    return _(
        "%(basis)s%(unit)s báo cáo kết quả khắc phục các tồn tại, hạn chế như sau. Năm "
        "%(year)d, %(unit)s %(result)sbị trừ điểm ở %(count)d tiêu chí thành phần."
    ) % {
        "basis": basis,
        "unit": unit.name,
        "year": framework.year,
        "result": result,
        "count": count,
    }


def _standing(framework: Framework, unit: Unit) -> str:
    """ "đạt 95,39 điểm, xếp hạng 3/20; " from the published results, empty before."""
    if not framework.is_published:
        return ""
    results = framework_results(framework)
    for result in results:
        if result.unit.pk == unit.pk:
            return _("đạt %(total)s điểm, xếp hạng %(rank)d/%(n)d; ") % {
                "total": format_decimal(result.total),
                "rank": result.rank,
                "n": len(results),
            }
    return ""
