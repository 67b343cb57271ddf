"""The PAR Index results as documents.

    ranking_docx(framework, areas, results) – Sở Nội vụ's report on the year's results with
                                              the ranking annex (Decree 30 layout, landscape),
                                              "kèm theo" the publishing decision once published;
    ranking_xlsx(framework, areas, results) – one row per unit: area subtotals, total, rank,
                                              last year's rank and the change (numeric cells);
    assessment_sheet_docx(assessment)       – a unit's score sheet: every criterion with its
                                              maximum, the self and appraised scores and the
                                              reason for each deduction, and the totals.

``results`` come from ``cchc.scoring.results.framework_results``; the documents say what the
ranking page says.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from cchc.lib import officialdoc as od
from cchc.lib.vnformat import format_date, format_decimal
from cchc.lib.xlsx import heading, workbook_bytes
from cchc.orgs.letterhead import report_header
from cchc.orgs.models import Kind, Unit
from cchc.scoring import sheet
from cchc.scoring.models import Assessment, Criterion, Framework, Status
from cchc.scoring.results import UnitResult, rank_change_text

# Whom a framework ranks, as written in titles ("… CỦA CÁC SỞ, BAN, NGÀNH").
RANKED: dict[str, str] = {
    Kind.DEPARTMENT: "các sở, ban, ngành",
    Kind.DISTRICT: "Ủy ban nhân dân cấp huyện",
    Kind.COMMUNE: "Ủy ban nhân dân cấp xã",
}
ANNEX_FONT_SIZE = 10
POINTS_FORMAT = "0.00"


def ranked_units(framework: Framework) -> str:
    return RANKED.get(framework.unit_kind) or str(framework.get_unit_kind_display())


def ranking_title(framework: Framework) -> str:
    """ "Kết quả xếp hạng Chỉ số cải cách hành chính năm 2024 của các sở, ban, ngành"."""
    return _("Kết quả xếp hạng Chỉ số cải cách hành chính năm %(year)d của %(units)s") % {
        "year": framework.year,
        "units": ranked_units(framework),
    }


def decision_reference(framework: Framework) -> str:
    """ "Quyết định số 245/QĐ-UBND ngày 10/02/2025 của Ủy ban nhân dân tỉnh Quảng Ngãi", or ""
    before publication."""
    decision = framework.decision
    if decision is None:
        return ""
    text = _("Quyết định số %(symbol)s") % {"symbol": decision.symbol}
    if decision.date:
        text += _(" ngày %(date)s") % {"date": format_date(decision.date)}
    if decision.issuing_unit is not None:
        text += _(" của %(unit)s") % {"unit": decision.issuing_unit.name}
    return text


def area_heading(area: Criterion) -> str:
    return f"{area.code}. {area.text} ({format_decimal(area.max_points)})"


def _points(value: Decimal | None) -> str:
    return format_decimal(value) if value is not None else "—"


def ranking_docx(
    framework: Framework, areas: Sequence[Criterion], results: Sequence[UnitResult]
) -> bytes:
    issuer = Unit.objects.home_affairs()
    header, signature = report_header(issuer, timezone.localdate())
    header = dataclasses.replace(header, date=None)
    units = ranked_units(framework)
    blocks: list[od.Block] = [
        od.Paragraph(
            _(
                "Sở Nội vụ báo cáo kết quả xác định Chỉ số cải cách hành chính năm %(year)d "
                "của %(units)s như sau:"
            )
            % {"year": framework.year, "units": units}
        ),
        od.Paragraph(_summary(results)),
    ]
    if not framework.survey_conducted:
        blocks.append(
            od.Paragraph(
                _(
                    "Năm %(year)d không tổ chức điều tra xã hội học; tổng điểm của mỗi đơn vị "
                    "được quy đổi về thang điểm 100."
                )
                % {"year": framework.year}
            )
        )
    reference = decision_reference(framework)
    if reference:
        blocks.append(od.Paragraph(_("Kết quả đã được công bố tại %(ref)s.") % {"ref": reference}))
    blocks.append(od.Paragraph(_("Kết quả chi tiết tại Phụ lục kèm theo./.")))
    attached = reference or _("Báo cáo số %(number)s của %(issuer)s") % {
        "number": header.number,
        "issuer": header.issuing_body,
    }
    area_width = (od.LANDSCAPE_TEXT_WIDTH_CM - 11.5) / max(len(areas), 1)
    annex: list[od.Block] = [
        od.Paragraph(_("Phụ lục"), bold=True, centred=True),
        od.Paragraph(ranking_title(framework).upper(), bold=True, centred=True),
        od.Paragraph(_("(Kèm theo %(ref)s)") % {"ref": attached}, italic=True, centred=True),
        od.Table(
            columns=[
                _("Xếp hạng"),
                _("Đơn vị"),
                *[area_heading(area) for area in areas],
                _("Tổng điểm"),
                _("So với năm %(year)d") % {"year": framework.year - 1},
            ],
            rows=[
                [
                    str(result.rank),
                    result.unit.name,
                    *[_points(result.areas.get(area.code)) for area in areas],
                    format_decimal(result.total),
                    rank_change_text(result),
                ]
                for result in results
            ],
            widths_cm=(1.6, 5.5, *[area_width] * len(areas), 2.0, 2.4),
            centred_columns=frozenset({0, *range(2, len(areas) + 4)}),
            font_size=ANNEX_FONT_SIZE,
        ),
    ]
    document = od.OfficialDocument(
        header=header,
        doc_type=_("BÁO CÁO"),
        subject=_("Kết quả xác định Chỉ số cải cách hành chính năm %(year)d của %(units)s")
        % {"year": framework.year, "units": units},
        blocks=blocks,
        recipients=[_("UBND tỉnh (b/c);"), _("Các đơn vị được đánh giá;"), _("Lưu: VT, CCHC.")],
        signature=signature,
        annex=annex,
        annex_landscape=True,
    )
    return od.render(document)


def _summary(results: Sequence[UnitResult]) -> str:
    if not results:
        return _("Chưa có đơn vị nào được chốt điểm.")
    best, worst = results[0], results[-1]
    average = sum((r.total for r in results), Decimal(0)) / len(results)
    return _(
        "Có %(n)d đơn vị được đánh giá, điểm trung bình %(average)s điểm; cao nhất là "
        "%(best)s (%(best_total)s điểm), thấp nhất là %(worst)s (%(worst_total)s điểm)."
    ) % {
        "n": len(results),
        "average": format_decimal(average),
        "best": best.unit.name,
        "best_total": format_decimal(best.total),
        "worst": worst.unit.name,
        "worst_total": format_decimal(worst.total),
    }


def ranking_xlsx(
    framework: Framework, areas: Sequence[Criterion], results: Sequence[UnitResult]
) -> bytes:
    """Row 1 the headings, then one row per unit in rank order; points are numbers."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = _("Xếp hạng %(year)d") % {"year": framework.year}
    columns = [
        (_("Xếp hạng"), 10),
        (_("Mã đơn vị"), 16),
        (_("Đơn vị"), 40),
        *[(area_heading(area), 18) for area in areas],
        (_("Tổng điểm"), 12),
        (_("Xếp hạng năm %(year)d") % {"year": framework.year - 1}, 14),
        (_("Thay đổi thứ hạng"), 16),
    ]
    heading(sheet, columns)
    sheet.freeze_panes = "D2"
    for result in results:
        subtotals = [result.areas.get(area.code) for area in areas]
        sheet.append(
            [
                result.rank,
                result.unit.code,
                result.unit.name,
                *[float(value) if value is not None else None for value in subtotals],
                float(result.total),
                result.previous_rank,
                rank_change_text(result),
            ]
        )
        for column in range(4, 5 + len(areas)):
            sheet.cell(sheet.max_row, column).number_format = POINTS_FORMAT
    return workbook_bytes(workbook)


