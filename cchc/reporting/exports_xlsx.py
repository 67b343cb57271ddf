"""All figures of a period per unit as .xlsx (openpyxl): machine-readable and for people.

Sheet "Số liệu": row 1 the indicators' names with their unit of measure, row 2 (hidden) their
codes (the columns a program reads), then one row per expected unit in the tree's order (a unit
that has not sent, or whose report is back for correction, has a status and no figures), then
the aggregate row. Figures are numeric cells; the aggregate of a rate is the recomputed rate,
never a sum of rates.
Sheet "Hoàn thành báo cáo": who had to send, who sent, when, on time or late.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from cchc.lib.vnformat import format_date
from cchc.lib.xlsx import heading, workbook_bytes
from cchc.orgs.models import Unit
from cchc.reporting.aggregate import COUNTED, Values
from cchc.reporting.models import Indicator, Period, Report, ValueType
from cchc.reporting.monitoring import Completeness, UnitRow

FIGURES_SHEET = "Số liệu"
COMPLETENESS_SHEET = "Hoàn thành báo cáo"
CODE_ROW = 2
FIRST_UNIT_ROW = 3
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"
DATE_FORMAT = "DD/MM/YYYY"
CODE_FONT = Font(italic=True, color="808080", size=9)


def synthesis_workbook(
    period: Period,
    indicators: Sequence[Indicator],
    table: Completeness,
    by_unit: Mapping[int, Values],
    totals: Values,
    total_label: str,
    others: Sequence[Unit] = (),
) -> bytes:
    """``by_unit``: the counted figures by unit id; ``others``: units with counted figures
    that are not (any more) expected to report, listed after the expected ones."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = FIGURES_SHEET
    _figures(sheet, indicators, table, by_unit, totals, total_label, others)
    _completeness(workbook.create_sheet(COMPLETENESS_SHEET), period, table)
    return workbook_bytes(workbook)


def _figures(
    sheet: Worksheet,
    indicators: Sequence[Indicator],
    table: Completeness,
    by_unit: Mapping[int, Values],
    totals: Values,
    total_label: str,
    others: Sequence[Unit],
) -> None:
    columns = [(_("Mã đơn vị"), 14), (_("Đơn vị"), 40), (_("Trạng thái"), 24)]
    columns += [(f"{i.name} ({i.unit_of_measure})", 16) for i in indicators]
    heading(sheet, columns)
    sheet.append(["unit_code", "unit_name", "status"] + [i.code for i in indicators])
    for cell in sheet[CODE_ROW]:
        cell.font = CODE_FONT
    # For programs only: hidden from people, still there for whoever reads the file back.
    sheet.row_dimensions[CODE_ROW].hidden = True
    rows: list[tuple[Unit, str]] = [(row.unit, status_label(row)) for row in table.rows]
    rows += [(unit, _("Đã gửi (không thuộc danh sách phải báo cáo)")) for unit in others]
    for unit, status in rows:
        values = by_unit.get(unit.pk, {})
        sheet.append([unit.code, unit.name, status, *_numbers(indicators, values)])
    sheet.append(["", total_label + _(" (tổng hợp)"), "", *_numbers(indicators, totals)])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column, indicator in enumerate(indicators, start=4):
        number_format = INTEGER_FORMAT if _is_count(indicator) else DECIMAL_FORMAT
        for (cell,) in sheet.iter_rows(
            min_row=FIRST_UNIT_ROW, min_col=column, max_col=column, max_row=sheet.max_row
        ):
            cell.number_format = number_format
    sheet.freeze_panes = sheet.cell(FIRST_UNIT_ROW, 4)


def status_label(row: UnitRow) -> str:
    """ "Chưa gửi", or the report's status with "đúng hạn" / "trễ hạn" (first sending)."""
    if not row.sent or row.report is None:
        return _("Chưa gửi")
    label = str(row.report.get_status_display())
    if row.report.status not in COUNTED:
        label += _(" (chưa tổng hợp)")
    timing = _("đúng hạn") if row.on_time else _("trễ hạn")
    return f"{label}, {timing}"


def _is_count(indicator: Indicator) -> bool:
    return indicator.value_type == ValueType.INTEGER


def _numbers(indicators: Sequence[Indicator], values: Values) -> list[int | float | None]:
    return [_number(indicator, values.get(indicator.code)) for indicator in indicators]


def _number(indicator: Indicator, value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    if _is_count(indicator) and value == value.to_integral_value():
        return int(value)
    return float(value)


def _completeness(sheet: Worksheet, period: Period, table: Completeness) -> None:
    sheet.append([_("Tình hình gửi báo cáo: %(period)s") % {"period": period.title}])
    sheet["A1"].font = Font(bold=True)
    sheet.append(
        [
            _(
                "Hạn gửi %(due)s. Tính đến %(today)s: phải gửi %(expected)d, đã gửi %(sent)d "
                "(đúng hạn %(on_time)d, trễ hạn %(late)d), chưa gửi %(missing)d."
            )
            % {
                "due": format_date(period.due_date),
                "today": format_date(timezone.localdate()),
                "expected": table.expected,
                "sent": table.submitted,
                "on_time": table.on_time,
                "late": table.late,
                "missing": table.missing,
            }
        ]
    )
    sheet.append([])
    header_row = 4
    heading(
        sheet,
        [
            (_("STT"), 6),
            (_("Mã đơn vị"), 14),
            (_("Đơn vị"), 40),
            (_("Trạng thái"), 28),
            (_("Gửi lần đầu"), 14),
            (_("Gửi lần cuối"), 14),
            (_("Tiếp nhận"), 14),
        ],
        row=header_row,
    )
    for index, row in enumerate(table.rows, start=1):
        report = row.report
        sheet.append(
            [
                index,
                row.unit.code,
                row.unit.name,
                status_label(row),
                *_days(report),
            ]
        )
    for cells in sheet.iter_rows(min_row=header_row + 1, min_col=5, max_col=7):
        for cell in cells:
            cell.number_format = DATE_FORMAT


def _days(report: Report | None) -> list[dt.date | None]:
    if report is None:
        return [None, None, None]
    moments = (report.first_submitted_at, report.submitted_at, report.accepted_at)
    return [timezone.localdate(moment) if moment else None for moment in moments]
