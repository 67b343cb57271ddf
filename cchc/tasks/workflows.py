"""The task's workflow and its adjustment requests' (``cchc.workflow``): the one source of the
actions' checks (``cchc.tasks.actions``), the task page's buttons, the history's wording and
the README's tables.

A task: chờ tiếp nhận → đang thực hiện (the lead unit accepts, reports progress) → chờ kết
thúc (reported done) → đã hoàn thành (confirmed by Sở Nội vụ), or back to đang thực hiện
(returned). An adjustment request, asked by the lead unit while the task is open, is approved
or refused by Sở Nội vụ; its steps are in the task's history. The transitions keep the event
kinds and audit codes recorded before the kernel.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.access import Perm
from cchc.audit.log import Actor, snapshot
from cchc.tasks import deadline as rule
from cchc.tasks.access import can_work_on_task
from cchc.tasks.models import (
    Adjustment,
    AdjustmentState,
    EventKind,
    Status,
    Task,
    TaskEvent,
)
from cchc.tasks.notices import task_step
from cchc.workflow import ConflictError, Step, Transition, Workflow, WorkflowError


class TaskError(WorkflowError):
    """A write refused for a reason the user can act on; the message is Vietnamese."""


class TaskConflict(TaskError, ConflictError):
    """An edit made on a copy of the task older than someone else's save."""


# What the audit log keeps of a task (with its cooperating units' codes).
TASK_FIELDS = [
    "plan",
    "item_number",
    "content",
    "source_document",
    "lead_unit",
    "deadline",
    "original_deadline",
    "expected_output",
    "status",
    "completed_on",
]


def task_state(task: Task) -> dict[str, Any]:
    """What the audit log keeps of a task."""
    state = snapshot(task, TASK_FIELDS)
    state["cooperating_units"] = sorted(task.cooperating_units.values_list("code", flat=True))
    return state


def works_on_adjusted_task(user: Any, adjustment: Adjustment) -> bool:
    """The lead unit of the request's task asks (``cchc.access.can_work_on_task``)."""
    return can_work_on_task(user, adjustment.task)


def _task_refusal(task: Task, transition: Transition) -> str:
    return _("Nhiệm vụ đang ở trạng thái «%(status)s», không thể %(doing)s.") % {
        "status": task.get_status_display(),
        "doing": str(transition.label).lower(),
    }


def _task_changed(task: Task) -> str:
    return _("Nhiệm vụ vừa được người khác cập nhật; hãy tải lại trang.")


TASK_WORKFLOW: Workflow[Task] = Workflow(
    title=gettext_lazy("Nhiệm vụ"),
    model=Task,
    prefix="task",
    event_model=TaskEvent,
    event_object="task",
    status_labels=dict(Status.choices),
    locked=lambda: Task.objects.select_related("lead_unit"),
    snapshot=task_state,
    status_message=_task_refusal,
    conflict_message=_task_changed,
    error=TaskError,
    conflict_error=TaskConflict,
    transitions=[
        Transition(
            EventKind.ACCEPTED,
            (Status.CHO_TIEP_NHAN,),
            Status.DANG_THUC_HIEN,
            Perm.WORK_ON_TASKS,
            EventKind.ACCEPTED.label,
            rule=can_work_on_task,
            rule_name="work_on_task",
            done=gettext_lazy("Đã tiếp nhận."),
            audit="task.accept",
        ),
        Transition(
            EventKind.PROGRESS,
            (Status.DANG_THUC_HIEN,),
            None,
            Perm.WORK_ON_TASKS,
            EventKind.PROGRESS.label,
            rule=can_work_on_task,
            rule_name="work_on_task",
            done=gettext_lazy("Đã cập nhật tiến độ."),
            audit="task.progress",
        ),
        Transition(
            EventKind.REPORTED_DONE,
            (Status.DANG_THUC_HIEN,),
            Status.CHO_KET_THUC,
            Perm.WORK_ON_TASKS,
            EventKind.REPORTED_DONE.label,
            rule=can_work_on_task,
            rule_name="work_on_task",
            done=gettext_lazy("Đã báo cáo hoàn thành; chờ Sở Nội vụ xác nhận."),
            audit="task.report_done",
        ),
        Transition(
            EventKind.CONFIRMED,
            (Status.CHO_KET_THUC,),
            Status.DA_HOAN_THANH,
            Perm.MANAGE_TASKS,
            EventKind.CONFIRMED.label,
            done=gettext_lazy("Đã xác nhận hoàn thành."),
            audit="task.confirm",
        ),
        Transition(
            EventKind.RETURNED,
            (Status.CHO_KET_THUC,),
            Status.DANG_THUC_HIEN,
            Perm.MANAGE_TASKS,
            EventKind.RETURNED.label,
            needs_note=gettext_lazy("Hãy ghi lý do trả lại."),
            done=gettext_lazy("Đã trả lại nhiệm vụ cho đơn vị."),
            audit="task.return",
        ),
    ],
)


