"""Documents cited in a text: one entry per distinct symbol and date.

Symbols are found and parsed by the register's own parser (cchc.lib.docnumber): the candidates
are DOC_NUMBER_PATTERN's matches (found from the "/" that every symbol contains, which is much
faster on long texts than scanning every position, and gives the same matches) and each is read
by parse_doc_number; a type code typed without its Đ that can mean nothing else ("QD", "ND") is
given it back first. Then, per mention:

- its date is the one written right after it ("số 590/QĐ-UBND ngày 24/4/2014", ", ngày
  13-6-2014", "ban hành ngày …"); failing that, a date that opens the same clause of the form
  "Ngày 14/5/2018, Chủ tịch UBND tỉnh đã ban hành Quyết định số 730/QĐ-UBND";
- its type is the symbol's, except where the words just before it say otherwise in a way the
  symbol cannot: "Công văn số 123/CT-TTHT" (a Công văn of a body coded CT), "Quy định số
  205-QĐ/TW" (a Party Quy định), "Nghị quyết số 80/2015/QH13";
- a mention without a date joins the entry of the same symbol mentioned with a date just before
  (else the first dated one after); symbols without a number (drafts) and the document's own
  number are not references;
- issuer and unit codes take the spelling used most often in the document ("SngV" → "SNgV").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from cchc.ingest.dates import DATE, DateValue, iso_date, read_date
from cchc.lib.docnumber import (
    DOC_NUMBER_PATTERN,
    NATIONAL_CODES,
    TYPE_NAMES,
    DocNumber,
    DocNumberError,
    parse_doc_number,
)

__all__ = ["Mention", "Reference", "clear_caches", "find_mentions", "find_references"]

# Every symbol has a "/": after its number (state forms) or after its type code (Party forms,
# "31-CT/TU"). find_mentions walks back from each "/" to where DOC_NUMBER_PATTERN could start.
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzĐđÐð0123456789&")
_CODE_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐÐ")
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2212")
_YEAR_SLASH = re.compile(r"[ \t\u00a0]*(?:19|20)\d\d[ \t\u00a0]*/")
_GAP_CHARS = frozenset(" \t\u00a0")
_NUMBER_LETTERS = frozenset("abcdeđgh")
_DATE_AFTER = re.compile(
    rf"[ ,]{{0,3}}(?:\(\s*)?(?:(?:được |đã )?(?:ban hành|ký) )?(?:ngày|ngay) ?{DATE}(?!\d)"
    rf"|[ ,]{{1,3}}(?P<d3>\d{{1,2}})/(?P<m3>\d{{1,2}})/(?P<y3>\d{{4}})(?!\d)"
)
_DATE_BEFORE = re.compile(
    rf"(?:^|[\s(])[Nn]gày {DATE},?(?P<between>[^.;:\n]{{0,120}}?)"
    r"\b(?:ban hành|ký|phê duyệt)\s+(?:[^\W\d_]+\s+){1,3}(?:số\s*)?$"
)
# Words before a symbol that can correct its type (see the module docstring), lower case.
_TYPE_WORDS = ("công văn", "quy định", "luật", "nghị quyết", "pháp lệnh")


@dataclass(slots=True)
class Mention:
    """One occurrence of a symbol in the text."""

    doc: DocNumber
    key: str
    symbol: str
    start: int
    end: int
    date: str | None = None
    date_text: str | None = None
    doc_type: str = ""
    issuer: str = ""
    drafting_unit: str | None = None


@dataclass(slots=True)
class Reference:
    """A cited document; ``mentions`` are (start, end) offsets of its symbol in the text."""

    symbol: str
    doc_type: str
    type_code: str | None
    number: int | None
    year: int | None
    issuer: str
    drafting_unit: str | None
    form: str
    date: str | None
    date_text: str | None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.symbol.casefold()

    def to_dict(self) -> dict[str, object]:
        return {
            "symbol": self.symbol,
            "type": self.doc_type,
            "type_code": self.type_code,
            "number": self.number,
            "year": self.year,
            "issuer": self.issuer,
            "drafting_unit": self.drafting_unit,
            "form": self.form,
            "date": self.date,
            "date_text": self.date_text,
            "mentions": [list(span) for span in self.mentions],
        }


# Type codes typed without their Đ that cannot mean anything else ("590/QD-UBND",
# "30/2020/ND-CP"); "DA", "HD" and "CD" are left alone: they are codes of their own.
_UNACCENTED_TYPE = re.compile(
    r"(?<=/)(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?(?P<code>QD|Qd|ND|Nd)(?=\s*-)"
)


@lru_cache(maxsize=16384)
def _parse(written: str) -> tuple[DocNumber, str, str] | None:
    """The register's parser with the symbol's key and display form, remembered: the same
    symbols recur across a province's reports (and DocNumber computes them anew each time)."""
    try:
        doc = parse_doc_number(written)
    except DocNumberError:
        doc = None
    if (doc is None or doc.form == "cong_van") and _UNACCENTED_TYPE.search(written):
        repaired = _UNACCENTED_TYPE.sub(
            lambda m: (
                (m.group("year") + "/" if m.group("year") else "")
                + m.group("code")[0].upper()
                + "Đ"
            ),
            written,
            count=1,
        )
        try:
            doc = parse_doc_number(repaired)
        except DocNumberError:
            return None
    if doc is None or (doc.form == "cong_van" and doc.drafting_unit is None):
        repaired_doc = _rehyphenated(written)
        if repaired_doc is not None:
            doc = repaired_doc
    if doc is None:
        return None
    return doc, doc.key, doc.symbol


