"""The document page (/van-ban/<pk>/): its facts, its file and the citations both ways."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, add_citations, register_document
from cchc.documents.models import Document
from conftest import Province


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def letter(officer: User, province: Province) -> Document:
    return register_document(
        Actor.of_user(officer),
        DocumentData("Số: 812 /SNV-CCVC&TCBM", dt.date(2023, 5, 8), "Đôn đốc báo cáo CCHC"),
    )


def url(document: Document) -> str:
    return reverse("documents:document_detail", args=[document.pk])


def test_the_page_shows_the_facts_of_the_document(
    letter: Document, officer: User, client_for: Callable[[User], Client]
) -> None:
    officer.full_name = "Nguyễn Thị Lan"
    officer.save()
    response = client_for(officer).get(url(letter))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Công văn số 812/SNV-CCVC&amp;TCBM</h1>" in page
    assert "<dd>08/05/2023</dd>" in page
    assert "<dd>Đôn đốc báo cáo CCHC</dd>" in page
    assert '<a href="/don-vi/QNG-SNV/">Sở Nội vụ</a>' in page
    assert "<dd>CCVC&amp;TCBM</dd>" in page
    assert "<dd>Số: 812 /SNV-CCVC&amp;TCBM</dd>" in page
    assert "Nguyễn Thị Lan" in page
    assert "Tải về" not in page


def test_a_legal_document_shows_the_year_of_its_symbol(
    officer: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    document = register_document(Actor.of_user(officer), DocumentData("48/2021/QĐ-UBND", None))
    page = client_for(officer).get(url(document)).content.decode()
    assert "Năm trong ký hiệu" in page
    assert "<dd>2021</dd>" in page
    assert "<dd>—</dd>" in page  # no date, no subject


def test_an_issuer_outside_the_tree_is_shown_by_its_code(
    officer: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    document = register_document(Actor.of_user(officer), DocumentData("31-CT/TU", None))
    page = client_for(officer).get(url(document)).content.decode()
    assert "<dd>TU</dd>" in page


def test_the_page_links_the_file_when_there_is_one(
    officer: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    document = register_document(
        Actor.of_user(officer),
        DocumentData("590/QĐ-UBND", None),
        file=SimpleUploadedFile("qd.pdf", b"%PDF"),
    )
    page = client_for(officer).get(url(document)).content.decode()
    assert f'<a href="/van-ban/{document.pk}/tep/">Tải về</a>' in page


def test_the_page_shows_what_the_document_cites_and_what_cites_it(
    letter: Document, officer: User, client_for: Callable[[User], Client]
) -> None:
    actor = Actor.of_user(officer)
    plan = register_document(actor, DocumentData("590/QĐ-UBND", dt.date(2023, 3, 15)))
    report = register_document(actor, DocumentData("/BC-SNV", dt.date(2023, 6, 30)))
    add_citations(actor, letter, [plan])
    add_citations(actor, report, [letter])
    client = client_for(officer)
    page = client.get(url(letter)).content.decode()
    cites = page[page.index("Văn bản này viện dẫn") : page.index("Được viện dẫn bởi")]
    cited_by = page[page.index("Được viện dẫn bởi") :]
    assert f'<a href="/van-ban/{plan.pk}/">Quyết định số 590/QĐ-UBND</a> ngày 15/03/2023' in cites
    assert f'<a href="/van-ban/{report.pk}/">Báo cáo số /BC-SNV</a> ngày 30/06/2023' in cited_by
    plan_page = client.get(url(plan)).content.decode()
    assert plan_page.count("Không có.") == 1  # cites nothing, cited by the letter


def test_a_document_without_citations_says_so_twice(
    letter: Document, leader: User, client_for: Callable[[User], Client]
) -> None:
    page = client_for(leader).get(url(letter)).content.decode()
    assert page.count("Không có.") == 2


def test_an_unknown_document_is_not_found(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(officer).get(reverse("documents:document_detail", args=[999999]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_an_outsider_is_refused_the_document_page(
    letter: Document, outsider: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(outsider).get(url(letter))
    assert response.status_code == 403
    assert "812/SNV" not in response.content.decode()


def test_an_anonymous_visitor_is_sent_from_the_document_page_to_the_login_page(
    letter: Document,
) -> None:
    response = Client().get(url(letter))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url(letter)}"
