"""A unit's own report (.docx): its letterhead, its narrative and figures by section of the
form, the recipients and signature, and an annex of every figure that applies to its kind."""

from __future__ import annotations

import io

import pytest
from docx import Document as open_docx
from docx.document import Document
from docx.enum.section import WD_ORIENT

from cchc.reporting.exports import unit_report_docx
from cchc.reporting.models import Period, Report, Status
from cchc.reporting.tests.export_data import Filed, cm, file_h1_2025, file_report
from conftest import Province


@pytest.fixture
def filed(h1_2025: Period, province: Province) -> Filed:
    return file_h1_2025(h1_2025, province)


def open_report(report: Report) -> Document:
    return open_docx(io.BytesIO(unit_report_docx(report)))


def texts(document: Document) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


def test_the_report_is_issued_by_the_unit_under_its_parent_body(filed: Filed) -> None:
    document = open_report(filed.stp)
    page = document.sections[0]
    assert (cm(page.page_width), cm(page.page_height)) == (21, 29.7)
    assert (cm(page.left_margin), cm(page.right_margin)) == (3, 1.5)
    header = document.tables[0]
    assert header.cell(0, 0).text == "UBND TỈNH QUẢNG NGÃI\nSỞ TƯ PHÁP\n"
    assert header.cell(1, 0).text == "Số: /BC-STP"
    # Dated the day it was sent.
    assert header.cell(1, 1).text == "Quảng Ngãi, ngày 18 tháng 6 năm 2025"
    lines = texts(document)
    assert lines[lines.index("BÁO CÁO") + 1] == (
        "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2025"
    )


def test_each_section_has_the_units_narrative_then_its_figures(filed: Filed) -> None:
    lines = texts(open_report(filed.stp))
    start = lines.index("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")
    assert lines[start + 1 : start + 3] == [
        "Sở đã ban hành Kế hoạch cải cách hành chính năm 2025.",
        "Sở đã tổ chức 02 cuộc kiểm tra nội bộ.",
    ]
    procedures = lines.index("2. Cải cách thủ tục hành chính")
    assert lines[procedures + 1] == (
        "Sở tiếp tục tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh."
    )
    assert lines[procedures + 2].startswith(
        "Sở Tư pháp tiếp nhận 10.000 hồ sơ thủ tục hành chính (trực tuyến 5.789, "
    )
    assert (
        "Công bố 102 thủ tục hành chính mới, 63 thủ tục sửa đổi, bổ sung, 38 thủ tục thay thế, "
        "9 thủ tục bãi bỏ."
    ) in lines
    institutions = lines.index("1. Cải cách thể chế")
    assert lines[institutions + 1] == "Không có nội dung báo cáo."


def test_the_report_goes_to_sở_nội_vụ_signed_by_the_director(filed: Filed) -> None:
    closing = open_report(filed.stp).tables[-2]
    assert closing.cell(0, 0).text == "Nơi nhận:\n- Sở Nội vụ (tổng hợp);\n- Lưu: VT, STP."
    assert closing.cell(0, 1).text.startswith("GIÁM ĐỐC")


def test_the_annex_lists_every_figure_of_the_units_kind(filed: Filed) -> None:
    document = open_report(filed.stp)
    assert document.sections[-1].orientation == WD_ORIENT.PORTRAIT
    assert "PHỤ LỤC: SỐ LIỆU CẢI CÁCH HÀNH CHÍNH" in texts(document)
    annex = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]
    assert annex[0] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"]
    assert annex[1] == ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "", ""]
    figures = {row[1]: row[2:] for row in annex}
    assert figures["Tổng số hồ sơ TTHC tiếp nhận"] == ["hồ sơ", "10.000"]
    # Ratios are computed for the unit: (1.000 + 7.900) / 9.000.
    assert figures["Tỷ lệ hồ sơ giải quyết đúng hạn (gồm trước hạn)"] == ["%", "98,89"]
    assert figures["Số tin, bài tuyên truyền về CCHC"] == ["tin, bài", "-"]
    assert "Số TTHC công bố mới" in figures


def test_a_district_signs_for_its_peoples_committee_and_skips_department_figures(
    filed: Filed, province: Province
) -> None:
    draft = file_report(filed.period, province.old_commune, Status.DRAFT, dossiers_received=40)
    document = open_report(draft)
    header = document.tables[0]
    assert header.cell(0, 0).text == "UBND HUYỆN BÌNH SƠN\nỦY BAN NHÂN DÂN XÃ BÌNH CHÁNH\n"
    # A draft is dated when it is signed.
    assert header.cell(1, 1).text.startswith("Quảng Ngãi, ngày      tháng")
    closing = document.tables[-2]
    assert closing.cell(0, 1).text.startswith("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
    annex = {row.cells[1].text for row in document.tables[-1].rows}
    assert "Tổng số hồ sơ TTHC tiếp nhận" in annex
    assert "Số TTHC công bố mới" not in annex
