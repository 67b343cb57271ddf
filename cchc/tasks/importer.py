"""Reading a plan's tasks from an .xlsx file or from the annex table of a .docx decision, for
``import_plan`` and the upload page.

The table is found below the annex's title lines ("PHỤ LỤC …", "(Kèm theo Quyết định số …)"):
its header row is the first that names at least the task's content and its lead unit. Columns
are recognised by today's codes (``stt, noi_dung, don_vi_chu_tri, don_vi_phoi_hop,
han_hoan_thanh, san_pham, van_ban_giao``, optionally ``trang_thai`` and ``ngay_hoan_thanh``) or
by the words provinces write ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối
hợp", "Thời gian hoàn thành", "Sản phẩm", "Văn bản giao"…); other columns ("Ghi chú",
"Kinh phí") are left aside. Required: the content, the lead unit and the deadline. A row
numbering the columns ("(1)", "(2)", …) is skipped.

- Group rows (a heading such as "I. CẢI CÁCH THỂ CHẾ" or "1. Cải cách TTHC", with neither a
  lead unit nor a deadline) give the tasks below them their reform area ("Cải cách thể chế",
  or "Cải cách thể chế › Xây dựng văn bản" under a sub-group).
- Units are given by code or by exact name (case and spacing aside); several cooperating units
  are separated by commas or semicolons (a comma inside a unit's name, "Sở Văn hóa, Thể thao
  và Du lịch", is understood). A unit must be in operation on the task's deadline (or, for a
  standing task, on the date of its document).
- Deadlines: a date (dd/mm/yyyy or an Excel date cell, "Trước 30/6/2026"), a quarter ("Quý
  II/2026": its last day), a month ("Tháng 6/2026"), a half-year ("6 tháng đầu năm 2026"), a
  year ("Năm 2026") or a standing task ("Thường xuyên", "Hằng năm": no deadline); the text as
  written is kept beside the date when it was not a plain date.
- ``van_ban_giao`` (optional) is a number-and-symbol, optionally with its date ("1763/UBND-NC
  ngày 31/5/2023"); empty or absent means the plan's own document.
- ``trang_thai`` is a status code (cho_tiep_nhan … da_huy) or its Vietnamese label; empty
  means chờ tiếp nhận. A task reported done (chờ kết thúc, đã hoàn thành) needs
  ``ngay_hoan_thanh``; other statuses must leave it empty.

Every row is checked before anything is written; ``PlanImportError`` lists every problem once,
as "Dòng N, cột X: …" (N is the row of the sheet or of the annex table, X the column's header).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from cchc.documents.actions import DocumentError
from cchc.lib.cells import cell_key, cell_text
from cchc.lib.text import fold, nfc, search_tokens
from cchc.lib.xlsx import UnreadableWorkbook, heading, open_workbook, workbook_bytes
from cchc.lib.ziparchive import UnsafeArchive, checked_members
from cchc.orgs.models import Unit
from cchc.tasks import deadline as rule
from cchc.tasks.actions import (
    DocumentRef,
    TaskRow,
    ambiguous_message,
    matching_documents,
    unit_problem,
)
from cchc.tasks.models import Status

COLUMNS = [
    "stt",
    "noi_dung",
    "don_vi_chu_tri",
    "don_vi_phoi_hop",
    "han_hoan_thanh",
    "san_pham",
    "van_ban_giao",
]
OPTIONAL_COLUMNS = ["trang_thai", "ngay_hoan_thanh"]
REQUIRED_COLUMNS = ["noi_dung", "don_vi_chu_tri", "han_hoan_thanh"]
# The words of the headers provinces write, by column; the first column whose words a header
# holds wins, so the more specific come first ("Văn bản giao nhiệm vụ" before "nhiệm vụ").
HEADER_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("ngay_hoan_thanh", ("ngay hoan thanh",)),
    ("trang_thai", ("trang thai", "tinh trang")),
    ("stt", ("stt", "tt", "so thu tu")),
    ("don_vi_phoi_hop", ("phoi hop",)),
    ("don_vi_chu_tri", ("chu tri", "don vi thuc hien", "co quan thuc hien")),
    (
        "han_hoan_thanh",
        ("thoi gian hoan thanh", "thoi han hoan thanh", "han hoan thanh", "thoi gian thuc hien",
         "thoi han", "tien do hoan thanh", "thoi gian"),
    ),
    ("van_ban_giao", ("van ban giao", "van ban chi dao", "van ban giao nhiem vu", "can cu")),
    ("san_pham", ("san pham", "ket qua du kien", "ket qua dau ra")),
    ("noi_dung", ("noi dung", "nhiem vu", "ten nhiem vu", "cong viec")),
]  # fmt: skip
HEADER_SEARCH_ROWS = 30  # the header row is looked for among the first rows
UNIT_SEPARATOR = ","
# Other words for a status that older software and reports use; "khac" is the row of
# ``task_stats`` that counts tasks adjusted away.
STATUS_SYNONYMS = {
    "chua hoan thanh": Status.DANG_THUC_HIEN,
    "khong thuc hien": Status.DA_HUY,
    "khac": Status.DA_HUY,
}
_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_REF = re.compile(r"(?P<symbol>.+?)\s+ngày\s+(?P<day>\S+)\s*$", re.IGNORECASE)
_DATE_LIKE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
_GROUP = re.compile(r"^(?P<number>[IVXLC]+|\d+|[a-zđ])[.)]?\s+(?P<title>\S.*)$")
_ROMAN = re.compile(r"^[IVXLC]+$")
# Deadlines as plans write them (folded text).
_STANDING = ("thuong xuyen", "hang nam", "hang quy", "hang thang", "lien tuc", "dinh ky")
_QUARTER = re.compile(r"quy\s+(iv|iii|ii|i|[1-4])\b\s*(?:/|-|nam)\s*(\d{4})")
_MONTH = re.compile(r"thang\s+(\d{1,2})\s*(?:/|-|nam)\s*(\d{4})")
_HALF = re.compile(r"(?:6|sau)\s+thang\s+(dau|cuoi)\s+nam\s+(\d{4})")
_YEAR = re.compile(r"\bnam\s+(\d{4})\b")
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


class PlanImportError(Exception):
    """The file cannot be imported; ``errors`` are Vietnamese lines, nothing was written."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def parse_day(value: object) -> dt.date:
    """A dd/mm/yyyy text or an Excel date cell; ValueError for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DAY.fullmatch(str(value).strip())
    if match is None:
        raise ValueError(value)
    day, month, year = (int(part) for part in match.groups())
    return dt.date(year, month, day)


def _end_of_month(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def parse_deadline(value: object) -> tuple[dt.date | None, str]:
    """A deadline cell: (the date, or None for a standing task; the text as written when it
    was not a plain date, else ""). ValueError when it is not a deadline (see the module)."""
    if isinstance(value, dt.date):
        return parse_day(value), ""
    text = cell_text(value)
    try:
        return parse_day(text), ""
    except ValueError:
        pass
    words = " ".join(fold(text).replace(",", " ").split())
    if any(word in words for word in _STANDING) and not _DAY.search(words):
        return None, text
    if match := _DAY.search(words):
        return parse_day(match.group(0)), text
    quarters = [(int(year), _QUARTERS[number]) for number, year in _QUARTER.findall(words)]
    if quarters:
        year, quarter = max(quarters)
        return _end_of_month(year, 3 * quarter), text
    if match := _HALF.search(words):
        year = int(match.group(2))
        return (dt.date(year, 6, 30) if match.group(1) == "dau" else dt.date(year, 12, 31)), text
    months = [(int(year), int(month)) for month, year in _MONTH.findall(words)]
    if months and all(1 <= month <= 12 for _, month in months):
        year, month = max(months)
        return _end_of_month(year, month), text
    years = [int(year) for year in _YEAR.findall(words)]
    if years:
        return dt.date(max(years), 12, 31), text
    raise ValueError(text)


def parse_document_ref(text: str) -> DocumentRef:
    """ "590/QĐ-UBND" or "590/QĐ-UBND ngày 10/01/2025"; ValueError for a bad date."""
    text = nfc(text).strip()
    match = _REF.fullmatch(text)
    if match is None:
        return DocumentRef(text)
    return DocumentRef(match["symbol"].strip(), parse_day(match["day"]))


def status_of(text: str) -> str | None:
    """The status code for a code, a Vietnamese label or a synonym; None if unknown."""
    word = fold(text).replace("_", " ")
    for status in Status:
        if word in (status.value.replace("_", " "), fold(str(status.label))):
            return status.value
    return STATUS_SYNONYMS.get(word)


def column_of(header: str) -> str | None:
    """The column a header names: one of the codes, or recognised by its words."""
    key = cell_key(header)
    if key in COLUMNS + OPTIONAL_COLUMNS:
        return key
    words = " " + " ".join(search_tokens(header)) + " "
    for column, phrases in HEADER_WORDS:
        if any(f" {phrase} " in words for phrase in phrases):
            return column
    return None


def read_plan_file(
    source: str | Path | IO[bytes], plan_document: DocumentRef, name: str = ""
) -> list[TaskRow]:
    """The checked rows of the file (.xlsx, or .docx by ``name`` or the path's suffix: its
    annex table); PlanImportError with every problem otherwise.

    ``plan_document`` is the plan's own document, which rows with an empty ``van_ban_giao``
    refer to.
    """
    suffix = (name or (str(source) if isinstance(source, str | Path) else "")).lower()
    if suffix.endswith(".docx"):
        return _Checker(plan_document).check(_docx_rows(source))
    try:
        workbook = open_workbook(source)
    except UnreadableWorkbook as e:
        raise PlanImportError([str(e)]) from e
    try:
        sheet = workbook.worksheets[0]
        return _Checker(plan_document).check(list(sheet.iter_rows(values_only=True)))
    finally:
        workbook.close()


def _docx_rows(source: str | Path | IO[bytes]) -> list[tuple[Any, ...]]:
    """The rows of the decision's table that holds the plan (the first whose header names the
    content and the lead unit), cell by cell; a cell merged across columns counts once."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        checked_members(source)
        document = docx.Document(source)  # type: ignore[arg-type]
    except UnsafeArchive as e:
        raise PlanImportError(
            [_("Tệp Word có dấu hiệu nén bất thường (zip bomb), không xử lý.")]
        ) from e
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, OSError, ValueError) as e:
        raise PlanImportError(
            [_("Không đọc được tệp Word (.docx): %(error)s") % {"error": e}]
        ) from e
    for table in document.tables:
        rows: list[tuple[Any, ...]] = []
        for row in table.rows:
            cells: list[str] = []
            previous = None
            for cell in row.cells:
                cells.append(
                    "" if cell._tc is previous else "\n".join(p.text for p in cell.paragraphs)
                )
                previous = cell._tc
            rows.append(tuple(cells))
        if _header_index(rows) is not None:
            return rows
    raise PlanImportError(
        [_("Văn bản không có bảng nhiệm vụ (cần cột nội dung nhiệm vụ và cơ quan chủ trì).")]
    )


