"""A task's page and the steps of its workflow and of its adjustment requests' (the buttons
``TASK_WORKFLOW`` and ``ADJUSTMENT_WORKFLOW`` allow), and its evidence files."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cchc.access import Perm, require_object, requires
from cchc.audit.log import Actor
from cchc.tasks import actions
from cchc.tasks.access import can_view_task
from cchc.tasks.forms import (
    AdjustmentRequestForm,
    ConfirmForm,
    DecisionForm,
    ProgressForm,
    ReportDoneForm,
    ReturnForm,
)
from cchc.tasks.history import report_gap
from cchc.tasks.models import Adjustment, AdjustmentState, EventKind, Evidence, Task
from cchc.tasks.workflows import ADJUSTMENT_WORKFLOW, TASK_WORKFLOW
from cchc.workflow import step_view


@requires(Perm.VIEW_TASKS)
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _readable_task(request, pk)
    return render(request, "tasks/task_detail.html", _detail_context(request, task))


@requires(Perm.WORK_ON_TASKS)
@require_POST
def task_accept(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_for_step(request, pk, EventKind.ACCEPTED)
    return step_view(
        request,
        lambda actor: actions.accept_task(actor, task),
        done=TASK_WORKFLOW.transition(EventKind.ACCEPTED).done,
        back=task.get_absolute_url(),
    )


@requires(Perm.WORK_ON_TASKS)
@require_POST
def task_progress(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_for_step(request, pk, EventKind.PROGRESS)
    form = ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail_again(request, task, progress_form=form)
    data = form.cleaned_data
    return step_view(
        request,
        lambda actor: actions.add_progress(actor, task, data["note"], data["evidence"]),
        done=TASK_WORKFLOW.transition(EventKind.PROGRESS).done,
        back=task.get_absolute_url(),
        typed=data["note"],
    )


@requires(Perm.WORK_ON_TASKS)
@require_POST
def task_report_done(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_for_step(request, pk, EventKind.REPORTED_DONE)
    form = ReportDoneForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail_again(request, task, done_form=form)
    data = form.cleaned_data
    return step_view(
        request,
        lambda actor: actions.report_done(
            actor, task, data["completed_on"], data["note"], data["evidence"]
        ),
        done=TASK_WORKFLOW.transition(EventKind.REPORTED_DONE).done,
        back=task.get_absolute_url(),
        typed=data["note"],
    )


@requires(Perm.WORK_ON_TASKS)
@require_POST
def task_request_adjustment(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(Task.objects.select_related("lead_unit"), pk=pk)
    ADJUSTMENT_WORKFLOW.check(
        Actor.from_request(request), Adjustment(task=task), EventKind.ADJUSTMENT_REQUESTED
    )
    form = AdjustmentRequestForm(request.POST)
    if not form.is_valid():
        return _detail_again(request, task, adjustment_form=form)
    data = form.cleaned_data
    return step_view(
        request,
        lambda actor: actions.request_adjustment(
            actor, task, data["kind"], data["reason"], data["proposed_deadline"]
        ),
        done=ADJUSTMENT_WORKFLOW.transition(EventKind.ADJUSTMENT_REQUESTED).done,
        back=task.get_absolute_url(),
        typed=data["reason"],
    )


@requires(Perm.MANAGE_TASKS)
@require_POST
def task_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(Task, pk=pk)
    form = ConfirmForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return step_view(
        request,
        lambda actor: actions.confirm_completion(actor, task, note),
        done=TASK_WORKFLOW.transition(EventKind.CONFIRMED).done,
        back=task.get_absolute_url(),
        typed=note,
    )


@requires(Perm.MANAGE_TASKS)
@require_POST
def task_return(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(Task, pk=pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _detail_again(request, task, return_form=form)
    reason = form.cleaned_data["reason"]
    return step_view(
        request,
        lambda actor: actions.return_task(actor, task, reason),
        done=TASK_WORKFLOW.transition(EventKind.RETURNED).done,
        back=task.get_absolute_url(),
        typed=reason,
    )


@requires(Perm.MANAGE_TASKS)
@require_POST
def adjustment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    adjustment = get_object_or_404(Adjustment.objects.select_related("task"), pk=pk)
    task = adjustment.task
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _detail_again(request, task, decision_form=form)
    approve = form.cleaned_data["decision"] == "approve"
    note = form.cleaned_data["note"]
    step = EventKind.ADJUSTMENT_APPROVED if approve else EventKind.ADJUSTMENT_REFUSED
    return step_view(
        request,
        lambda actor: actions.decide_adjustment(actor, adjustment, approve, note),
        done=ADJUSTMENT_WORKFLOW.transition(step).done,
        back=task.get_absolute_url(),
        typed=note,
    )


@requires(Perm.VIEW_TASKS)
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, to those who may read its task (never a public URL)."""
    evidence = get_object_or_404(Evidence.objects.select_related("event__task"), pk=pk)
    task = evidence.event.task
    require_object(
        Actor.from_request(request), can_view_task(request.user, task), task, "view_task"
    )
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


def _task_for_step(request: HttpRequest, pk: int, step: str) -> Task:
    """The task, if the user may take ``step`` on it (the table's permission and rule, the
    refusal recorded), before the form is read."""
    task = get_object_or_404(Task.objects.select_related("lead_unit"), pk=pk)
    TASK_WORKFLOW.check(Actor.from_request(request), task, step)
    return task


def _readable_task(request: HttpRequest, pk: int) -> Task:
    task = get_object_or_404(
        Task.objects.select_related("plan", "lead_unit", "source_document", "created_by"), pk=pk
    )
    require_object(
        Actor.from_request(request), can_view_task(request.user, task), task, "view_task"
    )
    return task


def _detail_again(
    request: HttpRequest, task: Task, **forms_with_errors: forms.Form
) -> HttpResponse:
    """The task page with the submitted form and its errors, so nothing typed is lost."""
    task = _readable_task(request, task.pk)
    context = _detail_context(request, task)
    context.update(forms_with_errors)
    return render(request, "tasks/task_detail.html", context)


def _detail_context(request: HttpRequest, task: Task) -> dict[str, Any]:
    """The page of a task: its facts, history and requests, and the forms of the steps the
    workflows allow the user now (``steps``: the task's, ``request_steps``: asking for an
    adjustment, ``decision_steps``: deciding the pending request)."""
    adjustments = list(task.adjustments.select_related("requested_by", "decided_by"))
    pending = next((a for a in adjustments if a.state == AdjustmentState.PENDING), None)
    events = task.events.select_related("actor").prefetch_related("evidence")
    asked = Adjustment(task=task)
    return {
        "task": task,
        "deadline_state": task.deadline_status(timezone.localdate()),
        "cooperating_units": task.cooperating_units.all(),
        "events": events,
        "adjustments": adjustments,
        "pending": pending,
        "steps": TASK_WORKFLOW.can(request.user, task),
        "request_steps": ADJUSTMENT_WORKFLOW.can(request.user, asked),
        "decision_steps": ADJUSTMENT_WORKFLOW.can(request.user, pending) if pending else {},
        "report_gap": report_gap(task),
        "progress_form": ProgressForm(),
        "done_form": ReportDoneForm(),
        "adjustment_form": AdjustmentRequestForm(),
        "confirm_form": ConfirmForm(),
        "return_form": ReturnForm(),
        "decision_form": DecisionForm(),
    }
