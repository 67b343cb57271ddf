"""The one-stop system's dossier statistics (Biểu 06/VPCP/KSTT of Thông tư 01/2020/TT-VPCP,
"Tình hình, kết quả giải quyết TTHC") read from its .xlsx or .csv export and matched to the
units' reports of a period.

The export has title rows, a header of several rows with grouped (merged) cells, a row
numbering the columns ("(1)", "(2)", …), a row per agency (or per field and level), group rows
("I", "Cấp tỉnh") and a total row ("Tổng cộng"). Its columns are recognised by the words of
their header path (the merged group cells above them), not by position:

- received: total (with the dossiers carried over), online, in person / by post (one column or
  two), carried over from the previous period;
- resolved: total, early, on time, late; in progress: total, within the deadline, overdue.

A row is matched to a unit by the unit's code on the one-stop system (``OnestopCode``, data) or
by its name, compared without accents and case, "Ủy ban nhân dân" and "UBND" alike. A row that
matches no unit, or several, is listed and never guessed. ``plan_import`` says, per matched
unit, which figures would be filled and which the unit typed differently (kept unless the
import is told to overwrite them); nothing is written here (``actions.import_onestop_stats``
writes).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _

from cchc.lib.cells import cell_text
from cchc.lib.text import fold
from cchc.lib.xlsx import UnreadableWorkbook, open_workbook
from cchc.orgs.models import Unit
from cchc.reporting.models import (
    OnestopCode,
    OnestopValue,
    Period,
    Report,
    ReportValue,
    Status,
)

MAX_ROWS = 5000
RECEIVED = "dossiers_received"
# The indicators the export fills, in the order of the form.
INDICATORS = (
    RECEIVED,
    "dossiers_received_online",
    "dossiers_received_in_person",
    "dossiers_received_post",
    "dossiers_carried_over",
    "dossiers_resolved",
    "dossiers_resolved_early",
    "dossiers_resolved_on_time",
    "dossiers_resolved_late",
    "dossiers_pending_within",
    "dossiers_pending_overdue",
)
PENDING_TOTAL = "pending_total"  # a column of the export that no indicator stores
EDITABLE = (Status.DRAFT, Status.RETURNED)
_WORDS = re.compile(r"[^0-9a-z]+")
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?(\s*=.*)?$")
_TOTALS = frozenset(("tong cong", "tong so", "tong", "cong", "toan tinh"))
_ROMAN = re.compile(r"^[ivxlc]+\.?$")


class OnestopFileError(Exception):
    """The file cannot be read as the export; ``errors`` say why, in Vietnamese."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def _words(text: str) -> str:
    return " " + " ".join(_WORDS.sub(" ", fold(text)).split()) + " "


def _has(path: str, *phrases: str) -> bool:
    return any(f" {phrase} " in path for phrase in phrases)


def column_meaning(path: str) -> str | None:
    """What a column holds, from the folded words of its header path (see the module)."""
    if _has(path, "stt", "so thu tu", "tt"):
        return "stt"
    if _has(path, "ma don vi", "ma co quan", "ma"):
        return "code"
    pending = _has(path, "dang giai quyet", "chua giai quyet", "dang xu ly")
    resolved = _has(path, "da giai quyet", "giai quyet xong", "da xu ly")
    if pending:
        if _has(path, "qua han"):
            return "dossiers_pending_overdue"
        if _has(path, "trong han", "chua den han", "chua qua han"):
            return "dossiers_pending_within"
        return PENDING_TOTAL if _has(path, "tong so", "tong", "cong") else None
    if resolved:
        if _has(path, "truoc han"):
            return "dossiers_resolved_early"
        if _has(path, "dung han", "dung thoi han"):
            return "dossiers_resolved_on_time"
        if _has(path, "qua han"):
            return "dossiers_resolved_late"
        return "dossiers_resolved" if _has(path, "tong so", "tong", "cong") else None
    if _has(path, "ky truoc", "chuyen qua", "ton ky truoc"):
        return "dossiers_carried_over"
    if _has(path, "truc tuyen"):
        return "dossiers_received_online"
    if _has(path, "truc tiep"):
        return "dossiers_received_in_person"
    if _has(path, "buu chinh"):
        return "dossiers_received_post"
    if _has(path, "tiep nhan", "nhan giai quyet", "ho so nhan") and _has(path, "tong so", "tong"):
        return RECEIVED
    if _has(path, "ten", "linh vuc", "co quan", "don vi"):
        return "label"
    return None


@dataclass(frozen=True)
class StatsRow:
    line: int  # the row in the sheet (or the line of the .csv), counted from 1
    label: str
    code: str
    figures: dict[str, int]


