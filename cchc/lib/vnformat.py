"""Numbers and dates written the Vietnamese way, for documents made outside templates (no Django).

Templates get the same from Django's localisation (``cchc/formats/vi``): 2.319, 86,08, 05/02/2025.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def format_int(number: int) -> str:
    """2319 -> "2.319"."""
    return f"{number:,}".replace(",", ".")


def format_decimal(number: float | Decimal, places: int = 2) -> str:
    """86.08 -> "86,08"; 2319.5 -> "2.319,50"."""
    text = f"{number:,.{places}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_trimmed(number: float | Decimal, places: int = 2) -> str:
    """``format_decimal`` without trailing zeros: 1.50 -> "1,5"; 3 -> "3"; 1000 -> "1.000"."""
    text = format_decimal(number, places)
    return text.rstrip("0").rstrip(",") if places else text


def format_date(day: dt.date) -> str:
    """dd/mm/yyyy: 05/02/2025."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
