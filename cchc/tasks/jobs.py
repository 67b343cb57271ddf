"""Background jobs of the tasks app (huey; imported by TasksConfig.ready): plan imports, and
the task reminders every morning (the job runner starts them by itself)."""

from __future__ import annotations

import logging

from django.utils import timezone
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from cchc.audit.log import Actor
from cchc.documents.actions import DocumentError
from cchc.tasks.actions import TaskError, capped_errors, import_plan
from cchc.tasks.importer import PlanImportError, parse_document_ref, read_plan_file
from cchc.tasks.models import ImportState, PlanImport
from cchc.tasks.reminders import send_reminders

log = logging.getLogger("cchc.jobs")


@db_task()
def run_plan_import(pk: int) -> None:
    """Read, check and write the plan of a PlanImport, recording each step on it: reading
    happens in a bounded child process, outside any transaction; the write is one short
    transaction (cchc.tasks.actions.write_tasks). The kept file is deleted afterwards."""
    job = PlanImport.objects.select_related("created_by").get(pk=pk)
    if job.finished:
        return
    _set(job, state=ImportState.READING)
    errors: list[str] = []
    try:
        document = parse_document_ref(job.document)
        with job.file.open("rb") as source:
            rows = read_plan_file(source, document, name=job.file.name)
        _set(job, state=ImportState.WRITING, rows=len(rows))
        actor = (
            Actor.of_user(job.created_by, job.ip)
            if job.created_by is not None
            else Actor.system("run_plan_import")
        )
        result = import_plan(actor, code=job.code, title=job.title, document=document, rows=rows)
    except ValueError:
        errors = [_("Ngày ban hành không phải ngày dd/mm/yyyy.")]
    except PlanImportError as e:
        errors = e.errors
    except (TaskError, DocumentError) as e:
        errors = [str(e)]
    except Exception:
        log.exception("plan import %s failed", pk)
        errors = [_("Lỗi không mong đợi khi nhập; lỗi đã được ghi lại, hãy báo quản trị hệ thống.")]
    if errors:
        shown, count = capped_errors(errors)
        _set(job, state=ImportState.FAILED, errors=shown, error_count=count)
    else:
        _set(
            job,
            state=ImportState.DONE,
            plan=result.plan,
            registered=[str(document) for document in result.registered],
        )
    job.file.delete(save=False)
    job.save(update_fields=["file"])


def _set(job: PlanImport, **changes: object) -> None:
    for name, value in changes.items():
        setattr(job, name, value)
    fields = list(changes)
    if job.finished:
        job.finished_at = timezone.now()
        fields.append("finished_at")
    job.save(update_fields=fields)


# Tasks due within this many days (and overdue ones) are reminded.
REMIND_DAYS = 7


@db_periodic_task(crontab(hour="7", minute="35"))
def task_reminders() -> int:
    return remind_tasks()


def remind_tasks() -> int:
    """Send the task reminders due today; each task once per threshold (ReminderSent)."""
    actor = Actor.system("nhac_nhiem_vu_tu_dong")
    sent = send_reminders(actor, timezone.localdate(), REMIND_DAYS)
    return sum(1 for digest in sent if digest.recipients)
