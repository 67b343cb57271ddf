"""The unit tree page (/don-vi/): every unit in tree order, searchable without accents."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.orgs.actions import UnitData, import_units
from cchc.testing import queries_of

URL = reverse("orgs:unit_tree")
REFORM = dt.date(2025, 7, 1)


def shown(response: object) -> list[str]:
    return [unit.code for unit in response.context["units"]]  # type: ignore[attr-defined]


def names_in_page(page: str) -> list[str]:
    return re.findall(r'<a href="/don-vi/[^"]+/">([^<]+)</a>\s*<span class="muted">', page)


def test_the_tree_lists_every_unit_in_tree_order(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(officer).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cơ cấu tổ chức của tỉnh" in page
    assert shown(response) == [
        "QNG",
        "QNG-SNV",
        "QNG-STP",
        "QNG-H-BINHSON",
        "QNG-X-BINHCHANH",
        "QNG-X-BINHSON",
    ]
    assert names_in_page(page) == [
        "Ủy ban nhân dân tỉnh Quảng Ngãi",
        "Sở Nội vụ",
        "Sở Tư pháp",
        "Ủy ban nhân dân huyện Bình Sơn",
        "Ủy ban nhân dân xã Bình Chánh",
        "Ủy ban nhân dân xã Bình Sơn",
    ]
    assert '<li class="depth-2">' in page
    assert "QNG-STP · STP · Sở, ban, ngành" in page


def test_searching_without_accents_finds_the_unit_and_keeps_its_ancestors(
    leader: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(leader).get(URL, {"q": "tu phap"})
    assert shown(response) == ["QNG", "QNG-STP"]
    page = response.content.decode()
    assert "Sở Tư pháp" in page
    assert "Ủy ban nhân dân tỉnh Quảng Ngãi" in page
    assert "Sở Nội vụ" not in page
    matched = response.context["matched_ids"]
    assert [u.code for u in response.context["units"] if u.pk in matched] == ["QNG-STP"]
    assert '<li class="depth-1 match">' in page
    assert 'value="tu phap"' in page


def test_searching_with_accents_capitals_or_decomposed_text_finds_the_same(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(officer)
    for query in ("TƯ PHÁP", "Tư pháp", unicodedata.normalize("NFD", "tư pháp"), "stp"):
        assert shown(client.get(URL, {"q": query})) == ["QNG", "QNG-STP"], query


def test_a_match_deep_in_the_tree_shows_the_whole_chain_above_it(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(officer).get(URL, {"q": "binh chanh"})
    assert shown(response) == ["QNG", "QNG-H-BINHSON", "QNG-X-BINHCHANH"]


def test_every_word_of_the_search_must_match(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    assert shown(client_for(officer).get(URL, {"q": "binh son xa"})) == ["QNG", "QNG-X-BINHSON"]
    response = client_for(officer).get(URL, {"q": "tu phap binh"})
    assert shown(response) == []
    assert "Không có đơn vị nào khớp." in response.content.decode()


def test_the_search_box_shows_the_query_escaped(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    page = client_for(officer).get(URL, {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page


def test_search_and_current_only_combine(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(officer).get(URL, {"q": "binh", "hien_hanh": "1"})
    assert shown(response) == ["QNG", "QNG-X-BINHSON"]


def test_current_only_hides_the_dissolved_units(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    assert timezone.localdate() >= REFORM
    response = client_for(officer).get(URL, {"hien_hanh": "1"})
    assert shown(response) == ["QNG", "QNG-SNV", "QNG-STP", "QNG-X-BINHSON"]
    page = response.content.decode()
    assert "huyện Bình Sơn" not in page
    assert "ngừng hoạt động" not in page
    assert 'name="hien_hanh" value="1" checked' in page


def test_a_dissolved_unit_shows_when_it_ended_and_its_successor(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    page = client_for(officer).get(URL).content.decode()
    district = page[page.index("Ủy ban nhân dân huyện Bình Sơn") :]
    district = district[: district.index("</li>")]
    assert "ngừng hoạt động từ 30/06/2025" in district
    assert '→ <a href="/don-vi/QNG-X-BINHSON/">Ủy ban nhân dân xã Bình Sơn</a>' in district


def test_a_unit_not_yet_in_force_shows_when_it_begins(
    coordinator: User, client_for: Callable[[User], Client]
) -> None:
    start = timezone.localdate() + dt.timedelta(days=30)
    import_units(
        Actor.command("test"),
        [
            UnitData(
                "QNG-SKHCN",
                "Sở Khoa học và Công nghệ",
                "department",
                "SKHCN",
                "QNG",
                valid_from=start,
            )
        ],
    )
    page = client_for(coordinator).get(URL).content.decode()
    assert f"hoạt động từ {start:%d/%m/%Y}" in page
    current = client_for(coordinator).get(URL, {"hien_hanh": "1"})
    assert "QNG-SKHCN" not in shown(current)


def add_units(count: int) -> None:
    """``count`` more units: departments, districts with communes, dissolved with successors."""
    rows: list[UnitData] = []
    for n in range(count // 3):
        rows.append(
            UnitData(
                f"H{n}",
                f"Huyện {n}",
                "district",
                "UBND",
                "QNG",
                valid_to=dt.date(2025, 6, 30),
                successor_codes=(f"XM{n}",),
            )
        )
        rows.append(
            UnitData(
                f"X{n}",
                f"Xã cũ {n}",
                "commune",
                "UBND",
                f"H{n}",
                valid_to=dt.date(2025, 6, 30),
                successor_codes=(f"XM{n}",),
            )
        )
        rows.append(UnitData(f"XM{n}", f"Xã mới {n}", "commune", "UBND", "QNG", valid_from=REFORM))
    import_units(Actor.command("test"), rows)


def test_the_number_of_queries_does_not_grow_with_the_number_of_units(
    officer: User,
    client_for: Callable[[User], Client],
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    client = client_for(officer)
    client.get(URL)  # the first request of a session may differ
    few = queries_of(client, URL, {})
    few_search = queries_of(client, URL, {"q": "xa"})
    add_units(54)
    with django_assert_max_num_queries(few):
        response = client.get(URL)
    assert len(response.context["units"]) == 60
    assert queries_of(client, URL, {}) == few
    assert queries_of(client, URL, {"q": "xa"}) == few_search
    assert queries_of(client, URL, {"hien_hanh": "1"}) == few


def test_an_outsider_is_refused_the_unit_tree(
    outsider: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(outsider).get(URL)
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()
    assert AuditEntry.objects.get(action="access.denied").note == "view_units"


def test_an_anonymous_visitor_is_sent_from_the_unit_tree_to_the_login_page(db: None) -> None:
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={URL}"


def test_a_bad_filter_value_is_reported_not_dropped(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(officer).get(URL, {"hien_hanh": "co"})
    page = response.content.decode()
    assert "Chỉ đơn vị đang hoạt động: «co»" in page
    assert "Danh sách dưới đây chưa lọc theo mục này." in page
    assert response.context["current_only"] is False
