"""Text extraction per format, with the limits that keep hostile files harmless.

- every file: a size limit (MAX_FILE_BYTES, 20 MB by default; callers may pass their own);
- .txt/.md: UTF-8 or UTF-16 with or without BOM; TCVN3/VNI converted (cchc.ingest.encoding);
- .docx: the zip is checked before anything is unpacked (number of entries, total uncompressed
  size, compression ratio of each entry), then paragraphs and tables are read in document order;
  a layout table (header, signature block: few rows, cells of several paragraphs) gives its
  cells' lines one cell after the other, a data table one line per row with " | " between cells;
  Word's automatic numbering ("1.", "I.", "a)", bullets) is put back before its paragraph;
  text boxes are read after their paragraph; runs in the legacy fonts .VnTime/.VnTimeH (TCVN3)
  and VNI-* are converted by their font;
- .pdf: read in a child process (python -m cchc.ingest.pdftext, through cchc.lib.bounded) with
  memory and CPU limits and a timeout; a page number alone at the top or bottom of a page is
  dropped.
Every refusal is an IngestError with a Vietnamese message.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc.ingest import MAX_FILE_BYTES
from cchc.ingest.encoding import convert_tcvn3, convert_vni, decode_text, fix_legacy
from cchc.ingest.errors import IngestError
from cchc.lib.bounded import BoundExceeded, Bounds, run_bounded
from cchc.lib.ziparchive import ForbiddenMarkup, UnsafeArchive, ZipLimits, checked_members

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "Extracted",
    "Limits",
    "extract_file",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


@dataclass(frozen=True)
class Limits:
    """Limits for one file; the defaults suit periodic reports."""

    max_bytes: int = MAX_FILE_BYTES
    zip_max_entries: int = 2000
    zip_max_total_bytes: int = 200 * 1024 * 1024
    zip_max_ratio: float = 120.0  # uncompressed / compressed size of one entry (text ≈ 5–20)
    # The whole parse runs in a bounded child too (cchc.ingest.core.BOUNDS); the PDF reader's
    # own child must stay inside it.
    pdf_timeout_seconds: float = 10.0
    pdf_memory_bytes: int = 640 * 1024 * 1024


@dataclass
class Extracted:
    text: str
    notices: list[str] = field(default_factory=list)


def _size(size: int) -> str:
    """ "25,3 MB", "512 KB", "100 byte" (Vietnamese decimal comma)."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            text = f"{size / scale:.1f}".rstrip("0").rstrip(".")
            return f"{text.replace('.', ',')} {unit}"
    return f"{size} byte"


def extract_file(path: Path, limits: Limits | None = None) -> Extracted:
    """The text of a file; IngestError (message in Vietnamese) when it is refused."""
    limits = limits or Limits()
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise IngestError(f"Không tìm thấy tệp «{path.name}».") from None
    except OSError as error:
        raise IngestError(f"Không đọc được tệp «{path.name}» ({error.strerror}).") from None
    if not path.is_file():
        raise IngestError(f"«{path.name}» không phải là tệp.")
    if size > limits.max_bytes:
        raise IngestError(f"Tệp quá lớn ({_size(size)}), giới hạn {_size(limits.max_bytes)}.")
    if size == 0:
        raise IngestError("Tệp rỗng.")
    suffix = path.suffix.lower()
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise IngestError(f"Không đọc được tệp «{path.name}» ({error.strerror}).") from None
    if suffix == ".doc" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError(
            "Tệp Word cũ (.doc) không được hỗ trợ; hãy lưu lại dưới dạng .docx hoặc PDF."
        )
    if suffix in (".txt", ".md"):
        return _extract_text(path, limits)
    if suffix == ".docx":
        return _extract_docx(path, limits)
    if suffix == ".pdf":
        return _extract_pdf(path, limits)
    accepted = ", ".join(SUPPORTED_SUFFIXES)
    raise IngestError(f"Không hỗ trợ định dạng tệp «{suffix or path.name}» (chỉ nhận {accepted}).")


