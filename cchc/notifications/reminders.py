"""Reminders sent once: a reminder is claimed by writing its ``ReminderSent`` row before it is
sent, inside the sender's transaction. The unique constraint makes a second worker (or a
second run, or a second click) that reaches the same unit, subject and threshold skip it: on
SQLite the second writer waits for the first to commit, on PostgreSQL its insert waits on the
unique index; either way it then fails and sends nothing."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction

from cchc.notifications.models import Delivery, EmailDelivery, Kind, Preference, ReminderSent
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


def record_email(kind: Kind, to: list[str], subject: str, body: str) -> EmailDelivery:
    """The e-mail, recorded to be sent by ``deliver_email`` once the caller has committed."""
    return EmailDelivery.objects.create(to=to, subject=subject[:300], body=body, kind=kind)
