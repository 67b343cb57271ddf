"""Figures in a report: a number, what it counts, the sentence, and its indicator code.

A figure is a number followed by what it counts ("24 lớp", "2.319 cán bộ", "99%"), a score
("86,08/100 điểm") or a rank ("xếp hạng 27/63", value 27, only as a rank indicator), or a number
in a table row ("Số hồ sơ tiếp nhận | 1.250"). Not figures: dates, document numbers, periods
("9 tháng", "năm 2023", "Quý III"), ordinals ("lần thứ 5", "mức độ 3", "điểm 3", "khóa XX"),
years without a unit ("giai đoạn 2021 - 2030").

Numbers: "2.319" = 2319 (dot groups thousands), "86,08" = 86.08 (comma is the decimal mark),
"02" = 2. The indicator comes from cchc.ingest.indicators: the unit words select the candidate
indicators, their ``context`` words must be in the sentence and their ``exclude`` words not, and
the keyword closest to the number decides: in the figure's label first (its last keyword: "hồ sơ
tiếp nhận trực tuyến"), then in the words before it in the same clause (the nearest; the longer
of two that end together: "chưa hoàn thành" over "hoàn thành"). With no keyword an indicator
marked ``default`` is taken. A figure in a sentence about the future or a target ("sẽ", "dự
kiến", "phấn đấu", "trở lên"…), or a rank given for another year in brackets, stays unmapped;
so do the figures of a plan, except the number of tasks it sets (they are targets).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from cchc.ingest.indicators import INDICATORS, UNITS

__all__ = ["Figure", "read_figures"]

# [0-9] rather than \d: an ASCII set is scanned much faster on long Vietnamese texts.
_NUMBER = re.compile(
    r"[0-9](?<![\w/.,\-–][0-9])(?>[0-9]{0,2}(?:\.[0-9]{3})+|[0-9]*)(?>,[0-9]+)?"
    r"(?![\w/]|[.,\-–][0-9])(?= ?(?:%|[^\W\d_]))"
)  # atomic groups: a shorter run of digits can never match, so do not try it
# Matched where "hạng"/"thứ" is found, after "xếp"/"đứng": "xếp hạng 27/63", "đứng thứ 5/34".
_RANK = re.compile(r"(?:hạng|thứ)\s+(?:thứ\s+)?([0-9]{1,3})\s*/\s*([0-9]{1,3})(?![0-9])")
_RANK_VERB = re.compile(r"(?:xếp|đứng)\s*$")
# Matched backwards from "/100": "86,08/100 điểm".
_SCORE_VALUE = re.compile(r"(?<![0-9,.])([0-9]{1,3}(?:,[0-9]{1,2})?)\s*$")
_SCORE_UNIT = re.compile(r"\s*/\s*100\s*điểm")
_LABEL = re.compile(r" ?(%|[^\W\d_][^\s,;:.()!?\"“”|]*(?: [^\W\d_][^\s,;:.()!?\"“”|]*){0,7})")
# The word before a number that makes it a date part, an ordinal or a name, not a count.
_NOT_BEFORE = frozenset((
    "ngày", "tháng", "năm", "quý", "đoạn", "thứ", "khóa", "khoá", "độ", "mức", "tượng", "điểm",
    "khoản", "điều", "mục", "chương", "phần", "tự", "lúc", "trang", "lục", "tổ", "thôn", "ấp",
    "phố", "kỳ", "hạng", "biểu", "mẫu", "hiệu", "lộ", "khu", "lô", "mã", "covid", "đợt", "vòng",
    "bước", "giai",
))  # fmt: skip
_NOT_AFTER = frozenset(("tháng", "năm", "ngày", "giờ", "phút", "giây", "quý", "tuần", "tuổi"))
# Words of the future or of a target.
_TARGET = re.compile(
    r"sẽ\b|dự kiến|phấn đấu|mục tiêu|tối thiểu|ít nhất|trở lên|bảo đảm|đảm bảo|kế hoạch năm tới"
)
_NEAR = 90  # how far before a number its clause is read for keywords (characters)
_YEAR = re.compile(r"(?:19|20)[0-9][0-9]")
_OTHER_YEAR = re.compile(r"\s*(?:năm|so với)\s+[0-9]{4}")
_CLAUSE_BREAKS = (";", "(", "\n", ". ")
_CELL_NUMBER = re.compile(r"^([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,([0-9]+))?\s*(%?)$")


@dataclass(slots=True)
class Figure:
    indicator: str | None
    value: int | float
    text: str
    label: str
    span: tuple[int, int]

    def to_dict(self) -> dict[str, object]:
        return {
            "indicator": self.indicator,
            "value": self.value,
            "text": self.text,
            "label": self.label,
            "span": list(self.span),
        }


@dataclass(frozen=True)
class _Candidate:
    code: str
    context: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    default: bool


@dataclass(frozen=True)
class _Family:
    keywords: re.Pattern[str]  # every keyword, longest first (no groups: much faster)
    literal_owner: dict[str, _Candidate]  # the indicator of a keyword written literally
    pattern_owner: tuple[tuple[re.Pattern[str], _Candidate, bool], ...]  # of the other keywords
    candidates: tuple[_Candidate, ...]

    def owner(self, matched: str, in_label: bool) -> _Candidate | None:
        """The indicator whose keyword ``matched`` is; keywords tied to the number ("từ" in
        "từ 12 phòng", written with "$") count only right before it, not inside a label."""
        owner = self.literal_owner.get(matched)
        if owner is not None:
            return owner
        for pattern, candidate, anchored in self.pattern_owner:
            if pattern.fullmatch(matched):
                return None if anchored and in_label else candidate
        return None


_SPECIAL = re.compile(r"[\\.^$*+?{}\[\]|()]")


def _compile_families() -> dict[str, _Family]:
    specs: dict[str, list[tuple[_Candidate, list[str]]]] = {}
    for code, spec in INDICATORS.items():
        context, exclude = spec.get("context"), spec.get("exclude")
        candidate = _Candidate(
            code,
            re.compile("|".join(context)) if context else None,
            re.compile("|".join(exclude)) if exclude else None,
            spec.get("default", False),
        )
        specs.setdefault(spec["unit"], []).append((candidate, spec["keywords"]))
    families: dict[str, _Family] = {}
    for unit, entries in specs.items():
        keyed = [(keyword, candidate) for candidate, keywords in entries for keyword in keywords]
        keyed.sort(key=lambda pair: len(pair[0]), reverse=True)
        literal: dict[str, _Candidate] = {}
        patterns: list[tuple[re.Pattern[str], _Candidate, bool]] = []
        for keyword, candidate in keyed:
            if _SPECIAL.search(keyword):
                patterns.append((re.compile(keyword), candidate, keyword.endswith("$")))
            else:
                literal.setdefault(keyword, candidate)
        families[unit] = _Family(
            re.compile("|".join(keyword for keyword, _ in keyed)),
            literal,
            tuple(patterns),
            tuple(candidate for candidate, _ in entries),
        )
    return families


def _compile_units() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    families_of: dict[str, list[str]] = {}
    for family, pattern in UNITS.items():
        for word in pattern.split("|"):
            families_of.setdefault(word, []).append(family)
    ordered = sorted(families_of, key=len, reverse=True)
    return (
        re.compile("|".join(ordered)),
        {word: tuple(families_of[word]) for word in ordered},
    )


_FAMILIES = _compile_families()
_UNIT_WORD, _FAMILIES_BY_WORD = _compile_units()
_UNIT_IN_TABLE = re.compile(r"(?<!\w)(?:" + _UNIT_WORD.pattern + ")")


def _lower_same_length(text: str) -> str:
    """``text`` in lower case with offsets kept: a character whose lower case is longer (none
    in Vietnamese, "İ" for one) is kept as it is."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _positions(text: str, word: str, start: int, end: int) -> list[int]:
    found: list[int] = []
    position = text.find(word, start, end)
    while position != -1:
        found.append(position)
        position = text.find(word, position + 1, end)
    return found


