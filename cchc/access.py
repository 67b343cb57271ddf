"""Who may do what: the one place that holds the access rules.

Roles come from a user's memberships (``accounts.Membership``) plus ``admin`` for a superuser.
A user with no membership and no superuser flag is an outsider and may do nothing.
Views declare the permission they need with ``@requires(Perm.X)``; action functions call
``require(actor, Perm.X)``. Both record a refused check in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from cchc.accounts.models import Role
from cchc.audit.log import Actor, record

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cchc.accounts.models import User

ADMIN = "admin"


class Perm(StrEnum):
    USE_APP = "use_app"
    VIEW_UNITS = "view_units"
    MANAGE_UNITS = "manage_units"
    VIEW_DOCUMENTS = "view_documents"
    REGISTER_DOCUMENTS = "register_documents"
    VIEW_AUDIT = "view_audit"
    USE_ADMIN = "use_admin"


_EVERY_ROLE = frozenset({Role.OFFICER, Role.HEAD, Role.COORDINATOR, Role.LEADER, ADMIN})

RULES: dict[Perm, frozenset[str]] = {
    Perm.USE_APP: _EVERY_ROLE,
    Perm.VIEW_UNITS: _EVERY_ROLE,
    Perm.MANAGE_UNITS: frozenset({Role.COORDINATOR, ADMIN}),
    Perm.VIEW_DOCUMENTS: _EVERY_ROLE,
    Perm.REGISTER_DOCUMENTS: frozenset({Role.OFFICER, Role.HEAD, Role.COORDINATOR, ADMIN}),
    Perm.VIEW_AUDIT: frozenset({Role.COORDINATOR, ADMIN}),
    Perm.USE_ADMIN: frozenset({ADMIN}),
}


def roles_of(user: User | AnonymousUser | None) -> frozenset[str]:
    """The user's roles, read once per request object and cached on it."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached: frozenset[str] | None = getattr(user, "_cchc_roles", None)
    if cached is None:
        roles = set(user.memberships.values_list("role", flat=True))
        if user.is_superuser:
            roles.add(ADMIN)
        cached = frozenset(roles)
        user._cchc_roles = cached  # type: ignore[attr-defined]
    return cached


def has_perm(user: User | AnonymousUser | None, perm: Perm) -> bool:
    return bool(roles_of(user) & RULES[perm])


def require(actor: Actor, perm: Perm) -> None:
    """Raise PermissionDenied (and record the refusal) unless the actor holds ``perm``.

    Commands run on the server are trusted: whoever runs them already holds the server.
    """
    if actor.is_command or has_perm(actor.user, perm):
        return
    record(actor, "access.denied", note=str(perm))
    raise PermissionDenied(perm)


View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def requires(perm: Perm) -> Callable[[View], View]:
    """View decorator: refuse (403, recorded) a signed-in user without ``perm``."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            require(Actor.from_request(request), perm)
            return view(request, *args, **kwargs)

        return cast(View, wrapped)

    return decorator


def context(request: HttpRequest) -> dict[str, Any]:
    """Template context: ``can.view_audit`` etc., for showing only the menus a user may open."""
    user = getattr(request, "user", None)
    return {"can": {perm.value: has_perm(user, perm) for perm in Perm}}
