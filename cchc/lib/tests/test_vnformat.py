"""Vietnamese number and date formatting for documents (plain Python)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cchc.lib.vnformat import (
    format_date,
    format_decimal,
    format_int,
    format_trimmed,
    parse_decimal,
)


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


def test_small_decimals_are_read_with_a_comma_or_a_point() -> None:
    assert parse_decimal("25,5") == Decimal("25.5")
    assert parse_decimal(" 25.5 ") == Decimal("25.5")
    assert parse_decimal("3") == Decimal(3)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "NaN", "Infinity"])
def test_what_is_not_a_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_decimal(text)
