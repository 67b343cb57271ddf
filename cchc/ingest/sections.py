"""The narrative of a report split into the sections of the CCHC report form (plain Python).

The outline's headings (cchc.ingest.outline) are classified by their wording into the form's
sections: I (chỉ đạo, điều hành), II.1–II.6 (the reform areas of Nghị quyết 76/NQ-CP), III
(đánh giá chung), IV (phương hướng, nhiệm vụ kỳ tới), V (đề xuất, kiến nghị). The rule, in order:

1. a heading whose title is one of the form's own section titles takes that section;
2. a heading under a heading of III, IV or V belongs to it ("1. Ưu điểm" under "Đánh giá chung");
3. otherwise the first of WORDINGS whose pattern the folded title contains decides;
4. an unrecognised heading belongs to its nearest recognised ancestor, or else continues the
   section before it (I when there is none).

The text from a heading to the next heading goes to that heading's section; a sub-heading that
continues the same section keeps its line, so that its structure stays readable. What comes
before the first heading (the opening that cites the request) and the closing sentence
("Trên đây là …", or a last "… báo cáo … ./." paragraph) are not part of any section.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cchc.ingest.outline import Section
from cchc.lib.text import fold

__all__ = ["WORDINGS", "Placement", "SectionSplit", "split_sections"]

# (form section code, pattern over the folded heading title). The usual wordings of CCHC
# reports; checked in this order (the closing sections first: "nhiệm vụ … cuối năm" is IV even
# when it names a reform area).
WORDINGS: tuple[tuple[str, str], ...] = (
    ("V", r"\bde xuat\b|\bkien nghi\b"),
    (
        "IV",
        r"phuong huong|nhiem vu.*\b(toi|tiep theo|cuoi nam|trong tam)\b"
        r"|ke hoach.*\b(toi|tiep theo|cuoi nam)\b|\bky toi\b|\bnam toi\b",
    ),
    (
        "III",
        r"danh gia|ton tai|han che|uu diem|nguyen nhan|kho khan|vuong mac|bai hoc kinh nghiem",
    ),
    # Discipline and integrity of the civil service, before II.1's "văn bản quy phạm".
    ("II.4", r"ky luat|ky cuong|tham nhung|dao duc cong vu"),
    ("II.1", r"the che|van ban quy pham|quy pham phap luat|\bvbqppl\b"),
    ("II.2", r"thu tuc hanh chinh|\btthc\b|mot cua"),
    ("II.3", r"bo may|tinh gian bien che|sap xep.*(to chuc|don vi)|\bbien che\b"),
    ("II.4", r"cong vu|doi ngu|can bo, cong chuc|cong chuc|\bcbcc|vien chuc"),
    ("II.5", r"tai chinh cong|tai chinh|tu chu"),
    (
        "II.6",
        r"chinh quyen dien tu|chinh quyen so|chuyen doi so|hien dai hoa|cong nghe thong tin"
        r"|\bso hoa\b|chinh phu so|chinh phu dien tu",
    ),
    ("I", r"chi dao|dieu hanh|lanh dao|tham muu|tuyen truyen|kiem tra"),
)
_CLOSING_GROUP = frozenset(("III", "IV", "V"))
_CLOSING = re.compile(r"(?m)^\s*Trên đây là\b")
_COMPILED = tuple((code, re.compile(pattern)) for code, pattern in WORDINGS)


@dataclass(frozen=True)
class Placement:
    """Where one heading's text went, and why: "title", "parent", "wording", "inherited",
    "continued"."""

    number: str
    title: str
    code: str
    reason: str
    chars: int


@dataclass
class SectionSplit:
    texts: dict[str, str] = field(default_factory=dict)
    placements: list[Placement] = field(default_factory=list)
    opening: str = ""


def _by_wording(title: str, codes: set[str]) -> str | None:
    folded = fold(title)
    for code, pattern in _COMPILED:
        if code in codes and pattern.search(folded):
            return code
    return None


def split_sections(
    text: str,
    outline: Sequence[Section],
    form_sections: Sequence[Mapping[str, str]],
    body_start: int = 0,
    body_end: int | None = None,
) -> SectionSplit:
    """``text`` is the parsed document's normalised text, ``outline`` its headings (offsets into
    ``text``); ``form_sections`` the form's [{"code", "title"}]. Returns each section's text."""
    codes = {str(s["code"]) for s in form_sections}
    titles = {" ".join(fold(str(s["title"])).split()): str(s["code"]) for s in form_sections}
    end = len(text) if body_end is None else body_end
    headings = [h for h in outline if body_start <= h.start < end]
    split = SectionSplit()
    if not headings:
        body = _without_closing(text[body_start:end]).strip()
        if body and "I" in codes:
            split.texts["I"] = body
            split.placements.append(Placement("", "", "I", "continued", len(body)))
        return split
    split.opening = text[body_start : headings[0].start].strip()
    # (level, recognised code) of the headings above the current one
    stack: list[tuple[int, str | None]] = []
    chunks: dict[str, list[str]] = {}
    previous: str | None = None
    for index, heading in enumerate(headings):
        while stack and stack[-1][0] >= heading.level:
            stack.pop()
        ancestors = [code for _, code in stack if code is not None]
        own_title = " ".join(fold(heading.title).split())
        code: str | None
        if own_title in titles:
            code, reason = titles[own_title], "title"
        elif ancestors and ancestors[-1] in _CLOSING_GROUP:
            code, reason = ancestors[-1], "parent"
        else:
            code, reason = _by_wording(heading.title, codes), "wording"
        recognised = code
        if code is None and ancestors:
            code, reason = ancestors[-1], "inherited"
        if code is None:
            code, reason = previous or ("I" if "I" in codes else None), "continued"
        stack.append((heading.level, recognised))
        line_end = text.find("\n", heading.start)
        line_end = end if line_end == -1 or line_end > end else line_end
        stop = headings[index + 1].start if index + 1 < len(headings) else end
        body = text[line_end:stop].strip()
        if index + 1 == len(headings):
            body = _without_closing(body).strip()
        if code is None:
            continue
        parts = chunks.setdefault(code, [])
        heading_line = text[heading.start : line_end].strip()
        if code == previous or reason in ("inherited", "parent"):
            parts.append(heading_line)
        if body:
            parts.append(body)
        split.placements.append(Placement(heading.number, heading.title, code, reason, len(body)))
        previous = code
    split.texts = {
        code: "\n".join(parts).strip() for code, parts in chunks.items() if "".join(parts).strip()
    }
    return split


def _without_closing(body: str) -> str:
    """The body without its closing sentence: "Trên đây là …", or a last paragraph that ends
    the document ("./.") while speaking of the report ("… báo cáo …, đề nghị … tổng hợp./.")."""
    match = _CLOSING.search(body)
    if match:
        return body[: match.start()]
    head, _, last = body.rstrip().rpartition("\n")
    if last.rstrip().endswith("./.") and "bao cao" in fold(last):
        return head
    return body