# Codes a symbol is made of, for putting back the hyphens a PDF converter drops ("NĐCP",
# "TTrSNV", "SNVCCHC"): the type codes, the national bodies and the usual provincial ones.
_KNOWN_CODES = frozenset(
    (
        *TYPE_NAMES, *NATIONAL_CODES,
        "UBND", "HĐND", "VP", "VPUB", "SNV", "STP", "STC", "SCT", "SYT", "SXD", "SKHĐT",
        "STTTT", "SGDĐT", "SVHTTDL", "SKHCN", "STNMT", "SNNPTNT", "SNN", "SLĐTBXH", "SNgV",
        "CCHC", "NC", "TH", "KSTT", "TCBC", "TTHT", "XDCQ", "KT", "VX", "HCTC", "TCCV",
    )
)  # fmt: skip
_SYMBOL_PARTS = re.compile(
    r"(?P<head>[0-9]{1,7}\s*/\s*(?:(?:19|20)[0-9]{2}\s*/\s*)?)(?P<codes>[A-ZĐ][A-Za-zĐđ0-9&]*)$"
)


def _split_codes(codes: str, first_is_type: bool) -> list[str] | None:
    """``codes`` as known codes run together (the first a type code when asked), or None."""
    for cut in range(len(codes) - 1, 0, -1):
        first, rest = codes[:cut], codes[cut:]
        if first not in (TYPE_NAMES if first_is_type else _KNOWN_CODES):
            continue
        if rest in _KNOWN_CODES:
            return [first, rest]
        tail = _split_codes(rest, False)
        if tail is not None:
            return [first, *tail]
    return None


def _rehyphenated(written: str) -> DocNumber | None:
    """The symbol with the hyphens between its codes put back, when its code part is one run
    of known codes ("63/2010/NĐCP" → 63/2010/NĐ-CP, "365/TTrSNV" → 365/TTr-SNV)."""
    match = _SYMBOL_PARTS.match(written.strip())
    if match is None:
        return None
    codes = match["codes"]
    if codes in _KNOWN_CODES:
        return None
    for first_is_type in (True, False):
        parts = _split_codes(codes, first_is_type)
        if parts is None:
            continue
        try:
            return parse_doc_number(match["head"] + "-".join(parts))
        except DocNumberError:
            continue
    return None


def _skip_back(text: str, index: int, floor: int, chars: frozenset[str] | str) -> int:
    while index > floor and text[index - 1] in chars:
        index -= 1
    return index


def _digits_back(text: str, index: int, floor: int) -> int:
    """Where a run of 1 to 7 digits ending at ``index`` starts, or ``index`` if there is none."""
    start = index
    while start > floor and index - start < 8 and text[start - 1].isdigit():
        start -= 1
    return start if index - start <= 7 else index


