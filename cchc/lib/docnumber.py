"""Số, ký hiệu văn bản: parse Vietnamese document number-and-symbol strings (no Django).

Forms follow Decree 30/2020/NĐ-CP (state bodies) and the Party's own rules. Grammar, applied
after clean-up (below); ``code`` letters may be in any case:

    doc_number := ["Số" [":"]] (state | party)
    state      := [number] "/" [year "/"] code ("-" code)*
    party      := [number] "-" code "/" code ("-" code)*
    number     := 1 to 7 digits 0-9
    year       := "19" digit digit | "20" digit digit
    code       := letter (letter | digit | "&")*        letter := A-Z a-z Đ đ

The codes of a state symbol are read from its first code:

    joint type (TTLT, NQLT)   -> "joint":          type, issuer, issuer...   55/2005/TTLT-BNV-VPCP
    any other type, a year    -> "legal":          type, issuer [, unit]     34/2020/QĐ-UBND
    QH<khoá> alone, a year    -> "legal" (Luật):   issuer                    80/2015/QH13
    any other type            -> "administrative": type, issuer [, unit]     590/QĐ-UBND
    not a type, no year       -> "cong_van":       issuer [, unit]           1763/UBND-NC
    anything else is refused.

A party symbol ``number-TYPE/ISSUER[-unit]`` needs a Party type code: 31-CT/TU, 869-CV/TU.
A symbol without a number (an unnumbered draft, "Số: /BC-SNV") needs at least two codes, so
that a lone "/ SIPAS" in running text is not taken for a document.

Clean-up: NFC; Ð/ð (U+00D0/U+00F0) become Đ/đ; en dash, em dash and minus become "-";
all whitespace (line breaks too) and the Markdown emphasis characters "*" "_" are dropped;
a leading "Số:" / "số" and "(" and trailing ". , ; : )" are removed.

In running text, DOC_NUMBER_PATTERN finds candidates more strictly (codes begin with a capital,
spaces only around "/" and the Party hyphen, never inside a word or a number, so dates, ranks
and periods are left alone) and find_doc_numbers keeps the candidates that parse.

Decisions:
- Leading zeros: ``number`` is the integer (02 -> 2) but ``symbol`` and ``key`` keep the digits
  as written ("02/QĐ-VP"), because Decree 30 writes low numbers with a leading zero and the
  symbol is what is printed on the document; "2/QĐ-VP" is therefore a different key.
- Codes: type codes get their canonical case ("Qđ" -> "QĐ"); an issuer or unit code equal,
  ignoring case, to a built-in national code or to one of ``known_codes`` gets that spelling;
  any other code is kept as written ("SngV" stays "SngV" unless "SNgV" is known). The key is
  case-insensitive either way.
- The symbol alone cannot tell some documents apart, and the reading above is chosen:
  a Công văn from a body whose code is also a type code (Cục Thuế "CT", Thanh tra "TTr")
  reads as that type; "n/yyyy/QHk" is reported as a Luật though a Nghị quyết of the Quốc hội
  looks the same; Party documents restart numbering each term (the date tells them apart).
- In a Party symbol "TT" is a Thông tri and "QĐi" a Quy định.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "DOC_NUMBER_PATTERN",
    "NATIONAL_CODES",
    "TYPE_NAMES",
    "DocNumber",
    "DocNumberError",
    "find_doc_numbers",
    "parse_doc_number",
]

# Decree 30/2020/NĐ-CP, Phụ lục III.
_ADMINISTRATIVE_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "GN": "Bản ghi nhớ",
    "TTh": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
}
# Legal normative documents (Luật Ban hành văn bản quy phạm pháp luật) and older forms.
_LEGAL_TYPES: dict[str, str] = {
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "NQLT": "Nghị quyết liên tịch",
    "PL": "Pháp lệnh",
    "L": "Lệnh",
}
# Party documents (Hướng dẫn 36-HD/VPTW) that Decree 30 does not name.
_PARTY_ONLY_TYPES: dict[str, str] = {
    "CV": "Công văn",
    "KL": "Kết luận",
    "QĐi": "Quy định",
}
TYPE_NAMES: dict[str, str] = {**_ADMINISTRATIVE_TYPES, **_LEGAL_TYPES, **_PARTY_ONLY_TYPES}

_PARTY_TYPES = frozenset((
    "NQ", "CT", "QĐ", "ĐA", "HD", "TB", "KH", "BC", "QC", "QyĐ", "CTr", "TTr", "TT",
    *_PARTY_ONLY_TYPES,
))  # fmt: skip
# The same code names a different document in a Party symbol: TT is a Thông tri there.
_PARTY_TYPE_NAMES: dict[str, str] = {"TT": "Thông tri"}
_JOINT_TYPES = frozenset({"TTLT", "NQLT"})
_TYPE_BY_FOLD: dict[str, str] = {code.casefold(): code for code in TYPE_NAMES}

NATIONAL_CODES: tuple[str, ...] = (
    # State bodies.
    "QH", "UBTVQH", "CTN", "CP", "TTg", "VPCP", "UBND", "HĐND",
    "BNV", "BCA", "BQP", "BNG", "BTP", "BTC", "BCT", "BKHĐT", "BTTTT", "BYT", "BGDĐT", "BXD",
    "BGTVT", "BLĐTBXH", "BNNPTNT", "BTNMT", "BVHTTDL", "BKHCN", "NHNN", "TTCP", "KTNN",
    "TANDTC", "VKSNDTC",
    # Party bodies.
    "TW", "TU", "HU", "ĐU", "BCSĐ",
)  # fmt: skip

# A Quốc hội code carries its term: QH13.
_LEGISLATURE = re.compile(r"QH[0-9]*", re.IGNORECASE)

_CLEANUP = str.maketrans(
    {
        "\u00d0": "Đ",
        "\u00f0": "đ",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "*": None,
        "_": None,
    }
)
_PREFIX = re.compile(r"[Ss][ốỐ]:?")
_CODE = r"[A-Za-zĐđ][A-Za-zĐđ0-9&]*"
_CODES = rf"{_CODE}(?:-{_CODE})*"
_GRAMMAR = re.compile(
    r"(?P<number>[0-9]{1,7})?"
    rf"(?:/(?:(?P<year>(?:19|20)[0-9]{{2}})/)?(?P<state>{_CODES})"
    rf"|-(?P<party_type>{_CODE})/(?P<party>{_CODES}))"
)
_LEADING_DIGITS = re.compile(r"[0-9]+")

# The finder is stricter than the parser about what may surround a symbol in prose: codes
# start with a capital (so "5/ha" is no document), spaces may stand only around "/" and the
# Party hyphen (so "590/QĐ-UBND - Tổng hợp" stops at UBND), and a symbol must not sit inside
# a word or number (so dates such as 24/4/2014 and ranks such as 27/63 never start one).
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_FIND_CODE = r"[A-ZĐÐ][A-Za-zĐđÐð0-9&]*"
_FIND_CODES = rf"{_FIND_CODE}(?:[{_DASHES}]{_FIND_CODE})*"
_GAP = r"[ \t\u00a0]*"
DOC_NUMBER_PATTERN: re.Pattern[str] = re.compile(
    r"(?:(?<![^\W_])|(?<=[Ss][ốỐ]))"  # "số31-QĐ/TW" is written without a space
    rf"(?:[0-9]{{1,7}}{_GAP})?"
    rf"(?:/{_GAP}(?:(?:19|20)[0-9]{{2}}{_GAP}/{_GAP})?{_FIND_CODES}"
    rf"|[{_DASHES}]{_GAP}{_FIND_CODE}{_GAP}/{_GAP}{_FIND_CODES})"
    r"(?![^\W_]|[\u0300-\u036f])"  # combining marks too: NFD text
)


class DocNumberError(ValueError):
    """A string that is not a document number-and-symbol; the message is for users."""


@dataclass(frozen=True)
class DocNumber:
    """A parsed số, ký hiệu văn bản; see the module docstring for the forms."""

    written: str
    number: int | None
    year: int | None
    type_code: str | None
    issuer: str
    issuers: tuple[str, ...]
    drafting_unit: str | None
    form: str

    @property
    def doc_type(self) -> str:
        """The full Vietnamese name of the document type: "Quyết định", "Công văn", "Luật"..."""
        if self.type_code is None:
            return "Luật" if self.form == "legal" else "Công văn"
        if self.form == "party" and self.type_code in _PARTY_TYPE_NAMES:
            return _PARTY_TYPE_NAMES[self.type_code]
        return TYPE_NAMES.get(self.type_code, self.type_code)

    @property
    def symbol(self) -> str:
        """The normalised display form: "590/QĐ-UBND", "31-CT/TU", "/BC-SNV"."""
        unit = (self.drafting_unit,) if self.drafting_unit else ()
        tail = "-".join((*self.issuers, *unit))
        if self.form == "party":
            return f"{self._digits()}-{self.type_code}/{tail}"
        head = "" if self.year is None else f"{self.year}/"
        typed = "" if self.type_code is None else f"{self.type_code}-"
        return f"{self._digits()}/{head}{typed}{tail}"

    @property
    def key(self) -> str:
        """Case-insensitive identity for de-duplication: "75/KH-SNGV" and "75/KH-SNgV" share it."""
        return self.symbol.casefold()

    def _digits(self) -> str:
        """The number as written, leading zeros kept (see the module docstring)."""
        if self.number is None:
            return ""
        match = _LEADING_DIGITS.match(_compact(self.written))
        # A DocNumber built by hand may carry any ``written``; ``number`` wins then.
        if match and (match.group().lstrip("0") or "0") == str(self.number):
            return match.group()
        return str(self.number)


def parse_doc_number(text: str, known_codes: Iterable[str] = ()) -> DocNumber:
    """Parse one number-and-symbol such as "Số: 590/QĐ-UBND"; raise DocNumberError if it is not.

    ``known_codes`` are canonical spellings of issuer and unit codes ("SNgV", "SNV", "VP").
    """
    return _parse(text.strip(), _code_spellings(known_codes))


def find_doc_numbers(
    text: str, known_codes: Iterable[str] = ()
) -> list[tuple[DocNumber, int, int]]:
    """Every document number cited in ``text``, with its start and end offsets in ``text``."""
    spellings = _code_spellings(known_codes)
    found: list[tuple[DocNumber, int, int]] = []
    for match in DOC_NUMBER_PATTERN.finditer(text):
        try:
            found.append((_parse(match.group(), spellings), match.start(), match.end()))
        except DocNumberError:
            continue  # a candidate such as "/ SIPAS" that only looks like a symbol
    return found


def _code_spellings(known_codes: Iterable[str]) -> dict[str, str]:
    """Canonical code by its casefolded form; the caller's codes win over the built-in ones."""
    codes = (*NATIONAL_CODES, *(_clean(code).strip() for code in known_codes))
    return {code.casefold(): code for code in codes}


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_CLEANUP)


