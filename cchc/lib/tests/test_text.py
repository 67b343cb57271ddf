"""Tests of the Vietnamese text helpers used by every search box (plain Python, no database)."""

from __future__ import annotations

import unicodedata

import pytest

from cchc.lib.text import fold, nfc, search_tokens


def test_fold_removes_the_accents_and_the_case() -> None:
    assert fold("Quyết định") == "quyet dinh"
    assert fold("SỞ TƯ PHÁP") == "so tu phap"
    assert fold("Ủy ban nhân dân tỉnh Quảng Ngãi") == "uy ban nhan dan tinh quang ngai"


def test_fold_turns_the_barred_d_into_a_plain_d() -> None:
    assert fold("Đề án") == "de an"
    assert fold("đồng") == "dong"
    assert fold("QĐ-UBND") == "qd-ubnd"


def test_fold_reads_decomposed_text_as_the_composed_text() -> None:
    decomposed = unicodedata.normalize("NFD", "Chỉ thị số 31-CT/TU về cải cách hành chính")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    assert fold(decomposed) == "chi thi so 31-ct/tu ve cai cach hanh chinh"


def test_fold_reads_the_icelandic_eth_as_the_vietnamese_d() -> None:
    assert fold("\u00d0ề án") == "de an"
    assert fold("\u00f0ồng chí") == "dong chi"
    assert fold("590/Q\u00d0-UBND") == fold("590/QĐ-UBND")


@pytest.mark.parametrize(("one", "other"), [("hoà", "hòa"), ("thuỷ", "thủy"), ("Khoẻ", "khỏe")])
def test_fold_ignores_where_the_tone_mark_is_placed(one: str, other: str) -> None:
    assert fold(one) == fold(other)


def test_fold_collapses_every_kind_of_white_space() -> None:
    assert fold("  Sở\tNội\n\nvụ\u00a0 ") == "so noi vu"


def test_nfc_replaces_the_lookalike_eth_and_composes() -> None:
    assert nfc("\u00d0") == "\u0110"
    assert nfc("\u00f0") == "\u0111"
    assert nfc(unicodedata.normalize("NFD", "Nội vụ")) == "Nội vụ"


def test_search_tokens_are_the_folded_words_of_the_query() -> None:
    assert search_tokens("  Quyết   định 590 ") == ["quyet", "dinh", "590"]
    assert search_tokens("Tư pháp") == ["tu", "phap"]


def test_an_empty_search_has_no_tokens() -> None:
    assert search_tokens("") == []
    assert search_tokens("   \n ") == []
