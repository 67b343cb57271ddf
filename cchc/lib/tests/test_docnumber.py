"""Tests of the số, ký hiệu văn bản parser (plain Python, no database)."""

from __future__ import annotations

import contextlib
import csv
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.lib.docnumber import (
    DOC_NUMBER_PATTERN,
    NATIONAL_CODES,
    TYPE_NAMES,
    DocNumber,
    DocNumberError,
    find_doc_numbers,
    parse_doc_number,
)
from cchc.lib.samples import samples_dir

SAMPLES = samples_dir()
ANNOTATIONS = Path(__file__).parent / "data" / "sample_doc_numbers.csv"
PROVINCE_CODES = ("SNgV", "SNV", "VP")


def _annotations() -> list[dict[str, str]]:
    with ANNOTATIONS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _int_or_none(cell: str) -> int | None:
    return int(cell) if cell else None


def _expected_key(written: str) -> str:
    """The key an annotated occurrence must have: its text less the Markdown "*", casefolded."""
    return written.rstrip("*").casefold()


# --- the three real reports ------------------------------------------------------------------


@pytest.mark.parametrize(
    "row", _annotations(), ids=lambda row: f"{row['file'][:22]}:{row['written']}"
)
def test_every_number_in_the_samples_parses_to_its_annotation(row: dict[str, str]) -> None:
    parsed = parse_doc_number(row["written"], PROVINCE_CODES)
    assert (
        parsed.form,
        parsed.type_code,
        parsed.number,
        parsed.year,
        parsed.issuer,
        parsed.drafting_unit,
    ) == (
        row["form"],
        row["type_code"] or None,
        _int_or_none(row["number"]),
        _int_or_none(row["year"]),
        row["issuer"],
        row["drafting_unit"] or None,
    )
    assert parsed.key == _expected_key(row["written"])


@pytest.mark.parametrize("name", sorted({row["file"] for row in _annotations()}))
def test_finding_numbers_in_a_sample_finds_exactly_the_annotated_occurrences(name: str) -> None:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    found = find_doc_numbers(text, PROVINCE_CODES)
    rows = [row for row in _annotations() if row["file"] == name]
    expected = Counter(_expected_key(row["written"]) for row in rows)
    assert Counter(doc.key for doc, _, _ in found) == expected


def test_finding_works_on_decomposed_text_with_the_lookalike_eth() -> None:
    name = "bao-cao-vp-ubnd-chuong-trinh-9-thang-2022.txt"
    text = (SAMPLES / name).read_text(encoding="utf-8")
    noisy = unicodedata.normalize("NFD", text).replace("Đ", "\u00d0")
    found = find_doc_numbers(noisy, PROVINCE_CODES)
    assert [doc.key for doc, _, _ in found] == [
        doc.key for doc, _, _ in find_doc_numbers(text, PROVINCE_CODES)
    ]
    assert all(noisy[start:end] == doc.written for doc, start, end in found)


def test_a_hand_built_number_renders_its_number_without_written_digits() -> None:
    doc = DocNumber("", 5, None, "QĐ", "UBND", ("UBND",), None, "administrative")
    assert doc.symbol == "5/QĐ-UBND"


def test_the_annotations_cover_every_sample_report() -> None:
    assert {row["file"] for row in _annotations()} == {path.name for path in SAMPLES.glob("*.txt")}


def test_found_offsets_point_at_the_written_symbol() -> None:
    text = "theo Công văn số 294/VP-HCQT* ngày 25/02/2022 và Số: 7 /2021/TT-BNV."
    assert [(doc.written, text[start:end]) for doc, start, end in find_doc_numbers(text)] == [
        ("294/VP-HCQT", "294/VP-HCQT"),
        ("7 /2021/TT-BNV", "7 /2021/TT-BNV"),
    ]


# --- the forms of domain.md --------------------------------------------------------------------


def test_an_administrative_document_has_a_type_and_an_issuer() -> None:
    doc = parse_doc_number("590/QĐ-UBND")
    assert (doc.form, doc.type_code, doc.issuer, doc.doc_type) == (
        "administrative",
        "QĐ",
        "UBND",
        "Quyết định",
    )
    assert (doc.number, doc.year, doc.drafting_unit, doc.symbol) == (590, None, None, "590/QĐ-UBND")


def test_an_administrative_document_may_name_its_drafting_unit() -> None:
    doc = parse_doc_number("123/QĐ-UBND-NC")
    assert (doc.type_code, doc.issuer, doc.drafting_unit) == ("QĐ", "UBND", "NC")


