"""Writes of the notifications: a user marks notices read and chooses how to get each kind."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.access import Perm, require
from cchc.accounts.models import User
from cchc.audit.log import Actor, record
from cchc.notifications.models import Delivery, Kind, Notification, Preference


class NotificationError(Exception):
    """A choice that cannot be saved; the message is for the user, in Vietnamese."""


def mark_read(actor: Actor, user: User, notice_ids: list[int] | None = None) -> int:
    """Mark the user's unread notices read (all of them when ``notice_ids`` is None)."""
    require(actor, Perm.USE_APP)
    with transaction.atomic():
        unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
        if notice_ids is not None:
            unread = unread.filter(pk__in=notice_ids)
        return unread.update(read_at=timezone.now())


def set_preferences(actor: Actor, user: User, choices: Mapping[str, str]) -> None:
    """Save the user's delivery per kind; an unknown kind or delivery saves nothing."""
    require(actor, Perm.USE_APP)
    bad = [k for k, v in choices.items() if k not in Kind.values or v not in Delivery.values]
    if bad:
        raise NotificationError(_("Lựa chọn không hợp lệ; chưa lưu."))
    with transaction.atomic():
        before = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
        for kind, delivery in choices.items():
            Preference.objects.update_or_create(
                user=user, kind=kind, defaults={"delivery": delivery}
            )
        record(actor, "notifications.preferences", user, before=before, after=dict(choices))
