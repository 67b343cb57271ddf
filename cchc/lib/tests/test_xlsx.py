from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from cchc.lib.tests.hostile import doctype_xlsx
from cchc.lib.xlsx import UnreadableWorkbook, heading, open_workbook, workbook_bytes


def test_the_header_row_is_bold_wrapped_centred_and_sets_the_column_widths() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    heading(sheet, [("Đơn vị", 40), ("Tỷ lệ (%)", 12.5)], row=3)
    read = load_workbook(io.BytesIO(workbook_bytes(workbook))).active
    assert read is not None
    assert [read.cell(3, 1).value, read.cell(3, 2).value] == ["Đơn vị", "Tỷ lệ (%)"]
    assert read.cell(3, 1).font.bold and read.cell(3, 2).alignment.wrap_text
    assert read.cell(3, 2).alignment.horizontal == "center"
    assert read.column_dimensions["A"].width == 40
    assert read.column_dimensions["B"].width == 12.5


def test_every_text_a_spreadsheet_would_take_for_a_formula_is_written_as_text() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    hostile = ['=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)", "\tdde", "\rcr"]
    sheet.append([*hostile, "bình thường", 42, -5])
    data = workbook_bytes(workbook)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    read = load_workbook(io.BytesIO(data)).active
    assert read is not None
    cells = next(iter(read.iter_rows()))
    assert [cell.value for cell in cells[:6]] == hostile
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells[:6])
    assert not cells[6].quotePrefix
    assert (cells[7].value, cells[8].value, cells[8].data_type) == (42, -5, "n")


def test_an_uploaded_workbook_gives_values_never_formulas(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Ngày", "Số"])
    sheet.append([dt.date(2025, 6, 30), 2])
    sheet["C2"] = "=B2*10"
    path = tmp_path / "a.xlsx"
    workbook.save(path)
    rows = list(open_workbook(path).worksheets[0].iter_rows(values_only=True))
    assert rows[1][0] == dt.datetime(2025, 6, 30)  # noqa: DTZ001  (Excel has no zones)
    # openpyxl saves no computed value: the formula's text is never read back.
    assert rows[1][2] is None


def test_a_workbook_with_a_doctype_or_too_many_rows_is_refused(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for n in range(30):
        sheet.append([n])
    data = workbook_bytes(workbook)
    with pytest.raises(UnreadableWorkbook, match="DOCTYPE"):
        open_workbook(io.BytesIO(doctype_xlsx(data)))
    with pytest.raises(UnreadableWorkbook, match="quá 20 dòng"):
        open_workbook(io.BytesIO(data), max_rows=20)
