"""Text clean-up before parsing: one Unicode form, one spelling, one line per paragraph.

Steps, in order:
1. line ends to "\\n"; NFC with Ð (U+00D0) → Đ (cchc.lib.text.nfc); odd spaces to " ",
   invisible characters (zero-width, soft hyphen, BOM) dropped;
2. one tone-mark placement: the one of the samples and of most administrative texts
   ("hòa", "thủy", "khỏe", "Ủy ban"), i.e. "hoà" → "hòa", "thuỷ" → "thủy";
3. converter Markdown removed: "*" emphasis, leading "#" headings, backslash escapes,
   horizontal rules; a line's surrounding spaces and runs of spaces;
4. page numbers alone on a line ("2", "- 2 -", "Trang 2") dropped;
5. a line broken inside a sentence joined to the next one (one space; none when the break
   falls inside a document symbol such as "QĐ-" / "UBND"). A break is "inside a sentence" when
   the line does not end with . : ; ! ? and is not a heading in capitals, and the next line
   starts with a lower-case letter (also across blank lines, as converters leave them), or,
   for a plain line break, with a digit that is not a list number, or "(" after a long line;
   a break inside a symbol ("Tờ trình số 12/TTr-" / "SNV") is joined without a space, and an
   OCR's space after a symbol's hyphen ("88/QĐ- UBND") is dropped.
Runs of blank lines become one blank line. Offsets reported by the parser refer to this text.
"""

from __future__ import annotations

import re
import unicodedata

from cchc.lib.text import nfc

__all__ = ["fix_tone_marks", "normalize"]

# Replaced one by one: "ch in text" is much faster than str.translate on Vietnamese text.
_ODD_CHARACTERS: tuple[tuple[str, str], ...] = (
    *((ch, " ") for ch in "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
      "\u2007\u2008\u2009\u200a\u202f\u205f\u3000\f\v"),
    *((ch, "") for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad*"),
)  # fmt: skip

# --- tone marks ------------------------------------------------------------------------------
_TONE_OF = {"\u0301": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0323": 4}


def _build_tone_moves() -> dict[str, str]:
    moves: dict[str, str] = {}
    for first, seconds in (("o", "ae"), ("O", "AE"), ("u", "y"), ("U", "Y")):
        for second in seconds:
            for mark in _TONE_OF:
                for f in (first, first.lower(), first.upper()):
                    for s in (second, second.lower(), second.upper()):
                        wrong = f + unicodedata.normalize("NFC", s + mark)
                        right = unicodedata.normalize("NFC", f + mark) + s
                        moves[wrong] = right
    return moves


_TONE_MOVES = _build_tone_moves()
# "oa"/"oe"/"uy" with the tone on the second vowel and nothing after it; not "quý".
_NEW_STYLE_TONE = re.compile(r"[oOuU][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?![^\W\d_])")


def fix_tone_marks(text: str) -> str:
    """ "hoà" → "hòa", "thuỷ" → "thủy", "Uỷ" → "Ủy" (text in NFC)."""
    parts: list[str] = []
    last = 0
    for match in _NEW_STYLE_TONE.finditer(text):
        start = match.start()
        moved = _TONE_MOVES.get(match.group())
        if moved is None or (start and text[start - 1] in "qQ"):
            continue  # "oé" is no Vietnamese pair; "quý" keeps its tone
        parts.append(text[last:start])
        parts.append(moved)
        last = match.end()
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


# --- Markdown and lines ----------------------------------------------------------------------
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_HEADING_MARK = re.compile(r"^#{1,6}(?:\s+|$)")
_RULE = re.compile(r"^[-_=~.…]{3,}$")
_SPACES = re.compile(r" {2,}")
_PAGE_NUMBER_STRICT = re.compile(
    r"^(?:-\s*\d{1,3}\s*-|(?:[Tt]rang|Page)\s+\d{1,3}(?:\s*/\s*\d{1,3})?)$"
)
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_LIST_START = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}[.)]?\s|[IVXLC]{1,6}[.)\-]\s|[a-zđ]\)\s|[-+•–]\s)"
)
_SYMBOL_BREAK = re.compile(
    r"(?:[A-ZĐ0-9][-/]|/(?:19|20)\d\d/|\d/(?:[A-ZĐ][A-Za-zĐđ0-9&]*-)*[A-ZĐ][A-Za-zĐđ&]*-)$"
)
# An OCR's space after a symbol's hyphen: "88/QĐ- UBND", "1290 /SNV- CCHC".
_SYMBOL_CODE = r"[A-ZĐ][A-Za-zĐđ0-9&]*"
_SPACED_HYPHEN = re.compile(
    rf"(\d ?/ ?(?:(?:19|20)\d\d ?/ ?)?(?:{_SYMBOL_CODE}-)*{_SYMBOL_CODE}) ?- (?=[A-ZĐ])"
)
_TERMINAL = frozenset(".:;!?…")


