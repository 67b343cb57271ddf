"""Writes to users and their roles. Each checks permission, runs in a transaction, is audited."""

from __future__ import annotations

from django.db import transaction

from cchc.access import Perm, require
from cchc.accounts.models import Membership, Role, User
from cchc.audit.log import Actor, record
from cchc.orgs.models import Unit


def create_user(
    actor: Actor,
    username: str,
    password: str,
    *,
    full_name: str = "",
    email: str = "",
    is_superuser: bool = False,
) -> User:
    require(actor, Perm.USE_ADMIN)
    with transaction.atomic():
        user = User(
            username=username,
            full_name=full_name,
            email=email,
            is_superuser=is_superuser,
            is_staff=is_superuser,
        )
        user.set_password(password)
        user.save()
        record(
            actor,
            "user.create",
            user,
            after={"username": username, "full_name": full_name, "is_superuser": is_superuser},
        )
    return user


def grant_role(actor: Actor, user: User, unit: Unit, role: Role) -> Membership:
    require(actor, Perm.USE_ADMIN)
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
        if created:
            record(actor, "membership.create", membership, after={"unit": unit.code, "role": role})
    return membership
