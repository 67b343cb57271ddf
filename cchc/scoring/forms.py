"""The score sheet as a form: what was typed, read from a POST, per leaf by criterion code.

Field names: ``version`` (the assessment's version the page was opened at); for the unit
``score-<code>``, ``explanation-<code>``, ``na-<code>`` (a checkbox: does not apply); for the
appraisal ``appraised-<code>``, ``reason-<code>``, ``appraised-na-<code>``. A leaf whose score
field is not in the POST keeps what is stored. Scores are written 1,5 or 1.5.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, TypeVar

from django.http import QueryDict
from django.utils.translation import gettext as _

from cchc.lib.vnformat import parse_decimal
from cchc.scoring.actions import AppraisalEntry, SelfEntry

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


def read_version(data: QueryDict) -> int | None:
    raw = data.get("version") or ""
    return int(raw) if raw.isdigit() else None


E = TypeVar("E", SelfEntry, AppraisalEntry)


@dataclass
class Typed(Generic[E]):
    """The entries that could be read, and a message per code for those that could not."""

    entries: dict[str, E] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def read_self_entries(data: QueryDict, codes: Iterable[str]) -> Typed[SelfEntry]:
    """The unit's entries for the leaves ``codes`` (those it scores) present in ``data``."""
    typed: Typed[SelfEntry] = Typed()
    for code in codes:
        if f"score-{code}" not in data:
            continue
        try:
            score = parse_points(data.get(f"score-{code}") or "")
        except PointsError as e:
            typed.errors[code] = str(e)
            continue
        typed.entries[code] = SelfEntry(
            score=score,
            explanation=data.get(f"explanation-{code}") or "",
            not_applicable=bool(data.get(f"na-{code}")),
        )
    return typed


def read_appraisal_entries(data: QueryDict, codes: Iterable[str]) -> Typed[AppraisalEntry]:
    """The appraisal's entries for the leaves ``codes`` present in ``data``."""
    typed: Typed[AppraisalEntry] = Typed()
    for code in codes:
        if f"appraised-{code}" not in data:
            continue
        try:
            score = parse_points(data.get(f"appraised-{code}") or "")
        except PointsError as e:
            typed.errors[code] = str(e)
            continue
        typed.entries[code] = AppraisalEntry(
            score=score,
            reason=data.get(f"reason-{code}") or "",
            not_applicable=bool(data.get(f"appraised-na-{code}")),
        )
    return typed
