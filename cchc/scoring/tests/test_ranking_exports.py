"""The ranking as .docx (Sở Nội vụ's report with the ranking annex, Decree 30 layout) and
as .xlsx; downloaded by those who may read the ranking."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from django.urls import reverse
from docx import Document as open_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, register_document
from cchc.scoring.models import Status
from cchc.scoring.publishing import publish_results
from cchc.scoring.tests.results_data import scored_years
from cchc.testing import Clients
from conftest import Province

DOCX = reverse("scoring:par_ranking_docx", args=[2025, "department"])
XLSX = reverse("scoring:par_ranking_xlsx", args=[2025, "department"])


def texts(document: DocxDocument) -> list[str]:
    return [p.text for p in document.paragraphs]


def annex_rows(document: DocxDocument) -> list[list[str]]:
    table = document.tables[-1]
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_ranking_annex_lists_units_by_rank_in_a_landscape_section(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    scored_years(province)
    response = client_for(coordinator).get(DOCX)
    assert 'filename="xep-hang-chi-so-cchc-2025-department.docx"' in response["Content-Disposition"]
    document = open_docx(io.BytesIO(response.content))
    paragraphs = texts(document)
    assert "SỞ NỘI VỤ" in document.tables[0].cell(0, 0).text
    assert (
        "Kết quả xác định Chỉ số cải cách hành chính năm 2025 của các sở, ban, ngành" in paragraphs
    )
    assert "Phụ lục" in paragraphs
    assert (
        "KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA CÁC SỞ, BAN, NGÀNH" in paragraphs
    )
    assert "(Kèm theo Báo cáo số /BC-SNV của Sở Nội vụ)" in paragraphs
    assert any(
        "Có 4 đơn vị được đánh giá, điểm trung bình 90,10 điểm; cao nhất là Sở Nội vụ "
        "(95,39 điểm), thấp nhất là Sở Giáo dục và Đào tạo (85,00 điểm)." in p
        for p in paragraphs
    )
    rows = annex_rows(document)
    assert rows[0][0] == "Xếp hạng" and rows[0][-2:] == ["Tổng điểm", "So với năm 2024"]
    assert rows[0][2] == "1. Công tác chỉ đạo, điều hành cải cách hành chính (20,00)"
    assert rows[1:] == [
        ["1", "Sở Nội vụ", "19,50", "47,89", "28,00", "95,39", "tăng 2 bậc"],
        ["2", "Sở Tư pháp", "20,00", "45,00", "25,00", "90,00", "giảm 1 bậc"],
        ["2", "Sở Y tế", "18,50", "46,50", "25,00", "90,00", "giữ nguyên"],
        ["4", "Sở Giáo dục và Đào tạo", "17,50", "42,50", "25,00", "85,00", "—"],
    ]
    assert document.sections[-1].orientation == WD_ORIENT.LANDSCAPE


def test_once_published_the_annex_is_attached_to_the_decision(
    province: Province, coordinator: User, officer: User, client_for: Clients
) -> None:
    framework = scored_years(province)
    framework.assessments.update(status=Status.FINALISED)
    decision = register_document(
        Actor.of_user(coordinator),
        DocumentData("245/QĐ-UBND", dt.date(2026, 2, 10), "Công bố Chỉ số CCHC năm 2025"),
    )
    decision.issuing_unit = province.root
    decision.save(update_fields=["issuing_unit"])
    publish_results(Actor.of_user(coordinator), framework, decision)
    document = open_docx(io.BytesIO(client_for(officer).get(DOCX).content))
    paragraphs = texts(document)
    reference = "Quyết định số 245/QĐ-UBND ngày 10/02/2026 của Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert f"(Kèm theo {reference})" in paragraphs
    assert f"Kết quả đã được công bố tại {reference}." in paragraphs
    assert len(annex_rows(document)) == 6


def test_without_the_survey_the_report_says_totals_are_rescaled(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    framework = scored_years(province)
    framework.survey_conducted = False
    framework.save(update_fields=["survey_conducted"])
    document = open_docx(io.BytesIO(client_for(coordinator).get(DOCX).content))
    assert any("không tổ chức điều tra xã hội học" in p for p in texts(document))
    # The survey area has no subtotal: "—"; Sở Nội vụ's 67,39 of 70 → 96,27.
    assert annex_rows(document)[1] == [
        "1", "Sở Nội vụ", "19,50", "47,89", "—", "96,27", "tăng 2 bậc",
    ]  # fmt: skip


def test_the_ranking_as_xlsx_has_one_row_per_unit_with_numbers(
    province: Province, leader: User, client_for: Clients
) -> None:
    scored_years(province)
    response = client_for(leader).get(XLSX)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Xếp hạng", "Mã đơn vị", "Đơn vị")
    assert rows[0][3] == "1. Công tác chỉ đạo, điều hành cải cách hành chính (20,00)"
    assert rows[0][6:] == ("Tổng điểm", "Xếp hạng năm 2024", "Thay đổi thứ hạng")
    assert rows[1:] == [
        (1, "QNG-SNV", "Sở Nội vụ", 19.5, 47.89, 28.0, 95.39, 3, "tăng 2 bậc"),
        (2, "QNG-STP", "Sở Tư pháp", 20.0, 45.0, 25.0, 90.0, 1, "giảm 1 bậc"),
        (2, "QNG-SYT", "Sở Y tế", 18.5, 46.5, 25.0, 90.0, 2, "giữ nguyên"),
        (4, "QNG-SGDDT", "Sở Giáo dục và Đào tạo", 17.5, 42.5, 25.0, 85.0, None, "—"),
    ]
    assert sheet.cell(2, 7).number_format == "0.00"


def test_units_may_not_download_the_ranking_before_it_is_published(
    province: Province, officer: User, head: User, client_for: Clients
) -> None:
    scored_years(province)
    for user in (officer, head):
        assert client_for(user).get(DOCX).status_code == 403
        assert client_for(user).get(XLSX).status_code == 403
