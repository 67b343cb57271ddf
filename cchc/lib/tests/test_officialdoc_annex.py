"""Additions to the Decree 30 builder used by the reporting exports: an annex after the
signature in a section of its own (landscape if asked), italic notes after a paragraph,
centred lines, bold rows and column widths that LibreOffice reads too."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document as open_docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length

from cchc.lib import officialdoc as od

HEADER = od.Header("Sở Nội vụ", "/BC-SNV", "Quảng Ngãi", dt.date(2025, 6, 20), "UBND tỉnh")
TABLE = od.Table(
    ["STT", "Đơn vị", "Hồ sơ"],
    [["1", "Sở Tư pháp", "1.000"], ["", "Toàn tỉnh", "1.000"]],
    widths_cm=(1.2, 6.0, 3.0),
    bold_rows=frozenset({1}),
)


def cm(length: Length | None) -> float:
    assert length is not None
    return round(float(length.cm), 2)


def render(**fields: object) -> Document:
    document = od.OfficialDocument(
        header=HEADER,
        doc_type="BÁO CÁO",
        subject="Tình hình",
        blocks=[od.Paragraph("Sở đã ban hành kế hoạch.", note="(Sở Tư pháp)")],
        recipients=["Lưu: VT."],
        signature=od.Signature("GIÁM ĐỐC"),
        **fields,  # type: ignore[arg-type]
    )
    return open_docx(io.BytesIO(od.render(document)))


def test_a_document_without_an_annex_keeps_one_section() -> None:
    assert len(render().sections) == 1


def test_the_annex_follows_the_signature_on_a_landscape_page_numbered_too() -> None:
    document = render(
        annex=[od.Paragraph("PHỤ LỤC", bold=True, centred=True), TABLE], annex_landscape=True
    )
    body, annex = document.sections
    assert annex.start_type == WD_SECTION.NEW_PAGE
    assert annex.orientation == WD_ORIENT.LANDSCAPE
    assert (cm(annex.page_width), cm(annex.page_height)) == (29.7, 21)
    assert (cm(annex.left_margin), cm(annex.right_margin)) == (3, 1.5)
    assert body.different_first_page_header_footer
    assert not annex.different_first_page_header_footer
    assert annex.header.is_linked_to_previous
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts.index("PHỤ LỤC") > texts.index("Sở đã ban hành kế hoạch. (Sở Tư pháp)")
    title = document.paragraphs[texts.index("PHỤ LỤC")]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.paragraph_format.first_line_indent is None


def test_a_note_is_an_italic_run_after_the_text() -> None:
    paragraph = next(p for p in render().paragraphs if p.text.startswith("Sở đã ban hành"))
    assert [(run.text, bool(run.italic)) for run in paragraph.runs] == [
        ("Sở đã ban hành kế hoạch.", False),
        (" (Sở Tư pháp)", True),
    ]
    assert {run.font.name for run in paragraph.runs} == {"Times New Roman"}
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY


def test_a_tables_widths_are_in_its_grid_and_its_chosen_rows_are_bold() -> None:
    table = render(annex=[TABLE]).tables[-1]
    grid = table._tbl.tblGrid.gridCol_lst
    assert [cm(column.w) for column in grid] == [1.2, 6.0, 3.0]
    assert [cm(cell.width) for cell in table.rows[1].cells] == [1.2, 6.0, 3.0]
    assert [cell.text for cell in table.rows[2].cells] == ["", "Toàn tỉnh", "1.000"]
    assert table.rows[2].cells[1].paragraphs[0].runs[0].bold
    assert not table.rows[1].cells[1].paragraphs[0].runs[0].bold
    assert table.rows[0].cells[0]._tc.find(qn("w:p")) is not None


def test_a_tables_header_row_repeats_on_each_page() -> None:
    rows = render(annex=[TABLE]).tables[-1]._tbl.tr_lst
    repeated = [row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for row in rows]
    assert repeated == [True, False, False]
