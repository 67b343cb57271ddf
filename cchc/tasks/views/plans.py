"""Plans: the list, a plan's page with its tasks, adding a plan by hand."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.access import Perm, requires
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentError
from cchc.lib.filters import page_of
from cchc.tasks import actions
from cchc.tasks.access import visible_tasks
from cchc.tasks.forms import PlanForm
from cchc.tasks.models import Plan, deadline_status_expression
from cchc.tasks.stats import count_tasks

PAGE_SIZE = 50


@requires(Perm.VIEW_TASKS)
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = Plan.objects.select_related("document").annotate(task_count=Count("tasks"))
    page = page_of(request, plans.order_by("-created_at", "-id"), PAGE_SIZE)
    return render(request, "tasks/plan_list.html", {"page": page})


@requires(Perm.VIEW_TASKS)
def plan_detail(request: HttpRequest, code: str) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("document"), code=code)
    as_of = timezone.localdate()
    tasks = (
        visible_tasks(request.user, plan.tasks.all())
        .annotate(deadline_state=deadline_status_expression(as_of))
        .select_related("lead_unit", "source_document")
    )
    return render(
        request,
        "tasks/plan_detail.html",
        {
            "plan": plan,
            "page": page_of(request, tasks, PAGE_SIZE),
            "stats": count_tasks(visible_tasks(request.user, plan.tasks.all()), as_of),
            "as_of": as_of,
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
