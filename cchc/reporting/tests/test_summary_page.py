"""The leaders' summary (/tong-hop/): the key figures of the latest period with sent reports,
its completeness, and the units that are late or have not sent."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.reporting.models import Period
from cchc.reporting.tests.export_data import file_h1_2025
from cchc.reporting.tests.pages import messages_of
from cchc.testing import Clients
from conftest import Province

URL = reverse("reporting:reporting_summary")


def cards(html: str) -> list[str]:
    listed = html[html.index('<ul class="cards key-figures">') :]
    listed = listed[: listed.index("</ul>")]
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in listed.split("<li>")[1:]]


def test_the_leader_sees_the_key_figures_of_the_latest_period(
    h1_2025: Period, leader: User, client_for: Clients, province: Province
) -> None:
    file_h1_2025(h1_2025, province)
    html = client_for(leader).get(URL).content.decode()
    assert f"Tổng quan cải cách hành chính: {h1_2025.title}" in html
    assert cards(html) == [
        # Against the one unit that reported both years (Sở Tư pháp: 10.000 against 10.973).
        "12.345 Tổng số hồ sơ TTHC tiếp nhận (hồ sơ) so với cùng kỳ năm trước: -973 (-8,87%) "
        "(trên cùng các đơn vị: 10.000 so với 10.973)",
        "98,64% Tỷ lệ hồ sơ giải quyết đúng hạn (gồm trước hạn)",
        "54,99% Tỷ lệ hồ sơ nộp trực tuyến",
        "75% Tỷ lệ hài lòng của người dân, tổ chức",
        "2.319 Số lượt người được đào tạo, bồi dưỡng (lượt người)",
        "— Tỷ lệ hoàn thành nhiệm vụ kế hoạch",
    ]


def test_the_summary_gives_the_completeness_and_who_is_late_or_missing(
    h1_2025: Period, coordinator: User, client_for: Clients, province: Province
) -> None:
    file_h1_2025(h1_2025, province)
    html = client_for(coordinator).get(URL).content.decode()
    missing = html[html.index("Đơn vị chưa gửi báo cáo") : html.index("Đơn vị gửi báo cáo muộn")]
    assert "Ủy ban nhân dân xã Bình Chánh" in missing
    assert "Sở Tư pháp" not in missing
    late = html[html.index("Đơn vị gửi báo cáo muộn") :]
    assert "Sở Nội vụ" in late and "25/06/2025" in late
    assert "75,00%" in html  # 3 of 4 units sent
    assert reverse("reporting:period_completeness", args=[h1_2025.code]) in html


def test_before_any_report_the_newest_period_is_shown(
    h1_2025: Period, leader: User, client_for: Clients
) -> None:
    response = client_for(leader).get(URL)
    assert response.context["period"].code == "2025-Y"
    assert "Không có." in response.content.decode()  # nobody late yet: nothing was sent


def test_unit_users_and_outsiders_are_refused_and_anonymous_visitors_sign_in(
    h1_2025: Period, officer: User, head: User, outsider: User, client_for: Clients
) -> None:
    for user in (officer, head, outsider):
        assert client_for(user).get(URL).status_code == 403
    assert Client().get(URL)["Location"].startswith(reverse("accounts:login"))


def test_the_menu_shows_the_synthesis_to_those_who_may_read_it(
    h1_2025: Period, officer: User, leader: User, client_for: Clients
) -> None:
    officer_page = client_for(officer).get(reverse("home:index")).content.decode()
    leader_page = client_for(leader).get(reverse("home:index")).content.decode()
    assert f'href="{reverse("reporting:period_list")}"' in officer_page
    assert f'href="{URL}"' not in officer_page
    assert f'href="{URL}"' in leader_page


def test_an_unknown_period_is_said_and_the_latest_shown(
    h1_2025: Period, province: Province, leader: User, client_for: Clients
) -> None:
    file_h1_2025(h1_2025, province)
    response = client_for(leader).get(URL, {"ky": "2031-H1"})
    assert messages_of(response) == ["Không có kỳ báo cáo mã «2031-H1»; đang xem kỳ gần nhất."]
    assert h1_2025.title in response.content.decode()