def _candidate_starts(text: str, slash: int, floor: int) -> list[int]:
    """Positions where a symbol whose first "/" is ``slash`` may start, in ascending order."""
    before = slash - 1
    if before >= floor and text[before].isdigit():  # the common case: "590/QĐ-UBND"
        number_start = _digits_back(text, slash, floor)
        return [number_start, slash] if number_start < slash else [slash]
    size = len(text)
    after = slash + 1
    while after < size and text[after] in _GAP_CHARS:
        after += 1
    if after >= size:
        return []
    starts: list[int] = []
    if text[after] in _CODE_START:
        # Party form: digits, gap, dash, gap, CODE, gap, "/".
        code_end = _skip_back(text, slash, floor, _GAP_CHARS)
        code_start = _skip_back(text, code_end, floor, _CODE_CHARS)
        if code_start < code_end and text[code_start] in _CODE_START:
            dash = _skip_back(text, code_start, floor, _GAP_CHARS) - 1
            if dash >= floor and text[dash] in _DASHES:
                number_end = _skip_back(text, dash, floor, _GAP_CHARS)
                number_start = _digits_back(text, number_end, floor)
                if number_start < number_end:
                    starts.append(number_start)
                starts.append(dash)
    elif not _YEAR_SLASH.match(text, slash + 1):
        return starts
    # State form: digits, gap, "/".
    number_end = _skip_back(text, slash, floor, _GAP_CHARS)
    number_start = _digits_back(text, number_end, floor)
    if number_start < number_end:
        starts.append(number_start)
    starts.append(slash)
    return starts


def clear_caches() -> None:
    """Forget the symbols parsed so far (for measurements)."""
    _parse.cache_clear()


def find_mentions(text: str) -> list[Mention]:
    """Every parsable symbol in ``text``: the same as cchc.lib.docnumber.find_doc_numbers, which
    scans every position with DOC_NUMBER_PATTERN; this tries only where a match can start."""
    found: list[Mention] = []
    last_end = 0
    match_at = DOC_NUMBER_PATTERN.match
    size = len(text)
    slash = text.find("/")
    while slash != -1:
        after = text[slash + 1] if slash + 1 < size else ""
        lettered = _lettered(text, slash, last_end)
        if lettered is not None:
            found.append(lettered)
            last_end = lettered.end
            slash = text.find("/", last_end)
            continue
        if (
            slash >= last_end
            and (
                after in _CODE_START
                or after in _GAP_CHARS
                # "/2021/" of a legal symbol; not the "/2021" that ends a date
                or (
                    after in "12"
                    and (
                        text[slash + 5 : slash + 6] == "/"
                        or _YEAR_SLASH.match(text, slash + 1) is not None
                    )
                )
            )
        ):
            for start in _candidate_starts(text, slash, last_end):
                match = match_at(text, start)
                if match is None:
                    continue
                last_end = match.end()
                parsed = _parse(match.group())
                if parsed is not None:
                    doc, key, symbol = parsed
                    found.append(Mention(doc, key, symbol, match.start(), match.end()))
                break
        slash = text.find("/", slash + 1)
    return found


def _lettered(text: str, slash: int, floor: int) -> Mention | None:
    """A symbol whose number carries a letter ("30c/NQ-CP", "17a/BC-UBND"): read without the
    letter, shown and keyed with it."""
    letter = slash - 1
    if letter <= floor or text[letter] not in _NUMBER_LETTERS or not text[letter - 1].isdigit():
        return None
    number_start = _digits_back(text, letter, floor)
    if number_start == letter or (number_start > 0 and text[number_start - 1].isalnum()):
        return None
    digits = text[number_start:letter]
    match = DOC_NUMBER_PATTERN.match(digits + text[slash : slash + 120])
    if match is None or not match.group().startswith(digits + "/"):
        return None
    parsed = _parse(match.group())
    if parsed is None:
        return None
    doc, _key, symbol = parsed
    shown = symbol[: len(digits)] + text[letter] + symbol[len(digits) :]
    end = slash + match.end() - len(digits)
    return Mention(doc, shown.casefold(), shown, number_start, end)


