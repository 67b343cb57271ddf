"""The unit page (/don-vi/<code>/): facts, the chain above, children, predecessors, successors."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from conftest import Province


def url(code: str) -> str:
    return reverse("orgs:unit_detail", args=[code])


def section(page: str, heading: str) -> str:
    """The list under a heading of the page."""
    start = page.index(f"<h2>{heading}</h2>")
    return page[start : page.index("</ul>", start)]


def test_a_dissolved_district_shows_its_facts_children_and_successor(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(officer).get(url("QNG-H-BINHSON"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Ủy ban nhân dân huyện Bình Sơn</h1>" in page
    assert "<dd>QNG-H-BINHSON</dd>" in page
    assert "<dd>UBND</dd>" in page
    assert "<dd>Cấp huyện</dd>" in page
    assert "đến 30/06/2025" in page
    assert '<a href="/don-vi/QNG/">Ủy ban nhân dân tỉnh Quảng Ngãi</a> ›' in page
    successors = section(page, "Đơn vị kế thừa")
    assert '<a href="/don-vi/QNG-X-BINHSON/">Ủy ban nhân dân xã Bình Sơn</a>' in successors
    children = section(page, "Đơn vị trực thuộc")
    assert '<a href="/don-vi/QNG-X-BINHCHANH/">Ủy ban nhân dân xã Bình Chánh</a>' in children
    assert "đã ngừng hoạt động" in children
    assert "Kế thừa từ" not in page


def test_a_new_commune_shows_the_units_it_took_over_from(
    leader: User, client_for: Callable[[User], Client]
) -> None:
    page = client_for(leader).get(url("QNG-X-BINHSON")).content.decode()
    assert "từ 01/07/2025" in page
    predecessors = section(page, "Kế thừa từ")
    assert "Ủy ban nhân dân huyện Bình Sơn</a> (đến 30/06/2025)" in predecessors
    assert "Ủy ban nhân dân xã Bình Chánh</a> (đến 30/06/2025)" in predecessors
    assert "Đơn vị kế thừa" not in page
    assert "Đơn vị trực thuộc" not in page


def test_the_province_shows_all_its_direct_children_and_is_in_force(
    coordinator: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(coordinator).get(url("QNG"))
    page = response.content.decode()
    assert "đang hoạt động" in page
    assert [c.code for c in response.context["children"]] == [
        "QNG-SNV",
        "QNG-STP",
        "QNG-H-BINHSON",
        "QNG-X-BINHSON",
    ]
    children = section(page, "Đơn vị trực thuộc")
    assert "Sở Nội vụ" in children
    assert "Ủy ban nhân dân xã Bình Chánh" not in children
    assert list(response.context["ancestors"]) == []


def test_a_commune_under_a_district_lists_both_ancestors_in_order(
    head: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    response = client_for(head).get(url("QNG-X-BINHCHANH"))
    assert list(response.context["ancestors"]) == [province.root, province.district]


def test_an_unknown_code_is_not_found_in_vietnamese(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(officer).get(url("QNG-KHONGCO"))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_an_outsider_is_refused_the_unit_page(
    outsider: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(outsider).get(url("QNG-STP"))
    assert response.status_code == 403
    assert "Sở Tư pháp" not in response.content.decode()


def test_an_anonymous_visitor_is_sent_from_the_unit_page_to_the_login_page(
    province: Province,
) -> None:
    response = Client().get(url("QNG-STP"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/don-vi/QNG-STP/"