def _header_index(rows: list[tuple[Any, ...]]) -> int | None:
    for index, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {column_of(cell_text(value)) for value in values if cell_text(value)}
        if {"noi_dung", "don_vi_chu_tri"} <= found:
            return index
    return None


def _numbering(number: str) -> str:
    """The style of an item's number: "I." → "R.", "2." → "9.", "1.2" → "9.9", "b)" → "a)"."""
    style = re.sub(r"\d+", "9", number.strip())
    style = re.sub(r"^[IVXLC]+", "R", style)
    return re.sub(r"^[a-zđ]", "a", style)


def _title_case(text: str) -> str:
    """A heading written in capitals as a sentence: "CẢI CÁCH THỂ CHẾ" → "Cải cách thể chế"."""
    text = text.strip().rstrip(":").strip()
    return text[:1] + text[1:].lower() if text.isupper() else text


class _Checker:
    def __init__(self, plan_document: DocumentRef) -> None:
        self.errors: list[str] = []
        self.labels: dict[str, str] = {}
        self.units = _UnitIndex(Unit.objects.all())
        self.today = timezone.localdate()
        self.plan_document = plan_document
        self.plan_document_date = self._document_date(plan_document)
        # The open group headings: their level, title and numbering style.
        self.areas: list[tuple[int, str, str]] = []

    def check(self, rows: list[tuple[Any, ...]]) -> list[TaskRow]:
        header_at = _header_index(rows)
        if header_at is None:
            raise PlanImportError(
                [
                    _(
                        "Không tìm thấy dòng tên cột trong %(n)d dòng đầu: cần ít nhất cột nội "
                        "dung nhiệm vụ (noi_dung, «Nội dung nhiệm vụ») và cơ quan chủ trì "
                        "(don_vi_chu_tri, «Cơ quan chủ trì»)."
                    )
                    % {"n": HEADER_SEARCH_ROWS}
                ]
            )
        columns = self._columns(header_at + 1, rows[header_at])
        if self.errors:
            raise PlanImportError(self.errors)
        checked: list[TaskRow] = []
        seen_numbers: dict[str, int] = {}
        for line, values in enumerate(rows[header_at + 1 :], start=header_at + 2):
            cells = {
                name: cell_text(values[index]) if index < len(values) else ""
                for name, index in columns.items()
            }
            raw = {name: values[index] for name, index in columns.items() if index < len(values)}
            filled = [cell for cell in cells.values() if cell]
            if not filled or all(_COLUMN_NUMBER.match(cell) for cell in filled):
                continue
            if self._group(cells):
                continue
            row = self._row(line, cells, raw)
            if row is None:
                continue
            if row.item_number:
                key = f"{row.reform_area}/{row.item_number}"
                if key in seen_numbers:
                    self._error(
                        line,
                        "stt",
                        _("số thứ tự %(stt)s đã có ở dòng %(other)d.")
                        % {"stt": row.item_number, "other": seen_numbers[key]},
                    )
                seen_numbers.setdefault(key, line)
            checked.append(row)
        if not checked and not self.errors:
            self.errors.append(_("Tệp không có dòng nhiệm vụ nào."))
        if self.errors:
            raise PlanImportError(list(dict.fromkeys(self.errors)))
        return checked

    def _columns(self, line: int, header: tuple[Any, ...]) -> dict[str, int]:
        columns: dict[str, int] = {}
        for index, value in enumerate(header):
            text = cell_text(value)
            name = column_of(text) if text else None
            if name is None:
                continue  # a column the import does not use ("Ghi chú", "Kinh phí")
            if name in columns:
                self.errors.append(
                    _("Dòng %(line)d, cột %(name)s: cột bị lặp.") % {"line": line, "name": text}
                )
            else:
                columns[name] = index
                self.labels[name] = " ".join(text.split())
        missing = [name for name in REQUIRED_COLUMNS if name not in columns]
        if missing:
            self.errors.append(
                _("Dòng %(line)d: thiếu cột %(columns)s.")
                % {"line": line, "columns": ", ".join(missing)}
            )
        return columns

    def _group(self, cells: dict[str, str]) -> bool:
        """Whether the row is a group heading (no lead unit, no deadline); it opens an area."""
        if cells.get("don_vi_chu_tri") or cells.get("han_hoan_thanh"):
            return False
        words = [cells.get(name, "") for name in ("stt", "noi_dung")]
        text = " ".join(dict.fromkeys(word for word in words if word))
        if not text:
            return False
        match = _GROUP.match(text)
        number, title = (match["number"], match["title"]) if match else ("", text)
        level = 0 if not number or _ROMAN.match(number) else 1 if number.isdigit() else 2
        self.areas = [area for area in self.areas if area[0] < level]
        self.areas.append((level, _title_case(title), _numbering(text.split()[0])))
        return True

    def _close_sibling_groups(self, number: str) -> None:
        """A task numbered like an open group ("2." after the group "1.") is that group's
        sibling: the group, and those under it, end above it."""
        style = _numbering(number)
        for index, area in enumerate(self.areas):
            if area[2] == style:
                del self.areas[index:]
                return

    def _row(self, line: int, cells: dict[str, str], raw: dict[str, Any]) -> TaskRow | None:
        errors_before = len(self.errors)
        if cells.get("stt"):
            self._close_sibling_groups(cells["stt"])
        if not cells["noi_dung"]:
            self._error(line, "noi_dung", _("không được để trống."))
        deadline, deadline_text = self._deadline(line, raw.get("han_hoan_thanh"))
        completed_on = self._day(line, "ngay_hoan_thanh", raw.get("ngay_hoan_thanh"))
        status = self._status(line, cells.get("trang_thai", ""), completed_on)
        source = self._source(line, cells.get("van_ban_giao", ""))
        document_date = (
            self._document_date(source) if source is not None else self.plan_document_date
        )
        day = deadline or document_date or self.today
        lead = self._lead_unit(line, cells["don_vi_chu_tri"], day)
        cooperating = self._cooperating_units(line, cells.get("don_vi_phoi_hop", ""), day)
        if len(self.errors) > errors_before or lead is None:
            return None
        return TaskRow(
            line=line,
            content=cells["noi_dung"],
            lead_unit=lead,
            cooperating_units=tuple(cooperating),
            deadline=deadline,
            expected_output=cells.get("san_pham", ""),
            item_number=cells.get("stt", ""),
            source=source,
            status=status or Status.CHO_TIEP_NHAN,
            completed_on=completed_on,
            deadline_text=deadline_text,
            reform_area=" › ".join(area[1] for area in self.areas),
        )

    def _deadline(self, line: int, value: object) -> tuple[dt.date | None, str]:
        if value is None or cell_text(value) == "":
            return None, ""
        try:
            day, text = parse_deadline(value)
        except ValueError:
            if _DATE_LIKE.fullmatch(cell_text(value)):  # a date that is not one: say so
                self._day(line, "han_hoan_thanh", value)
                return None, ""
            self._error(
                line,
                "han_hoan_thanh",
                _(
                    "«%(value)s» không phải thời hạn (dd/mm/yyyy, «Quý II/2026», «Tháng "
                    "6/2026», «Trước 30/6/2026», «Năm 2026» hoặc «Thường xuyên»)."
                )
                % {"value": cell_text(value)},
            )
            return None, ""
        if day is not None and not dt.date(1990, 1, 1) <= day <= dt.date(2100, 12, 31):
            self._error(
                line, "han_hoan_thanh", _("năm %(year)d không hợp lệ.") % {"year": day.year}
            )
            return None, ""
        return day, text

    def _day(self, line: int, column: str, value: object) -> dt.date | None:
        if value is None or cell_text(value) == "":
            return None
        try:
            day = parse_day(value)
        except ValueError:
            self._error(
                line,
                column,
                _("«%(value)s» không phải ngày dd/mm/yyyy.") % {"value": cell_text(value)},
            )
            return None
        if not dt.date(1990, 1, 1) <= day <= dt.date(2100, 12, 31):
            self._error(line, column, _("năm %(year)d không hợp lệ.") % {"year": day.year})
            return None
        return day

    def _status(self, line: int, text: str, completed_on: dt.date | None) -> str | None:
        status = status_of(text) if text else Status.CHO_TIEP_NHAN
        if status is None:
            codes = ", ".join(Status.values)
            self._error(
                line,
                "trang_thai",
                _("«%(value)s» không phải trạng thái (%(codes)s hoặc tên tiếng Việt).")
                % {"value": text, "codes": codes},
            )
            return None
        if status in rule.DONE and completed_on is None:
            self._error(
                line,
                "ngay_hoan_thanh",
                _("nhiệm vụ «%(status)s» phải có ngày hoàn thành.")
                % {"status": Status(status).label},
            )
        elif status not in rule.DONE and completed_on is not None:
            self._error(
                line,
                "ngay_hoan_thanh",
                _("chỉ ghi ngày hoàn thành cho nhiệm vụ chờ kết thúc hoặc đã hoàn thành."),
            )
        elif completed_on is not None and completed_on > self.today:
            self._error(line, "ngay_hoan_thanh", _("ngày hoàn thành sau ngày hôm nay."))
        return status

    def _source(self, line: int, text: str) -> DocumentRef | None:
        if not text:
            return None
        try:
            ref = parse_document_ref(text)
            matches = matching_documents(ref)
        except ValueError:
            self._error(line, "van_ban_giao", _("ngày ban hành không phải ngày dd/mm/yyyy."))
            return None
        except DocumentError as e:
            self._error(line, "van_ban_giao", str(e))
            return None
        if len(matches) > 1:
            self._error(line, "van_ban_giao", ambiguous_message(ref))
            return None
        return ref

    def _document_date(self, ref: DocumentRef) -> dt.date | None:
        if ref.date is not None:
            return ref.date
        try:
            matches = matching_documents(ref)
        except DocumentError:
            return None
        return matches[0].date if len(matches) == 1 else None

    def _lead_unit(self, line: int, text: str, day: dt.date) -> Unit | None:
        if not text:
            self._error(line, "don_vi_chu_tri", _("không được để trống."))
            return None
        unit = self.units.find(text, day)
        if unit is None:
            self._error(line, "don_vi_chu_tri", self.units.not_found(text))
            return None
        return self._active(line, "don_vi_chu_tri", unit, day)

    def _cooperating_units(self, line: int, text: str, day: dt.date) -> list[Unit]:
        found: list[Unit] = []
        parts = [part.strip() for part in re.split(r"[,;\n]", text)]
        start = 0
        while start < len(parts):
            if not parts[start]:
                start += 1
                continue
            # The longest run of parts that names a unit: names may contain the separator.
            for end in range(len(parts), start, -1):
                unit = self.units.find(f"{UNIT_SEPARATOR} ".join(parts[start:end]), day)
                if unit is not None:
                    if self._active(line, "don_vi_phoi_hop", unit, day):
                        found.append(unit)
                    start = end
                    break
            else:
                self._error(line, "don_vi_phoi_hop", self.units.not_found(parts[start]))
                start += 1
        return found

    def _active(self, line: int, column: str, unit: Unit, day: dt.date) -> Unit | None:
        problem = unit_problem(unit, day)
        if problem is not None:
            self._error(line, column, problem)
            return None
        return unit

    def _error(self, line: int, column: str, message: str) -> None:
        """One problem, naming the row and the column as its header is written."""
        self.errors.append(
            _("Dòng %(line)d, cột %(column)s: %(message)s")
            % {"line": line, "column": self.labels.get(column, column), "message": message}
        )