def _date_after(text: str, end: int) -> DateValue | None:
    match = _DATE_AFTER.match(text, end)
    if match is None:
        return None
    if match.group("d3") is not None:
        day, month, year = (int(part) for part in match.group("d3", "m3", "y3"))
        return iso_date(year, month, day), text[match.start("d3") : match.end("y3")]
    return read_date(match)


def _date_before(text: str, start: int) -> DateValue | None:
    window = text[max(0, start - 200) : start]
    if "gày" not in window:
        return None
    match = _DATE_BEFORE.search(window)
    if match is None or "số " in match.group("between") or "/" in match.group("between"):
        return None
    return read_date(match)


_TYPE_WORD_CACHE: dict[str, str | None] = {}


def _type_word(before: str) -> str | None:
    """The correcting type word that ``before`` ends with ("công văn số: " → "công văn")."""
    found = _TYPE_WORD_CACHE.get(before, "")
    if found != "":
        return found
    words = before.rstrip(" :").lower()
    if words.endswith("số"):
        words = words[:-2].rstrip()
    found = next((name for name in _TYPE_WORDS if words.endswith(name)), None)
    if len(_TYPE_WORD_CACHE) < 4096:
        _TYPE_WORD_CACHE[before] = found
    return found


# "Báo cáo thẩm định số 18/BCTĐ-STP": a type named in words (up to three qualifying words)
# before a symbol whose first code is not a type code but begins with that type's code.
_NAMED_TYPE = re.compile(
    r"(?P<name>"
    + "|".join(sorted((re.escape(n) for n in set(TYPE_NAMES.values())), key=len, reverse=True))
    + r")(?: [^\W\d_]+){0,3} số:? ?$",
    re.IGNORECASE,
)
_CODE_OF_NAME = {name.casefold(): code for code, name in TYPE_NAMES.items()}


def _named_type(mention: Mention, before: str) -> bool:
    """Give an untyped symbol the type its words name, when its code says the same."""
    doc = mention.doc
    if doc.form != "cong_van" or doc.drafting_unit is None:
        return False
    match = _NAMED_TYPE.search(before)
    if match is None:
        return False
    name = match.group("name")
    code = _CODE_OF_NAME.get(name.casefold())
    if code is None or not doc.issuer.startswith(code) or doc.issuer == code:
        return False
    mention.doc_type = name[0].upper() + name[1:].lower()
    mention.issuer, _, unit = doc.drafting_unit.partition("-")
    mention.drafting_unit = unit or None
    return True


def _typed(mention: Mention, text: str) -> None:
    """Type, issuer and unit of a mention; the words before it may correct the symbol's type."""
    doc = mention.doc
    mention.doc_type = doc.doc_type
    mention.issuer = doc.issuer
    mention.drafting_unit = doc.drafting_unit
    if _named_type(mention, text[max(0, mention.start - 60) : mention.start]):
        return
    name = _type_word(text[max(0, mention.start - 16) : mention.start])
    if name is None:
        return
    if name == "công văn" and doc.form == "administrative" and doc.type_code is not None:
        # 123/CT-TTHT written as a Công văn: the first code is the issuer (Cục Thuế), not a type.
        codes = (doc.type_code, *doc.issuers, *([doc.drafting_unit] if doc.drafting_unit else []))
        mention.doc_type = "Công văn"
        mention.issuer = codes[0]
        mention.drafting_unit = "-".join(codes[1:]) or None
    elif name == "quy định" and doc.form == "party" and doc.type_code == "QĐ":
        mention.doc_type = "Quy định"
    elif name in ("luật", "nghị quyết", "pháp lệnh") and doc.form == "legal" and not doc.type_code:
        mention.doc_type = name.capitalize()


def _spellings(mentions: list[Mention]) -> dict[str, str]:
    """The most used spelling of each code written in more than one way, by its casefolded
    form (first seen wins a tie); empty when every code has one spelling, the usual case."""
    first: dict[str, str] = {}
    conflict = False
    for mention in mentions:
        doc = mention.doc
        codes = doc.issuers if not doc.drafting_unit else (*doc.issuers, doc.drafting_unit)
        for code in codes:
            known = first.setdefault(code.casefold(), code)
            conflict = conflict or known != code
    if not conflict:
        return {}
    counts: Counter[str] = Counter()
    for mention in mentions:
        doc = mention.doc
        counts.update(doc.issuers)
        if doc.drafting_unit:
            counts.update(doc.drafting_unit.split("-"))
    best: dict[str, str] = {}
    for code, count in counts.items():
        folded = code.casefold()
        if folded not in best or count > counts[best[folded]]:
            best[folded] = code
    return best


