"""The completeness table's rows: what pages and exports read of them costs no more queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager

from django.utils import timezone

from cchc.reporting.models import Period, Report, Status
from cchc.reporting.monitoring import completeness
from conftest import Province

QueryCounter = Callable[[int], AbstractContextManager[object]]


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def test_rows_show_units_and_reports_in_two_queries(
    h1_2025: Period, province: Province, django_assert_num_queries: QueryCounter
) -> None:
    sent = local(dt.date(2025, 6, 16), 9)
    Report.objects.create(
        period=h1_2025, unit=province.stp, status=Status.ACCEPTED, first_submitted_at=sent,
        submitted_at=sent, accepted_at=local(dt.date(2025, 6, 17), 8), narrative={"I": "…"},
    )  # fmt: skip
    assert h1_2025.form is not None  # the form is read once per period object
    with django_assert_num_queries(2):
        table = completeness(h1_2025)
        shown = [
            (
                row.unit.code, row.unit.name, row.unit.kind, row.sent, row.on_time, row.late,
                row.report and (row.report.get_status_display(), row.report.submitted_at,
                                row.report.accepted_at, row.report.period.due_date),
            )
            for row in table.rows
        ]  # fmt: skip
        assert (table.submitted, table.on_time, table.accepted) == (1, 1, 1)
    assert shown[1][:6] == ("QNG-STP", "Sở Tư pháp", "department", True, True, False)
    assert shown[1][6] == ("Đã tiếp nhận", sent, local(dt.date(2025, 6, 17), 8), h1_2025.due_date)


def test_what_the_table_does_not_load_is_still_read_when_asked(
    h1_2025: Period, province: Province
) -> None:
    Report.objects.create(period=h1_2025, unit=province.stp, narrative={"I": "Đã ban hành"})
    row = next(row for row in completeness(h1_2025).rows if row.report is not None)
    assert row.report is not None
    assert row.report.narrative == {"I": "Đã ban hành"}
    assert row.unit.search_text


def test_a_report_first_sent_on_the_due_date_is_on_time_until_midnight(
    h1_2025: Period, province: Province
) -> None:
    due = h1_2025.due_date
    for unit, moment in (
        (province.stp, local(due, 23, 59)),
        (province.snv, local(due + dt.timedelta(days=1), 0)),
    ):
        Report.objects.create(
            period=h1_2025, unit=unit, status=Status.SUBMITTED, first_submitted_at=moment
        )
    rows = {row.unit.code: row for row in completeness(h1_2025).rows}
    assert (rows["QNG-STP"].on_time, rows["QNG-SNV"].late) == (True, True)


def test_the_totals_alone_take_one_query(
    h1_2025: Period, province: Province, django_assert_num_queries: QueryCounter
) -> None:
    Report.objects.create(
        period=h1_2025, unit=province.stp, status=Status.SUBMITTED,
        first_submitted_at=local(dt.date(2025, 6, 16), 9),
    )  # fmt: skip
    assert h1_2025.form is not None
    with django_assert_num_queries(1):
        table = completeness(h1_2025)
        totals = (table.expected, table.submitted, table.on_time, table.late, table.accepted)
    assert totals == (4, 1, 1, 0, 0)
