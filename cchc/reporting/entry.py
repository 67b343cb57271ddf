"""A report's page as a form: what was typed (narrative and figures) read from a POST, and the
sections shown on the page, each figure as typed or as stored, written the Vietnamese way.

Field names: ``version`` (the report's version the page was opened at), ``narrative-<section>``
and ``value-<indicator code>``. A field missing from the POST leaves the stored text or figure
as it is; an empty figure clears it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import QueryDict

from cchc.orgs.models import Unit
from cchc.reporting.aggregate import with_ratios
from cchc.reporting.exports_text import format_value
from cchc.reporting.models import Indicator, Period, Report
from cchc.reporting.validation import FigureError, Finding, parse_value

NARRATIVE_PREFIX = "narrative-"
VALUE_PREFIX = "value-"


@dataclass
class Entry:
    version: int | None
    narrative: dict[str, str] = field(default_factory=dict)
    # The text of each figure as typed, and the figures that could be read from it.
    typed: dict[str, str] = field(default_factory=dict)
    values: dict[str, Decimal | None] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def unit_indicators(period: Period, unit: Unit) -> list[Indicator]:
    """The indicators of the period's form that a unit of this kind reports, in order."""
    return [i for i in period.form.indicators.all() if i.applies_to(unit.kind)]


def read_entry(
    data: QueryDict, sections: Sequence[Mapping[str, str]], indicators: Sequence[Indicator]
) -> Entry:
    """What was typed; a figure that cannot be read gets a message in ``errors`` and is left
    out of ``values`` (so the stored figure stays), its text kept in ``typed``."""
    raw_version = data.get("version") or ""
    entry = Entry(version=int(raw_version) if raw_version.isdigit() else None)
    for section in sections:
        name = NARRATIVE_PREFIX + section["code"]
        if name in data:
            entry.narrative[section["code"]] = data.get(name) or ""
    for indicator in indicators:
        name = VALUE_PREFIX + indicator.code
        if indicator.is_computed or name not in data:
            continue
        text = data.get(name) or ""
        entry.typed[indicator.code] = text
        try:
            entry.values[indicator.code] = parse_value(indicator, text)
        except FigureError as e:
            entry.errors[indicator.code] = str(e)
    return entry


def figure_text(indicator: Indicator, value: Decimal | None) -> str:
    """A figure as the pages show it: as in the official documents (2.319, 86,08), but 95
    rather than 95,00."""
    if value is None:
        return ""
    return format_value(indicator, value).removesuffix(",00")


@dataclass(frozen=True)
class FigureRow:
    indicator: Indicator
    text: str
    error: str = ""
    # "blocking" or "warning" when a finding concerns this figure (blocking wins).
    severity: str = ""
    # Where the figure came from when not typed: "Hệ thống một cửa, tệp …, dòng 13".
    source: str = ""


@dataclass(frozen=True)
class SectionView:
    code: str
    title: str
    narrative: str
    rows: list[FigureRow]
    findings: list[Finding]


def section_views(
    report: Report | None,
    sections: Sequence[Mapping[str, str]],
    indicators: Sequence[Indicator],
    stored: Mapping[str, Decimal | None],
    findings: Sequence[Finding],
    entry: Entry | None = None,
    sources: Mapping[str, str] | None = None,
) -> list[SectionView]:
    """The page's sections: narrative and figures as typed (``entry``) or else as stored;
    ratios recomputed from the figures shown; each finding beside the figures it concerns."""
    narrative = dict(report.narrative if report is not None else {})
    values = dict(stored)
    if entry is not None:
        narrative.update(entry.narrative)
        values.update(entry.values)
    values = with_ratios(values, indicators)
    severity: dict[str, str] = {}
    for finding in sorted(findings, key=lambda f: f.is_blocking):
        for code in finding.codes:
            severity[code] = finding.severity
    views = []
    for section in sections:
        section_indicators = [i for i in indicators if i.section == section["code"]]
        codes = {i.code for i in section_indicators}
        rows = []
        for indicator in section_indicators:
            typed = entry.typed.get(indicator.code) if entry is not None else None
            if typed is None:
                typed = figure_text(indicator, values.get(indicator.code))
            error = entry.errors.get(indicator.code, "") if entry is not None else ""
            source = (sources or {}).get(indicator.code, "")
            rows.append(
                FigureRow(indicator, typed, error, severity.get(indicator.code, ""), source)
            )
        views.append(
            SectionView(
                code=section["code"],
                title=section["title"],
                narrative=narrative.get(section["code"], ""),
                rows=rows,
                findings=[f for f in findings if f.codes & codes],
            )
        )
    return views


def findings_json(findings: Iterable[Finding]) -> list[dict[str, object]]:
    return [
        {
            "rule": f.rule,
            "severity": f.severity,
            "message": f.message,
            "codes": sorted(f.codes),
        }
        for f in findings
    ]
