"""Sign-ins, sign-outs and failed sign-ins go to the audit log."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from cchc.accounts.models import User
from cchc.audit.log import Actor, client_ip, record

LOGIN_FAILED = "auth.login_failed"
security_log = logging.getLogger("cchc.security")


@receiver(user_logged_in)
def record_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    record(Actor.of_user(user, client_ip(request)), "auth.login", user)


@receiver(user_logged_out)
def record_logout(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        record(Actor.of_user(user, client_ip(request)), "auth.logout", user)


@receiver(user_login_failed)
def record_login_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    ip = client_ip(request) if request is not None else None
    security_log.warning("sign-in failed: user=%s ip=%s", username, ip)
    record(Actor(user=None, ip=ip, label=username), LOGIN_FAILED)
