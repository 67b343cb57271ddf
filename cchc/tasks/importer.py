"""Reading a plan's tasks from an .xlsx file, for ``import_plan`` and the upload page.

The first row of the first sheet names the columns, exactly: ``stt, noi_dung, don_vi_chu_tri,
don_vi_phoi_hop, han_hoan_thanh, san_pham, van_ban_giao`` and, for moving history from older
software, optionally ``trang_thai`` and ``ngay_hoan_thanh``.

- Units are given by code or by exact name (case and spacing aside); several cooperating units
  are separated by commas (a comma inside a unit's name, "Sở Văn hóa, Thể thao và Du lịch",
  is understood). A unit must be in operation on the task's deadline (or, for a standing task,
  on the date of its document).
- Dates are dd/mm/yyyy text or real Excel date cells.
- ``van_ban_giao`` is a number-and-symbol, optionally with its date ("1763/UBND-NC ngày
  31/5/2023"); empty means the plan's own document.
- ``trang_thai`` is a status code (cho_tiep_nhan … da_huy) or its Vietnamese label; empty
  means chờ tiếp nhận. A task reported done (chờ kết thúc, đã hoàn thành) needs
  ``ngay_hoan_thanh``; other statuses must leave it empty.

Every row is checked before anything is written; ``PlanImportError`` lists every problem as
"Dòng N, cột X: …" (N is the row number in the sheet).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.documents.actions import DocumentError
from cchc.lib.cells import cell_key, cell_text
from cchc.lib.text import fold, nfc
from cchc.lib.xlsx import UnreadableWorkbook, open_workbook
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


def read_plan_file(source: str | Path | IO[bytes], plan_document: DocumentRef) -> list[TaskRow]:
    """The checked rows of the file; PlanImportError with every problem otherwise.

    ``plan_document`` is the plan's own document, which rows with an empty ``van_ban_giao``
    refer to.
    """
    try:
        workbook = open_workbook(source)
    except UnreadableWorkbook as e:
        raise PlanImportError([str(e)]) from e
    try:
        sheet = workbook.worksheets[0]
        return _Checker(plan_document).check(sheet.iter_rows(values_only=True))
    finally:
        workbook.close()


class _Checker:
    def __init__(self, plan_document: DocumentRef) -> None:
        self.errors: list[str] = []
        self.units = _UnitIndex(Unit.objects.all())
        self.today = timezone.localdate()
        self.plan_document = plan_document
        self.plan_document_date = self._document_date(plan_document)

    def check(self, rows: Iterable[tuple[Any, ...]]) -> list[TaskRow]:
        lines: Iterator[tuple[Any, ...]] = iter(rows)
        header = next(lines, None)
        columns = self._columns(header or ())
        if self.errors:
            raise PlanImportError(self.errors)
        checked: list[TaskRow] = []
        seen_numbers: dict[str, int] = {}
        for line, values in enumerate(lines, start=2):
            cells = {
                name: cell_text(values[index]) if index < len(values) else ""
                for name, index in columns.items()
            }
            raw = {name: values[index] for name, index in columns.items() if index < len(values)}
            if not any(cells.values()):
                continue
            row = self._row(line, cells, raw)
            if row is None:
                continue
            if row.item_number:
                if row.item_number in seen_numbers:
                    self._error(
                        line,
                        "stt",
                        _("số thứ tự %(stt)s đã có ở dòng %(other)d.")
                        % {"stt": row.item_number, "other": seen_numbers[row.item_number]},
                    )
                seen_numbers.setdefault(row.item_number, line)
            checked.append(row)
        if not checked and not self.errors:
            self.errors.append(_("Tệp không có dòng nhiệm vụ nào."))
        if self.errors:
            raise PlanImportError(self.errors)
        return checked

    def _columns(self, header: tuple[Any, ...]) -> dict[str, int]:
        columns: dict[str, int] = {}
        for index, value in enumerate(header):
            name = cell_text(value)
            if not name:
                continue
            if name not in COLUMNS + OPTIONAL_COLUMNS:
                self.errors.append(
                    _("Dòng 1, cột %(name)s: không phải cột của mẫu (%(columns)s).")
                    % {"name": name, "columns": ", ".join(COLUMNS + OPTIONAL_COLUMNS)}
                )
            elif name in columns:
                self.errors.append(_("Dòng 1, cột %(name)s: cột bị lặp.") % {"name": name})
            else:
                columns[name] = index
        missing = [name for name in COLUMNS if name not in columns]
        if missing:
            self.errors.append(
                _("Dòng 1: thiếu cột %(columns)s.") % {"columns": ", ".join(missing)}
            )
        return columns

    def _row(self, line: int, cells: dict[str, str], raw: dict[str, Any]) -> TaskRow | None:
        errors_before = len(self.errors)
        if not cells["noi_dung"]:
            self._error(line, "noi_dung", _("không được để trống."))
        deadline = self._day(line, "han_hoan_thanh", raw.get("han_hoan_thanh"))
        completed_on = self._day(line, "ngay_hoan_thanh", raw.get("ngay_hoan_thanh"))
        status = self._status(line, cells.get("trang_thai", ""), completed_on)
        source = self._source(line, cells["van_ban_giao"])
        document_date = (
            self._document_date(source) if source is not None else self.plan_document_date
        )
        day = deadline or document_date or self.today
        lead = self._lead_unit(line, cells["don_vi_chu_tri"], day)
        cooperating = self._cooperating_units(line, cells["don_vi_phoi_hop"], day)
        if len(self.errors) > errors_before or lead is None:
            return None
        return TaskRow(
            line=line,
            content=cells["noi_dung"],
            lead_unit=lead,
            cooperating_units=tuple(cooperating),
            deadline=deadline,
            expected_output=cells["san_pham"],
            item_number=cells["stt"],
            source=source,
            status=status or Status.CHO_TIEP_NHAN,
            completed_on=completed_on,
        )

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
        parts = [part.strip() for part in text.split(UNIT_SEPARATOR)]
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
        self.errors.append(
            _("Dòng %(line)d, cột %(column)s: %(message)s")
            % {"line": line, "column": column, "message": message}
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
