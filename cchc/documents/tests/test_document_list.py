"""The register (/van-ban/): search without accents, filters, pages, constant queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, register_document
from cchc.testing import queries_of
from conftest import Province

URL = reverse("documents:document_list")


@pytest.fixture
def register(officer: User) -> Callable[..., None]:
    actor = Actor.of_user(officer)

    def add(symbol: str, date: dt.date | None, subject: str = "") -> None:
        register_document(actor, DocumentData(symbol, date, subject))

    return add


@pytest.fixture
def documents(province: Province, register: Callable[..., None]) -> None:
    register("590/QĐ-UBND", dt.date(2023, 3, 15), "Ban hành Kế hoạch hội nhập quốc tế")
    register("1590/QĐ-UBND", dt.date(2022, 11, 2), "Phê duyệt danh mục thủ tục hành chính")
    register("48/2021/QĐ-UBND", dt.date(2021, 12, 1), "Quy chế phối hợp")
    register("812/SNV-CCVC&TCBM", dt.date(2023, 5, 8), "Đôn đốc báo cáo cải cách hành chính")
    register("75/KH-SNGV", dt.date(2020, 2, 10), "Kế hoạch tuyên truyền")
    register("31-CT/TU", None, "Chỉ thị về tăng cường sự lãnh đạo của Đảng")


@pytest.fixture
def as_officer(officer: User, client_for: Callable[[User], Client]) -> Client:
    """Sở Tư pháp's officer, who reads the register and adds to it."""
    return client_for(officer)


def symbols(response: object) -> list[str]:
    return [d.symbol for d in response.context["page"]]  # type: ignore[attr-defined]


