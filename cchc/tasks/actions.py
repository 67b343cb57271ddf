"""Writes to plans and tasks. Each checks permission, runs in a transaction, is audited, and
leaves a step in the task's history (``TaskEvent``).

Status moves and adjustment requests are steps of ``TASK_WORKFLOW`` and
``ADJUSTMENT_WORKFLOW`` (``cchc.tasks.workflows``): the kernel locks the row and checks its
status first, so that two people acting on the same task at once cannot both succeed: the
second gets a ``WorkflowError`` saying what happened. Creating, editing and importing tasks are
not status moves; they write the same ``TaskEvent`` rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cchc.access import Perm, require
from cchc.audit.log import Actor, record, snapshot
from cchc.audit.log import entry as audit_entry
from cchc.audit.models import AuditEntry
from cchc.documents.actions import DocumentData, parse_symbol, register_document
from cchc.documents.models import Document
from cchc.documents.upload import STORED_SUFFIXES, upload_problem
from cchc.lib import bulk
from cchc.lib.text import index_text
from cchc.orgs.models import Unit
from cchc.tasks.models import (
    Adjustment,
    AdjustmentKind,
    EventKind,
    Evidence,
    Plan,
    PlanImport,
    Status,
    Task,
    TaskEvent,
)
from cchc.tasks.notices import task_step, tasks_imported
from cchc.tasks.workflows import (
    ADJUSTMENT_WORKFLOW,
    TASK_FIELDS,
    TASK_WORKFLOW,
    no_other_request,
    task_state,
)
from cchc.tasks.workflows import TaskConflict as TaskConflict
from cchc.tasks.workflows import TaskError as TaskError
from cchc.workflow import save_new_version

PLAN_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
# What a coordinator may correct in a task (update_task); the rest moves with its status.
EDITABLE_FIELDS = [
    "plan",
    "item_number",
    "content",
    "source_document",
    "lead_unit",
    "deadline",
    "expected_output",
]


@dataclass(frozen=True)
class DocumentRef:
    """A document named by its number-and-symbol (and date, when known), as in an import."""

    symbol: str
    date: dt.date | None = None
    # Used only when the document is not in the register yet and gets registered.
    subject: str = ""


@dataclass(frozen=True)
class TaskData:
    content: str
    source_document: Document
    lead_unit: Unit
    cooperating_units: tuple[Unit, ...] = ()
    deadline: dt.date | None = None
    expected_output: str = ""
    item_number: str = ""
    plan: Plan | None = None
    deadline_text: str = ""
    reform_area: str = ""


@dataclass(frozen=True)
class TaskRow:
    """A checked row of an imported plan (see ``cchc.tasks.importer``)."""

    line: int
    content: str
    lead_unit: Unit
    cooperating_units: tuple[Unit, ...] = ()
    deadline: dt.date | None = None
    expected_output: str = ""
    item_number: str = ""
    # None: the plan's own document assigned the task.
    source: DocumentRef | None = None
    status: str = Status.CHO_TIEP_NHAN
    completed_on: dt.date | None = None
    # The deadline as written when it was not a plain date, and the plan's group of the row.
    deadline_text: str = ""
    reform_area: str = ""


@dataclass
class ImportResult:
    plan: Plan
    tasks: list[Task] = field(default_factory=list)
    # Documents that were not in the register and were added to it by the import.
    registered: list[Document] = field(default_factory=list)


def unit_problem(unit: Unit, day: dt.date) -> str | None:
    """Why ``unit`` cannot take a task due on ``day`` (it had ceased, or did not exist yet)."""
    if unit.is_active_on(day):
        return None
    if unit.valid_to is not None and unit.valid_to < day:
        return _(
            "«%(unit)s» đã ngừng hoạt động từ %(end)s, trước ngày %(day)s; "
            "hãy giao cho đơn vị kế thừa."
        ) % {"unit": unit.name, "end": _date(unit.valid_to), "day": _date(day)}
    return _("«%(unit)s» chỉ hoạt động từ %(start)s, sau ngày %(day)s.") % {
        "unit": unit.name,
        "start": _date(unit.valid_from),
        "day": _date(day),
    }


def day_units_must_exist(deadline: dt.date | None, document: Document | None) -> dt.date:
    """The day on which a task's units must be in operation: its deadline, or for a standing
    task the date of the document that assigned it, or today."""
    return deadline or (document.date if document is not None else None) or timezone.localdate()


def matching_documents(ref: DocumentRef) -> list[Document]:
    """Register entries with the symbol of ``ref`` (and its date when given), at most two."""
    number = parse_symbol(ref.symbol)
    documents = Document.objects.filter(symbol_key=number.key)
    if ref.date is not None:
        documents = documents.filter(date=ref.date)
    return list(documents[:2])


def ambiguous_message(ref: DocumentRef) -> str:
    return _(
        "sổ đăng ký có nhiều văn bản số %(symbol)s; hãy ghi kèm ngày ban hành "
        "(ví dụ «%(symbol)s ngày 10/01/2025»)."
    ) % {"symbol": ref.symbol}


def find_or_register_document(actor: Actor, ref: DocumentRef) -> tuple[Document, bool]:
    """The register's document for ``ref``, registering it when it is not there yet.

    Returns the document and whether it was registered now. Raises DocumentError for a
    symbol that does not parse and TaskError when several documents match.
    """
    matches = matching_documents(ref)
    if len(matches) > 1:
        raise TaskError(ambiguous_message(ref))
    if matches:
        return matches[0], False
    return register_document(actor, DocumentData(ref.symbol, ref.date, ref.subject)), True


def create_plan(actor: Actor, code: str, title: str, document: Document) -> Plan:
    require(actor, Perm.MANAGE_TASKS)
    code, title = code.strip(), title.strip()
    if not PLAN_CODE.fullmatch(code):
        raise TaskError(
            _("Mã kế hoạch chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang (tối đa 40 ký tự).")
        )
    if not title:
        raise TaskError(_("Chưa có tên kế hoạch."))
    with transaction.atomic():
        if Plan.objects.filter(code__iexact=code).exists():
            raise TaskError(_("Đã có kế hoạch mã %(code)s.") % {"code": code})
        plan = Plan.objects.create(code=code, title=title, document=document, created_by=actor.user)
        record(
            actor,
            "plan.create",
            plan,
            after={"code": code, "title": title, "document": document.symbol},
        )
    return plan


def create_task(actor: Actor, data: TaskData, *, at: dt.datetime | None = None) -> Task:
    """A new task, waiting for its lead unit; ``at``: when, for history brought in from
    elsewhere (default: now), as for every step below."""
    require(actor, Perm.MANAGE_TASKS)
    _check_units(data.lead_unit, data.cooperating_units, data.deadline, data.source_document)
    with transaction.atomic():
        task = _new_task(actor, data, Status.CHO_TIEP_NHAN, None)
        _event(actor, task, EventKind.CREATED, "", task.status, "", at)
        record(actor, "task.create", task, after=task_state(task))
        task_step(actor, task, EventKind.CREATED)
    return task


def update_task(actor: Actor, task: Task, data: TaskData, *, version: int) -> Task:
    """Change what the task says; refused when someone changed the task since ``version``.

    A new deadline also becomes the original one unless an extension was approved before.
    """
    require(actor, Perm.MANAGE_TASKS)
    _check_units(data.lead_unit, data.cooperating_units, data.deadline, data.source_document)
    with transaction.atomic():
        task = TASK_WORKFLOW.lock(task)
        TASK_WORKFLOW.at_version(task, version)
        before = task_state(task)
        if not task.deadline_was_extended:
            task.original_deadline = data.deadline
        task.plan = data.plan
        task.item_number = data.item_number.strip()
        task.content = data.content.strip()
        task.source_document = data.source_document
        task.lead_unit = data.lead_unit
        task.deadline = data.deadline
        task.expected_output = data.expected_output.strip()
        task.search_text = search_text_of(task)
        save_new_version(task, [*EDITABLE_FIELDS, "original_deadline", "search_text"])
        task.cooperating_units.set(_cooperating(data))
        after = task_state(task)
        changed = sorted(name for name in after if after[name] != before[name])
        _event(actor, task, EventKind.EDITED, task.status, task.status, ", ".join(changed))
        record(actor, "task.update", task, before=before, after=after)
    return task


def accept_task(actor: Actor, task: Task, *, at: dt.datetime | None = None) -> None:
    """Chờ tiếp nhận → đang thực hiện, by the lead unit; ``at``: when, for history brought in
    from elsewhere (default: now), as for every step below."""
    TASK_WORKFLOW.step(actor, task, EventKind.ACCEPTED, at=at)


def add_progress(
    actor: Actor, task: Task, note: str, files: Sequence[UploadedFile] = ()
) -> TaskEvent:
    """A progress update by the lead unit: what was done, with evidence files."""
    if not note.strip():
        raise TaskError(_("Hãy ghi nội dung tiến độ."))
    _check_files(files)
    with transaction.atomic():
        done = TASK_WORKFLOW.step(actor, task, EventKind.PROGRESS, note=note)
        return _attach(cast(TaskEvent, done.event), files)


def report_done(
    actor: Actor,
    task: Task,
    completed_on: dt.date,
    note: str,
    files: Sequence[UploadedFile] = (),
    *,
    at: dt.datetime | None = None,
) -> TaskEvent:
    """Đang thực hiện → chờ kết thúc: the lead unit reports the task done on ``completed_on``,
    describing the result and attaching the evidence; the coordinator then confirms."""
    if completed_on > timezone.localdate():
        raise TaskError(_("Ngày hoàn thành không thể sau ngày hôm nay."))
    if not note.strip():
        raise TaskError(_("Hãy ghi kết quả, sản phẩm đã hoàn thành."))
    _check_files(files)
    with transaction.atomic():
        done = TASK_WORKFLOW.step(
            actor,
            task,
            EventKind.REPORTED_DONE,
            note=note,
            change=_completion(completed_on),
            event={"completed_on": completed_on},
            at=at,
        )
        return _attach(cast(TaskEvent, done.event), files)


def confirm_completion(
    actor: Actor, task: Task, note: str = "", *, at: dt.datetime | None = None
) -> None:
    """Chờ kết thúc → đã hoàn thành, by the coordinator (the assigner)."""
    TASK_WORKFLOW.step(
        actor,
        task,
        EventKind.CONFIRMED,
        note=note,
        event=lambda locked: {"completed_on": locked.completed_on},
        at=at,
    )


def return_task(actor: Actor, task: Task, reason: str) -> None:
    """Chờ kết thúc → đang thực hiện: the coordinator does not accept the report as done."""
    TASK_WORKFLOW.step(actor, task, EventKind.RETURNED, note=reason, change=_completion(None))


def request_adjustment(
    actor: Actor,
    task: Task,
    kind: str,
    reason: str,
    proposed_deadline: dt.date | None = None,
    *,
    at: dt.datetime | None = None,
) -> Adjustment:
    """The lead unit asks to extend the deadline (gia_han) or to drop the task
    (khong_thuc_hien); the coordinator decides (``decide_adjustment``)."""
    if kind not in AdjustmentKind.values:
        raise TaskError(_("Loại đề nghị không hợp lệ."))
    if not reason.strip():
        raise TaskError(_("Hãy ghi lý do đề nghị."))
    adjustment = Adjustment(
        task=task,
        kind=kind,
        proposed_deadline=proposed_deadline if kind == AdjustmentKind.GIA_HAN else None,
        reason=reason.strip(),
        requested_by=actor.user,
        requested_at=at or timezone.now(),
    )
    ADJUSTMENT_WORKFLOW.check(actor, adjustment, EventKind.ADJUSTMENT_REQUESTED)
    with transaction.atomic():
        adjustment.task = TASK_WORKFLOW.lock(task)
        # The request's row is written before its step, which the one pending request per
        # task (a constraint) would refuse with an error instead of this message.
        if refusal := no_other_request(adjustment):
            raise TaskError(refusal)
        if kind == AdjustmentKind.GIA_HAN:
            _check_extension(adjustment.task, proposed_deadline)
        adjustment.save()
        done = ADJUSTMENT_WORKFLOW.step(
            actor,
            adjustment,
            EventKind.ADJUSTMENT_REQUESTED,
            note=_adjustment_summary(adjustment),
            change=lambda locked: _bump(locked.task),
            event=_task_statuses,
            at=at,
        )
    return done.obj


def decide_adjustment(
    actor: Actor,
    adjustment: Adjustment,
    approve: bool,
    note: str = "",
    *,
    at: dt.datetime | None = None,
) -> None:
    """Approve or refuse a pending request. An approved extension moves the deadline (the
    original stays in ``original_deadline``); an approved drop cancels the task (đã hủy).
    The step's row in the task's history carries the task's statuses."""
    require(actor, Perm.MANAGE_TASKS)
    if not approve and not note.strip():
        raise TaskError(_("Hãy ghi lý do không đồng ý."))
    statuses: dict[str, str] = {}

    def decide(locked: Adjustment) -> list[str]:
        task = TASK_WORKFLOW.lock(locked.task)
        statuses.update(from_status=task.status, to_status=task.status)
        locked.decided_at = at or timezone.now()
        locked.decided_by = actor.user
        locked.decision_note = note.strip()
        if approve and locked.kind == AdjustmentKind.GIA_HAN:
            task.deadline = locked.proposed_deadline
            _bump(task, "deadline")
        elif approve:
            task.status, task.completed_on = Status.DA_HUY, None
            statuses["to_status"] = task.status
            _bump(task, "status", "completed_on")
        else:
            _bump(task)
        locked.task = task
        return ["decided_at", "decided_by", "decision_note"]

    summary = " ".join(filter(None, [_adjustment_summary(adjustment), note.strip()]))
    ADJUSTMENT_WORKFLOW.step(
        actor,
        adjustment,
        EventKind.ADJUSTMENT_APPROVED if approve else EventKind.ADJUSTMENT_REFUSED,
        note=summary,
        change=decide,
        event=lambda locked: statuses,
        at=at,
    )


