"""The register page (/van-ban/them/): officers enter a document, its file and what it cites."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.documents.actions import DocumentData, register_document
from cchc.documents.models import Document
from conftest import Province

URL = reverse("documents:document_create")


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def form(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "symbol": "Số: 590/QĐ-UBND",
        "date": "15/03/2023",
        "subject": "Ban hành Kế hoạch hội nhập quốc tế năm 2023",
        "issuing_unit": "",
        "cites": "",
    }
    data.update(changes)
    return data


def test_the_register_page_shows_the_form_in_vietnamese(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(officer).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    for label in (
        "Vào sổ văn bản",
        "Số, ký hiệu",
        "Ngày ban hành",
        "Trích yếu",
        "Đơn vị ban hành",
        "Tệp văn bản",
        "Viện dẫn các văn bản",
    ):
        assert label in page, label
    assert 'enctype="multipart/form-data"' in page


def test_a_valid_form_registers_the_document_and_opens_its_page(
    officer: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    response = client_for(officer).post(URL, form(), REMOTE_ADDR="10.0.0.5")
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:document_detail", args=[document.pk])
    assert document.symbol == "590/QĐ-UBND"
    assert document.date == dt.date(2023, 3, 15)
    assert document.subject == "Ban hành Kế hoạch hội nhập quốc tế năm 2023"
    assert document.issuing_unit == province.root
    assert document.registered_by == officer
    entry = AuditEntry.objects.get(action="document.create")
    assert entry.actor == officer
    assert entry.ip == "10.0.0.5"
    page = client_for(officer).get(response["Location"]).content.decode()
    assert "Quyết định số 590/QĐ-UBND" in page
    assert "15/03/2023" in page


def test_the_date_may_be_left_empty_and_an_issuing_unit_chosen(
    head: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    response = client_for(head).post(
        URL, form(symbol="12/BC-STP", date="", issuing_unit=province.stp.pk)
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.date is None
    assert document.issuing_unit == province.stp
    assert document.registered_by == head


def test_a_bad_symbol_shows_the_parsers_vietnamese_error_on_the_field(
    officer: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    response = client_for(officer).post(URL, form(symbol="Kế hoạch năm 2023"))
    assert response.status_code == 200
    [error] = response.context["form"].errors["symbol"]
    assert error == "Không nhận ra số, ký hiệu văn bản: «Kế hoạch năm 2023»"
    assert "Không nhận ra số, ký hiệu văn bản" in response.content.decode()
    assert Document.objects.count() == 0


def test_a_bad_date_is_refused(
    officer: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    response = client_for(officer).post(URL, form(date="31/04/2019"))
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert Document.objects.count() == 0


def test_a_duplicate_is_refused_on_the_symbol_field(
    officer: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    client = client_for(officer)
    assert client.post(URL, form()).status_code == 302
    response = client.post(URL, form(symbol="590/qđ-ubnd"))
    assert response.status_code == 200
    [error] = response.context["form"].errors["symbol"]
    assert error == "Văn bản số 590/QĐ-UBND ngày 15/03/2023 đã có trong sổ đăng ký."
    assert "đã có trong sổ đăng ký" in response.content.decode()
    assert Document.objects.count() == 1


def test_citing_a_symbol_not_in_the_register_is_refused(
    officer: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    response = client_for(officer).post(URL, form(cites="76/NQ-CP\n"))
    assert response.status_code == 200
    [error] = response.context["form"].errors["cites"]
    assert error == "Chưa có văn bản 76/NQ-CP trong sổ đăng ký."
    assert "Chưa có văn bản" in response.content.decode()
    assert Document.objects.count() == 0


def test_citing_a_symbol_registered_twice_asks_to_link_on_the_document_page(
    officer: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    actor = Actor.of_user(officer)
    register_document(actor, DocumentData("05-NQ/TU", dt.date(2016, 2, 5)))
    register_document(actor, DocumentData("05-NQ/TU", dt.date(2016, 12, 5)))
    response = client_for(officer).post(URL, form(cites="05-NQ/TU"))
    assert response.status_code == 200
    assert "Có nhiều văn bản số 05-NQ/TU" in response.context["form"].errors["cites"][0]


def test_cited_symbols_are_resolved_and_shown_both_ways(
    officer: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    actor = Actor.of_user(officer)
    resolution = register_document(actor, DocumentData("76/NQ-CP", dt.date(2021, 7, 15)))
    decision = register_document(actor, DocumentData("48/2021/QĐ-UBND", dt.date(2021, 12, 1)))
    client = client_for(officer)
    response = client.post(
        URL,
        form(symbol="/BC-SNV", date="30/06/2023", cites="Số: 76/NQ-CP\n\n48/2021/qđ-ubnd  \n"),
    )
    assert response.status_code == 302
    report = Document.objects.get(symbol="/BC-SNV")
    assert set(report.cites.all()) == {resolution, decision}
    page = client.get(response["Location"]).content.decode()
    cites = page[page.index("Văn bản này viện dẫn") : page.index("Được viện dẫn bởi")]
    assert "Nghị quyết số 76/NQ-CP" in cites
    assert "Quyết định số 48/2021/QĐ-UBND" in cites
    cited_page = client.get(
        reverse("documents:document_detail", args=[resolution.pk])
    ).content.decode()
    cited_by = cited_page[cited_page.index("Được viện dẫn bởi") :]
    assert f'<a href="/van-ban/{report.pk}/">Báo cáo số /BC-SNV</a>' in cited_by


def test_a_file_is_uploaded_with_the_document(
    officer: User, province: Province, client_for: Callable[[User], Client], media: Path
) -> None:
    upload = SimpleUploadedFile("qd-590.pdf", b"%PDF-1.4 quyet dinh", "application/pdf")
    response = client_for(officer).post(URL, form(file=upload))
    assert response.status_code == 302
    document = Document.objects.get()
    assert (media / document.file.name).read_bytes() == b"%PDF-1.4 quyet dinh"


def test_an_upload_over_the_size_limit_is_refused(
    officer: User,
    province: Province,
    client_for: Callable[[User], Client],
    settings: Settings,
    media: Path,
) -> None:
    settings.MAX_UPLOAD_SIZE = 1024
    upload = SimpleUploadedFile("qd-590.pdf", b"%PDF-1.4" + b"x" * 1017, "application/pdf")
    response = client_for(officer).post(URL, form(file=upload))
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert error.startswith("Tệp quá lớn")
    assert "Tệp quá lớn" in response.content.decode()
    assert Document.objects.count() == 0
    assert not any(path.is_file() for path in media.rglob("*"))


def test_an_upload_of_exactly_the_limit_is_accepted(
    officer: User, province: Province, client_for: Callable[[User], Client], settings: Settings
) -> None:
    settings.MAX_UPLOAD_SIZE = 1024
    upload = SimpleUploadedFile("qd-590.pdf", b"%PDF-1.4" + b"x" * 1016, "application/pdf")
    assert client_for(officer).post(URL, form(file=upload)).status_code == 302


def test_the_leader_is_refused_the_register_page(
    leader: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    client = client_for(leader)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form()).status_code == 403
    assert Document.objects.count() == 0
    assert AuditEntry.objects.filter(action="access.denied", actor=leader).count() == 2


def test_the_register_button_is_shown_only_to_those_who_may_register(
    officer: User, leader: User, client_for: Callable[[User], Client]
) -> None:
    assert URL in client_for(officer).get(reverse("documents:document_list")).content.decode()
    assert URL not in client_for(leader).get(reverse("documents:document_list")).content.decode()


def test_an_outsider_is_refused_the_register_page(
    outsider: User, client_for: Callable[[User], Client]
) -> None:
    assert client_for(outsider).get(URL).status_code == 403
    assert client_for(outsider).post(URL, form()).status_code == 403
    assert Document.objects.count() == 0


def test_an_anonymous_visitor_is_sent_from_the_register_page_to_the_login_page(
    province: Province,
) -> None:
    response = Client().post(URL, form())
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={URL}"
    assert Document.objects.count() == 0
