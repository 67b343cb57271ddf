"""A document's own metadata: type, number, place and date, subject, signature, recipients.

Layout (Decree 30/2020/NĐ-CP, Phụ lục I) as it survives conversion to text: the header's two
columns come one after the other (docx, converters) or interleaved line by line (PDF), or the
left one is lost; then the type in capitals ("BÁO CÁO") and the subject (trích yếu) on one or
more lines; a Công văn has no type line but "V/v …" under its number. At the end, "Nơi nhận:"
with its list and the signature block (KT./TL./TM./Q. line, title in capitals, name) in either
order or interleaved. The parser searches rather than assumes positions:

- header zone: the text before the type line (or, without one, before "Kính gửi"/"Căn cứ" or
  the first long paragraph);
- number: a symbol right after "Số"/"Số:" (also across a line break) in the header zone;
- place and date: "<Place>, ngày 05 tháng 01 năm 2020" (day may be blank → "YYYY-MM") or
  "<Place>, ngày 05/01/2020"; an impossible date gives None;
- type: the type line; failing that the type of the own number; failing that "Công văn" when
  there is a "V/v" line;
- subject: the rest of the type line and the lines after it while they continue it (lower-case
  start, or a short line that is not a body opening such as "Căn cứ", "Thực hiện", "Kính gửi");
  for a Công văn the "V/v" text without "V/v";
- signature block: around "Nơi nhận" or the closing "./."; authority lines (KT., TL., TM., Q.,
  TUQ., T/M …) joined by a space, the last other line in capitals as the title, then the first
  line that reads as a person's name; "(Đã ký)" and digital-signature stamps are skipped;
- recipients: the list items after "Nơi nhận:" without bullet and final punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple

from cchc.ingest.dates import iso_date
from cchc.ingest.references import Mention
from cchc.lib.docnumber import TYPE_NAMES
from cchc.lib.text import fold

__all__ = ["TYPE_BY_FOLD", "DocumentMeta", "read_metadata"]

_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"

# Type names a number-and-symbol does not spell with a code of its own.
_EXTRA_TYPES = ("Luật", "Thông tri", "Sắc lệnh")
TYPE_BY_FOLD: dict[str, str] = {fold(name): name for name in (*TYPE_NAMES.values(), *_EXTRA_TYPES)}
_LONGEST_FIRST = sorted(TYPE_BY_FOLD, key=len, reverse=True)

# "Số:" opening its line (a table cell's "|" or spaces may come first), the symbol after it on
# the same line or the next: never the "số" of running text ("Quyết định số 590/QĐ-UBND").
_OWN_NUMBER_PREFIX = re.compile(r"[ |\t]*(?:Số|SỐ|số)\s*[:.]?\s*")
_PLACE_WORD = rf"[{_UPPER}][{_LOWER}]+"
_PLACE = (
    rf"(?:(?:TP|Tp|T\.P)\.\s*|[Tt]hành phố\s+)?{_PLACE_WORD}(?:(?: | ?[-–] ?){_PLACE_WORD}){{0,5}}"
)
_PLACE_DATE = re.compile(
    rf"(?<!\S)(?P<place>{_PLACE})\s*,\s*(?:ngày|Ngày)"
    # Day and month may be left blank ("ngày   tháng 6"); runs are bounded and unambiguous
    # so that no text can make the search backtrack for long. A header table's narrow column
    # may wrap the date after "ngày" ("Tuyên Quang, ngày" / "10 tháng 12 năm 2013").
    r"(?:[ .…_\n]{0,40}(?:(?P<day>\d{1,2})[ .…_]{0,40})?tháng"
    r"[ .…_]{0,40}(?:(?P<month>\d{1,2})[ .…_]{0,40})?năm[ .…_]{0,40}(?P<year>\d{4})"
    r"|\s{0,3}(?P<nday>\d{1,2})\s{0,3}[/.\-]\s{0,3}(?P<nmonth>\d{1,2})\s{0,3}[/.\-]\s{0,3}(?P<nyear>\d{4}))"
)
_VV = re.compile(r"^(?:V/v|V/V|v/v)\s*[:.]?\s*")
_BODY_OPENING = re.compile(
    r"^(?:Căn cứ|Kính gửi|Thực hiện|Theo|Trên cơ sở|Để|Nhằm|Ngày|Qua|Sau khi|Xét|Trong|Tiếp theo"
    r"|Năm \d|Hiện nay|Vừa qua|Thời gian|Nội dung|Phần|Chương|Điều|Mục|Phụ lục|Sở |Ủy ban|UBND"
    r"|Văn phòng|Ban |Chủ tịch|Thừa|Đồng kính gửi|Nơi nhận)"
)
_HEADING_START = re.compile(r"^(?:[IVXLC]{1,6}\s*[.)\-–]|\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-zđ]\))\s")
_NOI_NHAN = re.compile(r"^(?:Nơi nhận|NƠI NHẬN|Nơi gửi)\s*:?\s*")
_AUTHORITY = re.compile(
    rf"^(?:(?:KT|TL|TM|TUQ)(?:\.\s*|\s+)|(?:T/M|K/T|T/L)\.?\s*|Q\.\s*)(?=[{_UPPER}])"
)
_SIGN_NOTE = re.compile(
    r"^(?:\(?\s*\[?(?:đã ký|Đã ký|ĐÃ KÝ|[Kk]ý,|[Kk]ý tên|[Cc]hữ ký|[Kk]ý số|[Đđ]ã ký số|daky)"
    r"|Ký bởi|Email|Thời gian ký|Cơ quan:|Ngày ký)"
)
# A word of a person's name; ethnic names have apostrophes and one-letter words ("H'Bơ", "Y").
_NAME_WORD = rf"[{_UPPER}][{_LOWER}]*(?:['’][{_UPPER}]?[{_LOWER}]*)*"
_NAME = re.compile(rf"^{_NAME_WORD}(?: {_NAME_WORD}){{1,5}}$")
_CAPS_NAME = re.compile(rf"^[{_UPPER}'’]+(?: [{_UPPER}'’]+){{1,4}}$")
_TITLE_WORDS = re.compile(
    r"\b(?:GIÁM ĐỐC|CHỦ TỊCH|CHÁNH|TRƯỞNG|PHÓ|BÍ THƯ|THƯ KÝ|ỦY VIÊN|ỦY BAN|TỔNG|BAN|HỘI ĐỒNG"
    r"|VĂN PHÒNG|THƯỜNG|TRỢ LÝ|ĐẠI DIỆN|CHỈ HUY|SỞ|BỘ|CỤC|VỤ|VIỆN|NGƯỜI|ĐOÀN|ĐẢNG)\b"
)
_BULLET = re.compile(r"^[-+•–*]\s*")
_TAIL_SPLIT = re.compile(rf"[;.,]\s+(?=[{_UPPER}(][^;,]*$)")
# Words that name the kind of a document after its type, not its subject.
_TYPE_QUALIFIERS = frozenset(
    ("tham dinh", "tham tra", "tong ket", "so ket", "giai trinh", "tiep thu", "lien tich",
     "ket luan", "de nghi", "nhanh", "dot xuat", "chuyen de")
)  # fmt: skip
# Capitals after the type line that are the authority issuing it, not its subject.
_AUTHORITY_LINE = re.compile(
    r"^(?:CHỦ TỊCH|ỦY BAN|UỶ BAN|HỘI ĐỒNG|BỘ TRƯỞNG|GIÁM ĐỐC|BAN THƯỜNG VỤ|BAN CHẤP HÀNH"
    r"|TỈNH ỦY|THƯỜNG TRỰC|THỦ TƯỚNG|CHÁNH|TRƯỞNG|KHÓA|KHOÁ|KỲ HỌP|QUYẾT ĐỊNH|QUYẾT NGHỊ)"
)
_VV_ANYWHERE = re.compile(r"(?:^|\s)(?:V/v|V/V|v/v)\s*[:.]?\s*")
# Where an annex begins: its heading, or the line saying what it accompanies.
_APPENDIX = re.compile(
    r"^(?:PHỤ LỤC|Phụ lục|BIỂU|Biểu số|DANH MỤC)\b|^\((?:Ban hành |Được ban hành )?[Kk]èm theo"
    r"|\((?:Ban hành |Được ban hành )?[Kk]èm theo (?:Quyết định|Kế hoạch|Công văn|Báo cáo)"
)


@dataclass
class DocumentMeta:
    doc_type: str | None = None
    symbol: str | None = None
    place: str | None = None
    date: str | None = None
    subject: str | None = None
    authority: str | None = None
    signer_title: str | None = None
    signer: str | None = None
    recipients: list[str] = field(default_factory=list)
    own_span: tuple[int, int] | None = None
    own_doc_type: str | None = None  # the type its own number gives
    body_start: int = 0  # offset just after the header and subject
    body_end: int | None = None  # offset where the signature block starts (None: the end)
    appendix_start: int | None = None  # offset after the signature block, where appendices are

    def to_dict(self) -> dict[str, object]:
        return {
            "doc_type": self.doc_type,
            "symbol": self.symbol,
            "place": self.place,
            "date": self.date,
            "subject": self.subject,
            "authority": self.authority,
            "signer_title": self.signer_title,
            "signer": self.signer,
            "recipients": list(self.recipients),
        }


def _is_caps(line: str) -> bool:
    return line.upper() == line and any(ch.isalpha() for ch in line)


def _title_type(line: str) -> tuple[str, str] | None:
    """(type name, rest of the line) when ``line`` is a type line such as "BÁO CÁO"."""
    if len(line) > 200:
        return None
    bare = line.strip().rstrip(":").strip()
    folded = fold(bare)
    if folded in TYPE_BY_FOLD:
        # Exactly a type name: in capitals, or in any case when it stands alone (a TCVN3 text
        # loses its capitals in conversion).
        return TYPE_BY_FOLD[folded], ""
    if not _is_caps(bare):
        return None
    for name in _LONGEST_FIRST:
        if folded.startswith(name + " "):
            words = len(name.split(" "))
            rest = bare.split(" ", words)[-1].strip()
            if fold(rest) in _TYPE_QUALIFIERS:
                rest = ""  # "BÁO CÁO THẨM ĐỊNH": the kind of report, not its subject
            return TYPE_BY_FOLD[name], rest
    return None


class _Line(NamedTuple):
    text: str
    start: int


def _lines(text: str) -> list[_Line]:
    texts = text.split("\n")
    starts = accumulate((len(line) + 1 for line in texts[:-1]), initial=0)
    return list(map(_Line, texts, starts))


def read_metadata(text: str, mentions: list[Mention]) -> DocumentMeta:
    """The metadata of a normalised text; ``mentions`` are its symbols (references module)."""
    meta = DocumentMeta()
    lines = _lines(text)
    content = [index for index, line in enumerate(lines) if line.text]

    title_index: int | None = None
    title_rest = ""
    for index in content[:40]:
        found = _title_type(lines[index].text)
        if found is not None:
            title_index = index
            meta.doc_type, title_rest = found
            break
        if len(lines[index].text) > 250 or lines[index].text.startswith(("Căn cứ", "Kính gửi")):
            break

    if title_index is not None:
        header_end = lines[title_index].start
    else:
        header_end = _header_end_without_title(lines, content)
    header = text[:header_end]

    _read_own_number(meta, text, header_end, mentions)
    _read_place_date(meta, header)

    if title_index is not None:
        meta.subject, last = _subject_after(lines, content, title_index, title_rest)
        meta.body_start = lines[last].start + len(lines[last].text) if last is not None else 0
    else:
        meta.subject = _vv_subject(lines, content, header_end)
        meta.body_start = header_end
    if meta.doc_type is None:
        if meta.symbol is not None and meta.own_doc_type:
            meta.doc_type = meta.own_doc_type
        elif meta.subject is not None and _has_vv(lines, content, header_end):
            meta.doc_type = "Công văn"
    _read_signature(meta, lines, content)
    return meta


def _header_end_without_title(lines: list[_Line], content: list[int]) -> int:
    for index in content[:30]:
        line = lines[index].text
        if line.startswith(("Kính gửi", "Căn cứ")) or len(line) > 200:
            return lines[index].start
    last = content[min(len(content), 15) - 1] if content else 0
    return lines[last].start + len(lines[last].text) if content else 0


def _after_so(text: str, start: int) -> bool:
    """Whether the symbol at ``start`` follows a "Số:" that opens its line (or the line before)."""
    line_start = text.rfind("\n", 0, start) + 1
    if start - line_start > 24:
        return False
    if _OWN_NUMBER_PREFIX.fullmatch(text, line_start, start):
        return True
    if text[line_start:start].strip(" |\t"):
        return False
    previous_end = line_start - 1
    while previous_end > 0 and text[previous_end - 1] == "\n":
        previous_end -= 1  # blank lines between "Số:" and the symbol
    previous_start = text.rfind("\n", 0, previous_end) + 1
    return _OWN_NUMBER_PREFIX.fullmatch(text, previous_start, previous_end) is not None


def _read_own_number(
    meta: DocumentMeta, text: str, header_end: int, mentions: list[Mention]
) -> None:
    for mention in mentions:
        if mention.start >= header_end:
            break
        if _after_so(text, mention.start):
            meta.symbol = mention.symbol
            meta.own_span = (mention.start, mention.end)
            meta.own_doc_type = mention.doc.doc_type
            return


def _read_place_date(meta: DocumentMeta, header: str) -> None:
    match = _PLACE_DATE.search(header)
    if match is None:
        return
    meta.place = match.group("place")
    if match.group("nyear") is not None:
        day, month, year = (int(match.group(g)) for g in ("nday", "nmonth", "nyear"))
        meta.date = iso_date(year, month, day)
        return
    if match.group("month") is None:
        return
    year, month = int(match.group("year")), int(match.group("month"))
    if match.group("day") is None:
        if iso_date(year, month, 1) is not None:
            meta.date = f"{year:04d}-{month:02d}"
        return
    meta.date = iso_date(year, month, int(match.group("day")))


def _continues_subject(subject: str, line: str) -> bool:
    if not line or subject[-1:] in ".:;!?" or len(line) > 120 or line[-1] in ".:":
        return False
    if _is_caps(line) or _BODY_OPENING.match(line) or _HEADING_START.match(line):
        return False
    if line[0] in '-+•(“"' or _BULLET.match(line):
        return False
    return line[0].islower() or len(line) <= 80


def _subject_after(
    lines: list[_Line], content: list[int], title_index: int, rest: str
) -> tuple[str | None, int | None]:
    parts: list[str] = [rest] if rest else []
    caps = bool(rest) and _is_caps(rest)
    last: int | None = title_index
    following = [index for index in content if index > title_index][:6]
    for index in following:
        line = lines[index].text
        if not parts:
            if _is_caps(line) and not _AUTHORITY_LINE.match(line) and len(line) <= 200:
                caps = True  # a subject printed in capitals ("BAN HÀNH QUY ĐỊNH VỀ …")
                parts.append(line)
                last = index
                continue
            if _is_caps(line) or _BODY_OPENING.match(line) or _HEADING_START.match(line):
                break  # no subject (a QĐ may go straight to its authority line)
            if len(line) > 400:
                break
            parts.append(line)
            last = index
            continue
        if caps:
            if not _is_caps(line) or _AUTHORITY_LINE.match(line) or len(line) > 200:
                break
            parts.append(line)
            last = index
            continue
        if not _continues_subject(" ".join(parts), line):
            break
        parts.append(line)
        last = index
    subject = " ".join(parts).strip() or None
    return subject, last


def _has_vv(lines: list[_Line], content: list[int], header_end: int) -> bool:
    return any(_VV.match(lines[i].text) for i in content if lines[i].start < header_end)


def _vv_subject(lines: list[_Line], content: list[int], header_end: int) -> str | None:
    """The "V/v …" text: at the start of a line, or inside a header run together on one line;
    continued by the next lines of the column (not capitals, not the motto, not a place and
    date, not a body opening)."""
    for position, index in enumerate(content):
        if lines[index].start >= header_end:
            break
        text = lines[index].text
        match = _VV.match(text) or _VV_ANYWHERE.search(text)
        if match is None:
            continue
        parts = [text[match.end() :]]
        for following in content[position + 1 : position + 4]:
            line = lines[following].text
            if lines[following].start >= header_end or not _continues_vv(line):
                break
            parts.append(line)
        return " ".join(parts).strip() or None
    return None


def _continues_vv(line: str) -> bool:
    if line[0].islower():
        return True
    return not (
        _is_caps(line)
        or _BODY_OPENING.match(line)
        or _PLACE_DATE.search(line)
        or line.startswith(("Độc lập", "Số", "CỘNG HÒA", "CỘNG HOÀ"))
        or len(line) > 80
        or line[-1] in ".:;"
    )


def _looks_like_signature(line: str) -> bool:
    """A line of a signature block: authority, title in capitals, name, "(Đã ký)"."""
    if _HEADING_START.match(line) or len(line) > 80:
        return False
    return bool(
        _AUTHORITY.match(line) or _SIGN_NOTE.match(line) or _is_caps(line) or _NAME.match(line)
    )


def _signature_window(lines: list[_Line], content: list[int]) -> list[int]:
    """The lines of the signature block and "Nơi nhận" list (indexes into ``lines``)."""
    noi_nhan = [i for i in content if _NOI_NHAN.match(lines[i].text)]
    closings = [i for i in content if lines[i].text.endswith("/.")]
    if noi_nhan:
        anchor = noi_nhan[0]
        if closings:
            after = [i for i in noi_nhan if i > closings[0]]
            anchor = after[0] if after else noi_nhan[-1]
        before = [i for i in closings if i < anchor]
        if before and anchor - before[-1] <= 14:
            start = before[-1] + 1
        else:  # the signature may stand before "Nơi nhận": walk back over its lines
            position = content.index(anchor)
            while (
                position > 0
                and anchor - content[position - 1] <= 8
                and _looks_like_signature(lines[content[position - 1]].text)
            ):
                position -= 1
            start = content[position]
        window = [i for i in content if start <= i < anchor + 40]
    elif closings:
        window = [i for i in content if closings[-1] < i <= closings[-1] + 25]
    else:  # no "Nơi nhận", no closing: the run of signature-like lines that ends the text
        window = []
        for index in reversed(content[-8:]):
            if not _looks_like_signature(lines[index].text):
                break
            window.insert(0, index)
    kept: list[int] = []
    for index in window:
        if kept and _APPENDIX.search(lines[index].text):
            break
        kept.append(index)
    return kept


def _split_tail(item: str) -> tuple[str, str | None]:
    """An item with signature text glued after it by a PDF's two columns: (item, tail).

    The tail starts after a ";", "." or "," and is an authority line, a title in capitals
    (with a title's word: "TCCV (5)" of "Lưu: VT, TCCV (5)" is the item's own code list), a
    person's name or a signing note ("(Đã ký)"). The longest such tail is taken."""
    if len(item) > 200:
        return item, None
    for match in _TAIL_SPLIT.finditer(item):
        tail = item[match.end() :].strip()
        if (
            _AUTHORITY.match(tail)
            or (_is_caps(tail) and " " in tail and _TITLE_WORDS.search(tail))
            or _NAME.match(tail)
            or _SIGN_NOTE.match(tail)
        ):
            return item[: match.start() + 1], tail
    return item, None