def import_plan(
    actor: Actor,
    *,
    code: str,
    title: str,
    document: DocumentRef,
    rows: Sequence[TaskRow],
    origin: str = "",
    at: dt.datetime | None = None,
) -> ImportResult:
    """Create a plan issued by ``document`` with the given rows as its tasks, all or nothing.

    The rows come checked (``cchc.tasks.importer``); documents not in the register yet are
    registered. Imported statuses and completion dates are taken as given (moving history
    from older software) and noted in each task's history, with ``origin`` (by default the
    row of the file), as of ``at`` (the day the statuses were true; default: now).
    """
    require(actor, Perm.MANAGE_TASKS)
    stand_in = Document(symbol=document.symbol, date=document.date)
    found = resolve_import(rows, stand_in)
    prepared = prepare_tasks(actor, rows, found, stand_in, origin, at)
    with transaction.atomic():
        plan_document, registered = find_or_register_document(
            actor, DocumentRef(document.symbol, document.date, document.subject or title)
        )
        plan = create_plan(actor, code, title, plan_document)
        result = ImportResult(plan=plan, registered=[plan_document] if registered else [])
        result.tasks = write_tasks(
            actor,
            prepared,
            found,
            plan=plan,
            default_document=plan_document,
            registered=result.registered,
        )
        record(actor, "plan.import", plan, after={"tasks": len(result.tasks)})
    return result


