"""The province's compiled report (.docx), as drafted from the reports of
cchc/reporting/tests/export_data.py: Sở Nội vụ's report to UBND tỉnh in the Decree 30 layout,
with the aggregate figures in sentences, the units' narrative condensed and attributed, and an
annex of figures per unit whose last row is the aggregate."""

from __future__ import annotations

import datetime as dt
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document as open_docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.table import Table

from cchc.audit.log import Actor
from cchc.compiling.actions import compiled_or_drafted
from cchc.compiling.document import render
from cchc.documents.actions import DocumentData, register_document
from cchc.orgs.models import Unit
from cchc.reporting.actions import load_config, open_adhoc_period
from cchc.reporting.loading import read_config
from cchc.reporting.models import Period, Status
from cchc.reporting.tests.export_data import Filed, cm, file_report
from conftest import Province


def synthesis(period: Period, root: Unit | None = None) -> Document:
    """The compiled report of ``root``'s subtree (the province's), drafted for reading."""
    scope = root or Unit.objects.root_of(None)
    assert scope is not None
    return open_docx(io.BytesIO(render(compiled_or_drafted(period, scope, "snv"))))


def texts(document: Document) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


def text_of(document: Document) -> str:
    return "\n".join(texts(document))


def rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def annex_table(document: Document, first_figure: str) -> Table:
    return next(
        table
        for table in document.tables
        if len(table.columns) > 2 and table.cell(0, 2).text == first_figure
    )


def test_the_page_is_a4_portrait_with_decree_30_margins_in_times_new_roman(filed: Filed) -> None:
    document = synthesis(filed.period)
    page = document.sections[0]
    assert page.orientation == WD_ORIENT.PORTRAIT
    assert (cm(page.page_width), cm(page.page_height)) == (21, 29.7)
    margins = (page.top_margin, page.bottom_margin, page.left_margin, page.right_margin)
    assert tuple(cm(margin) for margin in margins) == (2, 2, 3, 1.5)
    assert document.styles["Normal"].font.name == "Times New Roman"
    body_fonts = {run.font.name for p in document.paragraphs for run in p.runs if run.text}
    assert body_fonts == {"Times New Roman"}


def test_sở_nội_vụ_reports_to_the_province_under_the_national_header(filed: Filed) -> None:
    document = synthesis(filed.period)
    header = document.tables[0]
    assert header.cell(0, 0).text == "UBND TỈNH QUẢNG NGÃI\nSỞ NỘI VỤ\n"
    assert header.cell(0, 1).text == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    )
    assert header.cell(1, 0).text == "Số: /BC-SNV"
    assert header.cell(1, 1).text.startswith("Quảng Ngãi, ngày ")
    lines = texts(document)
    assert "BÁO CÁO" in lines
    assert (
        "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2025 trên địa bàn tỉnh"
    ) in lines


def test_the_opening_says_who_sent_on_time_late_or_not_at_all(filed: Filed) -> None:
    lines = texts(synthesis(filed.period))
    assert (
        "Có 3/4 cơ quan, đơn vị gửi báo cáo (đúng hạn 2, trễ hạn 1); chưa gửi: Ủy ban nhân dân "
        "xã Bình Chánh; đang hoàn thiện lại, chưa tổng hợp: Ủy ban nhân dân huyện Bình Sơn. Số "
        "liệu dưới đây tổng hợp từ 2 báo cáo đã gửi."
    ) in lines


def test_generated_sentences_state_the_aggregate_figures_the_vietnamese_way(filed: Filed) -> None:
    lines = text_of(synthesis(filed.period))
    assert (
        "Toàn tỉnh tiếp nhận 12.345 hồ sơ thủ tục hành chính (trực tuyến 6.789, trực tiếp 5.345, "
        "qua dịch vụ bưu chính công ích 211), giảm 8,9 % so với cùng kỳ năm 2024 (tính trên "
        "cùng các đơn vị có số liệu ở cả hai kỳ); tỷ lệ hồ sơ nộp trực tuyến đạt 54,99 %; đã "
        "giải quyết 11.000 hồ sơ, trong đó đúng hạn (gồm trước hạn) 98,64 % (trước hạn 1.000, "
        "đúng hạn 9.850, quá hạn 150)."
    ) in lines
    # Only Sở Tư pháp reported both years: 10.000 against its 10.973, not 12.345 against it.
    assert (
        "So sánh với 6 tháng đầu năm 2024 trên 1 đơn vị có số liệu ở cả hai kỳ; không so sánh "
        "1 đơn vị: Sở Nội vụ."
    ) in lines
    assert "Tổ chức 24 lớp đào tạo, bồi dưỡng với 2.319 lượt người tham gia." in lines
    # A rate is weighted by its ratings: (90 × 100 + 70 × 300) / 400, not (90 + 70) / 2.
    assert (
        "Ghi nhận 400 lượt đánh giá sự hài lòng, tỷ lệ hài lòng của người dân, tổ chức đạt 75,00 %."
    ) in lines


def test_each_units_sentence_is_attributed_in_the_order_of_the_tree(filed: Filed) -> None:
    text = text_of(synthesis(filed.period))
    # Two sentences about the plan of 2025 are alike enough to be written once, the units in
    # the tree's order; what Sở Tư pháp alone wrote stays with it.
    assert (
        "Đã tham mưu Kế hoạch cải cách hành chính năm 2025 của tỉnh (Sở Nội vụ và Sở Tư pháp)."
        in text
    )
    assert "Sở đã tổ chức 02 cuộc kiểm tra nội bộ (Sở Tư pháp)." in text
    # A report sent back for correction is not compiled.
    assert "Nội dung bị trả lại" not in text


