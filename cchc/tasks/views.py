"""Pages of plans and tasks. Reading goes through ``cchc.tasks.access.visible_tasks`` and
``can_view_task``; every change goes through ``cchc.tasks.actions`` (POST only)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, Count, Value, When
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.access import Perm, acting_unit_ids, has_perm, require_object, requires
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentError
from cchc.documents.models import Document
from cchc.lib.downloads import attachment
from cchc.lib.officialdoc import DOCX_TYPE
from cchc.lib.search import search_filter
from cchc.lib.staged import StagedFileError, stage, unstage
from cchc.lib.xlsx import XLSX_TYPE
from cchc.orgs.models import Unit
from cchc.tasks import actions, exports
from cchc.tasks import deadline as rule
from cchc.tasks.access import can_view_task, can_view_unit_tasks, can_work_on_task, visible_tasks
from cchc.tasks.forms import (
    AdjustmentRequestForm,
    ConfirmForm,
    DecisionForm,
    PlanForm,
    PlanImportForm,
    ProgressForm,
    ReportDoneForm,
    ReturnForm,
    TaskForm,
)
from cchc.tasks.history import report_gap
from cchc.tasks.importer import (
    PlanImportError,
    parse_document_ref,
    plan_template,
    read_plan_file,
)
from cchc.tasks.models import (
    DEADLINE_LABELS,
    Adjustment,
    AdjustmentState,
    Evidence,
    Plan,
    PlanImport,
    Status,
    Task,
    TaskQuerySet,
    deadline_status_expression,
)
from cchc.tasks.stats import KHAC, ROW_LABELS, count_tasks, unit_rates

PAGE_SIZE = 50
# Query values of the deadline filter.
DEADLINE_FILTERS = {"trong_han": rule.WITHIN, "qua_han": rule.OVERDUE}


def as_of_date(request: HttpRequest) -> tuple[dt.date, str]:
    """The day the tasks are counted as of: ``?ngay=dd/mm/yyyy``, or today; with a message
    when what was typed is not a date (the page says it counts as of today instead)."""
    typed = request.GET.get("ngay", "").strip()
    today = timezone.localdate()
    if not typed:
        return today, ""
    try:
        day = forms.DateField().clean(typed)
    except forms.ValidationError:
        return today, _(
            "«%(typed)s» không phải là ngày hợp lệ; hãy ghi ngày theo dạng dd/mm/yyyy (ví dụ "
            "20/11/2025)."
        ) % {"typed": typed}
    return day, ""


class TaskFilters:
    """The task filters of a request (list, statistics, exports), applied to what the user
    may read."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.as_of, self.date_error = as_of_date(request)
        # Tasks reported done after their deadline with an earlier completion date, counted
        # apart from those within it (?tach_rieng=1).
        self.apart = request.GET.get("tach_rieng") == "1"
        plan, unit = request.GET.get("ke_hoach"), request.GET.get("don_vi")
        self.plan = Plan.objects.filter(code=plan).first() if plan else None
        self.unit = Unit.objects.filter(code=unit).first() if unit else None
        self.status = request.GET.get("trang_thai", "")
        self.deadline = request.GET.get("han", "")
        self.query = request.GET.get("q", "").strip()
        document = request.GET.get("van_ban", "")
        self.document = (
            Document.objects.filter(pk=int(document)).first() if document.isdigit() else None
        )

    def tasks(self) -> TaskQuerySet:
        tasks = visible_tasks(self.request.user, Task.objects.all())
        if self.plan is not None:
            tasks = tasks.filter(plan=self.plan)
        if self.unit is not None:
            tasks = tasks.filter(lead_unit__in=Unit.objects.subtree(self.unit))
        if self.document is not None:
            tasks = tasks.filter(source_document=self.document)
        if self.status == KHAC:
            tasks = tasks.exclude(status__in=rule.OPEN + rule.DONE)
        elif self.status in Status.values:
            tasks = tasks.filter(status=self.status)
        return tasks.filter(search_filter(self.query))

    def listed(self) -> TaskQuerySet:
        """The filtered tasks with their deadline status, for a page or an export."""
        tasks = (
            self.tasks()
            .annotate(deadline_state=deadline_status_expression(self.as_of))
            .select_related("plan", "lead_unit", "source_document")
        )
        if self.deadline in DEADLINE_FILTERS:
            tasks = tasks.filter(deadline_state=DEADLINE_FILTERS[self.deadline])
        return tasks

    @property
    def scope(self) -> str:
        """What the tasks are, for the title of an exported document."""
        parts = []
        if self.plan is not None:
            parts.append(_("theo %(plan)s") % {"plan": self.plan.title})
        if self.unit is not None:
            parts.append(_("do %(unit)s chủ trì") % {"unit": self.unit.name})
        return " ".join(parts) or _("cải cách hành chính")

    def query_string(self, **changes: str) -> str:
        params = self.request.GET.copy()
        params.pop("trang", None)
        for key, value in changes.items():
            params[key] = value
        return params.urlencode()

    def context(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "date_error": self.date_error,
            "typed_date": self.request.GET.get("ngay", ""),
            "apart": self.apart,
            "plan": self.plan,
            "unit": self.unit,
            "status": self.status,
            "deadline": self.deadline,
            "query": self.query,
            "document": self.document,
            "filters": self.query_string(),
            "plans": Plan.objects.order_by("-created_at", "-id"),
            "units": Unit.objects.only("code", "name", "path"),
            "statuses": list(ROW_LABELS.items()),
            "deadline_choices": [
                (code, DEADLINE_LABELS[state]) for code, state in DEADLINE_FILTERS.items()
            ],
        }


