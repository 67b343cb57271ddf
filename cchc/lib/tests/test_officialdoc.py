"""Official documents in the Decree 30/2020/NĐ-CP layout (cchc/lib/officialdoc.py): the
produced .docx is opened again with python-docx and its layout checked."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length

from cchc.lib.officialdoc import (
    Header,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    place_and_date,
    render,
)

REPORT = OfficialDocument(
    header=Header(
        issuing_body="Sở Nội vụ",
        number="106/BC-SNV",
        place="Quảng Ngãi",
        date=dt.date(2025, 2, 5),
        parent_body="UBND tỉnh Quảng Ngãi",
    ),
    doc_type="Báo cáo",
    subject="Tình hình thực hiện nhiệm vụ cải cách hành chính năm 2024",
    blocks=[
        Heading("I. KẾT QUẢ THỰC HIỆN"),
        Paragraph("Tổng số 244 nhiệm vụ, trong đó đã hoàn thành 120 nhiệm vụ. " * 8),
        Table(
            ["Trạng thái", "Tổng số", "Trong hạn", "Quá hạn"],
            [["Chờ tiếp nhận", "77", "14", "63"], ["Tổng cộng", "244", "", ""]],
            widths_cm=(7, 3, 3, 3),
            centred_columns=frozenset({1, 2, 3}),
            bold_last_row=True,
        ),
        Paragraph("Trên đây là báo cáo của Sở Nội vụ."),
    ],
    recipients=["UBND tỉnh (b/c);", "Lưu: VT, CCHC."],
    signature=Signature("Phó Giám đốc", "Nguyễn Văn An", authority="KT. Giám đốc"),
)


def opened(document: OfficialDocument) -> DocxDocument:
    return open_docx(io.BytesIO(render(document)))


def cm(length: Length | None) -> float:
    assert length is not None
    return float(round(length.cm, 2))


def pt(length: Length | None) -> float:
    assert length is not None
    return float(round(length.pt, 1))


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (dt.date(2025, 2, 5), "Quảng Ngãi, ngày 05 tháng 02 năm 2025"),
        (dt.date(2023, 8, 31), "Quảng Ngãi, ngày 31 tháng 8 năm 2023"),
        (dt.date(2024, 1, 10), "Quảng Ngãi, ngày 10 tháng 01 năm 2024"),
        (dt.date(2024, 12, 9), "Quảng Ngãi, ngày 09 tháng 12 năm 2024"),
    ],
)
def test_the_date_line_pads_days_below_10_and_the_first_two_months(day: dt.date, line: str) -> None:
    assert place_and_date("Quảng Ngãi", day) == line


def test_a_draft_leaves_the_date_to_be_written_at_signing() -> None:
    assert place_and_date("Quảng Ngãi", None).startswith("Quảng Ngãi, ngày ")
    assert "tháng" in place_and_date("Quảng Ngãi", None)


def test_the_page_is_a4_portrait_with_the_decree_margins_in_times_new_roman() -> None:
    document = opened(REPORT)
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert (cm(section.page_width), cm(section.page_height)) == (21.0, 29.7)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [cm(m) for m in margins] == [2.0, 2.0, 3.0, 1.5]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "Times New Roman"
    fonts = {run.font.name for p in document.paragraphs for run in p.runs}
    assert fonts == {"Times New Roman"}


def test_the_header_is_a_borderless_two_column_table() -> None:
    document = opened(REPORT)
    header = document.tables[0]
    assert len(header.rows) == 2 and len(header.columns) == 2
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
    left = header.cell(0, 0).paragraphs
    assert [p.text for p in left] == ["UBND TỈNH QUẢNG NGÃI", "SỞ NỘI VỤ", ""]
    parent, body = left[0].runs[0], left[1].runs[0]
    assert (parent.bold, pt(parent.font.size), body.bold, pt(body.font.size)) == (
        False,
        13,
        True,
        13,
    )
    assert left[2]._p.pPr.find(qn("w:pBdr")) is not None  # the short rule
    right = header.cell(0, 1).paragraphs
    assert [p.text for p in right[:2]] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert (pt(right[0].runs[0].font.size), pt(right[1].runs[0].font.size)) == (13, 14)
    assert right[0].runs[0].bold and right[1].runs[0].bold
    assert right[2]._p.pPr.find(qn("w:pBdr")) is not None
    assert header.cell(1, 0).text == "Số: 106/BC-SNV"
    date = header.cell(1, 1).paragraphs[0]
    assert date.text == "Quảng Ngãi, ngày 05 tháng 02 năm 2025"
    assert date.runs[0].italic and pt(date.runs[0].font.size) == 14


def test_the_type_and_subject_are_bold_centred_and_the_body_justified_and_indented() -> None:
    paragraphs = opened(REPORT).paragraphs
    kind, subject = paragraphs[0], paragraphs[1]
    assert (kind.text, subject.text) == (
        "BÁO CÁO",
        "Tình hình thực hiện nhiệm vụ cải cách hành chính năm 2024",
    )
    for paragraph in (kind, subject):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert paragraph.runs[0].bold and pt(paragraph.runs[0].font.size) == 14
    body = next(p for p in paragraphs if p.text.startswith("Tổng số 244"))
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert cm(body.paragraph_format.first_line_indent) == 1.27
    assert pt(body.paragraph_format.space_after) == 6
    assert pt(body.runs[0].font.size) == 14
    heading = next(p for p in paragraphs if p.text == "I. KẾT QUẢ THỰC HIỆN")
    assert heading.runs[0].bold


def test_tables_have_a_bold_header_row_centred_figures_and_an_optional_bold_total() -> None:
    table = opened(REPORT).tables[1]
    assert table.style is not None and table.style.name == "Table Grid"
    assert [c.text for c in table.rows[0].cells] == [
        "Trạng thái",
        "Tổng số",
        "Trong hạn",
        "Quá hạn",
    ]
    assert all(c.paragraphs[0].runs[0].bold for c in table.rows[0].cells)
    assert table.cell(1, 1).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert table.cell(1, 0).paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.CENTER
    assert table.cell(2, 0).paragraphs[0].runs[0].bold
    assert not table.cell(1, 0).paragraphs[0].runs[0].bold


def test_recipients_and_signature_close_the_document() -> None:
    closing = opened(REPORT).tables[-1]
    recipients = closing.cell(0, 0).paragraphs
    assert [p.text for p in recipients] == ["Nơi nhận:", "- UBND tỉnh (b/c);", "- Lưu: VT, CCHC."]
    label = recipients[0].runs[0]
    assert label.bold and label.italic and pt(label.font.size) == 12
    assert pt(recipients[1].runs[0].font.size) == 11
    signature = [p for p in closing.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in signature] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]
    assert all(p.runs[0].bold for p in signature)


def test_pages_are_numbered_at_the_top_from_the_second_page() -> None:
    section = opened(REPORT).sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" in "".join(t.text for t in header._p.iter(qn("w:instrText")))
    assert section.first_page_header.paragraphs[0].text == ""


def test_a_cong_van_has_no_type_and_its_subject_under_the_number() -> None:
    letter = OfficialDocument(
        header=Header("Sở Nội vụ", "812/SNV-CCHC", "Quảng Ngãi", dt.date(2025, 5, 8)),
        doc_type="",
        subject="triển khai Kế hoạch cải cách hành chính năm 2025",
        addressees=["Các sở, ban, ngành tỉnh"],
        blocks=[Paragraph("Thực hiện Kế hoạch số 35/KH-UBND…")],
    )
    document = opened(letter)
    assert document.tables[0].cell(0, 0).paragraphs[0].text == "SỞ NỘI VỤ"
    assert document.tables[0].cell(1, 0).text == (
        "Số: 812/SNV-CCHC\nV/v triển khai Kế hoạch cải cách hành chính năm 2025"
    )
    texts = [p.text for p in document.paragraphs]
    assert "Kính gửi: Các sở, ban, ngành tỉnh" in texts
    assert "BÁO CÁO" not in texts


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_document_to_a_pdf(tmp_path: Path) -> None:
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(render(REPORT))
    subprocess.run(
        [
            "libreoffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / "bao-cao.pdf").read_bytes().startswith(b"%PDF")
