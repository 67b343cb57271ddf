"""The synthesis for Sở Nội vụ (/tong-hop/so-lieu/): any indicator over any subtree and period,
by each indicator's aggregation rule, beside the previous period and the same period last year;
with the compiled report (.docx) and the figures (.xlsx) to download."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.reporting.models import Indicator, Period
from cchc.reporting.tests.export_data import Filed, file_h1_2025
from cchc.reporting.tests.pages import messages_of
from cchc.reporting.views.synthesis import change_text
from cchc.testing import Clients
from conftest import Province

URL = reverse("reporting:synthesis")


@pytest.fixture
def filed(h1_2025: Period, province: Province) -> Filed:
    return file_h1_2025(h1_2025, province)


def cells(html: str, indicator_name: str) -> list[str]:
    """The cells after the indicator's name in its row, without markup."""
    start = html.index(f"<td>{indicator_name}</td>")
    row = html[start : html.index("</tr>", start)]
    return [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)][1:]


def test_the_province_figures_follow_each_indicators_rule_and_compare(
    filed: Filed, coordinator: User, client_for: Clients
) -> None:
    html = client_for(coordinator).get(URL, {"ky": "2025-H1"}).content.decode()
    assert "II.2. Cải cách thủ tục hành chính" in html
    # Sums over the units that sent (the returned report is not counted), against 2024-H1
    # over the same units: Sở Tư pháp alone reported both years (10.000 against 10.973).
    assert cells(html, "Tổng số hồ sơ TTHC tiếp nhận") == [
        "hồ sơ", "12.345", "—", "", "10.973kỳ này, cùng đơn vị: 10.000", "-973 (-8,87%)",
    ]  # fmt: skip
    assert "không so sánh 1 đơn vị: Sở Nội vụ." in html
    # A ratio is recomputed from the sums of its parts; a weighted mean by its weight.
    assert cells(html, "Tỷ lệ hồ sơ giải quyết đúng hạn (gồm trước hạn)")[1] == "98,64"
    assert cells(html, "Tỷ lệ hài lòng của người dân, tổ chức")[1] == "75"
    assert cells(html, "Số lượt người được đào tạo, bồi dưỡng")[1] == "2.319"
    assert "Số liệu từ báo cáo đã gửi (đang chờ hoặc đã tiếp nhận) của 2/4 đơn vị" in html
    assert "Quý I năm 2025" in html  # the previous period's column


def test_by_default_the_newest_period_with_sent_reports_is_shown(
    filed: Filed, leader: User, client_for: Clients
) -> None:
    response = client_for(leader).get(URL)
    assert response.context["period"] == filed.period


def test_a_subtree_has_its_own_figures(
    filed: Filed, coordinator: User, client_for: Clients
) -> None:
    html = client_for(coordinator).get(URL, {"ky": "2025-H1", "don_vi": "QNG-STP"}).content
    page = html.decode()
    assert "Phạm vi: Sở Tư pháp và các đơn vị trực thuộc." in page
    assert cells(page, "Tổng số hồ sơ TTHC tiếp nhận")[1] == "10.000"


def test_the_compiled_report_and_the_figures_download(
    filed: Filed, coordinator: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    page = client.get(URL, {"ky": "2025-H1"}).content.decode()
    assert f"{reverse('synthesis_docx')}?ky=2025-H1" in page
    assert f"{reverse('reporting:synthesis_xlsx')}?ky=2025-H1" in page
    word = client.get(reverse("synthesis_docx"), {"ky": "2025-H1"})
    assert word["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert word["Content-Disposition"] == 'attachment; filename="tong-hop-2025-H1.docx"'
    assert word.content.startswith(b"PK")
    sheet = client.get(
        reverse("reporting:synthesis_xlsx"), {"ky": "2025-H1", "don_vi": "QNG-H-BINHSON"}
    )
    assert sheet["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert sheet["Content-Disposition"] == (
        'attachment; filename="tong-hop-2025-H1-QNG-H-BINHSON.xlsx"'
    )
    assert sheet.content.startswith(b"PK")


def test_with_no_period_the_page_says_so(
    reporting: None, leader: User, client_for: Clients
) -> None:
    assert "Chưa có kỳ báo cáo nào được mở." in client_for(leader).get(URL).content.decode()


def test_unit_users_and_outsiders_are_refused_and_anonymous_visitors_sign_in(
    h1_2025: Period, officer: User, head: User, outsider: User, client_for: Clients
) -> None:
    for url in (
        URL,
        reverse("synthesis_docx") + "?ky=2025-H1",
        reverse("reporting:synthesis_xlsx"),
    ):
        for user in (officer, head, outsider):
            assert client_for(user).get(url).status_code == 403
        assert Client().get(url)["Location"].startswith(reverse("accounts:login"))


def test_a_count_changes_by_a_number_and_a_share_a_rate_by_points(reporting: None) -> None:
    indicators = Indicator.objects.filter(form__is_adhoc=False)
    rate = indicators.get(code="satisfaction_rate")
    count = indicators.get(code="dossiers_received")
    assert change_text(rate, Decimal("98.64"), Decimal("97.50")) == "+1,14 điểm %"
    assert change_text(count, Decimal(9000), Decimal(10000)) == "-1.000 (-10,00%)"
    assert change_text(count, Decimal(10), Decimal(10)) == "0"
    assert change_text(count, Decimal(10), None) == ""


def test_an_unknown_period_or_subtree_is_said_and_the_default_shown(
    filed: Filed, coordinator: User, client_for: Clients
) -> None:
    response = client_for(coordinator).get(URL, {"ky": "2031-H1", "don_vi": "QNG-KHONG-CO"})
    assert response.status_code == 200
    assert messages_of(response) == [
        "Không có kỳ báo cáo mã «2031-H1»; đang xem kỳ gần nhất.",
        "Không có đơn vị mã «QNG-KHONG-CO»; đang xem toàn tỉnh.",
    ]
    page = response.content.decode()
    assert "Số liệu tổng hợp: 6 tháng đầu năm 2025" in page
    assert "Phạm vi: toàn tỉnh." in page


def test_the_spreadsheet_of_an_unknown_scope_is_not_found(
    filed: Filed, coordinator: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    xlsx = reverse("reporting:synthesis_xlsx")
    assert client.get(xlsx, {"ky": "2031-H1"}).status_code == 404
    assert client.get(xlsx, {"ky": "2025-H1", "don_vi": "QNG-KHONG-CO"}).status_code == 404
    assert client.get(xlsx).status_code == 404