# --- text --------------------------------------------------------------------------------------
def _extract_text(path: Path, limits: Limits) -> Extracted:
    try:
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)  # the file may have grown since stat()
    except OSError as error:
        raise IngestError(f"Không đọc được tệp «{path.name}» ({error.strerror}).") from None
    if len(data) > limits.max_bytes:
        raise IngestError(f"Tệp quá lớn, giới hạn {_size(limits.max_bytes)}.")
    if data.startswith(b"%PDF-") or data.startswith(b"PK\x03\x04"):
        raise IngestError(
            "Tệp có đuôi .txt/.md nhưng nội dung là PDF hoặc Word; hãy đặt lại đúng đuôi tệp."
        )
    text, notices = decode_text(data)
    return Extracted(text, notices)


# --- docx --------------------------------------------------------------------------------------
_ZIP_BOMB = "Tệp .docx có dấu hiệu nén bất thường (zip bomb), không xử lý."
_DOCTYPE = (
    "Tệp .docx chứa khai báo DOCTYPE hoặc thực thể XML (Word không tạo ra), không xử lý; "
    "hãy mở và lưu lại bằng Word."
)


def _check_zip(path: Path, limits: Limits) -> None:
    zip_limits = ZipLimits(limits.zip_max_entries, limits.zip_max_total_bytes, limits.zip_max_ratio)
    try:
        names = checked_members(path, zip_limits)
    except ForbiddenMarkup:
        raise IngestError(_DOCTYPE) from None
    except UnsafeArchive:
        raise IngestError(_ZIP_BOMB) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise IngestError(
            "Tệp .docx bị hỏng hoặc không phải tệp Word (.docx); hãy mở và lưu lại bằng Word."
        ) from None
    if "word/document.xml" not in names:
        raise IngestError("Tệp .docx không có nội dung văn bản (thiếu word/document.xml).")


def _extract_docx(path: Path, limits: Limits) -> Extracted:
    _check_zip(path, limits)
    try:
        import docx
        from docx.oxml.ns import qn

        document = docx.Document(str(path))
        reader = _DocxReader(document, qn, _legacy_fonts(path))
        lines = list(reader.body_lines())
    except IngestError:
        raise
    except Exception:  # python-docx and lxml raise many kinds on broken parts
        raise IngestError(
            "Tệp .docx bị hỏng hoặc không phải tệp Word (.docx); hãy mở và lưu lại bằng Word."
        ) from None
    text = "\n".join(lines)
    notices = list(reader.notices)
    if not reader.converted_by_font:
        text, found = fix_legacy(text)
        notices.extend(found)
    return Extracted(text, notices)


def _legacy_fonts(path: Path) -> bool:
    """Whether the document names a TCVN3/VNI font anywhere (cheap test on the raw XML)."""
    with zipfile.ZipFile(path) as archive:
        for name in ("word/document.xml", "word/styles.xml", "word/fontTable.xml"):
            try:
                with archive.open(name) as handle:
                    data = handle.read(64 * 1024 * 1024)
            except KeyError:
                continue
            if b'w:ascii=".Vn' in data or b'w:ascii="VNI' in data or b'w:name=".Vn' in data:
                return True
    return False


_ROMAN_NUMERALS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        numeral = ""
        for amount, letters in _ROMAN_NUMERALS:
            while value >= amount:
                numeral += letters
                value -= amount
        return numeral if fmt == "upperRoman" else numeral.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26] * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


