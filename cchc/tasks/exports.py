"""The task list and the statistics as .xlsx (openpyxl) and as .docx in the Decree 30 layout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from cchc.lib import officialdoc as od
from cchc.lib.vnformat import format_date, format_decimal, format_int
from cchc.lib.xlsx import heading, workbook_bytes
from cchc.orgs.letterhead import report_header, report_recipients
from cchc.orgs.models import Unit
from cchc.tasks.models import DEADLINE_LABELS, Task
from cchc.tasks.stats import KHAC, TaskStats, UnitRate

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cchc.accounts.models import User


def deadline_label(task: Task, as_of: dt.date) -> str:
    state = task.deadline_status(as_of)
    return str(DEADLINE_LABELS[state]) if state else ""


def tasks_workbook(tasks: Iterable[Task], as_of: dt.date) -> bytes:
    """One row per task; ``tasks`` come with plan, lead unit, source document and
    cooperating units loaded."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = _("Nhiệm vụ")
    columns = [
        (_("Kế hoạch"), 16),
        (_("STT"), 6),
        (_("Nội dung nhiệm vụ"), 60),
        (_("Đơn vị chủ trì"), 28),
        (_("Đơn vị phối hợp"), 28),
        (_("Hạn hoàn thành"), 14),
        (_("Hạn ban đầu"), 14),
        (_("Sản phẩm"), 30),
        (_("Văn bản giao"), 22),
        (_("Trạng thái"), 16),
        (_("Ngày hoàn thành"), 14),
        (
            _("Tình trạng hạn (tính đến %(day)s)") % {"day": format_date(as_of)},
            18,
        ),
    ]
    _heading(sheet, columns)
    for task in tasks:
        sheet.append(
            [
                task.plan.code if task.plan else "",
                task.item_number,
                task.content,
                task.lead_unit.name,
                ", ".join(unit.name for unit in task.cooperating_units.all()),
                task.deadline,
                task.original_deadline if task.deadline_was_extended else None,
                task.expected_output,
                task.source_document.symbol,
                task.get_status_display(),
                task.completed_on,
                deadline_label(task, as_of),
            ]
        )
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
    return workbook_bytes(workbook)


def stats_workbook(stats: TaskStats, rates: Sequence[UnitRate]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = _("Thống kê")
    sheet.append(
        [_("Tình hình thực hiện nhiệm vụ tính đến %(day)s") % {"day": format_date(stats.as_of)}]
    )
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    columns = [(_("Trạng thái"), 30), (_("Tổng số"), 12), (_("Trong hạn"), 12), (_("Quá hạn"), 12)]
    _heading(sheet, columns, row=3)
    for row in stats.rows:
        sheet.append([str(row.label), row.total, row.within, row.overdue])
    sheet.append([_("Tổng cộng"), stats.total, None, None])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)

    units = workbook.create_sheet(_("Theo đơn vị"))
    _heading(
        units,
        [
            (_("Đơn vị chủ trì"), 40),
            (_("Được giao"), 12),
            (_("Đã hoàn thành"), 14),
            (_("Hoàn thành đúng hạn"), 14),
            (_("Chờ kết thúc"), 12),
            (_("Quá hạn chưa hoàn thành"), 16),
            (_("Tỷ lệ hoàn thành (%)"), 14),
        ],
    )
    for rate in rates:
        units.append(
            [
                rate.unit.name,
                rate.assigned,
                rate.done,
                rate.done_on_time,
                rate.awaiting_confirmation,
                rate.open_overdue,
                float(rate.rate) if rate.rate is not None else None,
            ]
        )
        units.cell(units.max_row, 7).number_format = "0.00"
    return workbook_bytes(workbook)


def issuing_unit(user: User | AnonymousUser) -> Unit | None:
    """The unit an exported report is issued by: the user's own (the province for a system
    administrator without one)."""
    if not user.is_authenticated:
        return None
    membership = user.memberships.select_related("unit").order_by("id").first()
    return membership.unit if membership is not None else None


