"""Importing a plan from its annex (.xlsx, .docx): preview, confirmation, the background
import of a large file and its progress, the template."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cchc.access import Perm, requires
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentError
from cchc.lib.downloads import attachment
from cchc.lib.staged import StagedFileError, stage, unstage
from cchc.lib.xlsx import XLSX_TYPE
from cchc.tasks import actions
from cchc.tasks.forms import PlanImportForm, StagedFileForm
from cchc.tasks.importer import (
    PlanImportError,
    parse_document_ref,
    plan_template,
    read_plan_file,
)
from cchc.tasks.models import PlanImport


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
    staged_form = StagedFileForm(request.POST)
    staged_form.is_valid()  # every field is optional: an absent one reads as empty
    confirming, staged_file = staged_form.cleaned_data["confirm"], staged_form.cleaned_data
    if not confirming and data["file"].size > settings.PLAN_IMPORT_INLINE_BYTES:
        job = actions.start_plan_import(
            Actor.from_request(request),
            code=data["code"],
            title=data["title"],
            document=data["document"],
            upload=data["file"],
        )
        return redirect("tasks:plan_import_status", pk=job.pk)
    try:
        document = parse_document_ref(data["document"])
    except ValueError:
        form.add_error("document", _("Ngày ban hành không phải ngày dd/mm/yyyy."))
        return render(request, "tasks/plan_import.html", context)
    try:
        if confirming:
            name = staged_file["file_name"][:255]
            content = unstage(
                staged_file["content"], staged_file["sha256"], settings.MAX_UPLOAD_SIZE
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
