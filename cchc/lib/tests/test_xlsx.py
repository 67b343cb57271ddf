from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from cchc.lib.xlsx import heading, workbook_bytes


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
