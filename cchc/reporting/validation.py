"""Checking a report's figures: each value on its own, then the form's consistency rules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from cchc.reporting.models import Indicator, Severity, ValidationRule, ValueType
from cchc.reporting.rules import parse_check


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    codes: frozenset[str]

    @property
    def is_blocking(self) -> bool:
        return self.severity == Severity.BLOCKING


class FigureError(ValueError):
    """A figure that cannot be stored; the message names it, in Vietnamese."""


def parse_value(indicator: Indicator, raw: str) -> Decimal | None:
    """A figure typed the Vietnamese way ("2.319", "86,08") or plainly ("2319", "86.08").

    Empty means "not reported" (None). Raises FigureError with a message for the field. Ranges
    (a rate of at most 100 %) are the form's rules, checked with the other figures.
    """
    text = raw.strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1 or (indicator.value_type == ValueType.INTEGER and "." in text):
        # "2.319": a thousands separator for integers.
        text = text.replace(".", "")
    try:
        value = Decimal(text)
    except InvalidOperation as e:
        raise FigureError(_("«%(raw)s» không phải là số.") % {"raw": raw}) from e
    if not value.is_finite():
        raise FigureError(_("«%(raw)s» không phải là số.") % {"raw": raw})
    if value < 0:
        raise FigureError(_("Số liệu không được âm."))
    if indicator.value_type == ValueType.INTEGER and value != value.to_integral_value():
        raise FigureError(_("Chỉ tiêu này là số nguyên."))
    if abs(value) >= Decimal("1e14"):
        raise FigureError(_("Số quá lớn."))
    return value.quantize(Decimal("0.01"))


def check_rules(
    rules: Iterable[ValidationRule], values: Mapping[str, Decimal | None]
) -> list[Finding]:
    findings = []
    for rule in rules:
        check = parse_check(rule.condition)
        if check.holds(values) is False:
            findings.append(Finding(rule.code, rule.severity, rule.message, frozenset(check.codes)))
    return findings
