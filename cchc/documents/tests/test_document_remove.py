"""Removing a document registered by mistake (/van-ban/<pk>/go/): only whoever registered it,
only while no other record points at it; audited, and its file goes with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django import Settings

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.documents.actions import DocumentData, add_citations, register_document
from cchc.documents.models import Document
from cchc.testing import Clients
from conftest import Province


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def mistake(officer: User, province: Province) -> Document:
    return register_document(
        Actor.of_user(officer),
        DocumentData("Số: 12/BC-STP", dt.date(2025, 6, 16), "Báo cáo CCHC 6 tháng"),
        file=SimpleUploadedFile("bao-cao.txt", b"BAO CAO", "text/plain"),
    )


def url(document: Document) -> str:
    return reverse("documents:document_remove", args=[document.pk])


def messages_of(response: object) -> list[str]:
    return [str(m) for m in response.context["messages"]]  # type: ignore[attr-defined]


def test_whoever_registered_it_removes_it_with_its_file(
    mistake: Document,
    officer: User,
    client_for: Clients,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    path = Path(mistake.file.path)
    assert path.exists()
    page = client_for(officer).get(reverse("documents:document_detail", args=[mistake.pk]))
    assert "Gỡ khỏi sổ văn bản" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer).post(url(mistake), follow=True)
    assert messages_of(response) == ["Đã gỡ Báo cáo số 12/BC-STP khỏi sổ văn bản."]
    assert not Document.objects.filter(pk=mistake.pk).exists()
    assert not path.exists()
    entry = AuditEntry.objects.get(action="document.delete")
    assert entry.actor == officer and (entry.before or {})["symbol"] == "12/BC-STP"


def test_someone_else_cannot_remove_it(
    mistake: Document, coordinator: User, client_for: Clients
) -> None:
    page = client_for(coordinator).get(reverse("documents:document_detail", args=[mistake.pk]))
    assert "Gỡ khỏi sổ văn bản" not in page.content.decode()
    response = client_for(coordinator).post(url(mistake), follow=True)
    assert messages_of(response) == ["Chỉ người đã vào sổ văn bản này mới gỡ được."]
    assert Document.objects.filter(pk=mistake.pk).exists()


def test_a_document_another_record_points_at_stays(
    mistake: Document, officer: User, client_for: Clients
) -> None:
    citing = register_document(
        Actor.of_user(officer), DocumentData("Số: 13/BC-STP", dt.date(2025, 6, 20))
    )
    add_citations(Actor.of_user(officer), citing, [mistake])
    response = client_for(officer).post(url(mistake), follow=True)
    assert messages_of(response) == ["Không gỡ được: văn bản đang được dùng (văn bản)."]
    assert Document.objects.filter(pk=mistake.pk).exists()
    # The citing document itself may go; then the first one too.
    client_for(officer).post(url(citing))
    client_for(officer).post(url(mistake))
    assert not Document.objects.exists()


def test_an_outsider_is_refused(mistake: Document, outsider: User, client_for: Clients) -> None:
    assert client_for(outsider).post(url(mistake)).status_code == 403
    assert client_for(outsider).get(url(mistake)).status_code in (403, 405)