def _open_task(adjustment: Adjustment) -> str | None:
    """An adjustment is asked and decided while its task is open."""
    task = adjustment.task
    if task.status in rule.OPEN:
        return None
    return _("Nhiệm vụ đang ở trạng thái «%(status)s», không thể điều chỉnh.") % {
        "status": task.get_status_display()
    }


def no_other_request(adjustment: Adjustment) -> str | None:
    """A task has at most one request waiting for a decision."""
    if refusal := _open_task(adjustment):
        return refusal
    others = Adjustment.objects.filter(task_id=adjustment.task_id, state=AdjustmentState.PENDING)
    if adjustment.pk is not None:
        others = others.exclude(pk=adjustment.pk)
    if others.exists():
        return _("Nhiệm vụ đã có một đề nghị điều chỉnh đang chờ duyệt.")
    return None


def _decided(adjustment: Adjustment, transition: Transition) -> str:
    return _("Đề nghị này đã được xử lý.")


def adjustment_state(adjustment: Adjustment) -> dict[str, Any]:
    """What the audit log keeps of a request: its own fields and its task's."""
    return snapshot(adjustment, ["kind", "proposed_deadline", "reason", "state"]) | {
        "task": task_state(adjustment.task)
    }


def _locked_adjustments() -> QuerySet[Adjustment]:
    return Adjustment.objects.select_related("task", "task__lead_unit")


ADJUSTMENT_WORKFLOW: Workflow[Adjustment] = Workflow(
    title=gettext_lazy("Đề nghị điều chỉnh"),
    model=Adjustment,
    prefix="task",
    event_model=TaskEvent,
    event_object="task",
    event_owner=lambda adjustment: adjustment.task,
    status_field="state",
    status_labels=dict(AdjustmentState.choices),
    locked=_locked_adjustments,
    snapshot=adjustment_state,
    status_message=_decided,
    error=TaskError,
    transitions=[
        Transition(
            EventKind.ADJUSTMENT_REQUESTED,
            (AdjustmentState.PENDING,),
            None,
            Perm.WORK_ON_TASKS,
            EventKind.ADJUSTMENT_REQUESTED.label,
            rule=works_on_adjusted_task,
            rule_name="work_on_task",
            guard=no_other_request,
            done=gettext_lazy("Đã gửi đề nghị điều chỉnh."),
            audit="task.adjustment_request",
        ),
        Transition(
            EventKind.ADJUSTMENT_APPROVED,
            (AdjustmentState.PENDING,),
            AdjustmentState.APPROVED,
            Perm.MANAGE_TASKS,
            EventKind.ADJUSTMENT_APPROVED.label,
            guard=_open_task,
            done=gettext_lazy("Đã đồng ý đề nghị."),
            audit="task.adjustment_approve",
        ),
        Transition(
            EventKind.ADJUSTMENT_REFUSED,
            (AdjustmentState.PENDING,),
            AdjustmentState.REFUSED,
            Perm.MANAGE_TASKS,
            EventKind.ADJUSTMENT_REFUSED.label,
            guard=_open_task,
            done=gettext_lazy("Đã không đồng ý đề nghị."),
            audit="task.adjustment_refuse",
        ),
    ],
)


@TASK_WORKFLOW.within_step
def tell_about_task_step(actor: Actor, step: Step[Any]) -> None:
    task_step(actor, step.obj, step.transition.name, step.event.note)


@ADJUSTMENT_WORKFLOW.within_step
def tell_about_adjustment_step(actor: Actor, step: Step[Any]) -> None:
    task_step(actor, step.obj.task, step.transition.name, step.event.note)
