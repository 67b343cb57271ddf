"""The audit log is append-only: no entry can be changed or removed, one by one or in bulk."""

from __future__ import annotations

import pytest

from cchc.accounts.models import User
from cchc.audit.log import Actor, record
from cchc.audit.models import AppendOnlyError, AuditEntry


@pytest.fixture
def entry(officer: User) -> AuditEntry:
    return record(Actor.of_user(officer, "10.0.0.5"), "document.create", note="vào sổ")


def test_a_recorded_entry_cannot_be_saved_again(entry: AuditEntry) -> None:
    entry.note = "sửa lại"
    with pytest.raises(AppendOnlyError):
        entry.save()
    entry.refresh_from_db()
    assert entry.note == "vào sổ"


def test_a_recorded_entry_cannot_be_deleted(entry: AuditEntry) -> None:
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_entries_cannot_be_updated_in_bulk(entry: AuditEntry) -> None:
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(note="xóa dấu vết")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(action="document.create").update(actor_label="ai-do")
    entry.refresh_from_db()
    assert entry.note == "vào sổ"
    assert entry.actor_label == "chuyenvien"


def test_entries_cannot_be_deleted_in_bulk(entry: AuditEntry) -> None:
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_saving_with_update_fields_is_refused_too(entry: AuditEntry) -> None:
    entry.action = "document.delete"
    with pytest.raises(AppendOnlyError):
        entry.save(update_fields=["action"])
    entry.refresh_from_db()
    assert entry.action == "document.create"


def test_a_new_entry_can_be_added(db: None) -> None:
    AuditEntry.objects.create(actor_label="chuyenvien", action="auth.login")
    AuditEntry(actor_label="chuyenvien", action="auth.logout").save()
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [
        "auth.logout",
        "auth.login",
    ]


def test_entries_outlive_the_user_who_made_them(entry: AuditEntry, officer: User) -> None:
    officer.memberships.all().delete()
    officer.delete()
    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.actor_label == "chuyenvien"
