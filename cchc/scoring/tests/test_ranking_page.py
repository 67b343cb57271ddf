"""The ranking page (/chi-so-cchc/<year>/<kind>/xep-hang/) and publishing from it.

Before publication only the coordinator, the leader and the administrator see it; the
coordinator may also follow the provisional standings and publishes by a decision of the
register. Once published every role sees it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from contextlib import AbstractContextManager

from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.documents.actions import DocumentData, register_document
from cchc.scoring.models import Framework, Status
from cchc.scoring.tests.results_data import add_departments, assess, scored_years
from cchc.testing import Clients
from conftest import Province

QueryCounter = Callable[[int], AbstractContextManager[object]]
URL = reverse("scoring:par_ranking", args=[2025, "department"])
PUBLISH = reverse("scoring:par_publish", args=[2025, "department"])


def table_rows(html: str) -> list[str]:
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    rows = body.split("<tr>")[1:]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


def finalised(province: Province) -> Framework:
    framework = scored_years(province)
    framework.assessments.update(status=Status.FINALISED)
    return framework


def register_decision(coordinator: User) -> None:
    register_document(
        Actor.of_user(coordinator),
        DocumentData("245/QĐ-UBND", dt.date(2026, 2, 10), "Công bố Chỉ số CCHC năm 2025"),
    )


def test_the_coordinator_sees_ranks_subtotals_totals_and_rank_changes(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    scored_years(province)
    html = client_for(coordinator).get(URL).content.decode()
    assert "Kết quả xếp hạng Chỉ số cải cách hành chính năm 2025 của các sở, ban, ngành" in html
    assert "1. Công tác chỉ đạo, điều hành cải cách hành chính" in html
    assert "(tối đa 20)" in html and "(tối đa 30)" in html
    assert "So với năm 2024" in html
    rows = table_rows(html)
    assert rows[0].startswith("1 Sở Nội vụ")
    assert rows[0].endswith("19,50 47,89 28,00 95,39 tăng 2 bậc")
    assert rows[1].startswith("2 Sở Tư pháp") and rows[1].endswith("90,00 giảm 1 bậc")
    assert rows[2].startswith("2 Sở Y tế") and rows[2].endswith("90,00 giữ nguyên")
    assert rows[3].startswith("4 Sở Giáo dục và Đào tạo") and rows[3].endswith("85,00 —")
    assert len(rows) == 4  # Sở Công Thương is not finalised
    assert "Kết quả chưa được công bố" in html
    assert "Đã thẩm định, chờ giải trình: 1; Đã chốt điểm: 4." in html


def test_the_coordinator_may_follow_the_provisional_standings_labelled_as_such(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    scored_years(province)
    html = client_for(coordinator).get(URL, {"tam_tinh": "1"}).content.decode()
    assert '<span class="badge tone-warning">tạm tính</span>' in html
    rows = table_rows(html)
    assert rows[0].startswith("1 Sở Công Thương") and "(đã thẩm định, chờ giải trình)" in rows[0]
    assert len(rows) == 5
    assert "Xem kết quả đã chốt điểm" in html
    assert reverse("scoring:par_ranking_docx", args=[2025, "department"]) not in html


def test_a_bad_provisional_filter_is_reported_and_the_finalised_ranking_shown(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    scored_years(province)
    html = client_for(coordinator).get(URL, {"tam_tinh": "co"}).content.decode()
    assert "Bộ lọc «tạm tính» chỉ nhận giá trị 1 (xem bảng tạm tính)" in html
    assert '<span class="badge tone-warning">tạm tính</span>' not in html
    assert len(table_rows(html)) == 4  # Sở Công Thương is not finalised


def test_the_leader_reads_the_unpublished_ranking_but_cannot_publish(
    province: Province, leader: User, client_for: Clients
) -> None:
    scored_years(province)
    html = client_for(leader).get(URL).content.decode()
    assert len(table_rows(html)) == 4
    assert PUBLISH not in html


def test_units_may_not_see_the_ranking_before_it_is_published(
    province: Province, officer: User, head: User, outsider: User, client_for: Clients
) -> None:
    scored_years(province)
    for user in (officer, head, outsider):
        assert client_for(user).get(URL).status_code == 403
    assert Client().get(URL)["Location"].startswith(reverse("accounts:login"))


def test_the_coordinator_publishes_by_the_decisions_number_and_then_units_see_it(
    province: Province, coordinator: User, officer: User, client_for: Clients
) -> None:
    finalised(province)
    register_decision(coordinator)
    client = client_for(coordinator)
    assert "Công bố kết quả" in client.get(URL).content.decode()
    response = client.post(PUBLISH, {"symbol": "245/QĐ-UBND", "date": ""}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == URL
    assert "Đã công bố kết quả theo Quyết định số 245/QĐ-UBND" in html
    assert "theo Quyết định số 245/QĐ-UBND ngày 10/02/2026" in html
    assert PUBLISH not in html
    assert AuditEntry.objects.filter(action="scoring.publish").count() == 1
    officer_page = client_for(officer).get(URL)
    assert officer_page.status_code == 200
    officer_html = officer_page.content.decode()
    assert len(table_rows(officer_html)) == 5
    # The officer opens the own unit's score sheet from the ranking, no other unit's.
    sheets = re.findall(r'href="(/chi-so-cchc/2025/so-nganh/[^/"]+/)"', officer_html)
    assert sheets == [reverse("scoring:assessment", args=[2025, "department", "QNG-STP"])]


def test_publishing_with_an_unknown_number_shows_the_error_and_keeps_what_was_typed(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    finalised(province)
    response = client_for(coordinator).post(PUBLISH, {"symbol": "999/QĐ-UBND"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Không có quyết định số 999/QĐ-UBND trong sổ văn bản" in html
    assert 'value="999/QĐ-UBND"' in html
    assert len(table_rows(html)) == 5


def test_publishing_is_refused_while_a_unit_is_not_finalised(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    scored_years(province)
    register_decision(coordinator)
    response = client_for(coordinator).post(PUBLISH, {"symbol": "245/QĐ-UBND"})
    html = response.content.decode()
    assert "Còn 1 trong 5 đơn vị chưa được chốt điểm" in html
    assert not Framework.objects.get(year=2025).is_published


def test_the_leader_may_not_publish(
    province: Province, coordinator: User, leader: User, client_for: Clients
) -> None:
    finalised(province)
    register_decision(coordinator)
    assert client_for(leader).post(PUBLISH, {"symbol": "245/QĐ-UBND"}).status_code == 403
    assert not Framework.objects.get(year=2025).is_published


def test_an_unknown_year_or_kind_is_not_found(coordinator: User, client_for: Clients) -> None:
    client = client_for(coordinator)
    assert client.get(reverse("scoring:par_ranking", args=[2019, "department"])).status_code == 404
    assert client.get(reverse("scoring:par_ranking", args=[2025, "hamlet"])).status_code == 404


def test_the_ranking_page_reads_the_same_queries_whatever_the_number_of_units(
    province: Province,
    coordinator: User,
    client_for: Clients,
    django_assert_num_queries: QueryCounter,
) -> None:
    framework = scored_years(province)
    client = client_for(coordinator)
    client.get(URL)
    # Session, user, roles and units of the user, framework, results (8), areas, statuses.
    with django_assert_num_queries(14):
        client.get(URL)
    units = add_departments(province)
    framework.assessments.filter(unit=units["QNG-SCT"]).update(status=Status.FINALISED)
    assess(framework, province.new_commune, ["3", "1", "4", "1", "11", "20", "30", "29"])
    with django_assert_num_queries(14):
        assert len(table_rows(client.get(URL).content.decode())) == 6
