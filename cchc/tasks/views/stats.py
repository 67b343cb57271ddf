"""The task statistics, their downloads, and reminding the units with overdue tasks."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cchc.access import Perm, has_perm, requires
from cchc.audit.log import Actor
from cchc.lib.downloads import attachment
from cchc.lib.officialdoc import DOCX_TYPE
from cchc.lib.xlsx import XLSX_TYPE
from cchc.notifications.reminders import announce_sent, by_reach
from cchc.tasks import exports
from cchc.tasks.filters import TaskFilters
from cchc.tasks.reminders import digests, send_reminders
from cchc.tasks.stats import count_tasks, unit_rates


@requires(Perm.VIEW_TASKS)
def task_stats(request: HttpRequest) -> HttpResponse:
    filters = TaskFilters(request)
    tasks = filters.tasks()
    return render(
        request,
        "tasks/task_stats.html",
        {
            **filters.context(),
            "stats": count_tasks(tasks, filters.as_of, apart=filters.apart),
            "rates": unit_rates(tasks, filters.as_of),
            "all_tasks": has_perm(request.user, Perm.VIEW_ALL_TASKS),
        },
    )


@requires(Perm.VIEW_TASKS)
def stats_export_xlsx(request: HttpRequest) -> HttpResponse:
    filters = TaskFilters(request)
    if refused := filters.refusal():
        return refused
    tasks = filters.tasks()
    data = exports.stats_workbook(
        count_tasks(tasks, filters.as_of), unit_rates(tasks, filters.as_of)
    )
    return attachment(data, XLSX_TYPE, f"thong-ke-nhiem-vu-{filters.as_of:%Y%m%d}.xlsx")


@requires(Perm.VIEW_TASKS)
def stats_export_docx(request: HttpRequest) -> HttpResponse:
    filters = TaskFilters(request)
    if refused := filters.refusal():
        return refused
    tasks = filters.tasks()
    data = exports.stats_document(
        count_tasks(tasks, filters.as_of),
        unit_rates(tasks, filters.as_of),
        exports.issuing_unit(request.user),
        filters.scope,
    )
    return attachment(data, DOCX_TYPE, f"bao-cao-nhiem-vu-{filters.as_of:%Y%m%d}.docx")


@requires(Perm.MANAGE_TASKS)
def overdue_remind(request: HttpRequest) -> HttpResponse:
    """ "Nhắc các đơn vị có nhiệm vụ quá hạn": who gets it, then sending."""
    today = timezone.localdate()
    if request.method == "POST":
        sent = send_reminders(Actor.from_request(request), today, 0, overdue_only=True)
        announce_sent(request, sent)
        return redirect("tasks:task_stats")
    return render(request, "tasks/remind.html", by_reach(digests(today, 0, overdue_only=True)))
