"""Completeness and timeliness of a period's reports (/bao-cao/<kỳ>/), like DHIS2's reporting
rate: per unit and in total, for the coordinator, the leader and the administrator."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.reporting.models import Period, Report
from cchc.reporting.tests.export_data import Filed, file_h1_2025
from cchc.reporting.tests.pages import add_departments, messages_of, report_url
from cchc.testing import Clients
from conftest import Province


@pytest.fixture
def filed(h1_2025: Period, province: Province) -> Filed:
    return file_h1_2025(h1_2025, province)


def url(period: Period) -> str:
    return reverse("reporting:period_completeness", args=[period.code])


def row_of(html: str, unit_name: str) -> str:
    start = html.index(f">{unit_name}</a>")
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]


def test_each_unit_shows_its_status_first_sending_and_timeliness(
    filed: Filed, leader: User, client_for: Clients, province: Province
) -> None:
    html = client_for(leader).get(url(filed.period)).content.decode()
    stp = row_of(html, "Sở Tư pháp")
    assert "Đã tiếp nhận" in stp and "18/06/2025" in stp and "Đúng hạn" in stp
    snv = row_of(html, "Sở Nội vụ")
    assert 'class="late"' in snv and "25/06/2025" in snv and "Muộn" in snv
    # The returned report was sent on time once; that first sending counts.
    district = row_of(html, "Ủy ban nhân dân huyện Bình Sơn")
    assert "Bị trả lại" in district and "Đúng hạn" in district
    # Nothing from the commune, and the due date has passed: highlighted as overdue.
    commune = row_of(html, "Ủy ban nhân dân xã Bình Chánh")
    assert 'class="missing overdue"' in commune and "Chưa gửi, quá hạn" in commune
    assert report_url("report", filed.period, province.old_commune) in commune
    # The new commune did not exist on 14/06/2025.
    assert "xã Bình Sơn</a>" not in html


def test_the_totals_give_the_reporting_and_on_time_rates(
    filed: Filed, coordinator: User, client_for: Clients
) -> None:
    html = client_for(coordinator).get(url(filed.period)).content.decode()
    totals = html[html.index('<tr class="totals">') :]
    cells = [c.split("<")[0] for c in totals.split('<th class="num">')[1:8]]
    # 4 expected, 3 sent (2 on time, 1 late), 1 missing.
    assert cells == ["4", "3", "2", "1", "1", "75,00%", "50,00%"]


def test_a_subtree_shows_its_own_units(
    filed: Filed, coordinator: User, client_for: Clients
) -> None:
    html = client_for(coordinator).get(url(filed.period), {"don_vi": "QNG-H-BINHSON"})
    page = html.content.decode()
    assert "Sở Tư pháp</a>" not in page
    assert "huyện Bình Sơn</a>" in page and "xã Bình Chánh</a>" in page
    assert '<option value="QNG-H-BINHSON" selected>' in page


@pytest.mark.parametrize("count", [5, 40])
def test_the_page_takes_as_many_queries_for_5_units_as_for_40(
    count: int,
    h1_2025: Period,
    coordinator: User,
    client_for: Clients,
    django_assert_max_num_queries: Callable[[int], object],
) -> None:
    add_departments(count, h1_2025)
    client = client_for(coordinator)
    with django_assert_max_num_queries(7):  # type: ignore[attr-defined]
        response = client.get(url(h1_2025))
    assert len(response.context["table"].rows) == count + 4


def test_unit_users_and_outsiders_are_refused_and_anonymous_visitors_sign_in(
    h1_2025: Period, officer: User, head: User, outsider: User, client_for: Clients
) -> None:
    for user in (officer, head, outsider):
        assert client_for(user).get(url(h1_2025)).status_code == 403
    assert Client().get(url(h1_2025))["Location"].startswith(reverse("accounts:login"))


def test_an_unknown_period_is_not_found(
    h1_2025: Period, coordinator: User, client_for: Clients
) -> None:
    assert client_for(coordinator).get("/bao-cao/2031-H1/").status_code == 404


def test_report_rows_link_to_reports(filed: Filed, admin_user: User, client_for: Clients) -> None:
    report = Report.objects.get(pk=filed.stp.pk)
    html = client_for(admin_user).get(url(filed.period)).content.decode()
    assert report_url("report", filed.period, report.unit) in html


def test_an_unknown_subtree_is_said_and_the_province_shown(
    filed: Filed, coordinator: User, client_for: Clients
) -> None:
    response = client_for(coordinator).get(url(filed.period), {"don_vi": "QNG-KHONG-CO"})
    assert messages_of(response) == ["Không có đơn vị mã «QNG-KHONG-CO»; đang xem toàn tỉnh."]
    page = response.content.decode()
    assert "Sở Tư pháp</a>" in page and "huyện Bình Sơn</a>" in page