@dataclass
class StatsFile:
    name: str
    columns: dict[str, int]  # meaning → column index
    rows: list[StatsRow] = field(default_factory=list)  # one per agency
    groups: list[StatsRow] = field(default_factory=list)  # subtotal rows (I, II, "Cấp tỉnh")
    total: StatsRow | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def indicators(self) -> list[str]:
        return [code for code in INDICATORS if code in self.columns]

    def sums(self) -> dict[str, int]:
        rows = self.rows
        return {code: sum(row.figures.get(code, 0) for row in rows) for code in self.indicators}


def read_stats_file(name: str, source: str | Path | io.BytesIO) -> StatsFile:
    """The export's rows (.xlsx or .csv by ``name``); OnestopFileError when it is not one."""
    if name.lower().endswith(".csv"):
        raw = Path(source).read_bytes() if isinstance(source, str | Path) else source.read()
        return parse_rows(name, _csv_rows(raw))
    if not name.lower().endswith(".xlsx"):
        raise OnestopFileError([_("Hãy chọn tệp .xlsx hoặc .csv xuất từ Hệ thống một cửa.")])
    try:
        workbook = open_workbook(source)
    except UnreadableWorkbook as e:
        raise OnestopFileError([str(e)]) from e
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for index, values in enumerate(sheet.iter_rows(values_only=True)):
            if index >= MAX_ROWS:
                raise OnestopFileError(
                    [_("Tệp có quá %(n)d dòng; không phải biểu thống kê.") % {"n": MAX_ROWS}]
                )
            rows.append(tuple(values))
    finally:
        workbook.close()
    return parse_rows(name, rows)


def _csv_rows(raw: bytes) -> list[tuple[object, ...]]:
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1258 decodes almost anything
        raise OnestopFileError([_("Không đọc được bảng mã của tệp .csv.")])
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if len(rows) > MAX_ROWS:
        raise OnestopFileError(
            [_("Tệp có quá %(n)d dòng; không phải biểu thống kê.") % {"n": MAX_ROWS}]
        )
    return [tuple(row) for row in rows]


def _header_start(rows: Sequence[Sequence[object]]) -> int | None:
    """The first row of the header: the one naming "STT", or else the received columns."""
    for phrases in (("stt", "so thu tu"), ("so ho so nhan giai quyet", "tiep nhan")):
        for index, values in enumerate(rows):
            if any(_has(_words(cell_text(value)), *phrases) for value in values):
                return index
    return None


def _is_number(value: object) -> bool:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    text = cell_text(value).replace(".", "").replace(" ", "")
    return text.isdigit()


def _number(value: object) -> int | None:
    """A count as the export writes it: 1234, 1.234, "1 234"; None for an empty cell."""
    if value is None or cell_text(value) in ("", "-"):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() and value >= 0 else -1
    text = cell_text(value).replace(".", "").replace(" ", "").replace("\u00a0", "")
    return int(text) if text.isdigit() else -1


def _header_paths(header: list[Sequence[object]], width: int) -> list[str]:
    """Each column's header path. A merged cell keeps its text in its first column only: an
    empty cell takes its left neighbour's text when both sit under the same group above."""
    paths = [""] * width
    for values in header:
        row = [cell_text(values[i]) if i < len(values) else "" for i in range(width)]
        filled: list[str] = []
        for index, text in enumerate(row):
            if not text and index and paths[index] == paths[index - 1] and filled[index - 1]:
                text = filled[index - 1]
            filled.append(text)
        paths = [
            f"{path} / {text}" if text else path for path, text in zip(paths, filled, strict=True)
        ]
    return [_words(path) for path in paths]