def import_tasks(
    actor: Actor,
    rows: Sequence[TaskRow],
    *,
    plan: Plan | None,
    default_document: Document,
    registered: list[Document] | None = None,
    origin: str = "",
    at: dt.datetime | None = None,
) -> list[Task]:
    """Create tasks from checked rows; documents registered on the way go to ``registered``.

    Each task's history notes where it came from: ``origin``, or the row of the file, as of
    ``at`` (the day the imported statuses were true; default: now).
    """
    require(actor, Perm.MANAGE_TASKS)
    found = resolve_import(rows, default_document)
    prepared = prepare_tasks(actor, rows, found, default_document, origin, at)
    with transaction.atomic():
        tasks = write_tasks(
            actor, prepared, found, plan=plan, default_document=default_document,
            registered=registered,
        )  # fmt: skip
        tasks_imported(actor, tasks)
    return tasks


def resolve_import(
    rows: Sequence[TaskRow], default_document: Document
) -> dict[DocumentRef, Document | None]:
    """What an import only reads, done before its write transaction opens: the register's
    documents the rows cite (None: to be registered) and the units' checks. TaskError or
    DocumentError when a row cannot be imported."""
    found: dict[DocumentRef, Document | None] = {}
    for row in rows:
        if row.source is not None and row.source not in found:
            matches = matching_documents(row.source)
            if len(matches) > 1:
                raise TaskError(ambiguous_message(row.source))
            found[row.source] = matches[0] if matches else None
    for row in rows:
        _check_units(
            row.lead_unit,
            row.cooperating_units,
            row.deadline,
            _source(row, found, default_document),
        )
    return found


