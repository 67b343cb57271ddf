"""Documents in the admin: corrections by a system administrator, audited and searchable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.documents.actions import DocumentData, register_document
from cchc.documents.models import Document
from conftest import Province


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def decision(officer: User, province: Province) -> Document:
    return register_document(
        Actor.of_user(officer),
        DocumentData("590/QĐ-UBND", dt.date(2023, 3, 15), "Ban hành Kế hoạch"),
    )


def change(document: Document, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "issuing_unit": document.issuing_unit_id or "",
        "date": document.date.strftime("%d/%m/%Y") if document.date else "",
        "subject": document.subject,
        "cites": [d.pk for d in document.cites.all()],
    }
    data.update(changes)
    return data


def test_an_admin_correction_of_the_subject_is_saved_and_audited(
    decision: Document, admin_user: User, client_for: Callable[[User], Client]
) -> None:
    url = reverse("admin:documents_document_change", args=[decision.pk])
    response = client_for(admin_user).post(
        url, change(decision, subject="Ban hành Kế hoạch hội nhập quốc tế năm 2023")
    )
    assert response.status_code == 302, response.content.decode()
    decision.refresh_from_db()
    assert decision.subject == "Ban hành Kế hoạch hội nhập quốc tế năm 2023"
    assert decision.symbol == "590/QĐ-UBND"
    entry = AuditEntry.objects.get(action="document.update")
    assert entry.actor == admin_user
    assert entry.before is not None
    assert entry.after is not None
    assert entry.before["subject"] == "Ban hành Kế hoạch"
    assert entry.after["subject"] == "Ban hành Kế hoạch hội nhập quốc tế năm 2023"


def test_documents_cannot_be_added_in_the_admin(
    admin_user: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(admin_user).get(reverse("admin:documents_document_add"))
    assert response.status_code == 403


def test_a_subject_corrected_in_the_admin_is_found_by_the_register_search(
    decision: Document, admin_user: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(admin_user)
    url = reverse("admin:documents_document_change", args=[decision.pk])
    response = client.post(url, change(decision, subject="Hội nhập quốc tế"))
    assert response.status_code == 302
    found = client.get(reverse("documents:document_list"), {"q": "hoi nhap quoc te"})
    assert [d.pk for d in found.context["page"]] == [decision.pk]


def test_the_admin_refuses_a_date_that_makes_a_duplicate(
    officer: User, province: Province, admin_user: User, client_for: Callable[[User], Client]
) -> None:
    actor = Actor.of_user(officer)
    register_document(actor, DocumentData("05-NQ/TU", dt.date(2016, 2, 5)))
    second = register_document(actor, DocumentData("05-NQ/TU", dt.date(2016, 12, 5)))
    url = reverse("admin:documents_document_change", args=[second.pk])
    response = client_for(admin_user).post(url, change(second, date="05/02/2016"))
    assert response.status_code == 200
    assert "đã có" in response.content.decode()
    second.refresh_from_db()
    assert second.date == dt.date(2016, 12, 5)
