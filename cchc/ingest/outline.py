"""The outline of a document: its numbered headings, with level and number.

A heading is a line that starts with a numbering ("Phần I", "Chương II", "Mục 1", "A.",
"I.", "Điều 1.", "1.", "1.1", "1.2.", "a)") followed by a title that reads as a heading rather than
as a numbered paragraph: one sentence of at most 300 characters, not ending with a full stop and
without a "label: content" colon inside (a heading may end with ":"). "Điều N." lines are always
headings, their title being their first sentence. "Phần I" / "Chương II" alone on a line take
the line after (in capitals) as title. Lines inside the header and the signature block are not read.

Levels follow the numbering styles present, in their usual order (Phần > Chương > Mục > A. > I. >
Điều > 1. > 1.1 > 1.1.1 > a)): the highest style present is level 1, the next 2, and so on, so
a report that starts at "1." has its "1." at level 1 and its "1.1" at level 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Section", "read_outline"]

_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_HEADING = re.compile(
    r"^(?:(?P<part>(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC) (?:[IVXLC]{1,6}|\d{1,2}))\b[.:]?"
    r"|(?P<article>Điều \d{1,3})\s*[.:]"
    r"|(?P<roman>[IVXLC]{1,6})\s*[.)\-–]"
    rf"|(?P<capital>[A-HĐ])\.(?=\s+[{_UPPER}])"
    rf"|(?P<multi>\d{{1,2}}(?:\.\d{{1,2}}){{1,3}})\.?(?=\s+[{_UPPER}\"“(])"
    r"|(?P<arabic>\d{1,2})\s*[.)](?![0-9])"
    r"|(?P<letter>[a-zđ])\))"
    r"\s*(?P<title>\S.*)?$"
)
_SENTENCE_BREAK = re.compile(rf"[.!?]\s+[{_UPPER}]")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_RANKS = {
    "Phần": 0, "Chương": 1, "Mục": 2, "capital": 2.5, "roman": 3, "article": 4, "arabic": 5,
    "letter": 9,
}  # fmt: skip


@dataclass(slots=True)
class Section:
    level: int
    number: str
    title: str
    start: int  # offset of the heading line in the text

    def to_dict(self) -> dict[str, object]:
        return {"level": self.level, "number": self.number, "title": self.title}


def _roman_value(numeral: str) -> int | None:
    total = 0
    for index, char in enumerate(numeral):
        value = _ROMAN[char]
        following = _ROMAN[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total if 0 < total <= 40 else None


def _is_heading_title(title: str) -> bool:
    """One sentence, not ending with a full stop, no "label: content" inside."""
    if len(title) > 300 or _SENTENCE_BREAK.search(title):
        return False
    if title.endswith(".") and not title.endswith("..."):
        return False
    colon = title.find(": ")
    return colon == -1 or colon >= len(title) - 2


def _clean_title(title: str) -> str:
    title = title.strip()
    while title and title[-1] in ":;,":
        title = title[:-1].rstrip()
    if title.endswith("./."):
        title = title[:-3]
    return (
        title.rstrip(". ").strip() if title.endswith(".") and not title.endswith("...") else title
    )


def read_outline(text: str, start: int = 0, end: int | None = None) -> list[Section]:
    """The headings of ``text`` between offsets ``start`` and ``end``."""
    end = len(text) if end is None else end
    found: list[tuple[str, str, str, int]] = []  # style, number, title, offset
    position = start
    lines = text[start:end].split("\n")
    for index, line in enumerate(lines):
        offset = position
        position += len(line) + 1
        if not line or not (
            line[0].isdigit() or line[0] in "ABCDEFGHIVXLPMĐabcdeđghiklmnopqrstuvxy"
        ):
            continue
        match = _HEADING.match(line)
        if match is None:
            continue
        style, number = _style(match)
        if style is None:
            continue
        title = match.group("title") or ""
        if not title:
            if style not in ("Phần", "Chương", "Mục"):
                continue
            title = _next_line(lines, index)  # "Phần I" / "YÊU CẦU CHUNG" on two lines
        if style == "article":
            title = (
                _SENTENCE_BREAK.split(title, maxsplit=1)[0]
                if _SENTENCE_BREAK.search(title)
                else title
            )
        elif not _is_heading_title(title):
            continue
        found.append((style, number, _clean_title(title), offset))
    ranks = sorted({_rank(style) for style, _, _, _ in found})
    level_of = {rank: level for level, rank in enumerate(ranks, start=1)}
    return [
        Section(level_of[_rank(style)], number, title, offset)
        for style, number, title, offset in found
        if title
    ]


def _next_line(lines: list[str], index: int) -> str:
    for line in lines[index + 1 : index + 3]:
        if line:
            return line if len(line) <= 120 and line.upper() == line else ""
    return ""


def _rank(style: str) -> float:
    if style.startswith("multi"):
        return 5 + int(style[5:])  # 1.1 → 6, 1.1.1 → 7
    return _RANKS[style]


def _style(match: re.Match[str]) -> tuple[str | None, str]:
    line = match.string
    if match.group("part"):
        word = match.group("part").split(" ")[0].capitalize()
        return word, match.group("part")
    if match.group("article"):
        return "article", match.group("article")
    if match.group("roman"):
        numeral = match.group("roman")
        if _roman_value(numeral) is not None:
            return "roman", line[: match.start("title")].strip()
        if len(numeral) == 1 and line[1:2] == ".":  # "C." or "D." of an A., B., C. outline
            return "capital", numeral + "."
        return None, ""
    if match.group("capital"):
        return "capital", match.group("capital") + "."
    if match.group("multi"):
        depth = match.group("multi").count(".")
        return f"multi{depth}", line[: match.start("title")].strip()
    if match.group("arabic"):
        return "arabic", line[: match.start("title")].strip()
    return "letter", line[: match.start("title")].strip()