def _clean_item(item: str) -> str:
    return _BULLET.sub("", item).strip().rstrip(";,.").strip()


def _read_signature(meta: DocumentMeta, lines: list[_Line], content: list[int]) -> None:
    authority: list[str] = []
    titles: list[str] = []
    signer: str | None = None
    recipients: list[str] = []
    seen_noi_nhan = False
    listing = False

    def signature_piece(line: str) -> bool:
        nonlocal signer
        if _SIGN_NOTE.match(line):
            return True
        if _AUTHORITY.match(line):
            authority.append(line)
            return True
        if signer is None and _is_caps(line) and len(line) <= 80 and not _HEADING_START.match(line):
            if (titles or authority) and _CAPS_NAME.match(line) and not _TITLE_WORDS.search(line):
                signer = line
            else:
                titles.append(line)
            return True
        if signer is None and (titles or authority) and _NAME.match(line):
            signer = line
            return True
        return False

    window = _signature_window(lines, content)
    if window:
        meta.body_end = lines[window[0]].start
        last = lines[window[-1]]
        meta.appendix_start = last.start + len(last.text)
    for line in (lines[index].text for index in window):
        found = _NOI_NHAN.match(line)
        if found:
            seen_noi_nhan = listing = True
            line = line[found.end() :].strip()
            if not line:
                continue
            if not _BULLET.match(line) and signature_piece(line):
                continue
        if seen_noi_nhan and (_BULLET.match(line) or (listing and not _is_caps(line))):
            if not _BULLET.match(line) and (_NAME.match(line) or _SIGN_NOTE.match(line)):
                listing = False
                signature_piece(line)
                continue
            item, tail = _split_tail(line)
            cleaned = _clean_item(item)
            if cleaned:
                recipients.append(cleaned)
            if tail is not None:
                signature_piece(tail)
            continue
        listing = False
        signature_piece(line)

    meta.authority = " ".join(authority) or None
    meta.signer_title = titles[-1] if titles else None
    meta.signer = signer
    meta.recipients = recipients