class _Reader:
    """Figures of one text. Only the lines that hold a figure are put in lower case, when
    first needed: every span a figure is read in (label, clause, sentence, paragraph) lies in
    its line, and lower-casing a whole Vietnamese text is costly."""

    def __init__(self, text: str, plan_document: bool = False) -> None:
        self.text = text
        self.plan_document = plan_document
        self._checked: dict[tuple[str, int, int], bool] = {}
        self._sentences: dict[tuple[int, int], str] = {}
        self._lowered: dict[int, str] = {}
        # Offsets of the lines (C-level: lengths + 1, summed up).
        lengths = map((1).__add__, map(len, text.split("\n")))
        self._line_starts = list(accumulate(lengths, initial=0))

    # --- text around a number --------------------------------------------------------------
    def line(self, position: int) -> tuple[int, int]:
        """Start and end offsets of the line holding ``position``."""
        starts = self._line_starts
        index = bisect_right(starts, position) - 1
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(self.text)
        return starts[index], end

    def lowered(self, line_start: int, line_end: int) -> str:
        """The line in lower case, same length (see _lower_same_length)."""
        lower = self._lowered.get(line_start)
        if lower is None:
            lower = _lower_same_length(self.text[line_start:line_end])
            self._lowered[line_start] = lower
        return lower

    def paragraph(self, start: int, line: tuple[int, int]) -> tuple[int, int]:
        """The paragraph (line) around ``start``; a very long one is cut into 1000-character
        blocks and the block around ``start`` is given with its neighbours. The same span for
        every figure of a paragraph, so that its context words are looked for once."""
        line_start, line_end = line
        if line_end - line_start <= 2000:
            return line_start, line_end
        block = line_start + (start - line_start) // 1000 * 1000
        return max(line_start, block - 1000), min(line_end, block + 2000)

    def sentence(self, start: int, end: int, line: tuple[int, int]) -> tuple[int, int]:
        """The sentence around a number: within its line, at most 400 characters either side."""
        text = self.text
        line_start, line_end = max(line[0], start - 400), min(line[1], end + 400)
        stop = text.rfind(". ", line_start, start)
        left = stop + 2 if stop != -1 else line_start
        stop = text.find(". ", end, line_end)
        right = stop + 1 if stop != -1 else line_end
        return left, right

    def clause_start(self, start: int, floor: int) -> int:
        left = max(floor, start - _NEAR)
        for mark in _CLAUSE_BREAKS:
            found = self.text.rfind(mark, left, start)
            if found != -1:
                left = max(left, found + len(mark))
        return left

    def sentence_text(self, left: int, right: int, at: int) -> str:
        if right - left <= 300:
            key = (left, right)
            text = self._sentences.get(key)
            if text is None:
                text = self._sentences[key] = self.text[left:right].strip()
            return text
        # A long sentence: 150 characters either side of the figure, cut between words.
        text = self.text
        start, end = max(left, at - 150), min(right, at + 150)
        if start > left:
            space = text.find(" ", start, at)
            start = space + 1 if space != -1 else start
        if end < right:
            space = text.rfind(" ", at, end)
            end = space if space != -1 else end
        return "…" * (start > left) + text[start:end].strip() + "…" * (end < right)

    # --- choosing the indicator ---------------------------------------------------------------
    def _allowed(self, candidate: _Candidate, lower: str, base: int, span: tuple[int, int]) -> bool:
        key = (candidate.code, base + span[0], base + span[1])
        allowed = self._checked.get(key)
        if allowed is None:
            context = candidate.context
            allowed = (
                context is None
                or context.search(lower, *span) is not None
                or (self.plan_document and context.search("kế hoạch") is not None)
            ) and (candidate.exclude is None or candidate.exclude.search(lower, *span) is None)
            self._checked[key] = allowed
        return allowed

    def choose(
        self,
        families: tuple[str, ...],
        lower: str,
        base: int,
        label: tuple[int, int] | None,
        near: tuple[int, int] | None,
        context: tuple[int, int],
    ) -> str | None:
        """The indicator of a figure: keywords in ``label``, then in ``near``; ``context`` is
        where context and exclude words are looked for. Spans are offsets in ``lower``, the
        lower-cased line that starts at ``base`` in the text."""
        for span, in_label in ((label, True), (near, False)):
            if span is None:
                continue
            best: tuple[int, int, str] | None = None
            for family in families:
                compiled = _FAMILIES.get(family)
                if compiled is None:
                    continue
                for match in compiled.keywords.finditer(lower, *span):
                    owner = compiled.owner(match.group(), in_label)
                    if owner is None:
                        continue
                    score = (match.end(), -match.start(), owner.code)
                    if (best is None or score[:2] > best[:2]) and self._allowed(
                        owner, lower, base, context
                    ):
                        best = score
            if best is not None:
                return best[2]
        for family in families:
            compiled = _FAMILIES.get(family)
            for candidate in compiled.candidates if compiled else ():
                if candidate.default and self._allowed(candidate, lower, base, context):
                    return candidate.code
        return None

    # --- the three kinds of figures ---------------------------------------------------------
    def ranks_and_scores(self, start: int, end: int) -> list[Figure]:
        text = self.text
        figures: list[Figure] = []
        for word in ("hạng", "thứ"):
            for position in _positions(text, word, start, end):
                match = _RANK.match(text, position)
                if match is not None:
                    figure = self._rank(match, position)
                    if figure is not None:
                        figures.append(figure)
        slashes = sorted(
            {*_positions(text, "/100", start, end), *_positions(text, "/ 100", start, end)}
        )
        for position in slashes:
            unit = _SCORE_UNIT.match(text, position)
            value = _SCORE_VALUE.search(text, max(0, position - 10), position) if unit else None
            if unit is not None and value is not None:
                line = self.line(value.start())
                base = line[0]
                lower = self.lowered(*line)
                left, right = self.sentence(value.start(), unit.end(), line)
                before = (max(left, value.start() - 400) - base, value.start() - base)
                paragraph = self.paragraph(value.start(), line)
                code = self.choose(
                    ("score",), lower, base, None, before,
                    (paragraph[0] - base, paragraph[1] - base),
                )  # fmt: skip
                span = (value.start(1), unit.end())
                figures.append(
                    Figure(
                        code,
                        _value(value.group(1)),
                        self.sentence_text(left, right, span[0]),
                        "điểm",
                        span,
                    )
                )
        return figures

    def _rank(self, match: re.Match[str], position: int) -> Figure | None:
        line = self.line(position)
        base = line[0]
        lower = self.lowered(*line)
        if _RANK_VERB.search(lower, max(0, position - base - 8), position - base) is None:
            return None  # "xếp hạng", "đứng thứ"; not any "thứ"
        left, right = self.sentence(position, match.end(), line)
        clause = self.clause_start(position, left)
        if self.text[left:position].rstrip().endswith("(") or _OTHER_YEAR.match(
            self.text, clause, position
        ):
            return None  # "(năm 2021 xếp hạng 39/63)": another year's rank
        paragraph = self.paragraph(position, line)
        code = self.choose(
            ("rank",), lower, base, None,
            (max(left, position - 400) - base, position - base),
            (paragraph[0] - base, paragraph[1] - base),
        )  # fmt: skip
        if code is None:
            return None
        span = (match.start(1), match.end(2))
        return Figure(
            code, int(match.group(1)), self.sentence_text(left, right, span[0]), "xếp hạng", span
        )

    def running(self, match: re.Match[str]) -> Figure | None:
        text = self.text
        start, end = match.span()
        line = self.line(start)
        base = line[0]
        lower = self.lowered(*line)
        at, stop = start - base, end - base
        before = lower[max(0, at - 14) : at].rstrip(" -:")
        if before and before.rsplit(" ", 1)[-1] in _NOT_BEFORE:
            return None
        label_match = _LABEL.match(text, end)
        if label_match is None:
            return None
        label_start, label_end = label_match.start(1) - base, label_match.end(1) - base
        first_word_end = lower.find(" ", label_start, label_end)
        if lower[label_start : first_word_end if first_word_end != -1 else label_end] in _NOT_AFTER:
            return None
        unit = _UNIT_WORD.match(lower, label_start, label_end)
        if unit is None and stop - at == 4 and _YEAR.match(text, start):
            return None  # a year ("giai đoạn 2021 - 2030 gắn với …")
        left, right = self.sentence(start, end, line)
        code: str | None = None
        if unit is not None:
            clause = self.clause_start(start, left) - base
            if unit.group() == "%":  # a rate names what it measures at the start of its sentence
                clause = max(left, start - 250) - base
            if _TARGET.search(lower, clause, label_end) is None:
                families = _FAMILIES_BY_WORD[unit.group()]
                if self.plan_document:  # a plan states targets: only the tasks it sets count
                    families = tuple(family for family in families if family == "plan_task")
                paragraph = self.paragraph(start, line)
                code = self.choose(
                    families, lower, base, (label_start, label_end), (clause, at),
                    (paragraph[0] - base, paragraph[1] - base),
                )  # fmt: skip
        return Figure(
            code,
            _value(match.group()),
            self.sentence_text(left, right, start),
            label_match.group(1),
            (start, end),
        )

    def table_rows(self, start: int, end: int) -> list[Figure]:
        figures: list[Figure] = []
        position = start
        header = ""
        for line in self.text[start:end].split("\n"):
            line_start = position
            position += len(line) + 1
            if " | " not in line and not line.startswith("|"):
                header = ""
                continue
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            label = next((cell for cell in cells if cell and not _CELL_NUMBER.match(cell)), "")
            if not label or not any(_CELL_NUMBER.match(cell) for cell in cells):
                if not header:
                    header = line.lower()
                continue
            lower_label = _lower_same_length(label)
            label_base = line_start + line.find(label)
            unit = _UNIT_IN_TABLE.search(lower_label)
            families = _FAMILIES_BY_WORD[unit.group()] if unit else ()
            searched = line.find(label) + len(label)
            whole = (0, len(lower_label))
            for cell in cells[cells.index(label) + 1 :]:
                number = _CELL_NUMBER.match(cell)
                if number is None:
                    continue
                offset = line.find(cell, searched)
                searched = offset + len(cell)
                percent = number.group(3) == "%" or "%" in lower_label or "tỷ lệ" in lower_label
                chosen = ("percent",) if percent else families
                code: str | None = None
                if chosen and not _TARGET.search(lower_label):
                    code = self.choose(chosen, lower_label, label_base, whole, None, whole)
                if self.plan_document or "kế hoạch" in header:
                    code = None  # planned values, targets
                span = (line_start + offset, line_start + offset + len(number.group(1)))
                written = number.group(1) + (f",{number.group(2)}" if number.group(2) else "")
                figures.append(Figure(code, _value(written), line.strip(), label, span))
        return figures


def _value(written: str) -> int | float:
    whole, _, decimals = written.partition(",")
    whole = whole.replace(".", "")
    if decimals:
        return float(f"{whole}.{decimals}")
    return int(whole)


def read_figures(
    text: str,
    spans: Sequence[tuple[int, int]] | None = None,
    *,
    plan_document: bool = False,
) -> list[Figure]:
    """The figures of ``text`` within ``spans`` (offsets; default the whole text), in order.

    In a ``plan_document`` (Kế hoạch, Chương trình…) the figures are targets: only the number
    of tasks the plan sets is mapped, the rest stays unmapped."""
    reader = _Reader(text, plan_document)
    figures: list[Figure] = []
    for start, end in spans if spans is not None else [(0, len(text))]:
        figures.extend(reader.ranks_and_scores(start, end))
        for match in _NUMBER.finditer(text, start, end):
            figure = reader.running(match)
            if figure is not None:
                figures.append(figure)
        if "|" in text:
            figures.extend(reader.table_rows(start, end))
    figures.sort(key=lambda figure: figure.span)
    return figures
