"""Evidence (tài liệu kiểm chứng) on a leaf: a document of the register picked by its number,
or an uploaded file (the register's kinds and size limit); removed while the unit drafts; a
file downloaded only by those who may read the assessment.

Adding from the page posts the whole sheet with it: what was typed is saved first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django import Settings

from cchc.accounts.models import Membership, Role, User
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, register_document
from cchc.documents.models import Document
from cchc.documents.upload import EVIDENCE_SUFFIXES, kinds_text
from cchc.scoring.actions import ScoringError, add_evidence, find_document, remove_evidence
from cchc.scoring.models import Assessment, Evidence
from cchc.scoring.tests.sheets import item, posted, sheet_url, stp_sheet
from cchc.testing import Clients
from conftest import Province


@pytest.fixture
def draft(province: Province, settings: Settings, tmp_path: Path) -> Assessment:
    settings.MEDIA_ROOT = tmp_path
    return stp_sheet(province.stp)


@pytest.fixture
def plan(coordinator: User) -> Document:
    return register_document(
        Actor.of_user(coordinator),
        DocumentData("12/KH-STP", None, "Kế hoạch cải cách hành chính năm 2025"),
    )


def test_the_officer_attaches_a_document_of_the_register_by_its_number(
    draft: Assessment, plan: Document, officer: User, client_for: Clients
) -> None:
    client = client_for(officer)
    response = client.post(
        sheet_url("scoring:evidence_add", draft),
        posted(
            draft,
            {"item": "1.1.1", "evidence-doc-1.1.1": "12/KH-STP", "score-1.1.1": "3"},
        ),
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#tc-1.1.1")
    evidence = Evidence.objects.get()
    assert evidence.document == plan
    assert evidence.item == item(draft, "1.1.1")
    assert evidence.added_by == officer
    # The score typed beside it was saved first.
    assert item(draft, "1.1.1").self_score == 3
    html = client.get(sheet_url("scoring:assessment", draft)).content.decode()
    assert "Kế hoạch cải cách hành chính năm 2025" in html


def test_words_of_the_number_find_a_single_document_and_several_are_named(
    plan: Document, coordinator: User
) -> None:
    assert find_document("12/kh-stp") == plan
    register_document(
        Actor.of_user(coordinator), DocumentData("13/KH-STP", None, "Kế hoạch kiểm tra")
    )
    with pytest.raises(ScoringError, match="Có nhiều văn bản khớp với «Kế hoạch»"):
        find_document("Kế hoạch")
    with pytest.raises(ScoringError, match="Không tìm thấy văn bản «99/KH-STP»"):
        find_document("99/KH-STP")


def test_the_number_is_found_however_it_is_written(plan: Document, coordinator: User) -> None:
    decision = register_document(
        Actor.of_user(coordinator), DocumentData("590/QĐ-UBND", None, "Quyết định 590")
    )
    assert find_document("Số: 12 / kh-stp.") == plan
    # Non-ASCII letters compare without case too (SQLite's iexact would not).
    assert find_document("590/qđ-ubnd") == decision


def test_an_uploaded_file_is_kept_and_downloaded_by_those_who_may_read_the_sheet(
    draft: Assessment,
    officer: User,
    coordinator: User,
    leader: User,
    client_for: Clients,
    province: Province,
) -> None:
    upload = SimpleUploadedFile("bien-ban-kiem-tra.pdf", b"%PDF-1.4 bien ban")
    client_for(officer).post(
        sheet_url("scoring:evidence_add", draft), {"item": "1.1.3", "evidence-file-1.1.3": upload}
    )
    evidence = Evidence.objects.get()
    assert evidence.name == "bien-ban-kiem-tra.pdf"
    url = f"/chi-so-cchc/kiem-chung/{evidence.pk}/"
    for reader in (officer, coordinator, leader):
        download = client_for(reader).get(url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == b"%PDF-1.4 bien ban"  # type: ignore[attr-defined]
    other = User.objects.create_user("chuyenvien-snv")
    Membership.objects.create(user=other, unit=province.snv, role=Role.OFFICER)
    assert client_for(other).get(url).status_code == 403


def test_a_file_of_another_kind_or_too_large_is_refused(
    draft: Assessment, officer: User, settings: Settings
) -> None:
    actor = Actor.of_user(officer)
    leaf = item(draft, "2.1")
    kinds = re.escape(kinds_text(EVIDENCE_SUFFIXES))
    with pytest.raises(ScoringError, match=rf"Chỉ nhận tệp {kinds}\."):
        add_evidence(actor, leaf, file=SimpleUploadedFile("anh.exe", b"MZ"))
    settings.MAX_UPLOAD_SIZE = 10
    with pytest.raises(ScoringError, match="Tệp quá lớn"):
        add_evidence(actor, leaf, file=SimpleUploadedFile("to.pdf", b"%PDF" * 10))
    assert not Evidence.objects.exists()


def test_nothing_chosen_is_said_plainly(
    draft: Assessment, officer: User, client_for: Clients
) -> None:
    page = client_for(officer).post(
        sheet_url("scoring:evidence_add", draft), {"item": "2.1"}, follow=True
    )
    assert "Hãy chọn tệp hoặc ghi số, ký hiệu văn bản trong sổ" in page.content.decode()


def test_the_officer_removes_evidence_and_its_file(
    draft: Assessment,
    officer: User,
    client_for: Clients,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    evidence = add_evidence(
        Actor.of_user(officer),
        item(draft, "2.1"),
        file=SimpleUploadedFile("cong-bo.pdf", b"%PDF"),
    )
    stored = tmp_path / evidence.file.name
    assert stored.exists()
    with pytest.raises(ScoringError):
        add_evidence(Actor.of_user(officer), item(draft, "1.2"), document=None, file=None)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(officer).post(
            sheet_url("scoring:evidence_remove", draft), {"evidence": str(evidence.pk)}
        )
    assert not Evidence.objects.exists()
    assert not stored.exists()


def test_evidence_is_not_added_to_a_computed_leaf_nor_by_another_unit(
    draft: Assessment, plan: Document, officer: User, province: Province
) -> None:
    with pytest.raises(ScoringError, match="không do đơn vị tự chấm"):
        add_evidence(Actor.of_user(officer), item(draft, "1.2"), document=plan)
    other = User.objects.create_user("chuyenvien-snv")
    Membership.objects.create(user=other, unit=province.snv, role=Role.OFFICER)
    with pytest.raises(PermissionDenied):
        add_evidence(Actor.of_user(other), item(draft, "2.1"), document=plan)
    evidence = add_evidence(Actor.of_user(officer), item(draft, "2.1"), document=plan)
    with pytest.raises(PermissionDenied):
        remove_evidence(Actor.of_user(other), evidence)


def test_a_file_named_with_200_four_byte_characters_is_kept_under_a_safe_name(
    draft: Assessment, officer: User, client_for: Clients
) -> None:
    name = "𝐁" * 200 + ".pdf"
    upload = SimpleUploadedFile(name, b"%PDF-1.4 bien ban")
    client_for(officer).post(
        sheet_url("scoring:evidence_add", draft), {"item": "1.1.3", "evidence-file-1.1.3": upload}
    )
    evidence = Evidence.objects.get()
    assert evidence.name.startswith("𝐁")
    assert evidence.file.name.isascii() and len(evidence.file.name) < 100
