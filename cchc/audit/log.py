"""Recording audit entries. Every action function calls ``record`` inside its transaction."""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest

from cchc.audit import events
from cchc.audit.models import ActorKind, AuditEntry

if TYPE_CHECKING:
    from cchc.accounts.models import User


class UnknownActionError(ValueError):
    """``record`` was given an action code that ``cchc.audit.events`` does not register."""


@dataclass(frozen=True)
class Actor:
    """Who acts and from where: a person through the web (signed in or not) with their
    address, a management command run on the server, or one of the system's scheduled jobs.
    ``kind`` says which; ``label`` is the user name, or the command's or job's label."""

    user: User | None
    ip: str | None
    label: str
    kind: ActorKind = ActorKind.USER

    @classmethod
    def from_request(cls, request: HttpRequest) -> Actor:
        user = request.user if request.user.is_authenticated else None
        label = user.get_username() if user is not None else "anonymous"
        return cls(user=user, ip=client_ip(request), label=label)

    @classmethod
    def of_user(cls, user: User, ip: str | None = None) -> Actor:
        return cls(user=user, ip=ip, label=user.get_username())

    @classmethod
    def command(cls, name: str) -> Actor:
        """A management command run on the server: whoever runs it already holds the server."""
        return cls(user=None, ip=None, label=events.command_label(name), kind=ActorKind.COMMAND)

    @classmethod
    def system(cls, name: str) -> Actor:
        """One of the system's scheduled jobs (reminders…), run by the job runner on the
        server."""
        return cls(user=None, ip=None, label=events.system_label(name), kind=ActorKind.SYSTEM)

    @property
    def is_command(self) -> bool:
        """Run on the server (a command or a scheduled job), not by a person: trusted with
        every permission."""
        return self.kind != ActorKind.USER


def client_ip(request: HttpRequest) -> str | None:
    """The client's address. Behind ``settings.TRUSTED_PROXIES`` reverse proxies (nginx: one),
    the address the outermost trusted proxy saw: each proxy appends the address it received
    from to X-Forwarded-For, so the entry that many places from the right (REMOTE_ADDR being the
    nearest proxy) is the first one not written by the client itself, who may put anything in
    front of it. Not an IP address (a forged header with fewer entries): REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXIES
    if proxies <= 0:
        return str(remote) if remote else None
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [address for address in forwarded if address] + ([str(remote)] if remote else [])
    if len(chain) <= proxies:
        return str(remote) if remote else None
    candidate = chain[-(proxies + 1)]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return str(remote) if remote else None


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named fields of ``obj`` as JSON-able values (foreign keys by primary key)."""
    return {name: jsonable(getattr(obj, name)) for name in fields}


def record(
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
    object_repr: str = "",
) -> AuditEntry:
    """Write one entry. ``action`` must be registered in ``cchc.audit.events`` (else
    ``UnknownActionError``): the log's vocabulary is closed."""
    built = entry(
        actor, action, obj, before=before, after=after, note=note, object_repr=object_repr
    )
    built.save()
    return built


def entry(
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
    object_repr: str = "",
) -> AuditEntry:
    """The entry ``record`` writes, unsaved, for a bulk insert (``cchc.lib.bulk``); an
    object not saved yet leaves ``object_id`` empty for the caller to fill."""
    if not events.is_known(action):
        raise UnknownActionError(f"unregistered audit action code: {action!r}")
    object_type = ""
    object_id = ""
    if obj is not None:
        object_type = obj._meta.label_lower
        object_id = "" if obj.pk is None else str(obj.pk)
        object_repr = object_repr or str(obj)
    return AuditEntry(
        actor=actor.user,
        actor_label=actor.label[:150],
        actor_kind=actor.kind,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:255],
        ip=actor.ip,
        before=jsonable(before) if before is not None else None,
        after=jsonable(after) if after is not None else None,
        note=note,
    )
