"""The list of periods (/bao-cao/): the unit's own report per period for its officer and head,
the completeness of each period for the coordinator, the leader and the administrator."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.reporting.models import Period, Report
from cchc.reporting.tests.pages import add_departments, messages_of, report_url
from cchc.testing import Clients
from conftest import Province

URL = reverse("reporting:period_list")


def test_periods_are_listed_newest_first(
    h1_2025: Period, officer: User, client_for: Clients
) -> None:
    page = client_for(officer).get(URL).content.decode()
    titles = [p.title for p in Period.objects.all()]
    assert [page.index(t) for t in titles] == sorted(page.index(t) for t in titles)
    assert page.index(">Năm 2025") < page.index("Quý I năm 2025")
    assert "19/06/2025" in page  # the 6-month report's due date


def test_the_officer_sees_the_units_status_and_starts_or_opens_its_report(
    stp_draft: Report, officer: User, client_for: Clients, province: Province
) -> None:
    page = client_for(officer).get(URL).content.decode()
    assert "Sở Tư pháp" in page
    assert "Đang soạn" in page
    assert report_url("report", stp_draft.period, province.stp) in page  # open the draft
    q1 = Period.objects.get(code="2025-Q1")
    assert report_url("report_start", q1, province.stp) in page  # start the others
    assert "Quá hạn" in page
    assert "Phải nộp" not in page  # no province-wide figures for a unit


def test_the_coordinator_sees_each_periods_completeness(
    h1_2025: Period, coordinator: User, client_for: Clients
) -> None:
    add_departments(6, h1_2025)
    page = client_for(coordinator).get(URL).content.decode()
    assert reverse("reporting:period_completeness", args=["2025-H1"]) in page
    # 2025-H1: the 4 units of the province plus 6 departments, of which 2 on time and 2 late.
    h1 = page[page.index(h1_2025.title) :]
    h1 = h1[: h1.index("</tr>")]
    cells = [c.split("</td>")[0] for c in h1.split('<td class="num')[1:]]
    assert [c.split(">")[-1] for c in cells] == ["10", "4", "2", "2", "6", "40,00%"]


@pytest.mark.parametrize("count", [5, 40])
def test_the_list_takes_as_many_queries_for_5_units_as_for_40(
    count: int,
    h1_2025: Period,
    coordinator: User,
    client_for: Clients,
    django_assert_max_num_queries: Callable[[int], object],
) -> None:
    add_departments(count, h1_2025)
    client = client_for(coordinator)
    with django_assert_max_num_queries(14):  # type: ignore[attr-defined]
        response = client.get(URL)
    assert response.status_code == 200


def test_an_outsider_is_refused_and_an_anonymous_visitor_signs_in(
    h1_2025: Period, outsider: User, client_for: Clients
) -> None:
    assert client_for(outsider).get(URL).status_code == 403
    assert Client().get(URL)["Location"].startswith(reverse("accounts:login"))


def test_a_bad_page_number_is_said_and_the_first_page_shown(
    h1_2025: Period, officer: User, client_for: Clients
) -> None:
    for bad in ("hai", "0"):
        response = client_for(officer).get(URL, {"trang": bad})
        assert response.status_code == 200
        assert messages_of(response) == [
            f"Trang: «{bad}» không phải là số trang; hãy ghi 1, 2, 3… Danh sách dưới đây chưa "
            "lọc theo mục này."
        ]
        assert "Quý I năm 2025" in response.content.decode()


def test_the_pager_keeps_the_query_and_changes_the_page(
    h1_2025: Period, officer: User, client_for: Clients
) -> None:
    for year in range(2026, 2031):
        call_command("open_periods", str(year), stdout=io.StringIO())
    page = client_for(officer).get(URL).content.decode()
    assert '<a href="?trang=2" rel="next">' in page
    second = client_for(officer).get(URL, {"trang": "2"})
    assert messages_of(second) == []
    assert '<a href="?trang=1" rel="prev">' in second.content.decode()
