"""Who may do what (cchc/access.py) and the actions that give users their roles."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from cchc.access import ADMIN, RULES, Perm, has_perm, require, roles_of
from cchc.accounts.actions import create_user, grant_role
from cchc.accounts.models import Membership, Role, User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from conftest import Province


def test_roles_come_from_memberships(officer: User, coordinator: User, leader: User) -> None:
    assert roles_of(officer) == {Role.OFFICER}
    assert roles_of(coordinator) == {Role.COORDINATOR}
    assert roles_of(leader) == {Role.LEADER}


def test_a_superuser_holds_the_admin_role(admin_user: User) -> None:
    assert roles_of(admin_user) == {ADMIN}


def test_an_outsider_an_anonymous_visitor_and_an_inactive_user_hold_no_role(
    outsider: User, officer: User
) -> None:
    assert roles_of(outsider) == frozenset()
    assert roles_of(AnonymousUser()) == frozenset()
    assert roles_of(None) == frozenset()
    officer.is_active = False
    assert roles_of(officer) == frozenset()


def test_a_user_with_two_memberships_holds_both_roles(officer: User, province: Province) -> None:
    Membership.objects.create(user=officer, unit=province.snv, role=Role.COORDINATOR)
    user = User.objects.get(pk=officer.pk)
    assert roles_of(user) == {Role.OFFICER, Role.COORDINATOR}
    assert has_perm(user, Perm.VIEW_AUDIT)


# The permissions of the foundation (units, documents, audit, admin); later modules add more.
FOUNDATION = {
    Perm.USE_APP,
    Perm.VIEW_UNITS,
    Perm.MANAGE_UNITS,
    Perm.VIEW_DOCUMENTS,
    Perm.REGISTER_DOCUMENTS,
    Perm.VIEW_AUDIT,
    Perm.USE_ADMIN,
}


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("officer", {Perm.USE_APP, Perm.VIEW_UNITS, Perm.VIEW_DOCUMENTS, Perm.REGISTER_DOCUMENTS}),
        ("head", {Perm.USE_APP, Perm.VIEW_UNITS, Perm.VIEW_DOCUMENTS, Perm.REGISTER_DOCUMENTS}),
        ("coordinator", FOUNDATION - {Perm.USE_ADMIN}),
        ("leader", {Perm.USE_APP, Perm.VIEW_UNITS, Perm.VIEW_DOCUMENTS}),
        ("admin_user", FOUNDATION),
        ("outsider", set()),
    ],
)
def test_each_role_holds_exactly_its_foundation_permissions(
    role: str, allowed: set[Perm], request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(role)
    assert {perm for perm in FOUNDATION if has_perm(user, perm)} == allowed


def test_an_outsider_holds_no_permission_at_all(outsider: User) -> None:
    assert [perm for perm in Perm if has_perm(outsider, perm)] == []


def test_an_administrator_holds_every_permission(admin_user: User) -> None:
    assert all(has_perm(admin_user, perm) for perm in Perm)


def test_every_permission_has_a_rule() -> None:
    assert set(RULES) == set(Perm)


def test_require_lets_a_permitted_user_through_and_records_nothing(coordinator: User) -> None:
    before = AuditEntry.objects.count()
    require(Actor.of_user(coordinator, "10.0.0.5"), Perm.MANAGE_UNITS)
    assert AuditEntry.objects.count() == before


def test_require_refuses_and_records_access_denied(officer: User) -> None:
    with pytest.raises(PermissionDenied):
        require(Actor.of_user(officer, "10.0.0.5"), Perm.MANAGE_UNITS)
    entry = AuditEntry.objects.get(action="access.denied")
    assert entry.actor == officer
    assert entry.actor_label == "chuyenvien"
    assert entry.ip == "10.0.0.5"
    assert entry.note == "manage_units"


def test_a_server_command_is_trusted(db: None) -> None:
    require(Actor.command("import_units"), Perm.USE_ADMIN)
    assert not AuditEntry.objects.filter(action="access.denied").exists()


def test_an_outsider_pretending_to_be_a_command_is_not_trusted(outsider: User) -> None:
    actor = Actor(user=outsider, ip=None, label="lệnh import_units")
    assert not actor.is_command
    with pytest.raises(PermissionDenied):
        require(actor, Perm.MANAGE_UNITS)


def test_an_admin_creates_a_user_and_the_audit_keeps_no_password(admin_user: User) -> None:
    user = create_user(
        Actor.of_user(admin_user), "canbo", "mat-khau-moi-2025", full_name="Võ Văn An"
    )
    assert user.check_password("mat-khau-moi-2025")
    assert user.full_name == "Võ Văn An"
    assert not user.is_superuser
    entry = AuditEntry.objects.get(action="user.create")
    assert entry.actor == admin_user
    assert entry.object_id == str(user.pk)
    assert entry.after == {"username": "canbo", "full_name": "Võ Văn An", "is_superuser": False}
    assert "mat-khau-moi-2025" not in str(entry.after)
    assert user.password not in str(entry.after)


def test_a_coordinator_may_not_create_users(coordinator: User) -> None:
    with pytest.raises(PermissionDenied):
        create_user(Actor.of_user(coordinator), "canbo", "mat-khau-moi-2025")
    assert not User.objects.filter(username="canbo").exists()
    assert AuditEntry.objects.filter(action="access.denied", actor=coordinator).count() == 1


def test_granting_a_role_twice_creates_one_membership_and_one_audit_entry(
    admin_user: User, outsider: User, province: Province
) -> None:
    actor = Actor.of_user(admin_user)
    first = grant_role(actor, outsider, province.stp, Role.HEAD)
    second = grant_role(actor, outsider, province.stp, Role.HEAD)
    assert first == second
    assert Membership.objects.filter(user=outsider).count() == 1
    entry = AuditEntry.objects.get(action="membership.create")
    assert entry.after == {"unit": "QNG-STP", "role": "head"}
    assert roles_of(User.objects.get(pk=outsider.pk)) == {Role.HEAD}
