"""What the .xlsx exports share (the header row, the file's bytes) and what the imports do
first (open an uploaded workbook safely)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import openpyxl
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cchc.lib.ziparchive import UnsafeArchive, checked_members

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


class UnreadableWorkbook(ValueError):
    """The upload is not a workbook openpyxl can read safely; the message says why."""


def open_workbook(source: str | Path | IO[bytes]) -> Workbook:
    """The uploaded .xlsx, read-only with the cells' values, once its archive has been checked
    (cchc.lib.ziparchive) so that a zip bomb is refused before openpyxl unpacks it. The caller
    closes it."""
    try:
        checked_members(source)
        return openpyxl.load_workbook(source, read_only=True, data_only=True)
    except UnsafeArchive as e:
        raise UnreadableWorkbook(
            _("Tệp Excel có dấu hiệu nén bất thường (zip bomb), không xử lý.")
        ) from e
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise UnreadableWorkbook(
            _("Không đọc được tệp Excel (.xlsx): %(error)s") % {"error": e}
        ) from e
