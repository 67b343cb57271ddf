"""Reminders: one e-mail per lead unit listing its overdue tasks and those due soon."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from cchc.access import Perm, require, unit_mail_recipients
from cchc.audit.log import Actor, record
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


def digests(as_of: dt.date, days: int) -> list[Digest]:
    """Per lead unit with any, its open tasks overdue on ``as_of`` and those due within
    ``days`` days after it; addressed to the unit's officers and heads with an e-mail."""
    horizon = as_of + dt.timedelta(days=days)
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


def send_reminders(actor: Actor, as_of: dt.date, days: int) -> list[Digest]:
    """Send each unit with recipients its digest; returns every digest (those without
    recipients were not sent). Each e-mail sent is recorded in the audit log."""
    require(actor, Perm.MANAGE_TASKS)
    found = digests(as_of, days)
    messages = []
    for digest in found:
        if not digest.recipients:
            continue
        messages.append(_message(digest, as_of, days))
        record(
            actor,
            "task.reminder",
            digest.unit,
            note=_("%(overdue)d quá hạn, %(soon)d sắp đến hạn; gửi %(to)s")
            % {
                "overdue": len(digest.overdue),
                "soon": len(digest.due_soon),
                "to": ", ".join(digest.recipients),
            },
        )
    if messages:
        get_connection().send_messages(messages)
    return found


def _message(digest: Digest, as_of: dt.date, days: int) -> EmailMessage:
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
    return EmailMessage(subject=subject, body=body, to=digest.recipients)