def tasks_document(tasks: Iterable[Task], as_of: dt.date, unit: Unit | None, scope: str) -> bytes:
    header, signature = report_header(unit, as_of)
    rows = [
        [
            task.item_number or str(index),
            task.content,
            task.lead_unit.name,
            format_date(task.deadline) if task.deadline else _("Thường xuyên"),
            task.get_status_display(),
            deadline_label(task, as_of),
        ]
        for index, task in enumerate(tasks, start=1)
    ]
    document = od.OfficialDocument(
        header=header,
        doc_type=_("BÁO CÁO"),
        subject=_("Danh sách nhiệm vụ %(scope)s") % {"scope": scope},
        blocks=[
            od.Paragraph(
                _("Tính đến ngày %(day)s, có %(n)s nhiệm vụ như sau:")
                % {"day": format_date(as_of), "n": format_int(len(rows))}
            ),
            od.Table(
                columns=[
                    _("STT"),
                    _("Nội dung"),
                    _("Chủ trì"),
                    _("Hạn"),
                    _("Trạng thái"),
                    _("Tình trạng"),
                ],
                rows=rows,
                widths_cm=(1.2, 6.3, 3.2, 2.2, 2.0, 1.6),
                centred_columns=frozenset({0, 3}),
                font_size=11,
            ),
        ],
        recipients=report_recipients(unit),
        signature=signature,
    )
    return od.render(document)


def stats_document(
    stats: TaskStats, rates: Sequence[UnitRate], unit: Unit | None, scope: str
) -> bytes:
    header, signature = report_header(unit, stats.as_of)
    # Tasks adjusted away have no deadline status: "—", as on the page.
    status_rows = [
        [str(row.label), format_int(row.total), format_int(row.within), format_int(row.overdue)]
        if row.status != KHAC
        else [str(row.label), format_int(row.total), "—", "—"]
        for row in stats.rows
    ]
    status_rows.append([_("Tổng cộng"), format_int(stats.total), "", ""])
    rate_rows = [
        [
            rate.unit.name,
            format_int(rate.assigned),
            format_int(rate.done),
            format_int(rate.done_on_time),
            format_decimal(rate.rate) if rate.rate is not None else "—",
        ]
        for rate in rates
    ]
    counts = {row.status: row for row in stats.rows}
    summary = _(
        "Tính đến ngày %(day)s, tổng số nhiệm vụ được giao là %(total)s nhiệm vụ; trong đó "
        "đã hoàn thành %(done)s nhiệm vụ (%(done_late)s nhiệm vụ hoàn thành quá hạn), chờ kết "
        "thúc %(closing)s nhiệm vụ, đang thực hiện %(doing)s nhiệm vụ, chờ tiếp nhận "
        "%(waiting)s nhiệm vụ, khác (điều chỉnh, hủy) %(other)s nhiệm vụ."
    ) % {
        "day": format_date(stats.as_of),
        "total": format_int(stats.total),
        "done": format_int(counts["da_hoan_thanh"].total),
        "done_late": format_int(counts["da_hoan_thanh"].overdue),
        "closing": format_int(counts["cho_ket_thuc"].total),
        "doing": format_int(counts["dang_thuc_hien"].total),
        "waiting": format_int(counts["cho_tiep_nhan"].total),
        "other": format_int(counts["khac"].total),
    }
    document = od.OfficialDocument(
        header=header,
        doc_type=_("BÁO CÁO"),
        subject=_("Tình hình thực hiện nhiệm vụ %(scope)s") % {"scope": scope},
        blocks=[
            od.Heading(_("I. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ")),
            od.Paragraph(summary),
            od.Table(
                columns=[_("Trạng thái"), _("Tổng số"), _("Trong hạn"), _("Quá hạn")],
                rows=status_rows,
                widths_cm=(7.5, 3, 3, 3),
                centred_columns=frozenset({1, 2, 3}),
                bold_last_row=True,
                font_size=13,
            ),
            od.Heading(_("II. TỶ LỆ HOÀN THÀNH THEO ĐƠN VỊ CHỦ TRÌ")),
            od.Table(
                columns=[
                    _("Đơn vị chủ trì"),
                    _("Được giao"),
                    _("Đã hoàn thành"),
                    _("Đúng hạn"),
                    _("Tỷ lệ (%)"),
                ],
                rows=rate_rows,
                widths_cm=(6.5, 2.5, 2.5, 2.5, 2.5),
                centred_columns=frozenset({1, 2, 3, 4}),
                font_size=12,
            ),
        ],
        recipients=report_recipients(unit),
        signature=signature,
    )
    return od.render(document)


def _heading(sheet: Worksheet, columns: Sequence[tuple[str, float]], row: int = 1) -> None:
    """The header row, kept in view while scrolling."""
    heading(sheet, columns, row)
    sheet.freeze_panes = f"A{row + 1}"
