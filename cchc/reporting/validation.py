"""Checking a report: each figure on its own, the form's consistency rules (a rule whose figure
is blank says so rather than passing), the required sections and figures, and the cumulative
figures against the unit's other reports of the same year (6 tháng ≤ 9 tháng ≤ năm)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from cchc.reporting.models import (
    Aggregation,
    Indicator,
    Report,
    ReportForm,
    ReportValue,
    Severity,
    ValidationRule,
    ValueType,
)
from cchc.reporting.prose import format_value
from cchc.reporting.rules import parse_check

REQUIRED = "required"
CUMULATIVE = "cumulative"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    codes: frozenset[str]
    # A required section left blank (its code), for findings that concern no figure.
    section: str = ""

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
    rules: Iterable[ValidationRule],
    values: Mapping[str, Decimal | None],
    *,
    names: Mapping[str, str] | None = None,
    reported: Collection[str] | None = None,
) -> list[Finding]:
    """The rules that fail, and those that cannot be checked because a figure they need is
    blank while another is filled (the blank ones named, at the rule's severity): blanking one
    term no longer passes a rule. A rule whose figures are all blank says nothing (whether they
    must be filled is the required items' concern); one over a figure outside ``reported``
    (the indicators the unit's kind reports) does not apply to the unit and is skipped."""
    findings = []
    for rule in rules:
        check = parse_check(rule.condition)
        if reported is not None and not check.codes <= set(reported):
            continue
        blank = sorted(code for code in check.codes if values.get(code) is None)
        if len(blank) == len(check.codes):
            continue
        if blank:
            findings.append(
                Finding(
                    rule.code,
                    rule.severity,
                    _("Chưa kiểm tra được «%(rule)s»: còn trống %(blank)s.")
                    % {
                        "rule": rule.message,
                        "blank": ", ".join(f"«{(names or {}).get(c, c)}»" for c in blank),
                    },
                    frozenset(blank),
                )
            )
        elif check.holds(values) is False:
            findings.append(Finding(rule.code, rule.severity, rule.message, frozenset(check.codes)))
    return findings


def missing_items(
    form: ReportForm,
    unit_kind: str,
    narrative: Mapping[str, str],
    nil_sections: Collection[str],
    indicators: Sequence[Indicator],
    values: Mapping[str, Decimal | None],
) -> list[Finding]:
    """The required sections and figures still blank ("không phát sinh" is not blank)."""
    findings = []
    for section in form.required_sections(unit_kind):
        code = str(section["code"])
        if not narrative.get(code, "").strip() and code not in nil_sections:
            findings.append(
                Finding(
                    REQUIRED,
                    Severity.BLOCKING,
                    _("Phần %(code)s «%(title)s» còn trống.")
                    % {"code": code, "title": section["title"]},
                    frozenset(),
                    section=code,
                )
            )
    for indicator in indicators:
        if indicator.is_required_for(unit_kind) and values.get(indicator.code) is None:
            findings.append(
                Finding(
                    REQUIRED,
                    Severity.BLOCKING,
                    _("Chỉ tiêu «%(name)s» (phần %(section)s) còn trống.")
                    % {"name": indicator.name, "section": indicator.section},
                    frozenset({indicator.code}),
                )
            )
    return findings


def cumulative_findings(
    report: Report, indicators: Sequence[Indicator], values: Mapping[str, Decimal | None]
) -> list[Finding]:
    """Warnings where a summed figure of a shorter cumulative period of the same unit and year
    (same window start: Quý I, 6 tháng, 9 tháng, năm) exceeds that of a longer one: one per
    other report and section, naming both reports and each figure."""
    sums = {i.code: i for i in indicators if i.aggregation == Aggregation.SUM}
    period = report.period
    others = {
        other.pk: other
        for other in Report.objects.filter(
            unit_id=report.unit_id, period__year=period.year, period__start=period.start
        )
        .exclude(pk=report.pk)
        .exclude(period__end=period.end)
        .select_related("period")
    }
    above: dict[tuple[int, str], list[tuple[Indicator, Decimal, Decimal]]] = {}
    rows = ReportValue.objects.filter(report_id__in=others, indicator__code__in=sums)
    for report_id, code, other_value in rows.values_list(
        "report_id", "indicator__code", "value"
    ).order_by("report_id", "indicator__position"):
        mine = values.get(code)
        if mine is None:
            continue
        shorter_is_other = others[report_id].period.end < period.end
        low, high = (other_value, mine) if shorter_is_other else (mine, other_value)
        if low > high:
            indicator = sums[code]
            above.setdefault((report_id, indicator.section), []).append((indicator, low, high))
    findings = []
    for (report_id, _section), figures in above.items():
        other = others[report_id]
        shorter, longer = (other, report) if other.period.end < period.end else (report, other)
        findings.append(
            Finding(
                CUMULATIVE,
                Severity.WARNING,
                _(
                    "Số lũy kế của báo cáo %(shorter)s lớn hơn của báo cáo %(longer)s (cùng đơn "
                    "vị): %(figures)s."
                )
                % {
                    "shorter": shorter.period.title,
                    "longer": longer.period.title,
                    "figures": "; ".join(
                        f"«{indicator.name}» {format_value(indicator, low)} > "
                        f"{format_value(indicator, high)}"
                        for indicator, low, high in figures
                    ),
                },
                frozenset(indicator.code for indicator, _low, _high in figures),
            )
        )
    return findings
