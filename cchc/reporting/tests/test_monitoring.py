from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cchc.reporting.models import Period, Report, Status
from cchc.reporting.monitoring import completeness
from conftest import Province


def submitted_on(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def test_the_table_counts_expected_sent_on_time_late_and_missing(
    h1_2025: Period, province: Province
) -> None:
    Report.objects.create(
        period=h1_2025, unit=province.stp, status=Status.ACCEPTED,
        first_submitted_at=submitted_on(dt.date(2025, 6, 18)),
    )  # fmt: skip
    Report.objects.create(
        period=h1_2025, unit=province.snv, status=Status.SUBMITTED,
        first_submitted_at=submitted_on(dt.date(2025, 6, 25)),
    )  # fmt: skip
    Report.objects.create(period=h1_2025, unit=province.district, status=Status.DRAFT)
    table = completeness(h1_2025)
    # On 14/06/2025 the district and its old commune still exist; the new commune does not yet.
    assert [row.unit.code for row in table.rows] == [
        "QNG-SNV", "QNG-STP", "QNG-H-BINHSON", "QNG-X-BINHCHANH",
    ]  # fmt: skip
    assert (table.expected, table.submitted, table.on_time, table.late, table.missing) == (
        4, 2, 1, 1, 2,
    )  # fmt: skip
    assert table.reporting_rate == 50.0


def test_after_the_reorganisation_the_new_communes_are_expected(
    h1_2025: Period, province: Province
) -> None:
    nine_months = Period.objects.get(code="2025-9M")
    codes = [row.unit.code for row in completeness(nine_months).rows]
    assert codes == ["QNG-SNV", "QNG-STP", "QNG-X-BINHSON"]


def test_a_subtree_counts_its_own_units(h1_2025: Period, province: Province) -> None:
    table = completeness(h1_2025, province.district)
    assert [row.unit.code for row in table.rows] == ["QNG-H-BINHSON", "QNG-X-BINHCHANH"]


def test_a_subtree_totals_its_own_reports(h1_2025: Period, province: Province) -> None:
    Report.objects.create(
        period=h1_2025, unit=province.stp, status=Status.ACCEPTED,
        first_submitted_at=submitted_on(dt.date(2025, 6, 18)),
    )  # fmt: skip
    Report.objects.create(
        period=h1_2025, unit=province.district, status=Status.SUBMITTED,
        first_submitted_at=submitted_on(dt.date(2025, 6, 25)),
    )  # fmt: skip
    table = completeness(h1_2025, province.district)
    assert (table.expected, table.submitted, table.on_time, table.late, table.accepted) == (
        2, 1, 0, 1, 0,
    )  # fmt: skip


def test_reports_of_units_not_expected_or_of_other_periods_are_not_counted(
    h1_2025: Period, province: Province
) -> None:
    sent = submitted_on(dt.date(2025, 6, 18))
    # The province files nothing itself; the new commune did not exist on 14/06/2025.
    for unit in (province.root, province.new_commune):
        Report.objects.create(
            period=h1_2025, unit=unit, status=Status.ACCEPTED, first_submitted_at=sent
        )
    Report.objects.create(
        period=Period.objects.get(code="2025-Q1"), unit=province.stp, status=Status.ACCEPTED,
        first_submitted_at=submitted_on(dt.date(2025, 3, 18)),
    )  # fmt: skip
    table = completeness(h1_2025)
    assert (table.expected, table.submitted, table.on_time, table.accepted) == (4, 0, 0, 0)
    assert [row.report for row in table.rows] == [None] * 4