def _source(row: TaskRow, found: dict[DocumentRef, Document | None], default: Document) -> Document:
    """The document that assigned the row's task, or a stand-in with its number and date
    while it is not registered yet."""
    if row.source is None:
        return default
    return found[row.source] or Document(symbol=row.source.symbol, date=row.source.date)


@dataclass
class PreparedTasks:
    """An import's rows as database values (cchc.lib.bulk), made before the transaction;
    what depends on rows written inside it (plan, documents, the tasks' ids) is filled there."""

    rows: Sequence[TaskRow]
    tasks: list[Task]
    task_rows: bulk.Prepared
    cooperation: bulk.Prepared
    cooperation_task: list[int]
    events: bulk.Prepared
    audit: bulk.Prepared
    states: list[dict[str, Any]]


def prepare_tasks(
    actor: Actor,
    rows: Sequence[TaskRow],
    found: dict[DocumentRef, Document | None],
    default_document: Document,
    origin: str = "",
    at: dt.datetime | None = None,
) -> PreparedTasks:
    tasks: list[Task] = []
    for position, row in enumerate(rows, start=1):
        task = Task(
            item_number=row.item_number.strip(),
            position=position,
            content=row.content.strip(),
            source_document=_source(row, found, default_document),
            lead_unit=row.lead_unit,
            deadline=row.deadline,
            original_deadline=row.deadline,
            expected_output=row.expected_output.strip(),
            deadline_text=row.deadline_text,
            reform_area=row.reform_area,
            status=row.status,
            completed_on=row.completed_on,
            created_by=actor.user,
        )
        task.search_text = search_text_of(task)
        tasks.append(task)
    through = Task.cooperating_units.through
    cooperating: list[list[Unit]] = [
        sorted(
            {u.pk: u for u in row.cooperating_units if u.pk != row.lead_unit.pk}.values(),
            key=lambda unit: unit.code,
        )
        for row in rows
    ]
    links = [(index, unit) for index, units in enumerate(cooperating) for unit in units]
    notes = [origin or _("Dòng %(line)d của tệp nhập") % {"line": row.line} for row in rows]
    states = []
    for task, units in zip(tasks, cooperating, strict=True):
        state = snapshot(task, [name for name in TASK_FIELDS if name not in _FILLED])
        state["cooperating_units"] = [unit.code for unit in units]
        states.append(state)
    return PreparedTasks(
        rows=rows,
        tasks=tasks,
        task_rows=bulk.prepare(Task, tasks),
        cooperation=bulk.prepare(through, (through(unit_id=unit.pk) for _, unit in links)),
        cooperation_task=[index for index, _ in links],
        events=bulk.prepare(
            TaskEvent,
            (
                TaskEvent(
                    kind=EventKind.IMPORTED,
                    at=at or timezone.now(),
                    actor=actor.user,
                    actor_label=actor.label[:150],
                    from_status="",
                    to_status=task.status,
                    note=note.strip(),
                    completed_on=row.completed_on,
                )
                for task, row, note in zip(tasks, rows, notes, strict=True)
            ),
        ),
        audit=bulk.prepare(
            AuditEntry,
            (
                audit_entry(actor, "task.create", task, note=note)
                for task, note in zip(tasks, notes, strict=True)
            ),
        ),
        states=states,
    )