class _Numbering:
    """Word's automatic numbering ("1.", "I.", "a)", bullets), which python-docx's text leaves
    out: numbering.xml levels, numbering from paragraph styles, counters per abstract list."""

    def __init__(self, document: Any, qn: Any) -> None:
        self.qn = qn
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # abstract → ilvl → …
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstract, overrides)
        self.styles: dict[str, tuple[str | None, int | None, str | None]] = {}
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        try:
            numbering = document.part.numbering_part.element
        except Exception:  # no numbering part
            numbering = None
        value = qn("w:val")
        if numbering is not None:
            for abstract in numbering.iterchildren(qn("w:abstractNum")):
                levels: dict[int, tuple[int, str, str]] = {}
                for level in abstract.iterchildren(qn("w:lvl")):
                    start = level.find(qn("w:start"))
                    fmt = level.find(qn("w:numFmt"))
                    text = level.find(qn("w:lvlText"))
                    levels[_int(level.get(qn("w:ilvl")))] = (
                        _int(start.get(value), 1) if start is not None else 1,
                        fmt.get(value, "decimal") if fmt is not None else "decimal",
                        text.get(value, "") if text is not None else "",
                    )
                self.levels[abstract.get(qn("w:abstractNumId"), "")] = levels
            for num in numbering.iterchildren(qn("w:num")):
                abstract_id = num.find(qn("w:abstractNumId"))
                overrides = {}
                for override in num.iterchildren(qn("w:lvlOverride")):
                    start = override.find(qn("w:startOverride"))
                    if start is not None:
                        overrides[_int(override.get(qn("w:ilvl")))] = _int(start.get(value), 1)
                if abstract_id is not None:
                    self.nums[num.get(qn("w:numId"), "")] = (abstract_id.get(value, ""), overrides)
        try:
            styles = document.styles.element
        except Exception:
            styles = None
        if styles is not None:
            for style in styles.iterchildren(qn("w:style")):
                num_id, ilvl = self._num_pr(style)
                based = style.find(qn("w:basedOn"))
                self.styles[style.get(qn("w:styleId"), "")] = (
                    num_id,
                    ilvl,
                    based.get(value) if based is not None else None,
                )

    def _num_pr(self, element: Any) -> tuple[str | None, int | None]:
        qn = self.qn
        ppr = element.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None:
            return None, None
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        return (
            num_id.get(qn("w:val")) if num_id is not None else None,
            _int(ilvl.get(qn("w:val"))) if ilvl is not None else None,
        )

    def label(self, paragraph: Any) -> str:
        """The number Word shows before ``paragraph`` ("1.", "II.", "-"), or ""."""
        if not self.nums:
            return ""
        num_id, ilvl = self._num_pr(paragraph)
        style = paragraph.find(self.qn("w:pPr"))
        style_id = None
        if style is not None:
            style_element = style.find(self.qn("w:pStyle"))
            style_id = style_element.get(self.qn("w:val")) if style_element is not None else None
        for _ in range(10):  # the style chain, for numbering given by the style
            if num_id is not None or style_id is None or style_id not in self.styles:
                break
            style_num, style_ilvl, style_id = self.styles[style_id]
            num_id = style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        ilvl = ilvl or 0
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, [0] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in overrides.items():
                if 0 <= level < 10:
                    counters[level] = start - 1
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else levels[ilvl][0]
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = 0
        _, fmt, text = levels[ilvl]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""
        for level in range(9, -1, -1):
            placeholder = f"%{level + 1}"
            if placeholder in text:
                start, level_fmt, _ = levels.get(level, (1, "decimal", ""))
                count = counters[level] or start
                text = text.replace(placeholder, _format_number(count, level_fmt))
        return text.strip()


def _int(value: object, default: int = 0) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default


class _DocxReader:
    """Lines of a python-docx Document in reading order."""

    def __init__(self, document: Any, qn: Any, legacy_fonts: bool) -> None:
        self.document = document
        self.paragraph_tag = qn("w:p")
        self.table_tag = qn("w:tbl")
        self.sdt_tag = qn("w:sdt")
        self.sdt_content_tag = qn("w:sdtContent")
        self.row_tag = qn("w:tr")
        self.cell_tag = qn("w:tc")
        self.text_box_tag = qn("w:txbxContent")
        self.run_tag = qn("w:r")
        self.font_tag = qn("w:rFonts")
        self.ascii_attr = qn("w:ascii")
        self.hansi_attr = qn("w:hAnsi")
        self.legacy_fonts = legacy_fonts
        self.converted_by_font = False
        self.notices: list[str] = []
        self.numbering = _Numbering(document, qn)

    def body_lines(self) -> Iterator[str]:
        yield from self._block_lines(self.document.element.body)

    def _block_lines(self, parent: Any) -> Iterator[str]:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == self.paragraph_tag:
                yield self._paragraph_text(child)
                for box in child.iter(self.text_box_tag):
                    yield from self._block_lines(box)
            elif tag == self.table_tag:
                yield ""
                yield from self._table_lines(child)
                yield ""
            elif tag == self.sdt_tag:
                for content in child.iterchildren(self.sdt_content_tag):
                    yield from self._block_lines(content)

    def _paragraph_text(self, element: Any) -> str:
        text = self._paragraph_body(element)
        label = self.numbering.label(element)
        return f"{label} {text}" if label and text.strip() else text

    def _paragraph_body(self, element: Any) -> str:
        from docx.text.paragraph import Paragraph

        paragraph = Paragraph(element, self.document)
        if not self.legacy_fonts:
            return str(paragraph.text)
        parts: list[str] = []
        for run in paragraph.runs:
            font = (run.font.name or _style_font(paragraph) or "").lower()
            text = str(run.text)
            if font.startswith(".vn"):
                text = convert_tcvn3(text, upper=font.endswith("h"))
                self._note_font("TCVN3 (phông .VnTime)")
            elif font.startswith("vni"):
                text = convert_vni(text)
                self._note_font("VNI (phông VNI-Times)")
            parts.append(text)
        return "".join(parts)

    def _note_font(self, name: str) -> None:
        self.converted_by_font = True
        message = f"Văn bản dùng bảng mã {name}; đã chuyển sang Unicode, cần kiểm tra lại."
        if message not in self.notices:
            self.notices.append(message)

    def _cells(self, row: Any) -> list[Any]:
        return [cell for cell in row.iterchildren(self.cell_tag)]

    def _cell_lines(self, cell: Any) -> list[str]:
        return [line for line in self._block_lines(cell) if line.strip()]

    def _table_lines(self, table: Any) -> Iterator[str]:
        rows = [self._cells(row) for row in table.iterchildren(self.row_tag)]
        cell_lines = [[self._cell_lines(cell) for cell in row] for row in rows]
        layout = len(rows) <= 4 and any(len(lines) >= 2 for row in cell_lines for lines in row)
        for row in cell_lines:
            if layout:
                for lines in row:
                    yield from lines
                    yield ""
            else:
                cells = [" ".join(line.strip() for line in lines) for lines in row]
                if any(cells):
                    yield " | ".join(cells)


