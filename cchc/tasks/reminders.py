"""Reminders: one e-mail per lead unit listing its overdue tasks and those due soon; each task
is reminded once as due soon and once as overdue, however many runners run it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from cchc.access import Perm, require
from cchc.accounts.addressing import unit_mail_recipients
from cchc.audit.log import Actor
from cchc.notifications.models import EmailDelivery, Kind
from cchc.notifications.reminders import claim, deliver, remind_unit
from cchc.orgs.models import Unit
from cchc.tasks import deadline as rule
from cchc.tasks.models import Task


@dataclass
class Digest:
    """What one lead unit is reminded of, and who in the unit receives it."""

    unit: Unit
    # With each task, the days past its deadline, or the days left until it.
    overdue: list[tuple[Task, int]] = field(default_factory=list)
    due_soon: list[tuple[Task, int]] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)


def digests(as_of: dt.date, days: int, *, overdue_only: bool = False) -> list[Digest]:
    """Per lead unit with any, its open tasks overdue on ``as_of`` and those due within
    ``days`` days after it (none with ``overdue_only``); addressed to the unit's officers
    and heads with an e-mail."""
    horizon = as_of - dt.timedelta(days=1) if overdue_only else as_of + dt.timedelta(days=days)
    tasks = (
        Task.objects.filter(status__in=rule.OPEN, deadline__lte=horizon)
        .select_related("lead_unit", "plan", "source_document")
        .order_by("lead_unit__path", "deadline", "position", "id")
    )
    by_unit: dict[int, Digest] = {}
    for task in tasks:
        digest = by_unit.setdefault(task.lead_unit_id, Digest(task.lead_unit))
        assert task.deadline is not None  # the query keeps tasks with a deadline only
        gap = (task.deadline - as_of).days
        if gap < 0:
            digest.overdue.append((task, -gap))
        else:
            digest.due_soon.append((task, gap))
    for unit_id, emails in unit_mail_recipients(by_unit).items():
        by_unit[unit_id].recipients = emails
    return list(by_unit.values())


def send_reminders(
    actor: Actor, as_of: dt.date, days: int, *, overdue_only: bool = False
) -> list[Digest]:
    """Send each unit with recipients its digest of the tasks not reminded before at their
    threshold (due soon, overdue), with a notice in the app; returns the digests sent now
    and those without recipients (not sent). Each e-mail sent is recorded in the audit log.
    ``overdue_only``: the button of the statistics page, for the overdue tasks alone."""
    require(actor, Perm.MANAGE_TASKS)
    found = []
    mails: list[EmailDelivery | None] = []
    for digest in digests(as_of, days, overdue_only=overdue_only):
        if not digest.recipients:
            found.append(digest)
            continue
        with transaction.atomic():
            # The button reminds once a day; the schedule once per task and threshold.
            manual = f"manual-{as_of.isoformat()}" if overdue_only else ""
            digest.overdue = _claimed(digest.unit, digest.overdue, manual or "overdue")
            digest.due_soon = _claimed(digest.unit, digest.due_soon, "due-soon")
            if not digest.overdue and not digest.due_soon:
                continue
            found.append(digest)
            subject, body = _message(digest, as_of, days)
            link = reverse("tasks:unit_tasks", args=[digest.unit.code])
            mails.append(
                remind_unit(
                    actor,
                    Kind.TASK_REMINDER,
                    digest.unit,
                    digest.recipients,
                    (subject, body, link),
                    "task.reminder",
                    (
                        _("%(overdue)d quá hạn, %(soon)d sắp đến hạn; gửi %(to)s"),
                        {"overdue": len(digest.overdue), "soon": len(digest.due_soon)},
                    ),
                )
            )
    deliver(mails)
    return found


def _claimed(unit: Unit, tasks: list[tuple[Task, int]], mark: str) -> list[tuple[Task, int]]:
    return [
        (task, gap)
        for task, gap in tasks
        if claim(Kind.TASK_REMINDER, f"task-{task.pk}", unit, mark)
    ]


def _message(digest: Digest, as_of: dt.date, days: int) -> tuple[str, str]:
    subject = _(
        "[CCHC] %(unit)s: %(overdue)d nhiệm vụ quá hạn, %(soon)d nhiệm vụ đến hạn trong "
        "%(days)d ngày"
    ) % {
        "unit": digest.unit.name,
        "overdue": len(digest.overdue),
        "soon": len(digest.due_soon),
        "days": days,
    }
    body = render_to_string(
        "tasks/reminder_email.txt",
        {
            "digest": digest,
            "as_of": as_of,
            "days": days,
            "site_url": settings.SITE_URL,
        },
    )
    return subject, body
