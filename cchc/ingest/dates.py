"""Dates as Vietnamese documents write them.

Forms: "ngày 05 tháng 01 năm 2020", "24/4/2014", "01-10-1997", "24.4.2014"; in a header the
day may be left blank ("ngày   tháng 6 năm 2023"). An impossible date ("31/4/2019") has no
value but keeps its text.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

__all__ = ["DATE", "DateValue", "iso_date", "read_date"]

# Numeric: day sep month sep year, the same separator twice; long: "05 tháng 01 năm 2020".
DATE = (
    r"(?:(?P<d1>\d{1,2}) ?(?P<sep>[/.\-]) ?(?P<m1>\d{1,2}) ?(?P=sep) ?(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2}) tháng (?P<m2>\d{1,2}) năm (?P<y2>\d{4}))"
)

DateValue = tuple[str | None, str]  # (ISO date or None when impossible, the text as written)


@lru_cache(maxsize=4096)
def iso_date(year: int, month: int, day: int) -> str | None:
    """ "YYYY-MM-DD", or None for a date that does not exist or is out of range."""
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def read_date(match: re.Match[str]) -> DateValue:
    """The value and written text of a match of a pattern built on DATE."""
    if match.group("d1") is not None:
        day, month, year = match.group("d1", "m1", "y1")
        start, end = match.start("d1"), match.end("y1")
    else:
        day, month, year = match.group("d2", "m2", "y2")
        start, end = match.start("d2"), match.end("y2")
    return iso_date(int(year), int(month), int(day)), match.string[start:end]