def test_the_sections_follow_the_outline_of_a_cchc_report(filed: Filed) -> None:
    lines = texts(synthesis(filed.period))
    headings = [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
        "1. Cải cách thể chế",
        "2. Cải cách thủ tục hành chính",
        "6. Xây dựng, phát triển chính quyền điện tử, chính quyền số",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    positions = [lines.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert lines[lines.index("III. ĐÁNH GIÁ CHUNG") + 1] == "1. Ưu điểm"
    assert "Công tác cải cách hành chính có nhiều chuyển biến (Sở Tư pháp)." in "\n".join(lines)


def test_the_report_closes_with_its_recipients_and_the_directors_signature(filed: Filed) -> None:
    document = synthesis(filed.period)
    closing = next(table for table in document.tables if "Nơi nhận:" in table.cell(0, 0).text)
    assert closing.cell(0, 0).text == (
        "Nơi nhận:\n- UBND tỉnh (b/c);\n- Chủ tịch, các PCT UBND tỉnh (b/c);\n"
        "- Giám đốc Sở (b/c);\n- Lưu: VT, CCHC."
    )
    # No leader of Sở Nội vụ has an account here: the name is left for the signer.
    assert closing.cell(0, 1).text.startswith("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")


def test_the_annex_is_a_landscape_table_per_group_ending_with_the_aggregate(filed: Filed) -> None:
    document = synthesis(filed.period)
    annex = document.sections[-1]
    assert annex.orientation == WD_ORIENT.LANDSCAPE
    assert (cm(annex.page_width), cm(annex.page_height)) == (29.7, 21)
    assert "PHỤ LỤC: TỔNG HỢP SỐ LIỆU THEO ĐƠN VỊ" in texts(document)
    table = annex_table(document, "Hồ sơ tiếp nhận")
    dossiers = rows(table)
    assert dossiers[0][:5] == [
        "STT", "Đơn vị", "Hồ sơ tiếp nhận", "Tiếp nhận trực tuyến", "Tỷ lệ nộp trực tuyến (%)",
    ]  # fmt: skip
    assert [row[1] for row in dossiers[1:]] == ["Sở Nội vụ", "Sở Tư pháp", "Toàn tỉnh"]
    assert dossiers[2][2:6] == ["10.000", "5.789", "57,89", "9.000"]
    assert dossiers[-1][2:6] == ["12.345", "6.789", "54,99", "11.000"]
    assert dossiers[-1][-1] == "75,00"
    assert table.rows[-1].cells[2].paragraphs[0].runs[0].bold


def test_a_subtree_is_compiled_for_its_own_units(filed: Filed, province: Province) -> None:
    file_report(
        filed.period, province.old_commune, Status.SUBMITTED, filed.period.due_date,
        {"I": "Xã đã niêm yết công khai thủ tục hành chính."}, dossiers_received=120,
    )  # fmt: skip
    document = synthesis(filed.period, province.district)
    lines = texts(document)
    assert (
        "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2025 "
        "của Ủy ban nhân dân huyện Bình Sơn"
    ) in lines
    assert "Toàn huyện tiếp nhận 120 hồ sơ" in text_of(document)
    assert (
        "Xã đã niêm yết công khai thủ tục hành chính (Ủy ban nhân dân xã Bình Chánh)."
    ) in text_of(document)
    assert "(Sở Tư pháp)" not in text_of(document)


def test_an_ad_hoc_report_cites_its_request_and_tabulates_the_forms_own_figures(
    province: Province,
) -> None:
    actor = Actor.command("test")
    load_config(actor, read_config())
    request = register_document(actor, DocumentData("1763/UBND-NC", dt.date(2025, 5, 30)))
    period = open_adhoc_period(
        actor, request, "Báo cáo tình hình thực hiện Công văn số 1763/UBND-NC",
        dt.date(2025, 1, 1), dt.date(2025, 6, 10), dt.date(2025, 6, 16),
    )  # fmt: skip
    file_report(period, province.stp, Status.SUBMITTED, dt.date(2025, 6, 12),
                adhoc_tasks_set=4, adhoc_tasks_done=3)  # fmt: skip
    document = synthesis(period)
    lines = texts(document)
    assert "Báo cáo tình hình thực hiện Công văn số 1763/UBND-NC" in lines
    opening = next(line for line in lines if line.startswith("Thực hiện"))
    assert opening.startswith(
        "Thực hiện Công văn số 1763/UBND-NC ngày 30/05/2025; trên cơ sở báo cáo của các cơ "
        "quan, đơn vị, Sở Nội vụ báo cáo"
    )
    assert "Số nhiệm vụ được giao theo văn bản yêu cầu: 4 nhiệm vụ." in text_of(document)
    assert "1. Tình hình, kết quả thực hiện" in lines
    table = annex_table(document, "Số nhiệm vụ được giao theo văn bản yêu cầu (nhiệm vụ)")
    assert rows(table)[-1] == ["", "Toàn tỉnh", "4", "3", "75,00"]


def test_the_number_of_queries_does_not_grow_with_the_units(
    filed: Filed, province: Province
) -> None:
    with CaptureQueriesContext(connection) as before:
        synthesis(filed.period)
    file_report(filed.period, province.old_commune, Status.ACCEPTED, filed.period.due_date,
                {"I": "Một đoạn."}, dossiers_received=5)  # fmt: skip
    filed.returned.status = Status.ACCEPTED
    filed.returned.save(update_fields=["status"])
    with CaptureQueriesContext(connection) as after:
        synthesis(filed.period)
    assert len(after) == len(before) <= 60
