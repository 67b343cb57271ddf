"""Every write made in the admin is audited with the state before and after."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from cchc.accounts.models import Membership, Role, User
from cchc.audit.log import Actor, record
from cchc.audit.models import AuditEntry
from cchc.orgs.models import Unit
from conftest import Province


def unit_form(unit: Unit, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": unit.code,
        "name": unit.name,
        "short_code": unit.short_code,
        "kind": unit.kind,
        "parent": unit.parent_id or "",
        "valid_from": unit.valid_from.strftime("%d/%m/%Y") if unit.valid_from else "",
        "valid_to": unit.valid_to.strftime("%d/%m/%Y") if unit.valid_to else "",
        "successors": [s.pk for s in unit.successors.all()],
    }
    data.update(changes)
    return data


def test_an_admin_edit_of_a_unit_records_unit_update_with_before_and_after(
    admin_user: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    url = reverse("admin:orgs_unit_change", args=[province.stp.pk])
    response = client_for(admin_user).post(
        url, unit_form(province.stp, name="Sở Tư pháp tỉnh Quảng Ngãi", short_code="STP-QNG")
    )
    assert response.status_code == 302, response.content.decode()
    unit = Unit.objects.get(pk=province.stp.pk)
    assert unit.name == "Sở Tư pháp tỉnh Quảng Ngãi"
    assert unit.search_text == " so tu phap tinh quang ngai qng stp stp qng "
    entry = AuditEntry.objects.get(action="unit.update")
    assert entry.actor == admin_user
    assert entry.actor_label == "quantri"
    assert entry.ip == "127.0.0.1"
    assert entry.object_id == str(unit.pk)
    assert entry.object_repr == "Sở Tư pháp tỉnh Quảng Ngãi"
    assert entry.before is not None
    assert entry.after is not None
    assert entry.before["name"] == "Sở Tư pháp"
    assert entry.after["name"] == "Sở Tư pháp tỉnh Quảng Ngãi"
    assert entry.before["short_code"] == "STP"
    assert entry.after["short_code"] == "STP-QNG"
    assert entry.before["parent"] == entry.after["parent"] == province.root.pk


def test_an_admin_edit_of_successors_is_in_the_after_state(
    admin_user: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    url = reverse("admin:orgs_unit_change", args=[province.snv.pk])
    response = client_for(admin_user).post(
        url, unit_form(province.snv, valid_to="30/06/2025", successors=[province.stp.pk])
    )
    assert response.status_code == 302, response.content.decode()
    entry = AuditEntry.objects.get(action="unit.update")
    assert entry.before is not None
    assert entry.after is not None
    assert entry.before["successors"] == []
    assert entry.after["successors"] == ["Sở Tư pháp"]
    assert entry.before["valid_to"] is None
    assert entry.after["valid_to"] == "2025-06-30"


def test_an_admin_add_of_a_unit_records_unit_create_and_places_it(
    admin_user: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    response = client_for(admin_user).post(
        reverse("admin:orgs_unit_add"),
        {
            "code": "QNG-SYT",
            "name": "Sở Y tế",
            "short_code": "SYT",
            "kind": "department",
            "parent": province.root.pk,
            "valid_from": "",
            "valid_to": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    unit = Unit.objects.get(code="QNG-SYT")
    assert unit.path == f"{province.root.path}{unit.pk:07d}/"
    assert unit.search_text == " so y te qng syt syt "
    entry = AuditEntry.objects.get(action="unit.create", actor=admin_user)
    assert entry.before is None
    assert entry.after is not None
    assert entry.after["code"] == "QNG-SYT"
    assert entry.after["path"] == unit.path


def test_an_admin_delete_of_a_unit_records_unit_delete_with_the_state_before(
    admin_user: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    url = reverse("admin:orgs_unit_delete", args=[province.new_commune.pk])
    pk = province.new_commune.pk
    response = client_for(admin_user).post(url, {"post": "yes"})
    assert response.status_code == 302, response.content.decode()
    assert not Unit.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(action="unit.delete")
    assert entry.object_id == str(pk)
    assert entry.before is not None
    assert entry.before["code"] == "QNG-X-BINHSON"
    assert entry.after is None


def test_an_admin_add_of_a_user_records_user_create_without_the_password(
    admin_user: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    response = client_for(admin_user).post(
        reverse("admin:accounts_user_add"),
        {
            "username": "canbomoi",
            "usable_password": "true",
            "password1": "Mat-khau-rat-dai-2025",
            "password2": "Mat-khau-rat-dai-2025",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-unit": province.stp.pk,
            "memberships-0-role": "officer",
        },
    )
    assert response.status_code == 302, response.content.decode()
    user = User.objects.get(username="canbomoi")
    assert user.check_password("Mat-khau-rat-dai-2025")
    assert Membership.objects.filter(user=user, unit=province.stp, role=Role.OFFICER).exists()
    entry = AuditEntry.objects.get(action="user.create")
    assert entry.actor == admin_user
    assert entry.object_id == str(user.pk)
    assert entry.after is not None
    assert entry.after["username"] == "canbomoi"
    assert "password" not in entry.after
    assert user.password not in str(entry.after)
    assert user.password.split("$")[-1] not in str(entry.after)
    assert entry.after["memberships"] == ["canbomoi – Chuyên viên đầu mối – Sở Tư pháp"]


def test_an_admin_password_change_is_audited_without_either_hash(
    admin_user: User, officer: User, client_for: Callable[[User], Client]
) -> None:
    old_hash = officer.password
    response = client_for(admin_user).post(
        reverse("admin:auth_user_password_change", args=[officer.pk]),
        {
            "usable_password": "true",
            "password1": "Mat-khau-moi-2025!",
            "password2": "Mat-khau-moi-2025!",
        },
    )
    assert response.status_code == 302, response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password("Mat-khau-moi-2025!")
    entry = AuditEntry.objects.get(action="user.update")
    assert entry.object_id == str(officer.pk)
    text = f"{entry.before} {entry.after}"
    assert old_hash not in text
    assert officer.password not in text
    assert "password" not in (entry.before or {})
    assert "password" not in (entry.after or {})


def test_audit_entries_are_read_only_in_the_admin(
    admin_user: User, client_for: Callable[[User], Client]
) -> None:
    entry = AuditEntry.objects.order_by("id").first()
    assert entry is not None
    client = client_for(admin_user)
    changelist = client.get(reverse("admin:audit_auditentry_changelist"))
    assert changelist.status_code == 200
    # The action in words, not its code.
    assert "Thêm đơn vị" in changelist.content.decode()
    assert ">unit.create<" not in changelist.content.decode()
    change_url = reverse("admin:audit_auditentry_change", args=[entry.pk])
    response = client.post(change_url, {"action": "xoa", "actor_label": "ai-do"})
    assert response.status_code == 403
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk])).status_code == 403
    entry.refresh_from_db()
    assert entry.action == "unit.create"


def test_the_admin_log_filters_by_the_kind_of_actor(
    admin_user: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    record(Actor.system("nhac_bao_cao_tu_dong"), "report.reminder", object_repr="Nhắc hạn")
    url = reverse("admin:audit_auditentry_changelist")
    response = client_for(admin_user).get(url, {"actor_kind": "system"})
    assert response.status_code == 200
    assert "Hệ thống (nhắc hạn báo cáo tự động)" in response.content.decode()
    # The fixture's import is a command's, the admin's sign-in a person's: neither is listed.
    assert [e.action for e in response.context["cl"].result_list] == ["report.reminder"]