# The fields of an imported task known only inside the write transaction.
_FILLED = ("plan", "source_document")


def write_tasks(
    actor: Actor,
    prepared: PreparedTasks,
    found: dict[DocumentRef, Document | None],
    *,
    plan: Plan | None,
    default_document: Document,
    registered: list[Document] | None = None,
) -> list[Task]:
    """The write of an import, inside the caller's transaction: the few documents to register,
    then one insert per table of rows made beforehand (``prepare_tasks``), so that a plan of
    20.000 rows holds the write lock for seconds, not a minute, and officers' saves only wait that
    long."""
    documents: dict[DocumentRef, Document] = {}
    for ref, document in found.items():
        if document is None:  # registered now (or by someone else since it was looked up)
            document, created = find_or_register_document(actor, ref)
            if created and registered is not None:
                registered.append(document)
        documents[ref] = document
    sources = [
        default_document if row.source is None else documents[row.source] for row in prepared.rows
    ]
    bulk.fill(prepared.task_rows, "plan_id", lambda i: plan.pk if plan else None)
    bulk.fill(prepared.task_rows, "source_document_id", lambda i: sources[i].pk)
    ids = bulk.insert(prepared.task_rows)
    bulk.fill(prepared.cooperation, "task_id", lambda k: ids[prepared.cooperation_task[k]])
    bulk.insert(prepared.cooperation)
    bulk.fill(prepared.events, "task_id", lambda i: ids[i])
    bulk.insert(prepared.events)
    after = AuditEntry._meta.get_field("after")
    bulk.fill(prepared.audit, "object_id", lambda i: str(ids[i]))
    bulk.fill(
        prepared.audit,
        "after",
        lambda i: after.get_db_prep_save(
            prepared.states[i]
            | {"plan": plan.pk if plan else None, "source_document": sources[i].pk},
            connection,
        ),
    )
    bulk.insert(prepared.audit)
    for task, ident, source in zip(prepared.tasks, ids, sources, strict=True):
        task.pk = ident
        task.plan = plan
        task.source_document = source
    return prepared.tasks