def _compact(written: str) -> str:
    """The written symbol without noise: "**Số: 7 /2021/TT–BNV**." -> "7/2021/TT-BNV"."""
    text = "".join(_clean(written).split())
    prefix = _PREFIX.match(text)
    if prefix:
        text = text[prefix.end() :]
    return text.lstrip("(").rstrip(".,;:)")


def _parse(written: str, spellings: Mapping[str, str]) -> DocNumber:
    match = _GRAMMAR.fullmatch(_compact(written))
    if match is None:
        raise DocNumberError(f"Không nhận ra số, ký hiệu văn bản: «{_shown(written)}»")
    number = None if match["number"] is None else int(match["number"])
    if match["party_type"] is not None:
        return _party(written, number, match["party_type"], _spelled(match["party"], spellings))
    year = None if match["year"] is None else int(match["year"])
    return _state(written, number, year, _spelled(match["state"], spellings))


def _state(written: str, number: int | None, year: int | None, codes: list[str]) -> DocNumber:
    type_code = _TYPE_BY_FOLD.get(codes[0].casefold())
    rest = codes[1:]
    if type_code is None:
        return _untyped(written, number, year, codes[0], rest)
    if not rest:
        raise DocNumberError(
            f"Thiếu cơ quan ban hành sau loại văn bản «{type_code}»: «{_shown(written)}»"
        )
    if type_code in _JOINT_TYPES:
        return DocNumber(written, number, year, type_code, rest[0], tuple(rest), None, "joint")
    form = "administrative" if year is None else "legal"
    return DocNumber(written, number, year, type_code, rest[0], (rest[0],), _unit(rest[1:]), form)