@requires(Perm.VIEW_TASKS)
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = Plan.objects.select_related("document").annotate(task_count=Count("tasks"))
    page = Paginator(plans.order_by("-created_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    return render(request, "tasks/plan_list.html", {"page": page, "filters": ""})


@requires(Perm.VIEW_TASKS)
def plan_detail(request: HttpRequest, code: str) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("document"), code=code)
    as_of = timezone.localdate()
    tasks = (
        visible_tasks(request.user, plan.tasks.all())
        .annotate(deadline_state=deadline_status_expression(as_of))
        .select_related("lead_unit", "source_document")
    )
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "tasks/plan_detail.html",
        {
            "plan": plan,
            "page": page,
            "stats": count_tasks(visible_tasks(request.user, plan.tasks.all()), as_of),
            "as_of": as_of,
            "filters": "",
        },
    )


@requires(Perm.MANAGE_TASKS)
def plan_create(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actor = Actor.from_request(request)
        data = form.cleaned_data
        ref = actions.DocumentRef(
            data["document_symbol"],
            data["document_date"],
            data["document_subject"] or data["title"],
        )
        try:
            with transaction.atomic():
                document, registered = actions.find_or_register_document(actor, ref)
                plan = actions.create_plan(actor, data["code"], data["title"], document)
        except (actions.TaskError, DocumentError) as e:
            form.add_error(None, str(e))
        else:
            if registered:
                messages.info(request, _("Đã vào sổ văn bản %(d)s.") % {"d": document})
            return redirect(plan)
    return render(request, "tasks/form.html", {"form": form, "title": _("Thêm kế hoạch")})


@requires(Perm.MANAGE_TASKS)
def plan_import(request: HttpRequest) -> HttpResponse:
    """The browser twin of ``manage.py import_plan``: the same checks, all or nothing. The
    upload is previewed first (every task as it will be created, or every error once); the
    confirmation imports the very file that was previewed. A large file is imported by the job
    runner instead, and its page shows the progress: neither this request nor other officers'
    saves wait for it."""
    form = PlanImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "errors": [], "error_count": 0}
    if request.method != "POST" or not form.is_valid():
        return render(request, "tasks/plan_import.html", context)
    data = form.cleaned_data
    confirming = "confirm" in request.POST
    if not confirming and data["file"].size > settings.PLAN_IMPORT_INLINE_BYTES:
        job = actions.start_plan_import(
            Actor.from_request(request),
            code=data["code"],
            title=data["title"],
            document=data["document"],
            upload=data["file"],
        )
        return redirect("plan_import_status", pk=job.pk)
    try:
        document = parse_document_ref(data["document"])
    except ValueError:
        form.add_error("document", _("Ngày ban hành không phải ngày dd/mm/yyyy."))
        return render(request, "tasks/plan_import.html", context)
    try:
        if confirming:
            name = request.POST.get("file_name", "")[:255]
            content = unstage(
                request.POST.get("content", ""),
                request.POST.get("sha256", ""),
                settings.MAX_UPLOAD_SIZE,
            )
        else:
            name, content = data["file"].name or "ke-hoach.xlsx", data["file"].read()
        rows = read_plan_file(io.BytesIO(content), document, name=name)
    except StagedFileError:
        form.add_error(None, _("Tệp gửi kèm bị hỏng; hãy chọn lại tệp."))
        return render(request, "tasks/plan_import.html", context)
    except PlanImportError as e:
        context["errors"], context["error_count"] = actions.capped_errors(e.errors)
        return render(request, "tasks/plan_import.html", context)
    if not confirming:
        staged, digest = stage(content)
        context.update(rows=rows, content=staged, sha256=digest, file_name=name, preview=True)
        return render(request, "tasks/plan_import.html", context)
    try:
        result = actions.import_plan(
            Actor.from_request(request),
            code=data["code"],
            title=data["title"],
            document=document,
            rows=rows,
        )
    except (actions.TaskError, DocumentError) as e:
        context["errors"], context["error_count"] = actions.capped_errors([str(e)])
        return render(request, "tasks/plan_import.html", context)
    messages.success(
        request,
        _("Đã nhập %(n)d nhiệm vụ của kế hoạch %(code)s.")
        % {"n": len(result.tasks), "code": result.plan.code},
    )
    for registered in result.registered:
        messages.info(
            request,
            _("Đã vào sổ văn bản mới %(d)s; hãy bổ sung ngày ban hành, trích yếu.")
            % {"d": registered},
        )
    return redirect(result.plan)