def parse_rows(name: str, rows: Sequence[Sequence[object]]) -> StatsFile:
    """The export from its rows (see the module); OnestopFileError when no header is found."""
    start = _header_start(rows)
    if start is None:
        raise OnestopFileError(
            [_("Không tìm thấy dòng tiêu đề của biểu (STT, số hồ sơ tiếp nhận…).")]
        )
    end = start + 1
    while end < len(rows) and not _is_data_or_numbering(rows[end]):
        end += 1
    width = max((len(values) for values in rows[start:end]), default=0)
    paths = _header_paths(list(rows[start:end]), width)
    columns: dict[str, int] = {}
    for index, path in enumerate(paths):
        meaning = column_meaning(path)
        if meaning is not None and meaning not in columns:
            columns[meaning] = index
    missing = [code for code in (RECEIVED, "label") if code not in columns]
    if missing:
        raise OnestopFileError(
            [
                _(
                    "Không nhận ra cột tên đơn vị và cột tổng số hồ sơ tiếp nhận của biểu "
                    "(dòng %(line)d)."
                )
                % {"line": start + 1}
            ]
        )
    stats = StatsFile(name, columns)
    errors: list[str] = []
    for index in range(end, len(rows)):
        values = rows[index]
        line = index + 1
        cells = [cell_text(value) for value in values]
        if not any(cells) or all(_COLUMN_NUMBER.match(cell) for cell in cells if cell):
            continue
        label = _cell(cells, columns.get("label"))
        number = _cell(cells, columns.get("stt"))
        figures: dict[str, int] = {}
        wrong: list[str] = []
        for code in [*stats.indicators, PENDING_TOTAL]:
            if code not in columns:
                continue
            amount = _number(values[columns[code]] if columns[code] < len(values) else None)
            if amount is None:
                continue
            if amount < 0:
                wrong.append(
                    _("Dòng %(line)d, cột %(column)d: «%(value)s» không phải số hồ sơ.")
                    % {"line": line, "column": columns[code] + 1, "value": cells[columns[code]]}
                )
                continue
            figures[code] = amount
        if not figures:
            continue  # a note under the table, a signature
        errors.extend(wrong)
        row = StatsRow(line, label, _cell(cells, columns.get("code")), figures)
        folded = _words(label)
        if _is_total(folded) or _is_total(_words(number)):
            stats.total = row
            break  # what follows the total is the signature block
        elif (
            _ROMAN.match(fold(number))
            or (len(number) == 1 and number.isalpha())
            or (folded.startswith(" cap "))
        ):
            stats.groups.append(row)
        else:
            stats.rows.append(row)
    if errors:
        raise OnestopFileError(errors)
    if not stats.rows:
        raise OnestopFileError([_("Biểu không có dòng số liệu của cơ quan, đơn vị nào.")])
    return stats


def _is_total(words: str) -> bool:
    """ "Tổng cộng", "Tổng số", "Cộng", "Toàn tỉnh" (not "Công an tỉnh")."""
    return words.strip() in _TOTALS or words.startswith(" tong cong ")