def assessment_sheet_docx(assessment: Assessment) -> bytes:
    """The unit's score sheet as it stands, the rows and totals of its page
    (``cchc.scoring.sheet``); ``assessment`` comes with its framework and unit. The appraised
    column is filled once the appraisal has been sent to the unit."""
    framework, unit = assessment.framework, assessment.unit
    criteria = list(framework.criteria.all())
    items = {item.criterion_id: item for item in assessment.items.prefetch_related("evidence")}
    own_total, appraised_total = sheet.totals(framework, criteria, items)
    pending_survey = own_total.pending_survey
    if pending_survey:
        own_total, appraised_total = sheet.totals(framework, criteria, items, survey=False)
    appraised = assessment.status in (Status.APPRAISED, Status.FINALISED)
    rows: list[list[str]] = []
    bold: set[int] = set()
    for row in sheet.rows(criteria, items):
        if not row.is_leaf:
            bold.add(len(rows))
        rows.append(_sheet_row(row, appraised, framework.survey_conducted))
    rows.append(
        [
            "",
            _("Tổng điểm, chưa gồm điều tra xã hội học (quy đổi về thang điểm 100)")
            if pending_survey
            else _("Tổng điểm (quy đổi về thang điểm 100)"),
            "100",
            format_decimal(own_total.total),
            format_decimal(appraised_total.total) if appraised else "",
            "",
        ]
    )
    header, signature = report_header(unit, timezone.localdate())
    header = dataclasses.replace(header, date=None)
    status = assessment.get_status_display()
    after_appraisal = (
        _("; tổng điểm sau thẩm định %(total)s điểm")
        % {"total": format_decimal(appraised_total.total)}
        if appraised
        else ""
    )
    blocks: list[od.Block] = [
        od.Paragraph(
            _(
                "%(unit)s báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính "
                "năm %(year)d (trạng thái: %(status)s) như sau: tổng điểm tự đánh giá "
                "%(self)s điểm%(appraised)s."
            )
            % {
                "unit": unit.name,
                "year": framework.year,
                "status": str(status).lower(),
                "self": format_decimal(own_total.total),
                "appraised": after_appraisal,
            }
        ),
        *(
            [
                od.Paragraph(
                    _(
                        "Các tổng điểm trên chưa gồm %(points)s điểm điều tra xã hội học (chưa có "
                        "kết quả), quy đổi về thang điểm 100."
                    )
                    % {"points": format_decimal(pending_survey)}
                )
            ]
            if pending_survey
            else []
        ),
        od.Paragraph(_("Chi tiết từng tiêu chí tại Phụ lục kèm theo./.")),
    ]
    annex: list[od.Block] = [
        od.Paragraph(_("Phụ lục"), bold=True, centred=True),
        od.Paragraph(
            _("BẢNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %(year)d CỦA %(unit)s")
            % {"year": framework.year, "unit": unit.name.upper()},
            bold=True,
            centred=True,
        ),
        od.Paragraph(
            _("(Kèm theo Báo cáo số %(number)s của %(unit)s)")
            % {"number": header.number, "unit": unit.name},
            italic=True,
            centred=True,
        ),
        od.Table(
            columns=[
                _("Mã"),
                _("Tiêu chí, tiêu chí thành phần"),
                _("Điểm tối đa"),
                _("Điểm tự đánh giá"),
                _("Điểm thẩm định"),
                _("Lý do trừ điểm"),
            ],
            rows=rows,
            widths_cm=(1.6, 11.0, 2.0, 2.2, 2.2, 6.2),
            centred_columns=frozenset({0, 2, 3, 4}),
            bold_rows=frozenset(bold),
            bold_last_row=True,
            font_size=ANNEX_FONT_SIZE,
        ),
    ]
    document = od.OfficialDocument(
        header=header,
        doc_type=_("BÁO CÁO"),
        subject=_("Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm %(year)d")
        % {"year": framework.year},
        blocks=blocks,
        recipients=[_("Sở Nội vụ (thẩm định);"), _("Lưu: VT.")],
        signature=signature,
        annex=annex,
        annex_landscape=True,
    )
    return od.render(document)


def _sheet_row(row: sheet.Row, appraised: bool, survey_conducted: bool) -> list[str]:
    """An area or criterion with the sums of its leaves, or a leaf with its scores."""
    criterion = row.criterion
    start = [criterion.code, criterion.text, format_decimal(criterion.max_points)]
    if row.item is not None and row.item.not_applicable:
        return [*start, _("Không áp dụng"), "", ""]
    if row.is_survey and not survey_conducted:
        return [*start, _("Không điều tra"), "", ""]
    appraised_points = row.item.score if row.item is not None else row.appraised_points
    return [
        *start,
        _points(row.self_points),
        _points(appraised_points) if appraised else "",
        row.reason,
    ]