def _clean_lines(text: str) -> list[str]:
    lines: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            lines.append("")
            continue
        if "\\" in line:
            line = _ESCAPE.sub(r"\1", line)
        if line[0] == "#":
            line = _HEADING_MARK.sub("", line)
        if "  " in line:
            line = _SPACES.sub(" ", line)
        line = line.strip()
        if line and line[0] in "-_=~.…" and _RULE.match(line):
            line = ""
        lines.append(line)
    return lines


def _is_table_line(line: str) -> bool:
    return " | " in line or line.startswith("|")


def _drop_page_numbers(lines: list[str]) -> list[str]:
    """Page numbers alone on a line; bare numbers only outside tables."""
    kept: list[str] = []
    count = len(lines)
    for index, line in enumerate(lines):
        if line and line[0] in "-Tt P0123456789":
            if _PAGE_NUMBER_STRICT.match(line):
                continue
            if _BARE_NUMBER.match(line) and not _near_table(lines, index, count):
                continue
        kept.append(line)
    return kept


def _near_table(lines: list[str], index: int, count: int) -> bool:
    """A bare number next to table rows or other bare numbers is a cell, not a page number."""
    for step in (-1, 1):
        other = index + step
        while 0 <= other < count and not lines[other]:
            other += step
        if 0 <= other < count and (
            _is_table_line(lines[other]) or _BARE_NUMBER.match(lines[other])
        ):
            return True
    return False


def _is_capitals(line: str) -> bool:
    return line.upper() == line and sum(ch.isalpha() for ch in line[:40]) >= 2


def _joins(previous: str, length: int, line: str, gap: int) -> str | None:
    """The separator to join ``line`` to the paragraph so far, or None to keep them apart.

    ``previous`` is the last line of that paragraph and ``length`` the paragraph's length (the
    tests look at the end of the paragraph only, so joining stays linear in the text)."""
    if previous[-1] in _TERMINAL or _is_table_line(previous) or _is_table_line(line):
        return None
    first = line[0]
    if gap == 0 and (first.isupper() or first.isdigit()) and _SYMBOL_BREAK.search(previous[-30:]):
        return ""
    if (length < 60 and _is_capitals(previous)) or _LIST_START.match(line):
        return None
    if first.islower():
        return " "
    if gap == 0:
        if first.isdigit():
            return " "
        if first in '(“"%' and length >= 40:
            return " "
    return None


def _join_broken(lines: list[str]) -> list[str]:
    out: list[str] = []
    pieces: list[str] = []  # the open paragraph, joined when it closes
    length = 0
    gap = 0
    for line in lines:
        if not line:
            gap += 1
            continue
        if pieces:
            separator = _joins(pieces[-1], length, line, gap)
            if separator is not None:
                pieces.append(separator)
                pieces.append(line)
                length += len(separator) + len(line)
                gap = 0
                continue
            out.append("".join(pieces))
            if gap:
                out.append("")
        pieces = [line]
        length = len(line)
        gap = 0
    if pieces:
        out.append("".join(pieces))
    return out


def normalize(text: str) -> str:
    """The clean text the parser reads (see the module docstring)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = nfc(text)
    for character, replacement in _ODD_CHARACTERS:
        if character in text:
            text = text.replace(character, replacement)
    text = fix_tone_marks(text)
    if "- " in text:
        text = _SPACED_HYPHEN.sub(r"\1-", text)
    lines = _drop_page_numbers(_clean_lines(text))
    return "\n".join(_join_broken(lines))
