"""Period windows and the order of periods (plain functions over PeriodKind and Period)."""

from __future__ import annotations

import datetime as dt

from cchc.reporting.models import Period, PeriodKind

# The periods a report is compared with: the one before it in the year (Q1 < H1 < 9M < Y,
# the cumulative reports), and the same period a year earlier.
CUMULATIVE_ORDER = ["Q1", "H1", "9M", "Y"]


def window(kind: PeriodKind, year: int) -> tuple[dt.date, dt.date]:
    start_year = year - 1 if kind.start_previous_year else year
    return (
        dt.date(start_year, kind.start_month, kind.start_day),
        dt.date(year, kind.end_month, kind.end_day),
    )


def due_date(kind: PeriodKind, year: int) -> dt.date:
    return window(kind, year)[1] + dt.timedelta(days=kind.due_days)


def period_title(kind_title: str, year: int) -> str:
    """ "Quý I năm 2025", "6 tháng đầu năm 2025", "Năm 2025"."""
    if kind_title.casefold().endswith("năm"):
        return f"{kind_title} {year}"
    return f"{kind_title} năm {year}"


def period_code(kind_code: str, year: int) -> str:
    return f"{year}-{kind_code}"


def previous_period(period: Period) -> Period | None:
    """The period before: 2025-H1 → 2025-Q1, 2025-Q1 → 2024-Y; Q2 → Q1, Q1 → the year before."""
    order = CUMULATIVE_ORDER if period.kind in CUMULATIVE_ORDER else ["Q1", "Q2", "Q3", "Q4"]
    if period.kind not in order:
        return None
    index = order.index(period.kind)
    code = (
        period_code(order[index - 1], period.year)
        if index > 0
        else period_code(order[-1], period.year - 1)
    )
    return Period.objects.filter(code=code).first()


def same_period_last_year(period: Period) -> Period | None:
    return Period.objects.filter(code=period_code(period.kind, period.year - 1)).first()
