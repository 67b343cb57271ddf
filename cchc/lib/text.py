"""Vietnamese text helpers shared by search, import and the document parser (no Django)."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


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
    """The folded words of a search box entry; every one must match."""
    return [token for token in fold(query).split(" ") if token]
