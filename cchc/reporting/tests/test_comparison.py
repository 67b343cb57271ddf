"""Comparing periods across the reorganisation (cchc/reporting/comparison.py) on the synthesis
page, the overview and the compiled report.

The province of conftest.py: on 01/07/2025 huyện Bình Sơn and xã Bình Chánh were replaced by
xã Bình Sơn (both list it as successor). 9 tháng 2024 was reported by the district, the old
commune and Sở Tư pháp; 9 tháng 2025 by the new commune and Sở Tư pháp.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document as open_docx

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.reporting.actions import open_periods
from cchc.reporting.comparison import compare, same_units
from cchc.reporting.models import Period, Report, Status
from cchc.reporting.tests.export_data import file_report
from cchc.testing import Clients
from conftest import Province


@pytest.fixture
def nine_months(reporting: None, province: Province) -> tuple[Period, Period]:
    open_periods(Actor.command("test"), 2024)
    open_periods(Actor.command("test"), 2025)
    past, now = Period.objects.get(code="2024-9M"), Period.objects.get(code="2025-9M")
    accepted, sent = Status.ACCEPTED, dt.date(2024, 9, 18)
    file_report(past, province.district, accepted, sent, dossiers_received=3000)
    file_report(past, province.old_commune, accepted, sent, dossiers_received=500)
    file_report(past, province.stp, accepted, sent, dossiers_received=1000)
    file_report(past, province.snv, accepted, sent, dossiers_received=700)
    sent = dt.date(2025, 9, 18)
    file_report(now, province.new_commune, accepted, sent, dossiers_received=2800)
    file_report(now, province.stp, accepted, sent, dossiers_received=1200)
    file_report(now, province.snv, accepted, sent, dossiers_received=800)
    return past, now


def test_a_merged_units_past_is_the_sum_of_its_predecessors_past(
    nine_months: tuple[Period, Period],
) -> None:
    past, now = nine_months
    last_year = compare(now).last_year
    assert last_year.past_period == past
    # xã Bình Sơn 2.800 against huyện Bình Sơn 3.000 + xã Bình Chánh 500; the departments
    # against themselves.
    assert last_year.past["dossiers_received"] == Decimal(3000 + 500 + 1000 + 700)
    assert last_year.current["dossiers_received"] == Decimal(2800 + 1200 + 800)
    assert (last_year.compared, last_year.left_out, last_year.regrouped) == (3, [], 1)
    assert "tổng số liệu của các đơn vị tiền thân" in last_year.note


def test_a_lineage_missing_a_past_report_is_left_out_and_named(
    nine_months: tuple[Period, Period], province: Province
) -> None:
    past, now = nine_months
    Report.objects.filter(period=past, unit=province.old_commune).update(status=Status.RETURNED)
    last_year = same_units(now, past)
    # Only half of xã Bình Sơn's past is known: it is not compared at all.
    assert last_year.past["dossiers_received"] == Decimal(1700)
    assert last_year.current["dossiers_received"] == Decimal(2000)
    assert [u.code for u in last_year.left_out] == ["QNG-X-BINHSON"]
    assert "không so sánh 1 đơn vị: Ủy ban nhân dân xã Bình Sơn." in last_year.note


def test_nothing_in_common_is_said_not_comparable(
    nine_months: tuple[Period, Period], province: Province
) -> None:
    past, now = nine_months
    Report.objects.filter(period=now).exclude(unit=province.new_commune).delete()
    Report.objects.filter(period=past, unit=province.district).delete()
    last_year = same_units(now, past)
    assert not last_year.comparable and last_year.past == {}
    assert last_year.note.startswith("Không so sánh được với 9 tháng đầu năm 2024")


def table_cells(html: str, name: str) -> list[str]:
    start = html.index(f"<td>{name}</td>")
    row = html[start : html.index("</tr>", start)]
    return [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)][1:]


def test_the_synthesis_page_compares_the_same_units(
    nine_months: tuple[Period, Period], coordinator: User, client_for: Clients
) -> None:
    html = (
        client_for(coordinator)
        .get(reverse("reporting:synthesis"), {"ky": "2025-9M"})
        .content.decode()
    )
    # 4.800 against 5.200: −7,69 %, where 4.800 against the 1.700 of the departments alone
    # (or any other mix) would not be the same units.
    assert table_cells(html, "Tổng số hồ sơ TTHC tiếp nhận")[4:] == ["5.200", "-400 (-7,69%)"]
    assert "so với tổng số liệu của các đơn vị tiền thân" in html


def test_a_subtree_is_compared_with_its_own_lineages(
    nine_months: tuple[Period, Period], coordinator: User, client_for: Clients
) -> None:
    response = client_for(coordinator).get(
        reverse("reporting:synthesis"), {"ky": "2025-9M", "don_vi": "QNG-STP"}
    )
    assert table_cells(response.content.decode(), "Tổng số hồ sơ TTHC tiếp nhận")[4:] == [
        "1.000",
        "+200 (+20,00%)",
    ]


def test_the_compiled_report_states_the_change_on_the_same_units(
    nine_months: tuple[Period, Period], coordinator: User, client_for: Clients
) -> None:
    response = client_for(coordinator).get(reverse("synthesis_docx"), {"ky": "2025-9M"})
    lines = [p.text for p in open_docx(io.BytesIO(response.content)).paragraphs]
    sentence = next(line for line in lines if line.startswith("Toàn tỉnh tiếp nhận 4.800"))
    assert "giảm 7,7 % so với cùng kỳ năm 2024" in sentence
    assert any("tổng số liệu của các đơn vị tiền thân" in line for line in lines)