def _respelled(doc: DocNumber, spellings: dict[str, str]) -> DocNumber:
    issuers = tuple(spellings.get(code.casefold(), code) for code in doc.issuers)
    unit = doc.drafting_unit
    if unit:
        unit = "-".join(spellings.get(code.casefold(), code) for code in unit.split("-"))
    if issuers == doc.issuers and unit == doc.drafting_unit:
        return doc
    return replace(doc, issuer=issuers[0], issuers=issuers, drafting_unit=unit)


def find_references(
    text: str,
    mentions: list[Mention],
    own: tuple[int, int] | None = None,
    own_date: str | None = None,
) -> list[Reference]:
    """The documents cited, in order of first mention; ``own`` is the span of the own number
    and ``own_date`` its date: the document's own symbol with that date (or none) is never a
    citation, wherever it is mentioned."""
    spellings = _spellings(mentions)
    respelled_docs: dict[str, tuple[DocNumber, str]] = {}
    cited: list[Mention] = []
    own_key = next((m.key for m in mentions if own and m.start < own[1] and own[0] < m.end), None)
    for mention in mentions:
        if mention.doc.number is None or (own and mention.start < own[1] and own[0] < mention.end):
            continue
        known = respelled_docs.get(mention.symbol)
        if known is None:
            respelled = _respelled(mention.doc, spellings) if spellings else mention.doc
            symbol = mention.symbol if respelled is mention.doc else respelled.symbol
            known = respelled_docs[mention.symbol] = (respelled, symbol)
        mention.doc, mention.symbol = known
        found = _date_after(text, mention.end) or _date_before(text, mention.start)
        if found is not None:
            mention.date, mention.date_text = found
        if mention.key == own_key and (mention.date is None or mention.date == own_date):
            continue  # the document names itself ("Kèm theo Quyết định số …" of its annex)
        _typed(mention, text)
        cited.append(mention)

    references: list[Reference] = []
    by_key: dict[tuple[str, str | None], Reference] = {}  # (symbol key, date or date text)
    dated: dict[str, list[Reference]] = {}
    undated: list[Mention] = []
    for mention in cited:
        if mention.date_text is None:
            undated.append(mention)
            continue
        key = (mention.key, mention.date or mention.date_text)
        reference = by_key.get(key)
        if reference is None:
            reference = by_key[key] = _reference(mention)
            references.append(reference)
            dated.setdefault(mention.key, []).append(reference)
        reference.mentions.append((mention.start, mention.end))
    firsts = {key: [r.mentions[0][0] for r in refs] for key, refs in dated.items()}
    for mention in undated:
        candidates = dated.get(mention.key)
        if candidates:
            # The entry first mentioned last before this mention, else the first one.
            position = bisect_left(firsts[mention.key], mention.start)
            target = candidates[position - 1] if position else candidates[0]
        else:
            undated_key: tuple[str, str | None] = (mention.key, None)
            existing = by_key.get(undated_key)
            if existing is None:
                existing = by_key[undated_key] = _reference(mention)
                references.append(existing)
            target = existing
        target.mentions.append((mention.start, mention.end))
    for reference in references:
        reference.mentions.sort()
    references.sort(key=lambda reference: reference.mentions[0][0])
    return references


def _reference(mention: Mention) -> Reference:
    doc = mention.doc
    return Reference(
        symbol=mention.symbol,
        doc_type=mention.doc_type,
        type_code=doc.type_code if mention.doc_type != "Công văn" else None,
        number=doc.number,
        year=doc.year,
        issuer=mention.issuer,
        drafting_unit=mention.drafting_unit,
        form=doc.form if mention.doc_type != "Công văn" else "cong_van",
        date=mention.date,
        date_text=mention.date_text,
    )
