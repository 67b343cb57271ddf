"""Refusing sign-in after repeated failures, counted from the audit log.

A user name is locked after ``LOGIN_FAILURE_LIMIT`` failures within the window. An address
gets four times as many, because a whole department often signs in from one address.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from cchc.accounts.signals import LOGIN_FAILED
from cchc.audit.models import AuditEntry

ADDRESS_FACTOR = 4


def is_locked(username: str, ip: str | None) -> bool:
    since = timezone.now() - dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    failures = AuditEntry.objects.filter(action=LOGIN_FAILED, at__gte=since)
    limit = settings.LOGIN_FAILURE_LIMIT
    by_name = failures.filter(actor_label=username[:150]).count()
    if by_name >= limit:
        return True
    return ip is not None and failures.filter(Q(ip=ip)).count() >= limit * ADDRESS_FACTOR
