"""A unit's score sheet as .docx (/chi-so-cchc/<year>/<kind>/<unit>/docx/): every criterion
with its maximum, the self and appraised scores and the reasons for deductions, and the totals.
For the unit itself and for those who read every assessment, never for another unit."""

from __future__ import annotations

import io

from django.urls import reverse
from docx import Document as open_docx
from docx.document import Document as DocxDocument

from cchc.accounts.models import User
from cchc.scoring.models import Status
from cchc.scoring.tests.factories import small_framework
from cchc.scoring.tests.results_data import SCORES_2025, assess, scored_years
from cchc.testing import Clients
from conftest import Province

STP = reverse("scoring:assessment_sheet_docx", args=[2025, "department", "QNG-STP"])
SNV = reverse("scoring:assessment_sheet_docx", args=[2025, "department", "QNG-SNV"])


def by_code_of(rows: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row for row in rows[1:]}


def sheet(document: DocxDocument) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in document.tables[-1].rows]


def test_the_officer_downloads_the_units_score_sheet_with_deductions_and_totals(
    province: Province, officer: User, client_for: Clients
) -> None:
    scored_years(province)
    response = client_for(officer).get(STP)
    assert response.status_code == 200
    assert 'filename="bang-diem-chi-so-cchc-2025-QNG-STP.docx"' in response["Content-Disposition"]
    document = open_docx(io.BytesIO(response.content))
    assert "SỞ TƯ PHÁP" in document.tables[0].cell(0, 0).text
    rows = sheet(document)
    assert rows[0] == [
        "Mã",
        "Tiêu chí, tiêu chí thành phần",
        "Điểm tối đa",
        "Điểm tự đánh giá",
        "Điểm thẩm định",
        "Lý do trừ điểm",
    ]
    # An area with the sums of its leaves.
    assert rows[1] == [
        "1", "Công tác chỉ đạo, điều hành cải cách hành chính", "20,00", "20,00", "20,00", "",
    ]  # fmt: skip
    assert by_code_of(rows)["2"][3:5] == ["48,00", "45,00"]
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["2.2"] == [
        "2.2",
        "Giải quyết thủ tục hành chính đúng hạn",
        "30,00",
        "28,00",
        "25,00",
        "Tỷ lệ hồ sơ giải quyết đúng hạn 96 %, chưa đạt 100 %",
    ]
    assert rows[-1] == ["", "Tổng điểm (quy đổi về thang điểm 100)", "100", "93,00", "90,00", ""]
    paragraphs = [p.text for p in document.paragraphs]
    assert any(
        "tổng điểm tự đánh giá 93,00 điểm; tổng điểm sau thẩm định 90,00 điểm" in p
        for p in paragraphs
    )
    assert "BẢNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA SỞ TƯ PHÁP" in paragraphs


def test_before_appraisal_the_sheet_has_only_the_units_own_scores(
    province: Province, head: User, client_for: Clients
) -> None:
    framework = small_framework(2025)
    assess(framework, province.stp, SCORES_2025["QNG-SNV"], Status.SUBMITTED)
    rows = sheet(open_docx(io.BytesIO(client_for(head).get(STP).content)))
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["1.3"][3:] == ["10,50", "", ""]
    assert rows[-1][3:5] == ["95,39", ""]


def test_items_not_applicable_and_a_survey_not_run_are_marked_not_scored(
    province: Province, officer: User, client_for: Clients
) -> None:
    framework = small_framework(2025)
    framework.survey_conducted = False
    framework.save(update_fields=["survey_conducted"])
    assess(framework, province.stp, SCORES_2025["QNG-SNV"], not_applicable=("2.1",))
    rows = sheet(open_docx(io.BytesIO(client_for(officer).get(STP).content)))
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["2.1"][3] == "Không áp dụng"
    assert by_code["3.1"][3] == "Không điều tra"
    # 19,5 + 27,89 = 47,39 of 20 + 30 = 50 → 94,78.
    assert rows[-1][3:5] == ["94,78", "94,78"]


def test_a_unit_may_not_download_another_units_sheet(
    province: Province, officer: User, head: User, client_for: Clients
) -> None:
    scored_years(province)
    for user in (officer, head):
        assert client_for(user).get(SNV).status_code == 403


def test_the_coordinator_and_the_leader_download_every_units_sheet(
    province: Province, coordinator: User, leader: User, outsider: User, client_for: Clients
) -> None:
    scored_years(province)
    for user in (coordinator, leader):
        assert client_for(user).get(SNV).status_code == 200
    assert client_for(outsider).get(SNV).status_code == 403


def test_a_unit_without_an_assessment_has_no_sheet(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    small_framework(2025)
    assert client_for(coordinator).get(STP).status_code == 404
