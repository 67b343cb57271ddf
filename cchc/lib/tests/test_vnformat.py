"""Vietnamese number and date formatting for documents (plain Python)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cchc.lib.vnformat import format_date, format_decimal, format_int, format_trimmed


def test_thousands_are_grouped_with_dots() -> None:
    assert format_int(2319) == "2.319"
    assert format_int(244) == "244"
    assert format_int(1234567) == "1.234.567"


def test_decimals_take_a_comma() -> None:
    assert format_decimal(86.08) == "86,08"
    assert format_decimal(Decimal("2319.5")) == "2.319,50"
    assert format_decimal(14.5, 1) == "14,5"


def test_trimmed_decimals_drop_trailing_zeros_only() -> None:
    assert format_trimmed(Decimal("1.50")) == "1,5"
    assert format_trimmed(Decimal("3.00")) == "3"
    assert format_trimmed(Decimal("0")) == "0"
    assert format_trimmed(Decimal("0.25")) == "0,25"
    assert format_trimmed(1000) == "1.000"
    assert format_trimmed(2310, 0) == "2.310"


def test_dates_are_dd_mm_yyyy() -> None:
    assert format_date(dt.date(2025, 2, 5)) == "05/02/2025"
