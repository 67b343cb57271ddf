"""Importing survey results from an .xlsx file (/chi-so-cchc/<year>/<kind>/dieu-tra/nhap/):
columns "Mã đơn vị", "Mã tiêu chí", "Điểm" or "Tỷ lệ hài lòng (%)"; all rows or none.

Only the coordinator (and the administrator) imports; the leader, units and outsiders are
refused.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django import Settings

from cchc.accounts.models import User
from cchc.scoring.models import Assessment, Framework, ItemScore, Status
from cchc.scoring.tests.factories import small_framework
from cchc.testing import Clients
from conftest import Province

URL = reverse("scoring:survey_import", args=[2025, "department"])
HEADER = ["Mã đơn vị", "Tên đơn vị", "Mã tiêu chí", "Điểm", "Tỷ lệ hài lòng (%)"]


@pytest.fixture
def framework(province: Province) -> Framework:
    return small_framework(2025)


def xlsx(rows: list[list[Any]], header: list[str] = HEADER, name: str = "dieu-tra.xlsx") -> Any:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def survey_scores() -> dict[str, Decimal | None]:
    return dict(
        ItemScore.objects.filter(criterion__code="3.1").values_list(
            "assessment__unit__code", "appraised_score"
        )
    )


def test_scores_and_satisfaction_rates_are_imported(
    framework: Framework, coordinator: User, client_for: Clients
) -> None:
    rows: list[list[Any]] = [
        ["QNG-STP", "Sở Tư pháp", "3.1", 25.5, None],
        # 87,5 % of 30 points is 26,25 points.
        ["qng-snv", "Sở Nội vụ", "3.1", None, "87,5"],
    ]
    response = client_for(coordinator).post(URL, {"file": xlsx(rows)}, follow=True)
    assert "Đã nhập kết quả điều tra: 2 điểm được cập nhật." in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("scoring:survey", args=[2025, "department"])
    assert survey_scores() == {"QNG-STP": Decimal("25.50"), "QNG-SNV": Decimal("26.25")}
    # Both units had no assessment: each was started as a draft.
    assert Assessment.objects.filter(status=Status.DRAFT).count() == 2


def test_every_error_is_listed_and_nothing_is_imported(
    framework: Framework, province: Province, coordinator: User, client_for: Clients
) -> None:
    Assessment.objects.create(framework=framework, unit=province.snv, status=Status.FINALISED)
    rows: list[list[Any]] = [
        ["QNG-STP", "", "3.1", 25, None],
        ["QNG-SXD", "", "3.1", 25, None],
        ["QNG-STP", "", "9.9", 25, None],
        ["QNG-STP", "", "2.2", 25, None],
        ["QNG-SNV", "", "3.1", 31, None],
        ["QNG-STP", "", "3.1", 20, None],
        ["QNG-X-BINHSON", "", "3.1", 20, None],
        ["", "", "", None, None],
        ["QNG-STP", "", "3.1", 20, 80],
        ["QNG-STP", "", "3.1", "hai mươi", None],
        ["QNG-STP", "", "3.1", None, 120],
    ]
    response = client_for(coordinator).post(URL, {"file": xlsx(rows)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Không nhập được: 10 lỗi" in page
    for error in [
        "Dòng 3, cột Mã đơn vị: không có đơn vị mã «QNG-SXD».",
        "Dòng 4, cột Mã tiêu chí: bộ chỉ số không có tiêu chí mã «9.9».",
        "Dòng 7, cột Mã tiêu chí: đơn vị và tiêu chí này đã có ở dòng 2.",
        "Dòng 10, cột Tỷ lệ hài lòng (%): chỉ ghi một trong hai cột Điểm và Tỷ lệ hài lòng (%).",
        "Dòng 11, cột Điểm: «hai mươi» không phải là số.",
        "Dòng 12, cột Tỷ lệ hài lòng (%): tỷ lệ phải từ 0 đến 100.",
        "Dòng 5, cột Mã tiêu chí: tiêu chí 2.2 không phải tiêu chí điều tra xã hội học của bộ "
        "chỉ số.",
        "Dòng 6, cột Mã đơn vị: kết quả của «Sở Nội vụ» đã được chốt điểm, không sửa được.",
        "Dòng 6, cột Điểm: Điểm phải từ 0 đến 30.",
        "Dòng 8, cột Mã đơn vị: «Ủy ban nhân dân xã Bình Sơn» không thuộc đối tượng đánh giá "
        "của bộ chỉ số.",
    ]:
        assert error in page
    assert survey_scores() == {}
    assert not Assessment.objects.filter(unit=province.stp).exists()


def test_a_file_without_the_required_columns_is_refused(
    framework: Framework, coordinator: User, client_for: Clients
) -> None:
    upload = xlsx([["QNG-STP", "3.1"]], header=["Đơn vị", "Mã tiêu chí"])
    page = client_for(coordinator).post(URL, {"file": upload}).content.decode()
    assert "Dòng 1, cột Đơn vị: không phải cột của mẫu" in page
    assert "Dòng 1: thiếu cột Mã đơn vị, Điểm." in page


def test_a_file_that_is_not_xlsx_or_too_large_is_refused(
    framework: Framework, coordinator: User, client_for: Clients, settings: Settings
) -> None:
    csv = SimpleUploadedFile("dieu-tra.csv", b"Ma don vi,Ma tieu chi,Diem\n")
    page = client_for(coordinator).post(URL, {"file": csv}).content.decode()
    assert "Hãy chọn tệp Excel .xlsx." in page
    fake = SimpleUploadedFile("dieu-tra.xlsx", b"not a zip")
    page = client_for(coordinator).post(URL, {"file": fake}).content.decode()
    assert "không phải là tệp .xlsx" in page  # judged from its bytes
    settings.MAX_UPLOAD_SIZE = 100
    page = client_for(coordinator).post(URL, {"file": xlsx([])}).content.decode()
    assert "quá lớn" in page
    page = client_for(coordinator).post(URL, {}).content.decode()
    assert "Không nhập được: 1 lỗi" in page
    assert survey_scores() == {}


def test_only_the_coordinator_imports(
    framework: Framework,
    officer: User,
    head: User,
    leader: User,
    outsider: User,
    client_for: Clients,
) -> None:
    for user in (officer, head, leader, outsider):
        response = client_for(user).post(URL, {"file": xlsx([["QNG-STP", "", "3.1", 25, None]])})
        assert response.status_code == 403
    assert client_for(leader).get(URL).status_code == 403
    assert survey_scores() == {}
