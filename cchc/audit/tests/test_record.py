"""Recording audit entries (audit/log.py): who, what, from where, before and after."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import PurePosixPath

import pytest
from django.test import RequestFactory

from cchc.accounts.models import User
from cchc.audit import events
from cchc.audit.log import (
    Actor,
    UnknownActionError,
    client_ip,
    entry,
    jsonable,
    record,
    snapshot,
)
from cchc.audit.models import ActorKind, AuditEntry
from cchc.orgs.models import Unit
from conftest import Province


def test_record_keeps_the_actor_the_address_and_the_object(
    officer: User, province: Province
) -> None:
    entry = record(
        Actor.of_user(officer, "10.0.0.5"),
        "unit.update",
        province.stp,
        before={"name": "Sở Tư pháp"},
        after={"name": "Sở Tư pháp tỉnh Quảng Ngãi"},
    )
    entry.refresh_from_db()
    assert entry.actor == officer
    assert entry.actor_label == "chuyenvien"
    assert entry.ip == "10.0.0.5"
    assert entry.object_type == "orgs.unit"
    assert entry.object_id == str(province.stp.pk)
    assert entry.object_repr == "Sở Tư pháp"
    assert entry.before == {"name": "Sở Tư pháp"}
    assert entry.after == {"name": "Sở Tư pháp tỉnh Quảng Ngãi"}


def test_record_turns_dates_decimals_and_objects_into_json(
    officer: User, province: Province
) -> None:
    entry = record(
        Actor.command("test"),
        "unit.update",
        after={
            "valid_to": dt.date(2025, 6, 30),
            "score": Decimal("86.08"),
            "unit": province.stp,
            "codes": ("QNG", "QNG-STP"),
        },
    )
    entry.refresh_from_db()
    assert entry.after == {
        "valid_to": "2025-06-30",
        "score": "86.08",
        "unit": province.stp.pk,
        "codes": ["QNG", "QNG-STP"],
    }
    assert entry.actor is None
    assert entry.actor_label == "lệnh test"


def test_jsonable_handles_nested_values() -> None:
    moment = dt.datetime(2025, 7, 1, 8, 30, tzinfo=dt.UTC)
    assert jsonable({1: [moment, {frozenset()}]}) == {"1": ["2025-07-01T08:30:00+00:00", [[]]]}
    assert jsonable(None) is None
    assert jsonable(PurePosixPath("documents/2025/qd.pdf")) == "documents/2025/qd.pdf"


def test_snapshot_reads_the_named_fields(province: Province) -> None:
    state = snapshot(province.district, ["code", "parent", "valid_to"])
    assert state == {"code": "QNG-H-BINHSON", "parent": province.root.pk, "valid_to": "2025-06-30"}


def test_a_long_object_name_is_cut_to_fit(db: None) -> None:
    entry = record(Actor.command("test"), "unit.update", object_repr="x" * 400)
    assert len(entry.object_repr) == 255


def test_the_actor_of_a_request_is_the_signed_in_user_and_their_address(officer: User) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.44")
    request.user = officer
    actor = Actor.from_request(request)
    assert actor.user == officer
    assert actor.label == "chuyenvien"
    assert actor.ip == "192.0.2.44"
    assert not actor.is_command


def test_without_an_address_the_ip_is_left_empty() -> None:
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert client_ip(request) is None


def test_entries_list_newest_first(db: None) -> None:
    record(Actor.command("test"), "unit.create")
    record(Actor.command("test"), "unit.update")
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [
        "unit.update",
        "unit.create",
    ]


def test_an_unregistered_action_code_is_refused_by_name(db: None) -> None:
    with pytest.raises(UnknownActionError, match=r"report\.sent_by_mistake"):
        record(Actor.command("test"), "report.sent_by_mistake")
    assert not AuditEntry.objects.exists()


def test_an_admin_code_of_a_known_model_is_registered(officer: User) -> None:
    entry = record(Actor.of_user(officer), "unit.delete")
    assert entry.action == "unit.delete"
    with pytest.raises(UnknownActionError, match=r"nosuchmodel\.update"):
        record(Actor.of_user(officer), "nosuchmodel.update")


def test_the_kind_of_actor_is_stored_not_read_from_the_label(officer: User) -> None:
    by_user = record(Actor.of_user(officer), "unit.update")
    by_command = record(Actor.command("import_units"), "unit.update")
    by_job = record(Actor.system("nhac_bao_cao_tu_dong"), "report.reminder")
    # A person whose user name looks like a command's label is still a person.
    lookalike = Actor(user=None, ip=None, label="lệnh import_units")
    by_lookalike = record(lookalike, "auth.login_failed")
    kinds = {
        e.pk: e.actor_kind
        for e in AuditEntry.objects.filter(
            pk__in=[by_user.pk, by_command.pk, by_job.pk, by_lookalike.pk]
        )
    }
    assert kinds == {
        by_user.pk: ActorKind.USER,
        by_command.pk: ActorKind.COMMAND,
        by_job.pk: ActorKind.SYSTEM,
        by_lookalike.pk: ActorKind.USER,
    }
    assert Actor.command("import_units").is_command
    assert Actor.system("nhac_bao_cao_tu_dong").is_command
    assert not lookalike.is_command
    assert events.actor_label(by_command.actor_label, by_command.actor_kind) == (
        "Hệ thống (nhập đơn vị từ tệp)"
    )
    assert events.actor_label(by_job.actor_label, by_job.actor_kind) == (
        "Hệ thống (nhắc hạn báo cáo tự động)"
    )
    assert events.actor_label(by_lookalike.actor_label, by_lookalike.actor_kind) == (
        "lệnh import_units"
    )


def test_an_entry_for_a_bulk_insert_is_checked_and_left_unsaved(province: Province) -> None:
    unsaved = Unit(code="QNG-MOI", name="Đơn vị mới")
    built = entry(Actor.command("import_units"), "unit.create", unsaved)
    assert built.pk is None
    assert (built.object_type, built.object_id, built.object_repr) == (
        "orgs.unit",
        "",
        "Đơn vị mới",
    )
    assert built.actor_kind == ActorKind.COMMAND
    with pytest.raises(UnknownActionError, match=r"unit\.merge"):
        entry(Actor.command("import_units"), "unit.merge", unsaved)
