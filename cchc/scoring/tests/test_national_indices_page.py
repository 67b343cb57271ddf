"""The province's national indices (/chi-so-cchc/quoc-gia/): a table per index by year with
the change of rank, the chart, and the coordinator's form to record a year.

Who may do what: every role reads the page; the coordinator (and the administrator) records;
outsiders are refused.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.scoring.indices import NationalIndexError, rank_change_text, record_index
from cchc.scoring.models import NationalIndex
from cchc.testing import Clients
from conftest import Province

URL = reverse("scoring:national_indices")
RECORD = reverse("scoring:national_index_record")
# PAR INDEX of the province: 39/63 in 2021, up 12 places to 27/63, down 3, unchanged, then
# 10 of the 34 provinces of 2025.
PAR_INDEX = [
    (2021, "80.12", 39, 63),
    (2022, "86.08", 27, 63),
    (2023, "84.50", 30, 63),
    (2024, "85.91", 30, 63),
    (2025, "88.02", 10, 34),
]


@pytest.fixture
def par_index(province: Province) -> None:
    command = Actor.command("test")
    for year, score, rank, of in PAR_INDEX:
        record_index(command, "par_index", year, Decimal(score), rank, of)
    record_index(command, "pci", 2023, Decimal("66.94"), 21, 63, "Xếp nhóm khá")


def rows(page: str, index: str) -> list[list[str]]:
    """The cells of the table under the heading ``index``."""
    section = page.split(f"<h2>{index}</h2>", 1)[1].split("</table>", 1)[0]
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in section.split("<tr>")[2:]]
    return [row for row in cells if row]


def test_every_role_reads_the_years_with_the_change_of_rank(
    par_index: None, leader: User, client_for: Clients
) -> None:
    page = client_for(leader).get(URL).content.decode()
    assert rows(page, "PAR INDEX") == [
        ["2021", "80,12", "39/63", "—", ""],
        ["2022", "86,08", "27/63", "tăng 12 bậc", ""],
        ["2023", "84,50", "30/63", "giảm 3 bậc", ""],
        ["2024", "85,91", "30/63", "giữ nguyên", ""],
        [
            "2025",
            "88,02",
            "10/34",
            "Không so sánh thứ hạng: năm 2025 xếp hạng trên 34 tỉnh, thành phố, năm 2024 trên 63",
            "",
        ],
    ]
    assert rows(page, "PCI") == [["2023", "66,94", "21/63", "—", "Xếp nhóm khá"]]
    assert rows(page, "SIPAS") == [["Chưa ghi nhận năm nào."]]
    # The chart is in the page itself, one dot per year recorded.
    assert page.count("<svg") == 1 and page.count("<circle") == 6
    assert 'data-label="PAR INDEX"' in page
    assert "Ghi nhận kết quả một năm" not in page


def test_a_gap_between_years_is_named(province: Province) -> None:
    command = Actor.command("test")
    record_index(command, "papi", 2020, Decimal("42.1"), 20, 63)
    record_index(command, "papi", 2022, Decimal("43.5"), 15, 63)
    first, second = NationalIndex.objects.filter(index="papi").order_by("year")
    assert rank_change_text(second, first) == "tăng 5 bậc so với năm 2020"


def test_the_coordinator_records_a_year_and_corrects_it(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    assert "Ghi nhận kết quả một năm" in client.get(URL).content.decode()
    data = {"index": "sipas", "year": "2024", "score": "86,08", "rank": "27", "ranked_of": "63"}
    response = client.post(RECORD, data, follow=True)
    assert "Đã ghi SIPAS năm 2024: hạng 27/63." in response.content.decode()
    entry = NationalIndex.objects.get()
    assert (entry.score, entry.rank, entry.ranked_of) == (Decimal("86.08"), 27, 63)
    client.post(RECORD, {**data, "score": "86.5", "rank": "25", "note": "Công bố lại"})
    entry.refresh_from_db()
    assert (entry.score, entry.rank, entry.note) == (Decimal("86.50"), 25, "Công bố lại")
    audit = AuditEntry.objects.filter(action="scoring.national_index").order_by("id")
    assert audit[0].before is None
    assert (audit[1].before["rank"], audit[1].after["rank"]) == (27, 25)  # type: ignore[index]


def test_a_wrong_value_is_refused_and_the_form_keeps_it(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    data = {"index": "par_index", "year": "2025", "score": "88,02", "rank": "40", "ranked_of": "34"}
    page = client.post(RECORD, data).content.decode()
    assert "Thứ hạng phải từ 1 đến 34 (số tỉnh, thành phố được xếp hạng)." in page
    assert 'value="88,02"' in page
    page = client.post(RECORD, {**data, "rank": "3", "score": "tám mươi"}).content.decode()
    assert "«tám mươi» không phải là số." in page
    page = client.post(RECORD, {**data, "rank": "3", "score": "101"}).content.decode()
    assert "Điểm phải từ 0 đến 100." in page
    assert not NationalIndex.objects.exists()


def test_only_the_coordinator_records(
    province: Province, officer: User, head: User, leader: User
) -> None:
    for user in (officer, head, leader):
        with pytest.raises(PermissionDenied):
            record_index(Actor.of_user(user), "pci", 2024, Decimal(70), 10, 63)
    with pytest.raises(NationalIndexError):
        record_index(Actor.command("test"), "hdi", 2024, Decimal(70), 10, 63)
    assert not NationalIndex.objects.exists()


def test_outsiders_are_refused_and_readers_cannot_post(
    province: Province, outsider: User, officer: User, leader: User, client_for: Clients
) -> None:
    assert client_for(outsider).get(URL).status_code == 403
    data = {"index": "pci", "year": "2024", "score": "70", "rank": "10", "ranked_of": "63"}
    for user in (outsider, officer, leader):
        assert client_for(user).post(RECORD, data).status_code == 403
    assert not NationalIndex.objects.exists()


def test_the_par_home_page_links_to_the_national_indices(
    province: Province, officer: User, client_for: Clients
) -> None:
    page = client_for(officer).get(reverse("scoring:par_home")).content.decode()
    assert f'href="{URL}"' in page
