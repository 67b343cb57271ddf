"""What the .xlsx exports share (the header row, the file's bytes) and what the imports do
first (open an uploaded workbook safely)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cchc.lib.bounded import BoundExceeded, Bounds, run_bounded
from cchc.lib.vnformat import format_int

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def heading(sheet: Worksheet, columns: Sequence[tuple[str, float]], row: int = 1) -> None:
    """Write the column names of ``columns`` (name, width in characters) on ``row``: bold,
    wrapped and centred, each column set to its width. Freezing panes is the caller's."""
    for index, (name, width) in enumerate(columns, start=1):
        cell = sheet.cell(row, index, name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = width


# OWASP's rule against formula injection: a text cell that starts with one of these is written
# as text, never as a formula, whatever a user typed into a title or a note.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse_formulas(workbook: Workbook) -> None:
    """Make every text cell that a spreadsheet would take for a formula plain text: stored as
    a string with Excel's quote prefix (shown as typed, never evaluated). Numbers stay numbers."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def workbook_bytes(workbook: Workbook) -> bytes:
    """The .xlsx file of an export, its formula-like texts defused (``defuse_formulas``)."""
    defuse_formulas(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class UnreadableWorkbook(ValueError):
    """The upload is not a workbook that can be read safely; the message says why."""


# Reading a workbook: in a bounded child process (cchc.lib.xlsxchild), like every parsed file.
XLSX_BOUNDS = Bounds(memory_bytes=768 * 1024 * 1024, cpu_seconds=25.0, wall_seconds=25.0)
MAX_ROWS = 50_000


class Sheet:
    """One sheet's cell values, as openpyxl's read-only sheet gives them."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self.rows = rows

    def iter_rows(self, values_only: bool = True) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)


class ReadWorkbook:
    """The sheets of an uploaded workbook, read in the child (cells' values, no formulas)."""

    def __init__(self, sheets: list[Sheet]) -> None:
        self.worksheets = sheets

    def close(self) -> None:
        """Nothing stays open; kept so that callers read like openpyxl's."""


def _value(cell: object) -> object:
    if isinstance(cell, list) and len(cell) == 2:
        kind, text = cell
        if kind == "dt":
            return dt.datetime.fromisoformat(text)
        if kind == "d":
            return dt.date.fromisoformat(text)
        if kind == "t":
            return dt.time.fromisoformat(text)
        if kind == "td":
            return dt.timedelta(seconds=float(text))
    return cell


def open_workbook(
    source: str | Path | IO[bytes], max_rows: int = MAX_ROWS, bounds: Bounds = XLSX_BOUNDS
) -> ReadWorkbook:
    """The uploaded .xlsx's cell values (formulas give their saved values), read in a bounded
    child process once its archive has been checked (cchc.lib.ziparchive): a zip bomb, a
    DOCTYPE or entities, more than ``max_rows`` rows in a sheet, or a file that exhausts the
    child's time or memory is refused with UnreadableWorkbook and a Vietnamese message."""
    with tempfile.TemporaryDirectory() as directory:
        if isinstance(source, str | Path):
            path = Path(source)
        else:
            path = Path(directory) / "upload.xlsx"
            with path.open("wb") as out:
                shutil.copyfileobj(source, out)
            source.seek(0)
        try:
            result = run_bounded("cchc.lib.xlsxchild", [str(path), str(max_rows)], bounds)
        except BoundExceeded as e:
            raise UnreadableWorkbook(
                _("Không đọc xong tệp Excel trong giới hạn thời gian và bộ nhớ cho phép.")
            ) from e
    if not isinstance(result, dict):
        raise UnreadableWorkbook(_("Không đọc được tệp Excel (.xlsx)."))
    error = result.get("error")
    if error == "doctype":
        raise UnreadableWorkbook(
            _(
                "Tệp Excel chứa khai báo DOCTYPE hoặc thực thể XML (Excel không tạo ra), không "
                "xử lý; hãy mở và lưu lại bằng Excel."
            )
        )
    if error == "bomb":
        raise UnreadableWorkbook(_("Tệp Excel có dấu hiệu nén bất thường (zip bomb), không xử lý."))
    if error == "too_many_rows":
        raise UnreadableWorkbook(
            _("Tệp Excel có quá %(rows)s dòng trong một trang tính; hãy chia thành nhiều tệp.")
            % {"rows": format_int(max_rows)}
        )
    if error is not None:
        raise UnreadableWorkbook(
            _("Không đọc được tệp Excel (.xlsx): %(error)s")
            % {"error": result.get("detail") or _("tệp hỏng")}
        )
    return ReadWorkbook(
        [
            Sheet([tuple(_value(cell) for cell in row) for row in rows])
            for rows in result.get("sheets", [])
        ]
    )