def _untyped(
    written: str, number: int | None, year: int | None, issuer: str, rest: list[str]
) -> DocNumber:
    """A symbol whose first code is not a type: a Công văn, or a Luật of the Quốc hội."""
    if year is not None:
        if rest or not _LEGISLATURE.fullmatch(issuer):
            raise DocNumberError(
                "Văn bản có năm trong ký hiệu phải có loại văn bản (trừ Luật của Quốc hội): "
                f"«{_shown(written)}»"
            )
        return DocNumber(written, number, year, None, issuer, (issuer,), None, "legal")
    if number is None and not rest:
        raise DocNumberError(f"Thiếu số văn bản: «{_shown(written)}»")
    return DocNumber(written, number, None, None, issuer, (issuer,), _unit(rest), "cong_van")


def _party(written: str, number: int | None, type_text: str, codes: list[str]) -> DocNumber:
    type_code = _TYPE_BY_FOLD.get(type_text.casefold())
    if type_code not in _PARTY_TYPES:
        raise DocNumberError(f"«{type_text}» không phải loại văn bản của Đảng: «{_shown(written)}»")
    issuer, *rest = codes
    return DocNumber(written, number, None, type_code, issuer, (issuer,), _unit(rest), "party")


def _spelled(codes: str, spellings: Mapping[str, str]) -> list[str]:
    """The hyphen-separated codes, each in its canonical spelling when one is known."""
    return [_spelled_code(code, spellings) for code in codes.split("-")]


def _spelled_code(code: str, spellings: Mapping[str, str]) -> str:
    if _LEGISLATURE.fullmatch(code):
        return code.upper()
    return spellings.get(code.casefold(), code)


def _unit(codes: list[str]) -> str | None:
    return "-".join(codes) or None


def _shown(written: str) -> str:
    """The input as quoted in a message, cut short so that a pasted page stays readable."""
    return written if len(written) <= 80 else written[:79] + "…"
