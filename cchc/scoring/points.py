"""Points as people write them (1,5 or 1.5) and as pages and files show them (1,5), and as
the framework's levels and rules store them ("1.5")."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from cchc.lib.vnformat import format_trimmed, parse_decimal

CENT = Decimal("0.01")


class PointsError(ValueError):
    """A score that cannot be read; the message is for the field, in Vietnamese."""


def parse_points(raw: str) -> Decimal | None:
    """ "1,5", "1.5" or "3" as points; empty: not scored (None)."""
    if not raw.strip():
        return None
    try:
        value = parse_decimal(raw)
    except ValueError as e:
        raise PointsError(_("«%(raw)s» không phải là số điểm.") % {"raw": raw.strip()}) from e
    if value != value.quantize(CENT):
        raise PointsError(_("Điểm lấy tối đa hai chữ số thập phân."))
    return value.quantize(CENT)


def points_text(value: Decimal) -> str:
    """Points the Vietnamese way, without trailing zeros: 7,5; 8; 0,25."""
    return format_trimmed(value)


def stored_points(value: Decimal) -> str:
    """Points as stored in ``levels`` and ``rule``: "0.5", "1", "10"."""
    return format(value.normalize(), "f") if value else "0"