def search_text_of(task: Task) -> str:
    return index_text(
        task.item_number, task.content, task.expected_output, task.source_document.symbol
    )


def _new_task(
    actor: Actor,
    data: TaskData,
    status: str,
    completed_on: dt.date | None,
    *,
    position: int | None = None,
) -> Task:
    if position is None:
        # A task added to a plan by hand comes after the plan's others.
        last = data.plan.tasks.aggregate(last=Max("position"))["last"] if data.plan else None
        position = (last or 0) + 1
    task = Task(
        plan=data.plan,
        item_number=data.item_number.strip(),
        position=position,
        content=data.content.strip(),
        source_document=data.source_document,
        lead_unit=data.lead_unit,
        deadline=data.deadline,
        original_deadline=data.deadline,
        expected_output=data.expected_output.strip(),
        deadline_text=data.deadline_text.strip(),
        reform_area=data.reform_area.strip(),
        status=status,
        completed_on=completed_on,
        created_by=actor.user,
    )
    task.search_text = search_text_of(task)
    task.save()
    task.cooperating_units.set(_cooperating(data))
    return task


def _cooperating(data: TaskData) -> list[Unit]:
    # The lead unit listed among the cooperating ones as well adds nothing.
    return [unit for unit in data.cooperating_units if unit.pk != data.lead_unit.pk]


def _check_units(
    lead: Unit, cooperating: Sequence[Unit], deadline: dt.date | None, document: Document
) -> None:
    day = day_units_must_exist(deadline, document)
    problems = [p for unit in (lead, *cooperating) if (p := unit_problem(unit, day))]
    if problems:
        raise TaskError(" ".join(problems))