@requires(Perm.MANAGE_TASKS)
def plan_import_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress of a plan imported in the background, then its result."""
    job = get_object_or_404(PlanImport, pk=pk)
    return render(request, "tasks/plan_import_status.html", {"job": job})


@requires(Perm.MANAGE_TASKS)
def plan_import_template(request: HttpRequest) -> HttpResponse:
    """The .xlsx template of a plan's annex that the import reads."""
    return attachment(plan_template(), XLSX_TYPE, "mau-phu-luc-ke-hoach.xlsx")


@requires(Perm.VIEW_TASKS)
def task_list(request: HttpRequest) -> HttpResponse:
    filters = TaskFilters(request)
    page = Paginator(filters.listed(), PAGE_SIZE).get_page(request.GET.get("trang"))
    user_units = Unit.objects.filter(pk__in=acting_unit_ids(request.user))
    return render(
        request,
        "tasks/task_list.html",
        {
            **filters.context(),
            "page": page,
            "user_units": user_units,
        },
    )


@requires(Perm.MANAGE_TASKS)
def task_create(request: HttpRequest) -> HttpResponse:
    initial: dict[str, Any] = {}
    source = Document.objects.filter(pk=request.GET.get("van_ban") or 0).first()
    if source is not None:
        initial.update(document_symbol=source.symbol, document_date=source.date)
    plan = Plan.objects.filter(code=request.GET.get("ke_hoach", "")).first()
    if plan is not None:
        initial.update(
            plan=plan, document_symbol=plan.document.symbol, document_date=plan.document.date
        )
    form = TaskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actor = Actor.from_request(request)
        try:
            with transaction.atomic():
                document, registered = actions.find_or_register_document(actor, _document_ref(form))
                task = actions.create_task(actor, _task_data(form, document))
        except (actions.TaskError, DocumentError) as e:
            form.add_error(None, str(e))
        else:
            if registered:
                messages.info(request, _("Đã vào sổ văn bản %(d)s.") % {"d": document})
            messages.success(request, _("Đã giao nhiệm vụ."))
            return redirect(task)
    return render(request, "tasks/form.html", {"form": form, "title": _("Giao nhiệm vụ")})


@requires(Perm.MANAGE_TASKS)
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(Task.objects.select_related("source_document"), pk=pk)
    initial = {
        "plan": task.plan_id,
        "item_number": task.item_number,
        "content": task.content,
        "document_symbol": task.source_document.symbol,
        "document_date": task.source_document.date,
        "lead_unit": task.lead_unit_id,
        "cooperating_units": list(task.cooperating_units.values_list("pk", flat=True)),
        "deadline": task.deadline,
        "expected_output": task.expected_output,
        "version": task.version,
    }
    form = TaskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actor = Actor.from_request(request)
        try:
            with transaction.atomic():
                document, _registered = actions.find_or_register_document(
                    actor, _document_ref(form)
                )
                actions.update_task(
                    actor,
                    task,
                    _task_data(form, document),
                    version=form.cleaned_data["version"] or 0,
                )
        except (actions.TaskError, DocumentError) as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect(task)
    return render(
        request,
        "tasks/form.html",
        {"form": form, "title": _("Sửa nhiệm vụ"), "back": task.get_absolute_url()},
    )


@requires(Perm.VIEW_TASKS)
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _readable_task(request, pk)
    return render(request, "tasks/task_detail.html", _detail_context(request, task))


