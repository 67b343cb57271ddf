"""What the .xlsx exports share (openpyxl; no Django): the header row and the file's bytes."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def heading(sheet: Worksheet, columns: Sequence[tuple[str, float]], row: int = 1) -> None:
    """Write the column names of ``columns`` (name, width in characters) on ``row``: bold,
    wrapped and centred, each column set to its width. Freezing panes is the caller's."""
    for index, (name, width) in enumerate(columns, start=1):
        cell = sheet.cell(row, index, name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = width


def workbook_bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
