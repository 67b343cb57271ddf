"""Giving a task and correcting what it says (not its status: that moves by its steps)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cchc.access import Perm, requires
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentError
from cchc.documents.models import Document
from cchc.tasks import actions
from cchc.tasks.forms import GivenFrom, TaskForm
from cchc.tasks.models import Task


@requires(Perm.MANAGE_TASKS)
def task_create(request: HttpRequest) -> HttpResponse:
    form = TaskForm(request.POST or None, initial=GivenFrom(request.GET).initial_task())
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
