"""The leaders' dashboard: ranks as officials write them, the period being reported, overdue
tasks per lead unit, figures against last year on the same units, PAR progress and units at
risk, in as many queries for 5 units as for 40."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cchc import dashboard
from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, register_document
from cchc.orgs.actions import UnitData, import_units
from cchc.orgs.models import Unit
from cchc.reporting.actions import load_config, open_periods
from cchc.reporting.loading import read_config
from cchc.reporting.models import Period, Status
from cchc.reporting.tests.export_data import file_report
from cchc.scoring.indices import record_index
from cchc.tasks.actions import TaskData, create_task
from conftest import Province

TODAY = timezone.localdate()


@pytest.fixture
def reporting_years(province: Province) -> None:
    command = Actor.command("test")
    load_config(command, read_config())
    for year in (2024, 2025):
        open_periods(command, year)


def test_national_ranks_are_written_27_of_63_with_their_change(
    leader: User, client_for: Callable[[User], Client]
) -> None:
    command = Actor.command("test")
    record_index(command, "par_index", 2023, Decimal("84.10"), 30, 63)
    record_index(command, "par_index", 2024, Decimal("86.08"), 27, 63)
    record_index(command, "sipas", 2024, Decimal("80.00"), 20, 63)
    record_index(command, "sipas", 2025, Decimal("84.90"), 15, 34)
    response = client_for(leader).get(reverse("home:index"))
    page = response.content.decode()
    assert "Bảng điều hành cải cách hành chính" not in page  # the home shows it inline
    assert "PAR INDEX 2024" in page and "27/63" in page and "tăng 3 bậc" in page
    assert "SIPAS 2025" in page and "15/34" in page
    assert "Không so sánh thứ hạng" in page


def test_figures_are_compared_on_the_same_units_through_successor_links(
    reporting_years: None, province: Province
) -> None:
    # 9 tháng 2024: Bình Chánh (merged into Bình Sơn on 01/07/2025) and Sở Tư pháp report;
    # 9 tháng 2025: Bình Sơn and Sở Tư pháp. The district (split between several communes
    # in real life; here merged) did not report, so Bình Sơn cannot be compared.
    before, now = Period.objects.get(code="2024-9M"), Period.objects.get(code="2025-9M")
    file_report(before, province.stp, Status.ACCEPTED, dt.date(2024, 9, 18), dossiers_received=100)
    file_report(now, province.stp, Status.ACCEPTED, dt.date(2025, 9, 18), dossiers_received=120)
    file_report(
        before, province.old_commune, Status.ACCEPTED, dt.date(2024, 9, 18), dossiers_received=50
    )
    file_report(
        now, province.new_commune, Status.ACCEPTED, dt.date(2025, 9, 18), dossiers_received=500
    )
    comparison = dashboard.compare_with_last_year(dt.date(2025, 10, 1))
    assert (comparison.period, comparison.previous) == (now, before)
    received = next(f for f in comparison.figures if f.code == "dossiers_received")
    # Only Sở Tư pháp is compared: Bình Sơn's predecessor the district sent nothing.
    assert (received.now, received.before) == (Decimal(120), Decimal(100))
    assert (comparison.compared_units, comparison.reporting_units) == (1, 2)
    # Once the district's figures are in, Bình Sơn compares with Bình Chánh + the district.
    file_report(
        before, province.district, Status.ACCEPTED, dt.date(2024, 9, 18), dossiers_received=300
    )
    comparison = dashboard.compare_with_last_year(dt.date(2025, 10, 1))
    received = next(f for f in comparison.figures if f.code == "dossiers_received")
    assert (received.now, received.before) == (Decimal(620), Decimal(450))
    assert comparison.compared_units == 2


def test_without_units_in_both_years_the_page_says_the_figures_are_not_comparable(
    reporting_years: None, province: Province, leader: User, client_for: Callable[[User], Client]
) -> None:
    now = Period.objects.get(code="2025-9M")
    file_report(
        now, province.new_commune, Status.ACCEPTED, dt.date(2025, 9, 18), dossiers_received=5
    )
    comparison = dashboard.compare_with_last_year(dt.date(2025, 10, 1))
    assert not comparison.comparable
    page = client_for(leader).get(reverse("home:dashboard")).content.decode()
    # (On the page, the latest period due, Năm 2025, has no figures at all.)
    assert "Không so sánh được số liệu" in page


def add_units(province: Province, count: int, start: int) -> list[Unit]:
    rows = [
        UnitData(f"QNG-S{n:03d}", f"Sở thử {n}", "department", f"S{n}", "QNG")
        for n in range(start, start + count)
    ]
    import_units(Actor.command("test"), rows)
    return list(Unit.objects.filter(code__in=[r.code for r in rows]))


def fill(units: list[Unit], province: Province) -> None:
    """Each unit: reports for the last due period and a year before, two overdue tasks."""
    command = Actor.command("test")
    document = register_document(command, DocumentData(f"{len(units)}/QĐ-UBND", None, "Giao"))
    period = dashboard.compare_with_last_year(TODAY).period
    previous = dashboard.compare_with_last_year(TODAY).previous
    for index, unit in enumerate(units):
        for p, received in ((period, 100 + index), (previous, 90)):
            if p is not None and p.end >= dt.date(2020, 1, 1):
                sent = p.due_date + dt.timedelta(days=index % 3)
                file_report(p, unit, Status.ACCEPTED, sent, dossiers_received=received)
        for days in (5, 30):
            deadline = TODAY - dt.timedelta(days=days)
            create_task(command, TaskData(f"Việc của {unit.code}", document, unit, (), deadline))


def test_the_dashboard_takes_as_many_queries_for_5_units_as_for_40(
    province: Province, leader: User, client_for: Callable[[User], Client]
) -> None:
    command = Actor.command("test")
    load_config(command, read_config())
    for year in (TODAY.year - 1, TODAY.year):
        open_periods(command, year)
    record_index(command, "par_index", 2024, Decimal("86.08"), 27, 63)
    client = client_for(leader)
    counts = []
    for count, start in ((5, 1), (35, 6)):
        fill(add_units(province, count, start), province)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("home:dashboard"))
        assert response.status_code == 200
        counts.append(len(queries))
    page = response.content.decode()
    assert "Nhiệm vụ quá hạn theo đơn vị chủ trì" in page and "<svg" in page
    assert "Đơn vị cần chú ý" in page and "gửi muộn báo cáo" in page
    assert counts[0] == counts[1], counts