def _check_extension(task: Task, proposed: dt.date | None) -> None:
    if task.deadline is None:
        raise TaskError(_("Nhiệm vụ thường xuyên (không có hạn) không cần gia hạn."))
    if proposed is None:
        raise TaskError(_("Hãy ghi hạn hoàn thành đề nghị."))
    if proposed <= task.deadline:
        raise TaskError(
            _("Hạn đề nghị phải sau hạn hiện tại (%(deadline)s).")
            % {"deadline": _date(task.deadline)}
        )


def too_large(upload: UploadedFile) -> str:
    """Why ``upload`` is refused as evidence (its type, its content, its size), naming it (one
    of several evidence files); empty when it is accepted."""
    problem = upload_problem(upload, STORED_SUFFIXES)
    return f"{upload.name}: {problem}" if problem else ""


def _check_files(files: Sequence[UploadedFile]) -> None:
    for upload in files:
        if problem := too_large(upload):
            raise TaskError(problem)


def _attach(event: TaskEvent, files: Sequence[UploadedFile]) -> TaskEvent:
    """The evidence files of a step, kept with its row in the task's history."""
    for upload in files:
        name = (upload.name or "tep").rsplit("/", 1)[-1][:255]
        evidence = Evidence(event=event, name=name, size=upload.size or 0)
        evidence.file.save(name, upload, save=False)
        evidence.save()
    return event


def _task_statuses(adjustment: Adjustment) -> dict[str, str]:
    """The task's statuses, for its history's row of a request's step that does not move it."""
    return {"from_status": adjustment.task.status, "to_status": adjustment.task.status}


def _completion(day: dt.date | None) -> Callable[[Task], list[str]]:
    """A step's change of the completion date, which only done statuses carry."""

    def change(task: Task) -> list[str]:
        task.completed_on = day
        return ["completed_on"]

    return change


def _bump(task: Task, *fields: str) -> list[str]:
    """Save ``fields`` of a task changed by another object's step, raising its version."""
    save_new_version(task, fields)
    return []


def _event(
    actor: Actor,
    task: Task,
    kind: EventKind,
    from_status: str,
    to_status: str,
    note: str = "",
    at: dt.datetime | None = None,
) -> TaskEvent:
    """The history's row of a write that is not a status step (creation, edit)."""
    row = TASK_WORKFLOW.record_event(
        actor, task, kind, note=note.strip(), at=at, from_status=from_status, to_status=to_status
    )
    return cast(TaskEvent, row)


def _adjustment_summary(adjustment: Adjustment) -> str:
    if adjustment.kind == AdjustmentKind.GIA_HAN:
        return _("Gia hạn đến %(deadline)s. Lý do: %(reason)s") % {
            "deadline": _date(adjustment.proposed_deadline),
            "reason": adjustment.reason,
        }
    return _("Không thực hiện nhiệm vụ. Lý do: %(reason)s") % {"reason": adjustment.reason}


def _date(day: dt.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def start_plan_import(
    actor: Actor, *, code: str, title: str, document: str, upload: UploadedFile
) -> PlanImport:
    """Keep a large plan file and import it in the background (cchc.tasks.jobs), so that
    neither the request nor other officers wait for it; its page shows the progress."""
    require(actor, Perm.MANAGE_TASKS)
    with transaction.atomic():
        job = PlanImport(
            code=code.strip(),
            title=title.strip(),
            document=document.strip(),
            created_by=actor.user,
            ip=actor.ip,
        )
        job.file.save(upload.name or "ke-hoach.xlsx", upload, save=False)
        job.save()
        record(actor, "plan.import_start", job, after={"code": job.code, "file": job.file.name})
        transaction.on_commit(lambda: _enqueue_plan_import(job.pk))
    return job


def _enqueue_plan_import(pk: int) -> None:
    from cchc.tasks.jobs import run_plan_import

    run_plan_import(pk)


def capped_errors(errors: Sequence[str]) -> tuple[list[str], int]:
    """The first PlanImport.ERROR_LIMIT errors and how many there are in all: a file of
    100.000 bad rows gives a page of 200 lines and the count."""
    return list(errors[: PlanImport.ERROR_LIMIT]), len(errors)
