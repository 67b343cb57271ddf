"""Reminders sent once: a reminder is claimed by writing its ``ReminderSent`` row before it is
sent, inside the sender's transaction. The unique constraint makes a second worker (or a
second run, or a second click) that reaches the same unit, subject and threshold skip it: on
SQLite the second writer waits for the first to commit, on PostgreSQL its insert waits on the
unique index; either way it then fails and sends nothing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol, TypeVar

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from cchc.audit.log import Actor, record
from cchc.notifications.jobs import deliver_email
from cchc.notifications.models import Delivery, EmailDelivery, Kind, Preference, ReminderSent
from cchc.notifications.notify import notify, record_email, unit_people
from cchc.orgs.models import Unit


def claim(kind: Kind, subject: str, unit: Unit, threshold: str) -> bool:
    """Whether this caller is the one to send the reminder (call inside a transaction)."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                kind=kind, subject=subject[:100], unit=unit, threshold=threshold[:40]
            )
    except IntegrityError:
        return False
    return True


def addresses_for(kind: Kind, emails: Iterable[str], unit_ids: Iterable[int]) -> list[str]:
    """``emails`` without those of the units' users who chose not to get ``kind`` by e-mail."""
    opted_out = set(
        Preference.objects.filter(kind=kind, user__memberships__unit_id__in=list(unit_ids))
        .exclude(delivery=Delivery.EMAIL)
        .values_list("user__email", flat=True)
    )
    return [email for email in emails if email not in opted_out]


def remind_unit(
    actor: Actor,
    kind: Kind,
    unit: Unit,
    recipients: list[str],
    mail: tuple[str, str, str],
    action: str,
    note: tuple[str, dict[str, Any]],
) -> EmailDelivery | None:
    """Remind ``unit`` of what it owes, inside the caller's transaction once ``claim`` gave it
    the reminder: a notice in the app to its officers and heads, the e-mail (``mail``: subject,
    body, the page's link) recorded for the ``recipients`` who did not opt out, returned for
    ``deliver`` once committed, and the audit entry ``action`` (``note``: a format and its
    values; ``%(to)s`` is filled with the addresses)."""
    subject, body, link = mail
    notify(
        kind,
        unit_people(unit.pk),
        subject.removeprefix("[CCHC] "),
        link,
        actor=actor,
        email=False,
    )
    to = addresses_for(kind, recipients, [unit.pk])
    mail_row = record_email(kind, to, subject, body) if to else None
    text, values = note
    record(actor, action, unit, note=text % {**values, "to": ", ".join(to)})
    return mail_row


def deliver(mails: Iterable[EmailDelivery | None]) -> None:
    """Send the recorded reminders' e-mails (after their transactions committed)."""
    for mail in mails:
        if mail is not None:
            deliver_email(mail.pk)


class Addressed(Protocol):
    """A reminder (a unit's digest of tasks, a missing report) and whom it reaches."""

    recipients: list[str]


Reminder = TypeVar("Reminder", bound=Addressed)


def by_reach(found: Sequence[Reminder]) -> dict[str, list[Reminder]]:
    """The reminders a page lists before sending: those with recipients and those without."""
    return {
        "reachable": [reminder for reminder in found if reminder.recipients],
        "unreachable": [reminder for reminder in found if not reminder.recipients],
    }


def announce_sent(request: HttpRequest, sent: Sequence[Addressed]) -> None:
    """The message after a reminder button: how many units were reminded now, if any."""
    count = sum(1 for reminder in sent if reminder.recipients)
    if count:
        messages.success(request, _("Đã gửi thư nhắc %(n)d đơn vị.") % {"n": count})
    else:
        messages.info(request, _("Không có thư nhắc nào mới: hôm nay các đơn vị đã được nhắc."))