def _cell(cells: Sequence[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _is_data_or_numbering(values: Sequence[object]) -> bool:
    cells = [cell_text(value) for value in values]
    if any(cell and _COLUMN_NUMBER.match(cell) for cell in cells[:3]) and all(
        _COLUMN_NUMBER.match(cell) or re.fullmatch(r"[A-Z]", cell) for cell in cells if cell
    ):
        return True
    return sum(1 for value in values[2:] if _is_number(value)) >= 3


# Matching rows to units -------------------------------------------------------------------

_AUTHORITY = (("uy ban nhan dan", "ubnd"), ("thanh pho", "tp"), ("thi xa", "tx"))


def name_key(name: str) -> str:
    """A unit's name for matching: no accents or case, "Ủy ban nhân dân" as "UBND"."""
    key = _words(name)
    for long, short in _AUTHORITY:
        key = key.replace(f" {long} ", f" {short} ")
    return key.strip()


@dataclass
class UnitMatcher:
    by_code: dict[str, Unit]
    by_name: dict[str, list[Unit]]

    @classmethod
    def for_period(cls, period: Period) -> UnitMatcher:
        units = list(Unit.objects.active_on(period.end))
        by_name: dict[str, list[Unit]] = {}
        for unit in units:
            by_name.setdefault(name_key(unit.name), []).append(unit)
        active = {unit.pk: unit for unit in units}
        by_code = {
            fold(code.code): active[code.unit_id]
            for code in OnestopCode.objects.all()
            if code.unit_id in active
        }
        return cls(by_code, by_name)

    def match(self, row: StatsRow) -> tuple[Unit | None, str]:
        """The row's unit, or None and why."""
        if row.code and fold(row.code) in self.by_code:
            return self.by_code[fold(row.code)], ""
        named = self.by_name.get(name_key(row.label), [])
        if len(named) == 1:
            return named[0], ""
        if named:
            return None, _("nhiều đơn vị cùng tên; hãy khai báo mã trên Hệ thống một cửa.")
        return None, _("không có đơn vị mã hoặc tên này.")


# The plan of an import -------------------------------------------------------------------


@dataclass
class Conflict:
    indicator: str
    typed: Decimal
    incoming: int


@dataclass
class UnitPlan:
    row: StatsRow
    unit: Unit
    report: Report | None
    fill: dict[str, int] = field(default_factory=dict)  # empty, or from an earlier import
    same: dict[str, int] = field(default_factory=dict)  # typed with the file's value
    conflicts: list[Conflict] = field(default_factory=list)  # typed with another value
    problem: str = ""  # why nothing of the row can be filled


@dataclass
class Unmatched:
    row: StatsRow
    reason: str


@dataclass(frozen=True)
class BalanceLine:
    indicator: str
    file_total: int  # the total row of the file
    rows_sum: int  # the agencies' rows added up
    filled: int  # what the reports hold from the file after the import

    @property
    def not_filled(self) -> int:
        return self.rows_sum - self.filled

    @property
    def rows_add_up(self) -> bool:
        return self.rows_sum == self.file_total

    @property
    def all_filled(self) -> bool:
        return self.filled == self.file_total


@dataclass
class ImportPlan:
    period: Period
    stats: StatsFile
    units: list[UnitPlan]
    unmatched: list[Unmatched]

    def filled(self, overwrite: bool) -> dict[str, int]:
        """Per indicator, what the import puts (or finds already) in the reports."""
        totals = dict.fromkeys(self.stats.indicators, 0)
        for plan in self.units:
            if plan.problem:
                continue
            for code, value in (*plan.fill.items(), *plan.same.items()):
                totals[code] += value
            if overwrite:
                for conflict in plan.conflicts:
                    totals[conflict.indicator] += conflict.incoming
        return totals

    def balance(self, overwrite: bool) -> list[BalanceLine]:
        """Per indicator: the file's total row (or the sum of its rows), what was filled, and
        what was not (unmatched rows, locked reports, typed figures kept)."""
        file_total = self.stats.total.figures if self.stats.total else self.stats.sums()
        filled = self.filled(overwrite)
        sums = self.stats.sums()
        return [
            BalanceLine(code, file_total.get(code, 0), sums[code], filled[code])
            for code in self.stats.indicators
        ]

    @property
    def conflicts(self) -> int:
        return sum(len(plan.conflicts) for plan in self.units if not plan.problem)


def plan_import(period: Period, stats: StatsFile) -> ImportPlan:
    """Match the rows to units and compare with their reports; writes nothing."""
    matcher = UnitMatcher.for_period(period)
    expected_kinds = set(period.form.unit_kinds)
    reports = {
        report.unit_id: report
        for report in Report.objects.filter(period=period).select_related("unit")
    }
    values = _stored_values(reports.values())
    units: list[UnitPlan] = []
    unmatched: list[Unmatched] = []
    seen: dict[int, int] = {}
    for row in stats.rows:
        unit, reason = matcher.match(row)
        if unit is None:
            unmatched.append(Unmatched(row, reason))
            continue
        plan = UnitPlan(row, unit, reports.get(unit.pk))
        units.append(plan)
        if unit.pk in seen:
            plan.problem = _("đơn vị đã có ở dòng %(line)d.") % {"line": seen[unit.pk]}
            continue
        seen[unit.pk] = row.line
        if unit.kind not in expected_kinds:
            plan.problem = _("đơn vị không báo cáo theo biểu mẫu của kỳ này.")
            continue
        if plan.report is not None and plan.report.status not in EDITABLE:
            plan.problem = _("báo cáo đang ở trạng thái «%(status)s», không điền được.") % {
                "status": plan.report.get_status_display()
            }
            continue
        stored = values.get(plan.report.pk, {}) if plan.report else {}
        for code in stats.indicators:
            if code not in row.figures:
                continue
            incoming = row.figures[code]
            current = stored.get(code)
            if current is None or current[1]:
                plan.fill[code] = incoming
            elif current[0] == incoming:
                plan.same[code] = incoming
            else:
                plan.conflicts.append(Conflict(code, current[0], incoming))
    return ImportPlan(period, stats, units, unmatched)


def _stored_values(reports: Iterable[Report]) -> dict[int, dict[str, tuple[Decimal, bool]]]:
    """Per report, each dossier figure and whether it came from an earlier import."""
    stored: dict[int, dict[str, tuple[Decimal, bool]]] = {}
    rows = ReportValue.objects.filter(
        report__in=list(reports), indicator__code__in=INDICATORS
    ).values_list("report_id", "indicator__code", "value", "onestop__id")
    for report_id, code, value, source in rows:
        stored.setdefault(report_id, {})[code] = (value, source is not None)
    return stored


def onestop_sources(report: Report) -> dict[str, str]:
    """The report's figures that the one-stop system's export filled, with the file and row,
    for the report page: {"dossiers_received": "Hệ thống một cửa: bieu06.xlsx, dòng 13"}."""
    rows = OnestopValue.objects.filter(value__report=report).values_list(
        "value__indicator__code", "batch__file_name", "row"
    )
    return {
        code: _("Từ Hệ thống một cửa: tệp %(file)s, dòng %(row)d") % {"file": name, "row": row}
        for code, name, row in rows
    }