def test_a_legal_normative_document_carries_its_year() -> None:
    doc = parse_doc_number("34/2020/QĐ-UBND")
    assert (doc.form, doc.number, doc.year, doc.type_code, doc.issuer) == (
        "legal",
        34,
        2020,
        "QĐ",
        "UBND",
    )
    decree = parse_doc_number("04/2015/NĐ-CP")
    assert (decree.doc_type, decree.issuer, decree.symbol) == ("Nghị định", "CP", "04/2015/NĐ-CP")


def test_a_law_has_no_type_code_and_the_national_assembly_as_issuer() -> None:
    doc = parse_doc_number("80/2015/QH13")
    assert (doc.form, doc.type_code, doc.doc_type, doc.issuer, doc.year) == (
        "legal",
        None,
        "Luật",
        "QH13",
        2015,
    )


def test_a_cong_van_has_no_type_code() -> None:
    doc = parse_doc_number("1763/UBND-NC")
    assert (doc.form, doc.type_code, doc.doc_type, doc.issuer, doc.drafting_unit) == (
        "cong_van",
        None,
        "Công văn",
        "UBND",
        "NC",
    )


def test_a_drafting_unit_keeps_its_ampersand() -> None:
    doc = parse_doc_number("812/SNV-CCVC&TCBM")
    assert (doc.issuer, doc.drafting_unit, doc.symbol) == ("SNV", "CCVC&TCBM", "812/SNV-CCVC&TCBM")


def test_a_cong_van_from_an_unknown_body_is_still_parsed() -> None:
    doc = parse_doc_number("45/BQLKKT-QHXD")
    assert (doc.form, doc.issuer, doc.drafting_unit) == ("cong_van", "BQLKKT", "QHXD")


def test_a_cong_van_may_have_no_drafting_unit() -> None:
    doc = parse_doc_number("45/UBND")
    assert (doc.form, doc.issuer, doc.drafting_unit) == ("cong_van", "UBND", None)


def test_a_joint_circular_lists_all_its_issuers() -> None:
    doc = parse_doc_number("55/2005/TTLT-BNV-VPCP")
    assert (doc.form, doc.type_code, doc.doc_type, doc.issuer, doc.issuers) == (
        "joint",
        "TTLT",
        "Thông tư liên tịch",
        "BNV",
        ("BNV", "VPCP"),
    )
    assert doc.symbol == "55/2005/TTLT-BNV-VPCP"


@pytest.mark.parametrize(
    ("written", "type_code", "doc_type"),
    [
        ("31-CT/TU", "CT", "Chỉ thị"),
        ("306-QĐ/TU", "QĐ", "Quyết định"),
        ("869-CV/TU", "CV", "Công văn"),
        ("16-ĐA/TU", "ĐA", "Đề án"),
        ("01-TT/TW", "TT", "Thông tri"),
        ("08-QĐi/TW", "QĐi", "Quy định"),
    ],
)
def test_a_party_document_puts_its_type_before_the_slash(
    written: str, type_code: str, doc_type: str
) -> None:
    doc = parse_doc_number(written)
    assert (doc.form, doc.type_code, doc.doc_type, doc.symbol) == (
        "party",
        type_code,
        doc_type,
        written,
    )


def test_a_party_symbol_needs_a_party_type() -> None:
    with pytest.raises(DocNumberError, match="không phải loại văn bản của Đảng"):
        parse_doc_number("31-XYZ/TU")


def test_the_politburo_resolution_written_like_a_state_document_is_administrative() -> None:
    doc = parse_doc_number("22/NQ-TW")
    assert (doc.form, doc.type_code, doc.issuer) == ("administrative", "NQ", "TW")


def test_an_unnumbered_draft_has_no_number() -> None:
    doc = parse_doc_number("Số: /BC-SNV")
    assert (doc.number, doc.type_code, doc.issuer, doc.symbol) == (None, "BC", "SNV", "/BC-SNV")


def test_a_leading_zero_is_kept_in_the_symbol_but_not_in_the_number() -> None:
    doc = parse_doc_number("02/QĐ-VP")
    assert (doc.number, doc.symbol, doc.key) == (2, "02/QĐ-VP", "02/qđ-vp")
    assert parse_doc_number("2/QĐ-VP").key != doc.key


def test_codes_differing_only_in_case_share_a_key() -> None:
    assert parse_doc_number("75/KH-SNGV").key == parse_doc_number("75/KH-SNgV").key


def test_a_known_code_gets_its_canonical_spelling() -> None:
    assert parse_doc_number("20/QĐ-SngV", ["SNgV"]).symbol == "20/QĐ-SNgV"
    assert parse_doc_number("20/QĐ-SngV").symbol == "20/QĐ-SngV"
    assert parse_doc_number("5/kh-ubnd").symbol == "5/KH-UBND"


