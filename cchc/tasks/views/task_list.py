"""The task list with its filters and downloads, a unit's tasks, the adjustment requests."""

from __future__ import annotations

from django.db.models import Case, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from cchc.access import Perm, acting_unit_ids, require_object, requires
from cchc.audit.log import Actor
from cchc.lib.downloads import attachment
from cchc.lib.filters import page_of
from cchc.lib.officialdoc import DOCX_TYPE
from cchc.lib.xlsx import XLSX_TYPE
from cchc.orgs.models import Unit
from cchc.tasks import deadline as rule
from cchc.tasks import exports
from cchc.tasks.access import can_view_unit_tasks, visible_tasks
from cchc.tasks.filters import TaskFilters
from cchc.tasks.models import Adjustment, AdjustmentState, Task, deadline_status_expression
from cchc.tasks.stats import count_tasks

PAGE_SIZE = 50


@requires(Perm.VIEW_TASKS)
def task_list(request: HttpRequest) -> HttpResponse:
    filters = TaskFilters(request)
    return render(
        request,
        "tasks/task_list.html",
        {
            **filters.context(),
            "page": page_of(request, filters.listed(), PAGE_SIZE),
            "user_units": Unit.objects.filter(pk__in=acting_unit_ids(request.user)),
        },
    )


@requires(Perm.VIEW_TASKS)
def task_export_xlsx(request: HttpRequest) -> HttpResponse:
    filters = TaskFilters(request)
    if refused := filters.refusal():
        return refused
    tasks = filters.listed().prefetch_related("cooperating_units")
    data = exports.tasks_workbook(tasks, filters.as_of)
    return attachment(data, XLSX_TYPE, f"nhiem-vu-{filters.as_of:%Y%m%d}.xlsx")


@requires(Perm.VIEW_TASKS)
def task_export_docx(request: HttpRequest) -> HttpResponse:
    filters = TaskFilters(request)
    if refused := filters.refusal():
        return refused
    data = exports.tasks_document(
        filters.listed(), filters.as_of, exports.issuing_unit(request.user), filters.scope
    )
    return attachment(data, DOCX_TYPE, f"danh-sach-nhiem-vu-{filters.as_of:%Y%m%d}.docx")


@requires(Perm.VIEW_TASKS)
def unit_tasks(request: HttpRequest, code: str) -> HttpResponse:
    """Nhiệm vụ của đơn vị: the unit's open tasks by urgency, overdue first."""
    unit = get_object_or_404(Unit, code=code)
    require_object(
        Actor.from_request(request),
        can_view_unit_tasks(request.user, unit),
        unit,
        "view_unit_tasks",
    )
    as_of = timezone.localdate()
    led = Task.objects.filter(lead_unit=unit)
    open_tasks = (
        led.filter(status__in=(*rule.OPEN, rule.CHO_KET_THUC))
        .annotate(deadline_state=deadline_status_expression(as_of))
        .select_related("plan", "source_document")
        .by_urgency(as_of)
    )
    cooperating = (
        Task.objects.filter(cooperating_units=unit, status__in=rule.OPEN)
        .annotate(deadline_state=deadline_status_expression(as_of))
        .select_related("plan", "lead_unit", "source_document")
        .by_urgency(as_of)
    )
    return render(
        request,
        "tasks/unit_tasks.html",
        {
            "unit": unit,
            "page": page_of(request, open_tasks, PAGE_SIZE),
            "cooperating": cooperating[:PAGE_SIZE],
            "stats": count_tasks(led, as_of),
            "as_of": as_of,
        },
    )


@requires(Perm.VIEW_TASKS)
def adjustment_list(request: HttpRequest) -> HttpResponse:
    """Requests to adjust tasks, those awaiting a decision first."""
    adjustments = (
        Adjustment.objects.filter(task__in=visible_tasks(request.user, Task.objects.all()))
        .select_related("task", "task__lead_unit", "requested_by", "decided_by")
        .annotate(
            settled=Case(When(state=AdjustmentState.PENDING, then=Value(0)), default=Value(1))
        )
        .order_by("settled", "-requested_at", "-id")
    )
    return render(
        request, "tasks/adjustment_list.html", {"page": page_of(request, adjustments, PAGE_SIZE)}
    )