@requires(Perm.WORK_ON_TASKS)
@require_POST
def task_accept(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_of_lead_unit(request, pk)
    return _act(request, task, lambda actor: actions.accept_task(actor, task), _("Đã tiếp nhận."))


@requires(Perm.WORK_ON_TASKS)
@require_POST
def task_progress(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_of_lead_unit(request, pk)
    form = ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail_again(request, task, progress_form=form)
    data = form.cleaned_data
    return _act(
        request,
        task,
        lambda actor: actions.add_progress(actor, task, data["note"], data["evidence"]),
        _("Đã cập nhật tiến độ."),
    )


@requires(Perm.WORK_ON_TASKS)
@require_POST
def task_report_done(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_of_lead_unit(request, pk)
    form = ReportDoneForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail_again(request, task, done_form=form)
    data = form.cleaned_data
    return _act(
        request,
        task,
        lambda actor: actions.report_done(
            actor, task, data["completed_on"], data["note"], data["evidence"]
        ),
        _("Đã báo cáo hoàn thành; chờ Sở Nội vụ xác nhận."),
    )


@requires(Perm.WORK_ON_TASKS)
@require_POST
def task_request_adjustment(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_of_lead_unit(request, pk)
    form = AdjustmentRequestForm(request.POST)
    if not form.is_valid():
        return _detail_again(request, task, adjustment_form=form)
    data = form.cleaned_data
    return _act(
        request,
        task,
        lambda actor: actions.request_adjustment(
            actor, task, data["kind"], data["reason"], data["proposed_deadline"]
        ),
        _("Đã gửi đề nghị điều chỉnh."),
    )


@requires(Perm.MANAGE_TASKS)
@require_POST
def task_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(Task, pk=pk)
    form = ConfirmForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _act(
        request,
        task,
        lambda actor: actions.confirm_completion(actor, task, note),
        _("Đã xác nhận hoàn thành."),
    )


@requires(Perm.MANAGE_TASKS)
@require_POST
def task_return(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(Task, pk=pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _detail_again(request, task, return_form=form)
    return _act(
        request,
        task,
        lambda actor: actions.return_task(actor, task, form.cleaned_data["reason"]),
        _("Đã trả lại nhiệm vụ cho đơn vị."),
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
    return _act(
        request,
        task,
        lambda actor: actions.decide_adjustment(
            actor, adjustment, approve, form.cleaned_data["note"]
        ),
        _("Đã đồng ý đề nghị.") if approve else _("Đã không đồng ý đề nghị."),
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
    page = Paginator(adjustments, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "tasks/adjustment_list.html", {"page": page, "filters": ""})


@requires(Perm.VIEW_TASKS)
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, to those who may read its task (never a public URL)."""
    evidence = get_object_or_404(Evidence.objects.select_related("event__task"), pk=pk)
    task = evidence.event.task
    require_object(
        Actor.from_request(request), can_view_task(request.user, task), task, "view_task"
    )
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


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
    page = Paginator(open_tasks, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "tasks/unit_tasks.html",
        {
            "unit": unit,
            "page": page,
            "cooperating": cooperating[:PAGE_SIZE],
            "stats": count_tasks(led, as_of),
            "as_of": as_of,
            "filters": "",
        },
    )


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


def _bad_date(filters: TaskFilters) -> HttpResponse | None:
    """A download with a day that is not a date: refused with the message, no file."""
    if not filters.date_error:
        return None
    return HttpResponse(filters.date_error, status=400, content_type="text/plain; charset=utf-8")


@requires(Perm.VIEW_TASKS)
def stats_export_xlsx(request: HttpRequest) -> HttpResponse:
    filters = TaskFilters(request)
    if refused := _bad_date(filters):
        return refused
    tasks = filters.tasks()
    data = exports.stats_workbook(
        count_tasks(tasks, filters.as_of), unit_rates(tasks, filters.as_of)
    )
    return attachment(data, XLSX_TYPE, f"thong-ke-nhiem-vu-{filters.as_of:%Y%m%d}.xlsx")


@requires(Perm.VIEW_TASKS)
def stats_export_docx(request: HttpRequest) -> HttpResponse:
    filters = TaskFilters(request)
    if refused := _bad_date(filters):
        return refused
    tasks = filters.tasks()
    data = exports.stats_document(
        count_tasks(tasks, filters.as_of),
        unit_rates(tasks, filters.as_of),
        _issuing_unit(request),
        filters.scope,
    )
    return attachment(data, DOCX_TYPE, f"bao-cao-nhiem-vu-{filters.as_of:%Y%m%d}.docx")


@requires(Perm.VIEW_TASKS)
def task_export_xlsx(request: HttpRequest) -> HttpResponse:
    filters = TaskFilters(request)
    if refused := _bad_date(filters):
        return refused
    tasks = filters.listed().prefetch_related("cooperating_units")
    data = exports.tasks_workbook(tasks, filters.as_of)
    return attachment(data, XLSX_TYPE, f"nhiem-vu-{filters.as_of:%Y%m%d}.xlsx")


@requires(Perm.VIEW_TASKS)
def task_export_docx(request: HttpRequest) -> HttpResponse:
    filters = TaskFilters(request)
    if refused := _bad_date(filters):
        return refused
    data = exports.tasks_document(
        filters.listed(), filters.as_of, _issuing_unit(request), filters.scope
    )
    return attachment(data, DOCX_TYPE, f"danh-sach-nhiem-vu-{filters.as_of:%Y%m%d}.docx")


def _readable_task(request: HttpRequest, pk: int) -> Task:
    task = get_object_or_404(
        Task.objects.select_related("plan", "lead_unit", "source_document", "created_by"), pk=pk
    )
    require_object(
        Actor.from_request(request), can_view_task(request.user, task), task, "view_task"
    )
    return task


def _task_of_lead_unit(request: HttpRequest, pk: int) -> Task:
    task = get_object_or_404(Task.objects.select_related("lead_unit"), pk=pk)
    require_object(
        Actor.from_request(request), can_work_on_task(request.user, task), task, "work_on_task"
    )
    return task


def _act(
    request: HttpRequest, task: Task, action: Callable[[Actor], object], done: str
) -> HttpResponse:
    """Run ``action(actor)``; its refusal (a TaskError) becomes a message on the task page."""
    try:
        action(Actor.from_request(request))
    except actions.TaskError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, done)
    return redirect(task)


def _detail_again(
    request: HttpRequest, task: Task, **forms_with_errors: forms.Form
) -> HttpResponse:
    """The task page with the submitted form and its errors, so nothing typed is lost."""
    task = _readable_task(request, task.pk)
    context = _detail_context(request, task)
    context.update(forms_with_errors)
    return render(request, "tasks/task_detail.html", context)


def _detail_context(request: HttpRequest, task: Task) -> dict[str, Any]:
    as_of = timezone.localdate()
    user = request.user
    works = can_work_on_task(user, task)
    manages = has_perm(user, Perm.MANAGE_TASKS)
    adjustments = list(task.adjustments.select_related("requested_by", "decided_by"))
    pending = next((a for a in adjustments if a.state == AdjustmentState.PENDING), None)
    events = task.events.select_related("actor").prefetch_related("evidence")
    return {
        "task": task,
        "as_of": as_of,
        "deadline_state": task.deadline_status(as_of),
        "cooperating_units": task.cooperating_units.all(),
        "events": events,
        "adjustments": adjustments,
        "pending": pending,
        "can_accept": works and task.status == Status.CHO_TIEP_NHAN,
        "can_progress": works and task.status == Status.DANG_THUC_HIEN,
        "can_request": works and task.is_open and pending is None,
        "can_confirm": manages and task.status == Status.CHO_KET_THUC,
        "report_gap": report_gap(task),
        "can_decide": manages and pending is not None and task.is_open,
        "can_edit": manages,
        "progress_form": ProgressForm(),
        "done_form": ReportDoneForm(),
        "adjustment_form": AdjustmentRequestForm(),
        "confirm_form": ConfirmForm(),
        "return_form": ReturnForm(),
        "decision_form": DecisionForm(),
    }


def _document_ref(form: TaskForm) -> actions.DocumentRef:
    data = form.cleaned_data
    return actions.DocumentRef(
        data["document_symbol"], data["document_date"], data["document_subject"]
    )


def _task_data(form: TaskForm, document: Document) -> actions.TaskData:
    data = form.cleaned_data
    return actions.TaskData(
        content=data["content"],
        source_document=document,
        lead_unit=data["lead_unit"],
        cooperating_units=tuple(data["cooperating_units"]),
        deadline=data["deadline"],
        expected_output=data["expected_output"],
        item_number=data["item_number"],
        plan=data["plan"],
    )


def _issuing_unit(request: HttpRequest) -> Unit | None:
    """The unit an exported report is issued by: the user's own (the province for a
    system administrator without one)."""
    membership = request.user.memberships.select_related("unit").order_by("id").first()  # type: ignore[union-attr]
    return membership.unit if membership is not None else None
