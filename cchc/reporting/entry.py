"""A report's page as a form (``EntryForm``): what was typed (narrative and figures), and the
sections shown on the page, each figure as typed or as stored, written the Vietnamese way.

Field names: ``version`` (the report's version the page was opened at), ``narrative-<section>``
and ``value-<indicator code>``. A field missing from the POST leaves the stored text or figure
as it is; an empty figure clears it. "Không phát sinh" (nothing to report) is a checkbox,
``nil-narrative-<section>`` or ``nil-value-<indicator code>``; a form that carries them says so
with ``nil-fields`` (an unticked checkbox is not posted), otherwise they stay as stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.http import QueryDict

from cchc.orgs.models import Unit
from cchc.reporting.aggregate import with_ratios
from cchc.reporting.models import FigureSource, Indicator, Period, Report
from cchc.reporting.prose import format_value
from cchc.reporting.validation import FigureError, Finding, parse_value

NARRATIVE_PREFIX = "narrative-"
VALUE_PREFIX = "value-"
NIL_PREFIX = "nil-"
NIL_FIELDS = "nil-fields"


@dataclass
class Entry:
    version: int | None
    narrative: dict[str, str] = field(default_factory=dict)
    # The text of each figure as typed, and the figures that could be read from it.
    typed: dict[str, str] = field(default_factory=dict)
    values: dict[str, Decimal | None] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    # "Không phát sinh" as ticked; None when the form did not carry the checkboxes.
    nil_sections: set[str] | None = None
    nil_values: set[str] | None = None


def unit_indicators(period: Period, unit: Unit) -> list[Indicator]:
    """The indicators of the period's form that a unit of this kind reports, in order."""
    return [i for i in period.form.indicators.all() if i.applies_to(unit.kind)]


class FigureField(forms.CharField):
    """A figure typed the Vietnamese way, read by ``parse_value`` (blank: not reported)."""

    def __init__(self, indicator: Indicator) -> None:
        super().__init__(required=False, strip=False)
        self.indicator = indicator

    def clean(self, value: Any) -> Decimal | None:
        try:
            return parse_value(self.indicator, str(value or ""))
        except FigureError as e:
            raise forms.ValidationError(str(e)) from e


class EntryForm(forms.Form):
    """The report page's form, its fields made from the period's form: the sections'
    narratives, the unit's figures and their "Không phát sinh" checkboxes (module docstring).
    """

    version = forms.IntegerField(min_value=1, required=False)

    def __init__(
        self,
        data: QueryDict,
        sections: Sequence[Mapping[str, str]],
        indicators: Sequence[Indicator],
    ) -> None:
        super().__init__(data)
        self.section_codes = [str(s["code"]) for s in sections]
        self.indicators = [i for i in indicators if not i.is_computed]
        for code in self.section_codes:
            self.fields[NARRATIVE_PREFIX + code] = forms.CharField(required=False, strip=False)
            self.fields[NIL_PREFIX + NARRATIVE_PREFIX + code] = forms.BooleanField(required=False)
        for indicator in self.indicators:
            self.fields[VALUE_PREFIX + indicator.code] = FigureField(indicator)
            self.fields[NIL_PREFIX + VALUE_PREFIX + indicator.code] = forms.BooleanField(
                required=False
            )
        self.fields[NIL_FIELDS] = forms.BooleanField(required=False)

    def entry(self) -> Entry:
        """What was typed; a figure that cannot be read gets a message in ``errors`` and is
        left out of ``values`` (so the stored figure stays), its text kept in ``typed``. A
        field the POST does not carry is left out (the stored text or figure stays)."""
        self.is_valid()
        data = self.cleaned_data
        entry = Entry(version=data.get("version"))
        if data.get(NIL_FIELDS):
            entry.nil_sections = set()
            entry.nil_values = set()
        for code in self.section_codes:
            name = NARRATIVE_PREFIX + code
            if name in self.data and name not in self.errors:
                entry.narrative[code] = str(data.get(name) or "")
            if entry.nil_sections is not None and data.get(NIL_PREFIX + name):
                entry.nil_sections.add(code)
        for indicator in self.indicators:
            code, name = indicator.code, VALUE_PREFIX + indicator.code
            if entry.nil_values is not None and data.get(NIL_PREFIX + name):
                entry.nil_values.add(code)
                entry.typed[code] = ""
                entry.values[code] = Decimal(0)
                continue
            if name not in self.data:
                continue
            entry.typed[code] = str(self[name].value() or "")
            if name in self.errors:
                entry.errors[code] = str(self.errors[name][0])
            else:
                entry.values[code] = data[name]
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
    nil: bool = False
    required: bool = False
    changed: bool = False
    source: FigureSource | None = None
    # Where the figure came from when the one-stop system filled it: "Hệ thống một cửa, tệp …,
    # dòng 13".
    onestop: str = ""


