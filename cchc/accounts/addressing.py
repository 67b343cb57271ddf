"""Whom to write to about a unit: the mail addresses of the people who act for it."""

from __future__ import annotations

from collections.abc import Iterable

from cchc.access import UNIT_ROLES
from cchc.accounts.models import Membership


def unit_mail_recipients(unit_ids: Iterable[int]) -> dict[int, list[str]]:
    """The e-mail addresses of the active officers and heads of each unit (those who act for
    it), sorted and without repeats; a unit with none is left out."""
    recipients: dict[int, list[str]] = {}
    addresses = (
        Membership.objects.filter(unit_id__in=unit_ids, role__in=UNIT_ROLES, user__is_active=True)
        .exclude(user__email="")
        .values_list("unit_id", "user__email")
        .order_by("user__email")
    )
    for unit_id, email in addresses:
        if email not in recipients.setdefault(unit_id, []):
            recipients[unit_id].append(email)
    return recipients