@pytest.mark.parametrize(
    ("written", "type_code"),
    [("1/Qđ-UBND", "QĐ"), ("1/CTR-UBND", "CTr"), ("1/QYĐ-UBND", "QyĐ"), ("1/ttr-VP", "TTr")],
)
def test_a_type_code_gets_its_canonical_case(written: str, type_code: str) -> None:
    assert parse_doc_number(written).type_code == type_code


def test_every_type_code_has_a_name() -> None:
    assert TYPE_NAMES["CTr"] == "Chương trình"
    assert TYPE_NAMES["GUQ"] == "Giấy ủy quyền"
    assert TYPE_NAMES["TTLT"] == "Thông tư liên tịch"
    assert all(TYPE_NAMES.values())


# --- noise -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "symbol"),
    [
        ("Số: 7 /2021/TT-BNV", "7/2021/TT-BNV"),
        ("số31-QĐ/TW", "31-QĐ/TW"),
        ("Số:\n590/QĐ-UBND", "590/QĐ-UBND"),
        ("Số:\r\n  /BC-SNV", "/BC-SNV"),
        ("590 / QĐ - UBND", "590/QĐ-UBND"),
        (unicodedata.normalize("NFD", "Số: 93/NQ-HĐND"), "93/NQ-HĐND"),
        ("590/Q\u00d0-UBND", "590/QĐ-UBND"),
        ("590/Qđ-UBND", "590/QĐ-UBND"),
        ("294/VP-HCQT*", "294/VP-HCQT"),
        ("**590/QĐ-UBND**", "590/QĐ-UBND"),
        ("_590/QĐ-UBND_", "590/QĐ-UBND"),
        ("**Số:** 590/QĐ-UBND", "590/QĐ-UBND"),
        ("590/QĐ-UBND.", "590/QĐ-UBND"),
        ("590/QĐ-UBND);", "590/QĐ-UBND"),
        ("(590/QĐ-UBND)", "590/QĐ-UBND"),
        ("590/QĐ–UBND", "590/QĐ-UBND"),
        ("31—CT/TU", "31-CT/TU"),
        ("  SỐ 590/QĐ-UBND  ", "590/QĐ-UBND"),
    ],
)
def test_noise_around_and_inside_a_number_is_ignored(written: str, symbol: str) -> None:
    doc = parse_doc_number(written)
    assert doc.symbol == symbol
    assert doc.written == written.strip()


@pytest.mark.parametrize(
    "written",
    [
        "",
        "   ",
        "Số:",
        "Quyết định",
        "590",
        "24/4/2014",
        "01-10-1997",
        "27/63",
        "86,08/100",
        "2016 - 2020",
        "12 → 8",
        "99%",
        "12/QĐ",
        "/UBND",
        "12/2020/UBND-NC",
        "12/QĐ-UBND/NC",
        "QĐ-UBND",
        "590/QĐ-UBND ngày 24/4/2014",
    ],
)
def test_anything_else_is_refused_with_a_vietnamese_message(written: str) -> None:
    with pytest.raises(DocNumberError, match="văn bản"):
        parse_doc_number(written)


def test_the_message_quotes_the_input() -> None:
    with pytest.raises(DocNumberError, match="Không nhận ra số, ký hiệu văn bản: «27/63»"):
        parse_doc_number("27/63")


def test_finding_skips_dates_ranks_periods_and_percentages() -> None:
    text = (
        "ngày 24/4/2014, xếp hạng 27/63, giai đoạn 2016 - 2020, 2011-2020, giảm 12 → 8, "
        "đạt 86,08/100 điểm, 99%, Quý III/2020, Covid-19, 5/ha, và/hoặc, PAR INDEX / SIPAS."
    )
    assert find_doc_numbers(text) == []


def test_finding_reads_a_number_written_against_so() -> None:
    assert [doc.symbol for doc, _, _ in find_doc_numbers("Quyết định số31-QĐ/TW")] == ["31-QĐ/TW"]


def test_finding_stops_a_symbol_before_prose_after_a_spaced_dash() -> None:
    text = "Quyết định 590/QĐ-UBND - Tổng hợp"
    assert [doc.symbol for doc, _, _ in find_doc_numbers(text)] == ["590/QĐ-UBND"]


def test_the_pattern_finds_candidates_in_running_text() -> None:
    match = DOC_NUMBER_PATTERN.search("theo Kế hoạch số 565/KH-SNgV ngày 23/10/2019")
    assert match is not None and match.group() == "565/KH-SNgV"


