"""Who is told about a step of a task, and what they read: the lead unit about what Sở Nội
vụ decides, the one who assigned the task (else Sở Nội vụ) about what the unit does."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.notifications.models import Kind
from cchc.notifications.notify import coordinators, notify, unit_people
from cchc.tasks.models import EventKind, Task

# What the lead unit is told (kind, text) and what the assigner is told, per step.
TO_UNIT = {
    EventKind.CREATED: (Kind.TASK_ASSIGNED, _("Đơn vị được giao nhiệm vụ: %(task)s")),
    EventKind.CONFIRMED: (Kind.TASK_DECIDED, _("Sở Nội vụ xác nhận hoàn thành nhiệm vụ: %(task)s")),
    EventKind.RETURNED: (
        Kind.TASK_DECIDED,
        _("Nhiệm vụ bị trả lại, chưa xác nhận hoàn thành: %(task)s. Lý do: %(note)s"),
    ),
    EventKind.ADJUSTMENT_APPROVED: (
        Kind.TASK_ADJUSTMENT,
        _("Đề nghị điều chỉnh được đồng ý: %(task)s. %(note)s"),
    ),
    EventKind.ADJUSTMENT_REFUSED: (
        Kind.TASK_ADJUSTMENT,
        _("Đề nghị điều chỉnh không được đồng ý: %(task)s. %(note)s"),
    ),
}
TO_ASSIGNER = {
    EventKind.ACCEPTED: (Kind.TASK_PROGRESS, _("%(unit)s đã tiếp nhận nhiệm vụ: %(task)s")),
    EventKind.REPORTED_DONE: (
        Kind.TASK_PROGRESS,
        _("%(unit)s báo cáo hoàn thành nhiệm vụ, chờ xác nhận: %(task)s"),
    ),
    EventKind.ADJUSTMENT_REQUESTED: (
        Kind.TASK_ADJUSTMENT,
        _("%(unit)s đề nghị điều chỉnh nhiệm vụ: %(task)s. %(note)s"),
    ),
}


def task_step(actor: Actor, task: Task, step: str, note: str = "") -> None:
    """Tell whom ``step`` (an EventKind) concerns; steps not listed tell no one."""
    values = {"task": _short(task.content), "unit": task.lead_unit.name, "note": note.strip()}
    link = reverse("tasks:task_detail", args=[task.pk])
    if step in TO_UNIT:
        kind, text = TO_UNIT[EventKind(step)]
        notify(kind, unit_people(task.lead_unit_id), text % values, link, actor=actor)
    elif step in TO_ASSIGNER:
        kind, text = TO_ASSIGNER[EventKind(step)]
        notify(kind, assigners(task), text % values, link, actor=actor)


def assigners(task: Task) -> list[User]:
    """The user who gave the task, if still active and at Sở Nội vụ; else every coordinator."""
    creator = task.created_by
    if creator is not None and creator.is_active and creator.memberships.exists():
        return [creator]
    return coordinators()


def tasks_imported(actor: Actor, tasks: Sequence[Task]) -> None:
    """One notice per lead unit for the tasks of an import (a plan gives dozens at once)."""
    by_unit: dict[int, list[Task]] = {}
    for task in tasks:
        by_unit.setdefault(task.lead_unit_id, []).append(task)
    for unit_id, given in by_unit.items():
        first = given[0]
        source = first.plan.code if first.plan else first.source_document.symbol
        text = ngettext(
            "Đơn vị được giao %(n)d nhiệm vụ theo %(source)s: %(task)s",
            "Đơn vị được giao %(n)d nhiệm vụ theo %(source)s, trong đó: %(task)s",
            len(given),
        ) % {"n": len(given), "source": source, "task": _short(first.content)}
        link = reverse("tasks:unit_tasks", args=[first.lead_unit.code])
        notify(Kind.TASK_ASSIGNED, unit_people(unit_id), text, link, actor=actor)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
