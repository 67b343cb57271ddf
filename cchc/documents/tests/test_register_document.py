"""Registering documents (documents/actions.py): parsing, issuing unit, duplicates, audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from pytest_django import Settings

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.documents.actions import (
    DocumentData,
    DocumentError,
    add_citations,
    issuing_unit_for,
    parse_symbol,
    register_document,
)
from cchc.documents.models import Document
from cchc.orgs.actions import UnitData, import_units
from cchc.orgs.models import Unit
from conftest import Province

MARCH = dt.date(2023, 3, 15)


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def actor(officer: User) -> Actor:
    return Actor.of_user(officer, "10.0.0.5")


def register(
    actor: Actor,
    symbol: str,
    date: dt.date | None = MARCH,
    *,
    subject: str = "",
    issuing_unit: Unit | None = None,
    file: UploadedFile | None = None,
    cites: Iterable[Document] = (),
) -> Document:
    data = DocumentData(symbol, date, subject, issuing_unit)
    return register_document(actor, data, file=file, cites=cites)


def test_an_administrative_decision_is_parsed_and_linked_to_the_province(
    actor: Actor, province: Province
) -> None:
    document = register(actor, "Số: 590/QĐ-UBND", subject="Ban hành Kế hoạch hội nhập quốc tế")
    document.refresh_from_db()
    assert document.doc_type == "Quyết định"
    assert document.type_code == "QĐ"
    assert document.number == 590
    assert document.year is None
    assert document.symbol == "590/QĐ-UBND"
    assert document.symbol_written == "Số: 590/QĐ-UBND"
    assert document.symbol_key == "590/qđ-ubnd"
    assert document.issuer_code == "UBND"
    assert document.drafting_unit_code == ""
    # Several units write "UBND" (the province, a district, communes): the province is meant.
    assert document.issuing_unit == province.root
    assert document.date == MARCH
    assert document.subject == "Ban hành Kế hoạch hội nhập quốc tế"
    assert document.registered_by == actor.user
    assert str(document) == "Quyết định số 590/QĐ-UBND"
    assert document.get_absolute_url() == f"/van-ban/{document.pk}/"


def test_a_legal_document_keeps_its_year(actor: Actor, province: Province) -> None:
    document = register(actor, "34/2020/QĐ-UBND", dt.date(2020, 10, 2))
    assert (document.doc_type, document.number, document.year) == ("Quyết định", 34, 2020)
    assert document.issuing_unit == province.root


def test_an_official_letter_has_an_issuer_and_a_drafting_unit(
    actor: Actor, province: Province
) -> None:
    document = register(actor, "812/SNV-CCVC&TCBM")
    assert document.doc_type == "Công văn"
    assert document.type_code == ""
    assert document.issuer_code == "SNV"
    assert document.drafting_unit_code == "CCVC&TCBM"
    assert document.issuing_unit == province.snv


def test_a_party_document_links_to_no_unit_of_the_tree(actor: Actor, province: Province) -> None:
    document = register(actor, "31-CT/TU", dt.date(2019, 5, 20))
    assert (document.doc_type, document.issuer_code, document.issuing_unit) == (
        "Chỉ thị",
        "TU",
        None,
    )


def test_a_noisy_symbol_is_normalised(actor: Actor, province: Province) -> None:
    document = register(actor, "Số: 7 /2021/TT–BNV")
    assert document.symbol == "7/2021/TT-BNV"
    assert document.symbol_written == "Số: 7 /2021/TT–BNV"
    assert document.doc_type == "Thông tư"


def test_the_province_short_codes_get_their_spelling(actor: Actor, province: Province) -> None:
    import_units(
        Actor.command("test"), [UnitData("QNG-SNGV", "Sở Ngoại vụ", "department", "SNgV", "QNG")]
    )
    document = register(actor, "75/KH-SNGV")
    assert document.symbol == "75/KH-SNgV"
    assert document.issuing_unit == Unit.objects.get(code="QNG-SNGV")


def test_the_issuing_unit_is_the_one_in_force_on_the_date(actor: Actor, province: Province) -> None:
    import_units(
        Actor.command("test"),
        [
            UnitData(
                "QNG-SNGV-MOI",
                "Sở Ngoại vụ (sau sáp nhập)",
                "department",
                "SNgV",
                "QNG",
                valid_from=dt.date(2025, 7, 1),
            ),
            UnitData(
                "QNG-SNGV",
                "Sở Ngoại vụ",
                "department",
                "SNgV",
                "QNG",
                valid_to=dt.date(2025, 6, 30),
                successor_codes=("QNG-SNGV-MOI",),
            ),
        ],
    )
    old = register(actor, "565/KH-SNgV", dt.date(2020, 10, 23))
    new = register(actor, "12/KH-SNgV", dt.date(2025, 8, 1))
    undated = register(actor, "13/KH-SNgV", None)
    assert old.issuing_unit is not None and old.issuing_unit.code == "QNG-SNGV"
    assert new.issuing_unit is not None and new.issuing_unit.code == "QNG-SNGV-MOI"
    # Two departments write SNgV and neither is the province: better no link than a wrong one.
    assert undated.issuing_unit is None


def test_ubnd_means_the_province_before_and_after_the_reform(province: Province) -> None:
    for day in (dt.date(2020, 1, 1), dt.date(2025, 8, 1), None):
        assert issuing_unit_for(parse_symbol("1/QĐ-UBND"), day) == province.root


def test_an_explicit_issuing_unit_wins(actor: Actor, province: Province) -> None:
    document = register(actor, "15/QĐ-UBND", issuing_unit=province.district)
    assert document.issuing_unit == province.district


def test_the_same_symbol_and_date_cannot_be_registered_twice(
    actor: Actor, province: Province
) -> None:
    register(actor, "590/QĐ-UBND")
    with pytest.raises(DocumentError) as raised:
        register(actor, "Số 590/QĐ-UBND.")
    assert str(raised.value) == "Văn bản số 590/QĐ-UBND ngày 15/03/2023 đã có trong sổ đăng ký."
    assert Document.objects.count() == 1
    assert AuditEntry.objects.filter(action="document.create").count() == 1


@pytest.mark.parametrize(
    ("first", "second"), [("75/KH-SNgV", "75/KH-SNGV"), ("75/KH-SNGV", "75/kh-sngv")]
)
def test_case_variants_of_a_symbol_are_the_same_document(
    actor: Actor, province: Province, first: str, second: str
) -> None:
    register(actor, first)
    with pytest.raises(DocumentError, match="đã có trong sổ đăng ký"):
        register(actor, second)
    assert Document.objects.count() == 1


def test_the_same_undated_symbol_cannot_be_registered_twice(
    actor: Actor, province: Province
) -> None:
    register(actor, "1763/UBND-NC", None)
    with pytest.raises(DocumentError) as raised:
        register(actor, "1763/UBND-NC", None)
    assert str(raised.value) == "Văn bản số 1763/UBND-NC đã có trong sổ đăng ký."


def test_the_same_symbol_on_another_date_is_another_document(
    actor: Actor, province: Province
) -> None:
    # Party documents restart numbering each term; the date tells them apart.
    register(actor, "05-NQ/TU", dt.date(2016, 2, 5))
    register(actor, "05-NQ/TU", dt.date(2016, 12, 5))
    assert Document.objects.filter(symbol="05-NQ/TU").count() == 2


def test_unnumbered_drafts_may_be_registered_twice(actor: Actor, province: Province) -> None:
    first = register(actor, "Số: /BC-SNV", dt.date(2023, 6, 30))
    second = register(actor, "Số: /BC-SNV", dt.date(2023, 6, 30))
    assert first.pk != second.pk
    assert first.number is None
    assert first.symbol == "/BC-SNV"
    assert first.doc_type == "Báo cáo"
    assert first.issuing_unit == province.snv


def test_a_bad_symbol_is_refused_with_the_parsers_message(actor: Actor, province: Province) -> None:
    with pytest.raises(DocumentError, match="Không nhận ra số, ký hiệu văn bản: «Kế hoạch năm»"):
        register(actor, "Kế hoạch năm")
    assert Document.objects.count() == 0


def test_registering_is_audited_with_the_state_after(actor: Actor, province: Province) -> None:
    cited = register(actor, "76/NQ-CP", dt.date(2021, 7, 15))
    document = register(actor, "590/QĐ-UBND", subject="Kế hoạch", cites=[cited])
    entry = AuditEntry.objects.get(action="document.create", object_id=str(document.pk))
    assert entry.actor == actor.user
    assert entry.ip == "10.0.0.5"
    assert entry.object_type == "documents.document"
    assert entry.object_repr == "Quyết định số 590/QĐ-UBND"
    assert entry.before is None
    assert entry.after == {
        "symbol": "590/QĐ-UBND",
        "date": "2023-03-15",
        "doc_type": "Quyết định",
        "issuer_code": "UBND",
        "issuing_unit": province.root.pk,
        "subject": "Kế hoạch",
        "file": "",
        "cites": ["76/NQ-CP"],
    }


def test_a_registered_document_is_searchable_without_accents(
    actor: Actor, province: Province
) -> None:
    document = register(actor, "590/QĐ-UBND", subject="Hội nhập quốc tế")
    assert " quyet dinh so 590 qd ubnd " in document.search_text
    assert "hoi nhap quoc te" in document.search_text


def test_a_file_is_stored_with_the_document(actor: Actor, province: Province, media: Path) -> None:
    upload = SimpleUploadedFile("qd-590.pdf", b"%PDF-1.4 noi dung", "application/pdf")
    document = register(actor, "590/QĐ-UBND", file=upload)
    assert document.file.name.startswith("documents/")
    assert document.file.name.endswith(".pdf")
    assert (media / document.file.name).read_bytes() == b"%PDF-1.4 noi dung"
    entry = AuditEntry.objects.get(action="document.create")
    assert entry.after is not None
    assert entry.after["file"] == document.file.name


def test_a_leader_may_not_register_documents(leader: User, province: Province) -> None:
    with pytest.raises(PermissionDenied):
        register(Actor.of_user(leader), "590/QĐ-UBND")
    assert Document.objects.count() == 0
    assert AuditEntry.objects.get(action="access.denied").note == "register_documents"


def test_citations_are_added_once_and_audited_only_when_they_change(
    actor: Actor, province: Province
) -> None:
    report = register(actor, "/BC-SNV", dt.date(2023, 6, 30))
    plan = register(actor, "590/QĐ-UBND")
    resolution = register(actor, "76/NQ-CP", dt.date(2021, 7, 15))
    add_citations(actor, report, [plan])
    add_citations(actor, report, [plan, resolution, report])
    add_citations(actor, report, [plan])
    assert sorted(report.cites.values_list("symbol", flat=True)) == ["590/QĐ-UBND", "76/NQ-CP"]
    assert list(plan.cited_by.all()) == [report]
    entries = AuditEntry.objects.filter(action="document.cite").order_by("id")
    assert [(e.before, e.after) for e in entries] == [
        ({"cites": []}, {"cites": ["590/QĐ-UBND"]}),
        ({"cites": ["590/QĐ-UBND"]}, {"cites": ["590/QĐ-UBND", "76/NQ-CP"]}),
    ]