class _UnitIndex:
    """Units by code and by name, both compared without regard to case and spacing."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.by_code: dict[str, Unit] = {}
        self.by_name: dict[str, list[Unit]] = {}
        for unit in units:
            self.by_code[cell_key(unit.code)] = unit
            self.by_name.setdefault(cell_key(unit.name), []).append(unit)

    def find(self, text: str, day: dt.date) -> Unit | None:
        """The unit with this code or name; of several with one name, the one in operation
        on ``day`` (or the first, whose validity is then reported)."""
        key = cell_key(text)
        if key in self.by_code:
            return self.by_code[key]
        named = self.by_name.get(key, [])
        active = [unit for unit in named if unit.is_active_on(day)]
        candidates = active or named
        return candidates[0] if candidates else None

    def not_found(self, text: str) -> str:
        return _("không có đơn vị mã hoặc tên «%(text)s».") % {"text": text}


# The template offered on the import page: an annex as provinces write it.
TEMPLATE_HEADER = [
    ("STT", 6),
    ("Nội dung nhiệm vụ", 50),
    ("Cơ quan chủ trì", 24),
    ("Cơ quan phối hợp", 28),
    ("Thời gian hoàn thành", 18),
    ("Sản phẩm", 28),
    ("Văn bản giao", 24),
]
TEMPLATE_ROWS: list[list[str]] = [
    ["I", "CẢI CÁCH THỂ CHẾ", "", "", "", "", ""],
    ["1", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh", "Sở Tư pháp",
     "Sở Nội vụ", "Quý II/2026", "Báo cáo kết quả rà soát", ""],
    ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", "", "", ""],
    ["1", "Công bố, công khai danh mục thủ tục hành chính", "Văn phòng Ủy ban nhân dân tỉnh",
     "", "Thường xuyên", "Quyết định công bố", ""],
    ["2", "Kiểm tra công tác cải cách hành chính", "Sở Nội vụ", "Sở Tư pháp",
     "Trước 30/6/2026", "Kết luận kiểm tra", ""],
]  # fmt: skip


def plan_template() -> bytes:
    """The .xlsx template: the annex's title lines, the header row and example rows (a group
    per reform area, deadlines in the forms the import reads)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Phụ lục")
    sheet.append([_("PHỤ LỤC")])
    sheet.append([_("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM …")])
    sheet.append([_("(Kèm theo Quyết định số …/QĐ-UBND ngày … tháng … năm … của UBND tỉnh)")])
    sheet.append([])
    heading(sheet, [(_(name), width) for name, width in TEMPLATE_HEADER], row=5)
    sheet.freeze_panes = "A6"
    for row in TEMPLATE_ROWS:
        sheet.append(row)
    sheet.append([])
    sheet.append([
        "",
        _("Dòng nhóm (I, II, 1., 2. không có cơ quan chủ trì) là lĩnh vực cải cách của các "
          "nhiệm vụ bên dưới. Thời gian hoàn thành: dd/mm/yyyy, «Quý II/2026», «Tháng 6/2026», "
          "«Trước 30/6/2026», «Năm 2026» hoặc «Thường xuyên». Văn bản giao để trống: văn bản "
          "ban hành kế hoạch."),
    ])  # fmt: skip
    return workbook_bytes(workbook)