def _style_font(paragraph: Any) -> str | None:
    style = paragraph.style
    while style is not None:
        name = style.font.name
        if name:
            return str(name)
        style = style.base_style
    return None


# --- pdf ---------------------------------------------------------------------------------------
_PDF_ERRORS = {
    "encrypted": "Tệp PDF được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi tải lại.",
    "too_many_pages": "Tệp PDF có quá nhiều trang (quá 500 trang), không xử lý.",
    "memory": "Không đọc được tệp PDF trong giới hạn bộ nhớ cho phép.",
    "invalid": "Tệp PDF bị hỏng hoặc không đọc được.",
}
_BOUND_ERRORS = {
    "time": "Không đọc được tệp PDF trong thời gian cho phép.",
    "memory": "Không đọc được tệp PDF trong giới hạn thời gian và bộ nhớ cho phép.",
    "crashed": "Không đọc được tệp PDF trong giới hạn thời gian và bộ nhớ cho phép.",
}


def _extract_pdf(path: Path, limits: Limits) -> Extracted:
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise IngestError("Tệp không phải PDF hợp lệ (thiếu phần đầu %PDF).")
    bounds = Bounds(
        memory_bytes=limits.pdf_memory_bytes,
        cpu_seconds=limits.pdf_timeout_seconds,
        wall_seconds=limits.pdf_timeout_seconds,
    )
    try:
        result = run_bounded("cchc.ingest.pdftext", [str(path)], bounds)
    except BoundExceeded as exceeded:
        raise IngestError(_BOUND_ERRORS[exceeded.reason]) from None
    if not isinstance(result, dict):
        raise IngestError(_PDF_ERRORS["invalid"])
    if "error" in result:
        raise IngestError(_PDF_ERRORS.get(str(result["error"]), _PDF_ERRORS["invalid"]))
    pages = [str(page) for page in result.get("pages", [])]
    text = "\n".join(_strip_page_number(page) for page in pages)
    if not text.strip():
        raise IngestError(
            "Tệp PDF không có lớp chữ (có thể là bản quét); hãy tải bản .docx hoặc PDF có chữ."
        )
    text, notices = fix_legacy(text)
    return Extracted(text, notices)


def _is_page_number(line: str) -> bool:
    bare = line.strip().strip("-–").strip()
    if bare.lower().startswith(("trang ", "page ")):
        bare = bare.split(" ", 1)[1].split("/")[0].strip()
    return bare.isdigit() and len(bare) <= 3


def _strip_page_number(page: str) -> str:
    lines = page.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and _is_page_number(lines[0]):
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and _is_page_number(lines[-1]):
        lines.pop()
    return "\n".join(lines)
