"""Numbers and dates written the Vietnamese way, for documents made outside templates (no Django).

Templates get the same from Django's localisation (``cchc/formats/vi``): 2.319, 86,08, 05/02/2025.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal, InvalidOperation


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


def parse_decimal(text: str) -> Decimal:
    """A small number typed with a decimal comma or point, as points, rates and index scores
    are ("25,5", "25.5", "3"; no thousands separators). ValueError for anything else."""
    cleaned = unicodedata.normalize("NFC", text).strip().replace(" ", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as e:
        raise ValueError(text) from e
    if not value.is_finite():
        raise ValueError(text)
    return value
