"""Uploading existing reports registers them and every document they cite."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.models import AuditEntry
from cchc.documents.models import Document
from cchc.lib.samples import samples_dir
from conftest import Province

URL = reverse("documents:document_upload")
SNV_SAMPLE = "bao-cao-snv-hoi-nhap-6-thang-2023.txt"
# The documents the SNV report cites, as read by hand from the sample.
SNV_CITES = {
    "692/SNgV-ĐN", "590/QĐ-UBND", "22/NQ-TW", "48/2021/QĐ-UBND", "16-ĐA/TU", "76/NQ-CP",
    "04-NQ/TU", "93/NQ-HĐND", "1782/QĐ-UBND",
}  # fmt: skip


def sample(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (samples_dir() / name).read_bytes(), "text/plain")


def test_uploading_a_sample_registers_it_and_the_documents_it_cites(
    province: Province, officer: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(officer).post(URL, {"files": [sample(SNV_SAMPLE)]})
    assert response.status_code == 200
    report = Document.objects.get(symbol="/BC-SNV")
    assert report.subject.startswith("Tình hình, kết quả công tác hội nhập quốc tế")
    assert report.file.name.endswith(".txt")
    assert {d.symbol for d in report.cites.all()} == SNV_CITES
    assert "đã vào sổ" in response.content.decode()
    assert AuditEntry.objects.filter(action="document.cite", actor=officer).count() == 1


def test_uploading_the_same_files_again_creates_no_duplicates(
    province: Province, officer: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(officer)
    names = sorted(path.name for path in samples_dir().glob("*.txt"))
    client.post(URL, {"files": [sample(name) for name in names]})
    count = Document.objects.count()
    response = client.post(URL, {"files": [sample(name) for name in names]})
    assert Document.objects.count() == count
    assert response.content.decode().count("đã có trong sổ") == len(names)


def test_a_document_already_in_the_register_is_linked_not_added_again(
    province: Province, officer: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(officer)
    client.post(
        reverse("documents:document_create"),
        {"symbol": "590/QĐ-UBND", "date": "24/04/2014", "subject": "Kế hoạch hội nhập"},
    )
    client.post(URL, {"files": [sample(SNV_SAMPLE)]})
    assert Document.objects.filter(symbol="590/QĐ-UBND").count() == 1
    assert Document.objects.get(symbol="590/QĐ-UBND").subject == "Kế hoạch hội nhập"


def test_a_file_of_another_kind_is_refused_with_a_message(
    province: Province, officer: User, client_for: Callable[[User], Client]
) -> None:
    upload = SimpleUploadedFile("bang.xlsx", b"PK\x03\x04", "application/octet-stream")
    response = client_for(officer).post(URL, {"files": [upload]})
    assert "Chỉ nhận tệp .docx, .pdf, .txt, .md." in response.content.decode()
    assert Document.objects.count() == 0


def test_a_broken_docx_is_refused_and_registers_nothing(
    province: Province, officer: User, client_for: Callable[[User], Client]
) -> None:
    upload = SimpleUploadedFile("hong.docx", b"not a zip", "application/octet-stream")
    response = client_for(officer).post(URL, {"files": [upload]})
    assert response.status_code == 200
    assert Document.objects.count() == 0
    assert "hong.docx" in response.content.decode()


def test_a_file_over_the_limit_is_refused(
    province: Province,
    officer: User,
    client_for: Callable[[User], Client],
    settings: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    settings.MAX_UPLOAD_SIZE = 1000  # type: ignore[attr-defined]
    response = client_for(officer).post(URL, {"files": [sample(SNV_SAMPLE)]})
    assert "Tệp quá lớn" in response.content.decode()
    assert Document.objects.count() == 0


def test_a_leader_may_not_upload(
    province: Province, leader: User, client_for: Callable[[User], Client]
) -> None:
    assert client_for(leader).get(URL).status_code == 403


def test_an_outsider_is_refused_the_upload_page(
    province: Province, outsider: User, client_for: Callable[[User], Client]
) -> None:
    assert client_for(outsider).get(URL).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login_page(db: None) -> None:
    response = Client().get(URL)
    assert response["Location"] == f"{reverse('accounts:login')}?next={URL}"
