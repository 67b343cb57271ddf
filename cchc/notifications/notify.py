"""Telling people about a step: ``notify`` from inside the step's transaction.

The notices are rows written with the step, so a rolled-back step leaves none; e-mails are
queued for the job runner only once the step commits (``transaction.on_commit``), and a
failed delivery is retried by the runner and recorded, never undoing the step.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from cchc.access import UNIT_ROLES
from cchc.accounts.models import Role, User
from cchc.audit.log import Actor
from cchc.notifications.models import (
    DEFAULT_DELIVERY,
    Delivery,
    EmailDelivery,
    Kind,
    Notification,
    Preference,
)

# Set while history is brought in (the demo's past years): nobody is told about it.
_muted: ContextVar[bool] = ContextVar("notifications_muted", default=False)


def unit_people(*unit_ids: int, roles: Iterable[str] = UNIT_ROLES) -> list[User]:
    """The active officers and heads (or ``roles``) of the units."""
    return list(
        User.objects.filter(
            is_active=True, memberships__unit_id__in=unit_ids, memberships__role__in=list(roles)
        )
        .distinct()
        .order_by("id")
    )


def coordinators() -> list[User]:
    """Sở Nội vụ's CCHC coordinators, who review the province's work."""
    return list(
        User.objects.filter(is_active=True, memberships__role=Role.COORDINATOR)
        .distinct()
        .order_by("id")
    )


def deliveries(users: Iterable[User], kind: str) -> dict[int, str]:
    """Each user's chosen delivery for ``kind`` (the default where none was saved)."""
    users = list(users)
    chosen = dict(
        Preference.objects.filter(user__in=users, kind=kind).values_list("user_id", "delivery")
    )
    return {user.pk: chosen.get(user.pk, DEFAULT_DELIVERY) for user in users}


def notify(
    kind: Kind,
    recipients: Iterable[User | None],
    text: str,
    link: str = "",
    *,
    actor: Actor | None = None,
    email: bool = True,
) -> list[Notification]:
    """A notice of ``kind`` to each recipient (never to the actor who took the step), in the
    app, and by e-mail to those who chose it (``email=False`` when the caller mails them
    itself, as reminders do). Call it inside the step's transaction."""
    if _muted.get():
        return []
    acting = actor.user.pk if actor is not None and actor.user is not None else None
    people = {u.pk: u for u in recipients if u is not None and u.pk != acting and u.is_active}
    if not people:
        return []
    chosen = deliveries(people.values(), kind)
    notices = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=kind,
            text=text[:500],
            link=link,
            in_digest=email and chosen[user.pk] == Delivery.DIGEST,
        )
        for user in people.values()
    )
    if email:
        for user in people.values():
            if chosen[user.pk] == Delivery.EMAIL and user.email:
                queue_email(kind, [user.email], _subject(text), _body(user, text, link))
    return notices


@contextmanager
def muted() -> Iterator[None]:
    """No notice and no e-mail for the steps taken inside: history brought in from elsewhere
    (the demo's past years) is not news to anyone."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def record_email(kind: str, to: list[str], subject: str, body: str) -> EmailDelivery:
    """The e-mail, recorded to be sent by ``deliver_email`` once the caller has committed."""
    return EmailDelivery.objects.create(to=to, subject=subject[:300], body=body, kind=kind)


def queue_email(kind: str, to: list[str], subject: str, body: str) -> EmailDelivery:
    """Record an e-mail and have the job runner send it once the transaction commits."""
    from cchc.notifications.jobs import deliver_email

    mail = record_email(kind, to, subject, body)
    # robust: a failure to enqueue is logged, never raised into the committed step.
    transaction.on_commit(lambda: deliver_email(mail.pk), robust=True)
    return mail


def absolute(link: str) -> str:
    return f"{settings.SITE_URL}{link}" if link.startswith("/") else link


def _subject(text: str) -> str:
    first_line = text.splitlines()[0] if text else ""
    return f"[CCHC] {first_line}"


def _body(user: User, text: str, link: str) -> str:
    return render_to_string(
        "notifications/email.txt",
        {
            "user": user,
            "text": text,
            "link": absolute(link) if link else "",
            "site": settings.SITE_URL,
        },
    )


def digest_body(user: User, notices: list[Notification]) -> tuple[str, str]:
    subject = _("[CCHC] %(n)d thông báo mới trong ngày") % {"n": len(notices)}
    body = render_to_string(
        "notifications/digest.txt",
        {
            "user": user,
            "items": [(n, absolute(n.link) if n.link else "") for n in notices],
            "site": settings.SITE_URL,
        },
    )
    return subject, body
