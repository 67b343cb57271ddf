"""Reading a file of an existing report to fill a unit's report: the figures, each with the
sentence or table cell it came from and the other values found for it; the narrative split into
the form's sections; and whether the file is the unit's report of the period at all.

The file is read the bounded way the register's upload reads it (cchc.ingest.extract: size and
zip checks, PDF text in a child process with limits); nothing here writes.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from cchc.documents.actions import DocumentError, parse_symbol
from cchc.documents.upload import upload_problem
from cchc.ingest.errors import IngestError
from cchc.ingest.extract import Limits, extract_file
from cchc.ingest.indicators import INDICATORS
from cchc.ingest.model import ParsedDocument
from cchc.ingest.sections import SectionSplit, split_sections
from cchc.ingest.tables import read_figure_tables
from cchc.lib.text import fold
from cchc.orgs.models import Unit
from cchc.reporting.entry import figure_text
from cchc.reporting.models import Indicator, Period, PeriodKind, ValueType

MAX_ALTERNATIVES = 5
_YEAR = re.compile(r"\b(?:19|20)[0-9]{2}\b")
_LEADING_ZERO = re.compile(r"\b0([0-9])\b")


@dataclass(frozen=True)
class ReadFigure:
    code: str
    value: Decimal
    text: str
    kind: str  # "table" or "text"
    alternatives: list[dict[str, str]]


@dataclass
class FileReading:
    """What a file gives for one report (``error`` set: nothing)."""

    name: str
    error: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    figures: dict[str, ReadFigure] = field(default_factory=dict)
    split: SectionSplit = field(default_factory=SectionSplit)
    # Why the file does not look like this unit's report of this period (empty: it does).
    mismatches: list[str] = field(default_factory=list)


def read_upload_for_report(upload: UploadedFile, period: Period, unit: Unit) -> FileReading:
    name = upload.name or ""
    problem = upload_problem(upload)
    if problem:
        return FileReading(name, error=problem)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"upload{Path(name).suffix.lower()}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        upload.seek(0)
        return read_file_for_report(path, period, unit, name=name)


def read_file_for_report(
    path: Path, period: Period, unit: Unit, *, name: str | None = None
) -> FileReading:
    """Read ``path`` as a report of ``unit`` for ``period``. Never raises on a bad file."""
    from cchc.ingest.core import parse_text

    reading = FileReading(name or path.name)
    try:
        extracted = extract_file(path, Limits(max_bytes=settings.MAX_UPLOAD_SIZE))
        parsed = parse_text(extracted.text, extracted.notices)
    except IngestError as error:
        reading.error = str(error)
        return reading
    except Exception as error:  # a broken file must not break the page
        reading.error = _("Không đọc được tệp (%(kind)s).") % {"kind": type(error).__name__}
        return reading
    indicators = [
        i for i in period.form.indicators.all() if i.applies_to(unit.kind) and not i.is_computed
    ]
    reading.meta = parsed.document.to_dict()
    reading.figures = _figures(parsed, indicators)
    meta = parsed.document
    reading.split = split_sections(
        parsed.text, parsed.sections, period.form.sections, meta.body_start, meta.body_end
    )
    reading.mismatches = mismatches(reading.meta, period, unit)
    return reading


def _figures(parsed: ParsedDocument, indicators: list[Indicator]) -> dict[str, ReadFigure]:
    """Per indicator: a row of a table of figures if one names it (exact), else the first
    sentence the reader mapped to it; the other values found are its alternatives."""
    by_code = {i.code: i for i in indicators}
    names = {
        code: [i.name, *([INDICATORS[code]["name"]] if code in INDICATORS else [])]
        for code, i in by_code.items()
    }
    readings: dict[str, list[tuple[Decimal, str, str]]] = {}
    for row in read_figure_tables(parsed.text, names):
        value = _fits(row.value, by_code[row.indicator])
        if value is not None:
            readings.setdefault(row.indicator, []).append((value, row.text, "table"))
    for figure in parsed.figures:
        indicator = by_code.get(figure.indicator or "")
        value = _fits(figure.value, indicator) if indicator is not None else None
        if indicator is not None and value is not None:
            readings.setdefault(indicator.code, []).append((value, figure.text, "text"))
    chosen = {}
    for code, found in readings.items():
        value, text, kind = found[0]
        others: list[dict[str, str]] = []
        seen = {value}
        for other, other_text, _kind in found[1:]:
            if other not in seen and len(others) < MAX_ALTERNATIVES:
                seen.add(other)
                others.append({"value": figure_text(by_code[code], other), "text": other_text})
        chosen[code] = ReadFigure(code, value, text, kind, others)
    return chosen


def _fits(value: object, indicator: Indicator) -> Decimal | None:
    """A figure that fits the indicator (a whole number where one is expected)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    amount = Decimal(str(value))
    if amount < 0 or (indicator.value_type == ValueType.INTEGER and amount != int(amount)):
        return None
    return amount.quantize(Decimal("0.01"))


def mismatches(meta: dict[str, Any], period: Period, unit: Unit) -> list[str]:
    """Why the file's issuer or period is not the report's (empty when nothing says so)."""
    found = []
    issuer = _issuer(str(meta.get("symbol") or ""))
    if issuer and unit.short_code and fold(issuer) != fold(unit.short_code):
        found.append(
            _("Tệp do cơ quan có ký hiệu «%(issuer)s» ban hành, không phải %(unit)s (%(code)s).")
            % {"issuer": issuer, "unit": unit.name, "code": unit.short_code}
        )
    subject = _LEADING_ZERO.sub(r"\1", fold(str(meta.get("subject") or "")))
    years = {int(y) for y in _YEAR.findall(subject)}
    date_year = _year_of(meta.get("date"))
    if years and period.year not in years:
        found.append(
            _("Tệp báo cáo năm %(years)s, không phải năm %(year)d.")
            % {"years": ", ".join(str(y) for y in sorted(years)), "year": period.year}
        )
    elif not years and date_year is not None and date_year not in (period.year, period.year + 1):
        found.append(
            _("Tệp ban hành năm %(date)d, không phải báo cáo năm %(year)d.")
            % {"date": date_year, "year": period.year}
        )
    named = _period_kinds_named(subject)
    if named and period.kind not in named:
        found.append(
            _("Trích yếu của tệp nói về kỳ «%(named)s», không phải «%(period)s».")
            % {"named": ", ".join(sorted(named.values())), "period": period.title}
        )
    return found


def _issuer(symbol: str) -> str:
    if not symbol:
        return ""
    try:
        return parse_symbol(symbol).issuer or ""
    except DocumentError:
        return ""


def _year_of(date: object) -> int | None:
    text = str(date or "")
    return int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None


def _period_kinds_named(subject: str) -> dict[str, str]:
    """The period kinds whose title ("6 tháng đầu năm" → "6 thang", "Quý III") the subject
    names, by code; "Năm" alone names none (every subject says "năm")."""
    named = {}
    for kind in PeriodKind.objects.all():
        key = re.sub(r"\s*(?:dau )?nam$", "", _LEADING_ZERO.sub(r"\1", fold(kind.title)))
        if key and re.search(rf"\b{re.escape(key)}\b", subject):
            named[kind.code] = kind.title
    return named
