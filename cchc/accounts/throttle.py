"""Refusing sign-in after repeated failures, counted from the audit log.

Three counts within the window (``LOGIN_FAILURE_WINDOW_MINUTES``), so that password guessing
stays bounded while neither a stranger can lock out a user nor one address lock out everyone:

- a user name from one address: ``LOGIN_FAILURE_LIMIT`` failures lock that pair only;
- a user name from all addresses: ``NAME_FACTOR`` times as many lock it, except from addresses
  it signed in from during the last ``KNOWN_ADDRESS_DAYS`` days (its owner's usual places);
- one address for all names: ``ADDRESS_FACTOR`` times as many lock that address only (a whole
  department signs in from one address, so this is generous).
The address is the client's, behind the configured proxies (cchc.audit.log.client_ip).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from cchc.accounts.signals import LOGIN_FAILED
from cchc.audit.models import AuditEntry

NAME_FACTOR = 4
ADDRESS_FACTOR = 20
KNOWN_ADDRESS_DAYS = 30
LOGIN_SUCCEEDED = "auth.login"


def is_locked(username: str, ip: str | None) -> bool:
    now = timezone.now()
    since = now - dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    failures = AuditEntry.objects.filter(action=LOGIN_FAILED, at__gte=since)
    limit = settings.LOGIN_FAILURE_LIMIT
    name = username[:150]
    by_name = failures.filter(actor_label=name)
    if by_name.filter(ip=ip).count() >= limit:
        return True
    if ip is not None and failures.filter(ip=ip).count() >= limit * ADDRESS_FACTOR:
        return True
    if by_name.count() < limit * NAME_FACTOR:
        return False
    known = AuditEntry.objects.filter(
        action=LOGIN_SUCCEEDED,
        actor_label=name,
        ip=ip,
        at__gte=now - dt.timedelta(days=KNOWN_ADDRESS_DAYS),
    )
    return ip is None or not known.exists()
