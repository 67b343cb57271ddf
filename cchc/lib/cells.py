"""Spreadsheet cells read as text, shared by the .xlsx imports (plans, survey results)."""

from __future__ import annotations

import datetime as dt

from cchc.lib.text import nfc
from cchc.lib.vnformat import format_date


def cell_key(text: str) -> str:
    """``text`` for matching a header or a code: composed, case-folded, spaces collapsed."""
    return " ".join(nfc(text).casefold().split())


def cell_text(value: object) -> str:
    """A cell as text: numbers without a needless ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return format_date(value)
    return nfc(str(value)).strip()
