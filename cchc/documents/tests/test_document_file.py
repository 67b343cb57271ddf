"""Downloading a document's file (/van-ban/<pk>/tep/): only to those who may read the register."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.documents.actions import DocumentData, register_document
from cchc.documents.models import Document
from conftest import Province

CONTENT = "Quyết định số 590/QĐ-UBND".encode()


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def document(officer: User, province: Province) -> Document:
    return register_document(
        Actor.of_user(officer),
        DocumentData("590/QĐ-UBND", None),
        file=SimpleUploadedFile("qd-590.txt", CONTENT, "text/plain"),
    )


def url(document: Document) -> str:
    return reverse("documents:document_file", args=[document.pk])


@pytest.mark.parametrize("role", ["officer", "head", "coordinator", "leader", "admin_user"])
def test_anyone_who_may_read_the_register_downloads_the_file(
    role: str,
    document: Document,
    request: pytest.FixtureRequest,
    client_for: Callable[[User], Client],
) -> None:
    user: User = request.getfixturevalue(role)
    response = client_for(user).get(url(document))
    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    assert b"".join(response.streaming_content) == CONTENT
    assert response["Content-Disposition"].startswith("attachment;")
    assert "qd-590" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_document_without_a_file_gives_not_found(
    officer: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    bare = register_document(Actor.of_user(officer), DocumentData("591/QĐ-UBND", None))
    assert client_for(officer).get(url(bare)).status_code == 404


def test_an_unknown_document_gives_not_found(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    assert (
        client_for(officer).get(reverse("documents:document_file", args=[999999])).status_code
        == 404
    )


def test_an_outsider_is_refused_the_file_and_the_refusal_is_recorded(
    document: Document, outsider: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(outsider).get(url(document))
    assert response.status_code == 403
    assert CONTENT not in response.content
    denied = AuditEntry.objects.get(action="access.denied")
    assert denied.actor == outsider
    assert denied.note == "view_documents"


def test_an_anonymous_visitor_is_sent_from_the_file_to_the_login_page(document: Document) -> None:
    response = Client().get(url(document))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url(document)}"


def test_the_file_is_not_served_from_a_public_media_address(
    document: Document, officer: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(officer).get(f"/media/{document.file.name}")
    assert response.status_code == 404
