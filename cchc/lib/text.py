"""Vietnamese text helpers shared by search, import and the document parser (no Django)."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def nfc(text: str) -> str:
    """NFC with the lookalike Ð (U+00D0, Icelandic eth) replaced by Vietnamese Đ (U+0110)."""
    return (
        unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    )


def fold(text: str) -> str:
    """Accent- and case-insensitive form for searching: "Quyết định" -> "quyet dinh"."""
    decomposed = unicodedata.normalize("NFD", nfc(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def search_tokens(query: str) -> list[str]:
    """The folded words of a search box entry ("590/QĐ-UBND" -> ["590", "qd", "ubnd"])."""
    return _NON_WORD.sub(" ", fold(query)).split()


def index_text(*parts: str) -> str:
    """What a search matches against: the folded words, each preceded by a space, so that a
    word of the query matches the start of a word ("590" finds "590/QĐ-UBND", not "1590")."""
    return " " + " ".join(search_tokens(" ".join(parts))) + " "