def test_the_register_lists_documents_newest_first(
    documents: None, leader: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(leader).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sổ đăng ký văn bản" in page
    assert "6 văn bản" in page
    dated = [symbol for symbol in symbols(response) if symbol != "31-CT/TU"]
    assert dated == [
        "812/SNV-CCVC&TCBM",
        "590/QĐ-UBND",
        "1590/QĐ-UBND",
        "48/2021/QĐ-UBND",
        "75/KH-SNGV",
    ]
    assert "15/03/2023" in page
    assert "Ủy ban nhân dân tỉnh Quảng Ngãi" in page
    assert "Sở Nội vụ" in page


def test_undated_documents_and_unnumbered_drafts_come_last_on_every_database(
    documents: None, register: Callable[..., None], as_officer: Client
) -> None:
    register("/BC-SNV", dt.date(2023, 5, 8))
    listed = symbols(as_officer.get(URL))
    assert listed[0] == "812/SNV-CCVC&TCBM"
    assert listed[1] == "/BC-SNV"
    assert listed[-1] == "31-CT/TU"


def test_searching_without_accents_finds_the_decision(documents: None, as_officer: Client) -> None:
    response = as_officer.get(URL, {"q": "quyet dinh 590"})
    assert "590/QĐ-UBND" in symbols(response)
    assert "48/2021/QĐ-UBND" not in symbols(response)
    assert "812/SNV-CCVC&TCBM" not in symbols(response)
    assert "Ban hành Kế hoạch hội nhập quốc tế" in response.content.decode()


def test_searching_finds_words_of_the_subject_with_or_without_accents(
    documents: None, as_officer: Client
) -> None:
    assert symbols(as_officer.get(URL, {"q": "hoi nhap"})) == ["590/QĐ-UBND"]
    assert symbols(as_officer.get(URL, {"q": "HỘI NHẬP"})) == ["590/QĐ-UBND"]
    assert symbols(as_officer.get(URL, {"q": "cai cach hanh chinh"})) == ["812/SNV-CCVC&TCBM"]
    assert symbols(as_officer.get(URL, {"q": "kh-sngv"})) == ["75/KH-SNGV"]


def test_a_search_with_no_match_says_so(documents: None, as_officer: Client) -> None:
    response = as_officer.get(URL, {"q": "nghi dinh 999"})
    assert symbols(response) == []
    assert "Không có văn bản nào khớp." in response.content.decode()


def test_the_list_filters_by_type(documents: None, as_officer: Client) -> None:
    response = as_officer.get(URL, {"loai": "Quyết định"})
    assert symbols(response) == ["590/QĐ-UBND", "1590/QĐ-UBND", "48/2021/QĐ-UBND"]
    assert '<option value="Quyết định" selected>' in response.content.decode()
    assert symbols(as_officer.get(URL, {"loai": "Công văn"})) == ["812/SNV-CCVC&TCBM"]


def test_the_list_filters_by_issuer_ignoring_case(documents: None, as_officer: Client) -> None:
    assert symbols(as_officer.get(URL, {"co_quan": "snv"})) == ["812/SNV-CCVC&TCBM"]
    assert symbols(as_officer.get(URL, {"co_quan": "TU"})) == ["31-CT/TU"]


def test_the_list_filters_by_year_of_the_date(documents: None, as_officer: Client) -> None:
    assert symbols(as_officer.get(URL, {"nam": "2023"})) == ["812/SNV-CCVC&TCBM", "590/QĐ-UBND"]
    assert symbols(as_officer.get(URL, {"nam": "2021"})) == ["48/2021/QĐ-UBND"]
    # A year that is not a number is ignored.
    assert len(symbols(as_officer.get(URL, {"nam": "năm"}))) == 6


def test_a_bad_filter_value_is_reported_and_the_others_still_apply(
    documents: None, as_officer: Client
) -> None:
    response = as_officer.get(URL, {"nam": "20255", "loai": "Nghị quyết", "co_quan": "UBND"})
    page = response.content.decode()
    assert "Năm: «20255» không phải là một năm; hãy ghi năm bằng 4 chữ số" in page
    assert "Loại văn bản: «Nghị quyết»" in page
    assert page.count("Danh sách dưới đây chưa lọc theo mục này.") == 2
    assert 'name="nam" value="20255"' in page
    # Only the issuer filters the list.
    assert symbols(response) == ["590/QĐ-UBND", "1590/QĐ-UBND", "48/2021/QĐ-UBND"]
    assert "chưa lọc theo mục này" not in as_officer.get(URL, {"nam": "2023"}).content.decode()


def test_filters_combine(documents: None, as_officer: Client) -> None:
    response = as_officer.get(
        URL, {"q": "quyet dinh", "loai": "Quyết định", "co_quan": "UBND", "nam": "2022"}
    )
    assert symbols(response) == ["1590/QĐ-UBND"]


def test_the_list_is_paged_by_fifty_and_keeps_the_filters(
    register: Callable[..., None],
    as_officer: Client,
) -> None:
    for n in range(1, 61):
        register(f"{n}/QĐ-UBND", dt.date(2024, 1, 1) + dt.timedelta(days=n))
    first = as_officer.get(URL, {"co_quan": "UBND"})
    assert len(symbols(first)) == 50
    assert symbols(first)[0] == "60/QĐ-UBND"
    page = first.content.decode()
    assert "60 văn bản" in page
    assert "Trang 1/2" in page
    assert "?co_quan=UBND&amp;trang=2" in page
    second = as_officer.get(URL, {"co_quan": "UBND", "trang": "2"})
    assert symbols(second) == [f"{n}/QĐ-UBND" for n in range(10, 0, -1)]
    assert "Trang 2/2" in second.content.decode()
    # A page past the end shows the last page.
    assert symbols(as_officer.get(URL, {"trang": "9"})) == symbols(second)


def test_the_number_of_queries_does_not_grow_with_the_number_of_documents(
    register: Callable[..., None],
    as_officer: Client,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    def add(start: int, count: int) -> None:
        for n in range(start, start + count):
            # Alternate issuers so that rows show linked units of more than one kind.
            symbol = f"{n}/QĐ-UBND" if n % 2 else f"{n}/SNV-VP"
            register(symbol, dt.date(2023, 1, 1) + dt.timedelta(days=n))

    add(1, 10)
    as_officer.get(URL)
    few = queries_of(as_officer, URL)
    add(11, 50)
    with django_assert_max_num_queries(few):
        response = as_officer.get(URL)
    assert response.context["page"].paginator.count == 60
    assert queries_of(as_officer, URL) == few


def test_an_outsider_is_refused_the_register(
    outsider: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(outsider).get(URL)
    assert response.status_code == 403
    assert "Sổ đăng ký văn bản" not in response.content.decode()


def test_an_anonymous_visitor_is_sent_from_the_register_to_the_login_page(db: None) -> None:
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={URL}"


def test_the_type_filter_offers_every_type_a_registered_document_can_have(
    register: Callable[..., None],
    as_officer: Client,
) -> None:
    register("80/2015/QH13", dt.date(2015, 6, 22))
    register("12-TT/TU", dt.date(2019, 3, 1))
    page = as_officer.get(URL).content.decode()
    assert '<option value="Luật"' in page
    assert '<option value="Thông tri"' in page


def test_a_law_can_be_listed_by_its_type_through_the_address(
    register: Callable[..., None],
    as_officer: Client,
) -> None:
    register("80/2015/QH13", dt.date(2015, 6, 22))
    register("48/2021/QĐ-UBND", dt.date(2021, 12, 1))
    assert symbols(as_officer.get(URL, {"loai": "Luật"})) == ["80/2015/QH13"]


def test_a_number_in_the_search_matches_whole_numbers_not_their_tails(
    register: Callable[..., None],
    as_officer: Client,
) -> None:
    register("590/QĐ-UBND", dt.date(2014, 4, 24))
    register("1590/QĐ-UBND", dt.date(2019, 10, 1))
    response = as_officer.get(URL, {"q": "quyết định 590"})
    assert symbols(response) == ["590/QĐ-UBND"]