@dataclass(frozen=True)
class SectionView:
    code: str
    title: str
    narrative: str
    rows: list[FigureRow]
    findings: list[Finding]
    nil: bool = False
    required: bool = False
    changed: bool = False

    @property
    def filled(self) -> int:
        """How many of the section's figures have a value."""
        return sum(1 for row in self.rows if row.text)


@dataclass(frozen=True)
class Marks:
    """What the page marks beside the fields: "không phát sinh", required, changed since the
    report was returned, and figures read from a file."""

    nil_sections: frozenset[str] = frozenset()
    nil_values: frozenset[str] = frozenset()
    required_sections: frozenset[str] = frozenset()
    unit_kind: str = ""
    changed_sections: frozenset[str] = frozenset()
    changed_codes: frozenset[str] = frozenset()
    sources: Mapping[str, FigureSource] = field(default_factory=dict)


@dataclass(frozen=True)
class FormSummary:
    """What the report form's summary bar shows: figures filled, and the findings."""

    filled: int
    figures: int
    blocking: int
    warnings: int


def form_summary(sections: Sequence[SectionView]) -> FormSummary:
    findings = [f for s in sections for f in s.findings]
    blocking = sum(1 for f in findings if f.is_blocking)
    return FormSummary(
        filled=sum(s.filled for s in sections),
        figures=sum(len(s.rows) for s in sections),
        blocking=blocking,
        warnings=len(findings) - blocking,
    )


def section_views(
    report: Report | None,
    sections: Sequence[Mapping[str, str]],
    indicators: Sequence[Indicator],
    stored: Mapping[str, Decimal | None],
    findings: Sequence[Finding],
    entry: Entry | None = None,
    marks: Marks | None = None,
    onestop: Mapping[str, str] | None = None,
) -> list[SectionView]:
    """The page's sections: narrative and figures as typed (``entry``) or else as stored;
    ratios recomputed from the figures shown; each finding beside the figures it concerns."""
    marks = marks or Marks()
    narrative = dict(report.narrative if report is not None else {})
    values = dict(stored)
    nil_sections, nil_values = set(marks.nil_sections), set(marks.nil_values)
    if entry is not None:
        narrative.update(entry.narrative)
        values.update(entry.values)
        nil_sections = entry.nil_sections if entry.nil_sections is not None else nil_sections
        nil_values = entry.nil_values if entry.nil_values is not None else nil_values
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
            code = indicator.code
            nil = code in nil_values
            typed = entry.typed.get(code) if entry is not None else None
            if typed is None:
                typed = "" if nil else figure_text(indicator, values.get(code))
            error = entry.errors.get(code, "") if entry is not None else ""
            rows.append(
                FigureRow(
                    indicator,
                    typed,
                    error,
                    severity.get(code, ""),
                    nil=nil,
                    required=indicator.is_required_for(marks.unit_kind),
                    changed=code in marks.changed_codes,
                    source=marks.sources.get(code),
                    onestop=(onestop or {}).get(code, ""),
                )
            )
        views.append(
            SectionView(
                code=section["code"],
                title=section["title"],
                narrative=narrative.get(section["code"], ""),
                rows=rows,
                findings=[f for f in findings if f.codes & codes or f.section == section["code"]],
                nil=section["code"] in nil_sections,
                required=section["code"] in marks.required_sections,
                changed=section["code"] in marks.changed_sections,
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