# --- properties ------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "Số:", "số", " ", "\n", "/", "-", "–", "—", "*", "_", ".", ",", ";", ":", ")", "(",
        "0", "02", "7", "590", "2020", "1999", "&", "Ð", "đ", "Đ", "QĐ", "qđ", "UBND", "NC",
        "TTLT", "BNV", "VPCP", "QH13", "CV", "TU", "TW", "KH", "SNgV", "CTr", "ĐA", "x", "é",
        "\u0301", "→", "%",
    ]
)  # fmt: skip
_ADMIN_TYPES = [code for code in TYPE_NAMES if code not in {"TTLT", "NQLT"}]
_TYPE_FOLDS = {code.casefold() for code in TYPE_NAMES}
_ISSUERS = st.one_of(
    st.sampled_from([*NATIONAL_CODES, "SNgV", "SNV", "VP", "CCVC&TCBM"]),
    st.from_regex(r"[A-ZĐ][A-Za-zĐđ0-9&]{0,6}", fullmatch=True),
).filter(lambda code: code.casefold() not in _TYPE_FOLDS)
_DIGITS = st.from_regex(r"[0-9]{1,5}", fullmatch=True)
_YEARS = st.integers(1945, 2099).map(str)


@st.composite
def _valid_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """A well-formed number-and-symbol with the form it must be read as."""
    digits, issuer, unit = draw(_DIGITS), draw(_ISSUERS), draw(_ISSUERS)
    form = draw(st.sampled_from(["administrative", "legal", "cong_van", "party", "joint"]))
    written = {
        "administrative": f"{digits}/{draw(st.sampled_from(_ADMIN_TYPES))}-{issuer}",
        "legal": f"{digits}/{draw(_YEARS)}/{draw(st.sampled_from(_ADMIN_TYPES))}-{issuer}",
        "cong_van": f"{digits}/{issuer}-{unit}",
        "party": f"{digits}-{draw(st.sampled_from(['NQ', 'CT', 'QĐ', 'CV', 'KL']))}/{issuer}",
        "joint": f"{digits}/{draw(_YEARS)}/TTLT-{issuer}-{unit}",
    }[form]
    return written, form


@st.composite
def _noisy(draw: st.DrawFn, symbol: str) -> str:
    """The symbol as a converter or a hurried clerk might leave it."""
    spaced = symbol.replace("/", draw(st.sampled_from(["/", " / ", " /"])))
    prefix = draw(st.sampled_from(["", "Số: ", "số", "Số:\n", "**"]))
    suffix = draw(st.sampled_from(["", "*", ".", ";", ")", "**"]))
    text = (prefix + spaced + suffix).replace("Đ", draw(st.sampled_from(["Đ", "\u00d0"])))
    return unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), text)


@settings(max_examples=300)
@given(st.text())
def test_parsing_arbitrary_text_raises_nothing_but_doc_number_error(text: str) -> None:
    with contextlib.suppress(DocNumberError):
        parse_doc_number(text)


@settings(max_examples=300)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_parsing_plausible_pieces_raises_nothing_but_doc_number_error(text: str) -> None:
    try:
        doc = parse_doc_number(text, ["SNgV"])
    except DocNumberError:
        return
    assert parse_doc_number(doc.symbol, ["SNgV"]).key == doc.key


@settings(max_examples=100)
@given(_valid_numbers())
def test_a_valid_number_round_trips_through_its_symbol(case: tuple[str, str]) -> None:
    written, form = case
    doc = parse_doc_number(written)
    assert doc.form == form
    again = parse_doc_number(doc.symbol)
    assert replace(again, written=doc.written) == doc
    assert again.symbol == doc.symbol


@settings(max_examples=100)
@given(st.data())
def test_noise_does_not_change_the_key(data: st.DataObject) -> None:
    written, _ = data.draw(_valid_numbers())
    clean = parse_doc_number(written)
    assert parse_doc_number(data.draw(_noisy(clean.symbol))).key == clean.key


@settings(max_examples=100)
@given(st.data())
def test_a_valid_number_is_found_in_prose(data: st.DataObject) -> None:
    written, _ = data.draw(_valid_numbers())
    text = f"Thực hiện văn bản số {written} ngày 24/4/2014."
    found = find_doc_numbers(text)
    assert [doc.key for doc, _, _ in found] == [parse_doc_number(written).key]


@settings(max_examples=300)
@given(st.one_of(st.text(), st.lists(_PIECES, max_size=20).map("".join)))
def test_finding_never_crashes_and_every_span_parses(text: str) -> None:
    for doc, start, end in find_doc_numbers(text):
        assert isinstance(doc, DocNumber)
        assert parse_doc_number(text[start:end]).key == doc.key
