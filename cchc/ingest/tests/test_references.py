"""Cited documents: the register's symbol parser, dates, types, one entry per symbol and date."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.ingest import parse_text
from cchc.ingest.normalize import normalize
from cchc.ingest.references import _UNACCENTED_TYPE, find_mentions
from cchc.lib.docnumber import find_doc_numbers


def _references(text: str) -> list[tuple[str, str, str | None, str | None, int]]:
    return [
        (ref.symbol, ref.doc_type, ref.date, ref.date_text, len(ref.mentions))
        for ref in parse_text(text).references
    ]


def test_mentions_are_exactly_what_the_registers_finder_finds_in_the_samples(samples: Path) -> None:
    for path in sorted(samples.glob("*.txt")):
        text = normalize(path.read_text(encoding="utf-8"))
        assert [(m.key, m.start, m.end) for m in find_mentions(text)] == [
            (doc.key, start, end) for doc, start, end in find_doc_numbers(text)
        ]


_LETTERED_NUMBER = re.compile(r"\d+[^\W\d_]/")
_SYMBOLISH = st.text(
    alphabet=st.sampled_from(list("0123456789/-–QĐUBNDKHCTTWsốSố :\u00a0abc.,")), max_size=60
)


@settings(max_examples=300, deadline=None)
@given(_SYMBOLISH)
def test_the_fast_finder_agrees_with_the_registers_finder_on_any_text(text: str) -> None:
    register = {(start, end): doc.key for doc, start, end in find_doc_numbers(text)}
    mine = {(m.start, m.end): m for m in find_mentions(text)}
    for span, key in register.items():
        assert span in mine
        assert mine[span].key == key or _UNACCENTED_TYPE.search(text[slice(*span)])
    # Only the fast finder reads symbols whose "QD"/"ND" it repairs, and numbers with a letter
    # ("30c/NQ-CP"), which the register's finder does not.
    for span in mine.keys() - register.keys():
        found = text[slice(*span)]
        assert _UNACCENTED_TYPE.search(found) or _LETTERED_NUMBER.match(found)


def test_type_codes_typed_without_their_d_stroke_are_repaired_when_unambiguous() -> None:
    text = (
        "Căn cứ Quyết định số 590/QD-UBND ngày 24/4/2014, Nghị định số 30/2020/ND-CP ngày "
        "05/3/2020 và Dự án số 5/DA-UBND."
    )
    assert [(symbol, kind) for symbol, kind, _, _, _ in _references(text)] == [
        ("590/QĐ-UBND", "Quyết định"),
        ("30/2020/NĐ-CP", "Nghị định"),
        ("5/DA-UBND", "Dự án"),
    ]


def test_dates_in_every_written_form_are_read() -> None:
    text = (
        "Quyết định số 12/QĐ-UBND ngày 05 tháng 01 năm 2020; Quyết định số 13/QĐ-UBND ngày "
        "24/4/2014; Quyết định số 14/QĐ-UB ngày 01-10-1997; Quyết định số 15/QĐ-UBND, ngày "
        "5.3.2021; Kế hoạch số 16/KH-UBND ban hành ngày 7/8/2022."
    )
    assert [(symbol, date, written) for symbol, _, date, written, _ in _references(text)] == [
        ("12/QĐ-UBND", "2020-01-05", "05 tháng 01 năm 2020"),
        ("13/QĐ-UBND", "2014-04-24", "24/4/2014"),
        ("14/QĐ-UB", "1997-10-01", "01-10-1997"),
        ("15/QĐ-UBND", "2021-03-05", "5.3.2021"),
        ("16/KH-UBND", "2022-08-07", "7/8/2022"),
    ]


def test_an_impossible_date_has_no_value_but_keeps_its_text() -> None:
    assert _references("Quyết định số 31/QĐ-VP ngày 31/4/2019 của Chánh Văn phòng.") == [
        ("31/QĐ-VP", "Quyết định", None, "31/4/2019", 1)
    ]


def test_a_symbol_cited_with_two_dates_is_two_documents_and_undated_mentions_join() -> None:
    text = (
        "Nghị quyết số 05-NQ/TU ngày 05/02/2016 của Tỉnh ủy. Nghị quyết số 05-NQ/TU ngày "
        "05/12/2016 của Hội nghị Tỉnh ủy. Tiếp tục thực hiện Nghị quyết số 05-NQ/TU."
    )
    assert _references(text) == [
        ("05-NQ/TU", "Nghị quyết", "2016-02-05", "05/02/2016", 1),
        ("05-NQ/TU", "Nghị quyết", "2016-12-05", "05/12/2016", 2),
    ]


def test_the_documents_own_number_is_not_a_reference_wherever_it_is_named() -> None:
    text = (
        "SỞ NỘI VỤ\nSố: 45/BC-SNV\nQuảng Ngãi, ngày 05 tháng 6 năm 2024\nBÁO CÁO\nKết quả\n"
        "Báo cáo số 45/BC-SNV này thay Báo cáo số 45/BC-SNV ngày 10/01/2023.\n"
        "PHỤ LỤC\n(Kèm theo Báo cáo số 45/BC-SNV ngày 05/6/2024 của Sở Nội vụ)"
    )
    document = parse_text(text)
    assert document.document.symbol == "45/BC-SNV"
    # Only the report of 2023 with the same number is cited; the document naming itself is not.
    assert [(ref.symbol, ref.date) for ref in document.references] == [("45/BC-SNV", "2023-01-10")]


def test_unnumbered_drafts_are_not_references() -> None:
    assert _references("gửi kèm dự thảo Báo cáo số /BC-SNV và Tờ trình /TTr-SNV") == []


def test_the_words_before_a_symbol_correct_a_type_the_symbol_cannot_tell() -> None:
    text = (
        "theo Công văn số 123/CT-TTHT ngày 02/3/2024 của Cục Thuế; Quy định số 205-QĐ/TW ngày "
        "23/9/2019 của Bộ Chính trị; Nghị quyết số 18/2023/QH15 ngày 21/6/2023; Luật số "
        "80/2015/QH13; Quyết định số 306-QĐ/TU ngày 25/5/2016."
    )
    document = parse_text(text)
    assert [
        (ref.symbol, ref.doc_type, ref.issuer, ref.drafting_unit) for ref in document.references
    ] == [
        ("123/CT-TTHT", "Công văn", "CT", "TTHT"),
        ("205-QĐ/TW", "Quy định", "TW", None),
        ("18/2023/QH15", "Nghị quyết", "QH15", None),
        ("80/2015/QH13", "Luật", "QH13", None),
        ("306-QĐ/TU", "Quyết định", "TU", None),
    ]


def test_a_date_that_opens_the_clause_of_an_issuing_verb_dates_the_document() -> None:
    text = (
        "Đến ngày 14/5/2018, Chủ tịch UBND tỉnh đã ban hành Quyết định số 730/QĐ-UBND thành lập Tổ."
    )
    assert _references(text) == [("730/QĐ-UBND", "Quyết định", "2018-05-14", "14/5/2018", 1)]


def test_a_date_elsewhere_in_the_sentence_does_not_date_a_symbol() -> None:
    text = "Từ ngày 01/7/2025 theo Luật số 72/2025/QH15, xã đã ban hành kế hoạch."
    assert _references(text) == [("72/2025/QH15", "Luật", None, None, 1)]


def test_codes_take_the_spelling_used_most_in_the_document() -> None:
    text = (
        "Kế hoạch số 73/KH-SNgV ngày 18/02/2020; Kế hoạch số 75/KH-SNgV ngày 18/02/2020; "
        "Quyết định số 20/QĐ-SngV ngày 22/7/2020; Kế hoạch số 75/KH-SNGV ngày 18/02/2020."
    )
    assert [(symbol, count) for symbol, _, _, _, count in _references(text)] == [
        ("73/KH-SNgV", 1),
        ("75/KH-SNgV", 2),
        ("20/QĐ-SNgV", 1),
    ]


def test_mentions_are_offsets_of_the_symbol_in_the_normalised_text() -> None:
    document = parse_text("Theo **Quyết định số 590/QĐ-UBND** ngày 24/4/2014.")
    (reference,) = document.references
    assert [document.text[start:end] for start, end in reference.mentions] == ["590/QĐ-UBND"]
