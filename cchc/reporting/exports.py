"""Official documents of periodic reporting: a unit's report and the province's compiled report
as .docx (Decree 30 layout, ``cchc.lib.officialdoc``), and every unit's figures as .xlsx.

    unit_report_docx(report)        – the unit's own report: its narrative and figures by
                                      section, and an annex of its figures;
    synthesis_annex(data, header)   – the annex of the province's compiled report (written by
                                      ``cchc.compiling.document``): a table of key figures per
                                      unit for each group, the aggregate as last row;
    synthesis_xlsx(period, root)    – every indicator for every expected unit, and the totals.

``root`` None means the whole province. Counted reports are those aggregate.py counts (sent or
accepted); totals come from ``aggregate.aggregate`` (ratios and weighted means recomputed, never
summed), so the documents say what the synthesis page says. A fixed number of queries, whatever
the number of units.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from cchc.lib import officialdoc as od
from cchc.lib.vnformat import format_date
from cchc.orgs.letterhead import report_header
from cchc.orgs.models import Kind, Unit
from cchc.reporting import prose as text
from cchc.reporting.actions import report_values
from cchc.reporting.aggregate import COUNTED, Values, aggregate, values_by_unit, with_ratios
from cchc.reporting.comparison import SameUnits, same_units
from cchc.reporting.exports_xlsx import synthesis_workbook
from cchc.reporting.models import ADHOC_KIND, Indicator, Period, Report
from cchc.reporting.monitoring import Completeness, completeness
from cchc.reporting.periods import same_period_last_year

MISSING = "-"
ANNEX_FONT_SIZE = 10
# Key figures of the synthesis annex, a table per group: (code, column heading). A form's
# other indicators are in the .xlsx; a form with none of these codes gets its indicators
# by section instead, ANNEX_COLUMNS to a table.
ANNEX_COLUMNS = 9
ANNEX_TABLES: list[tuple[Promise, list[tuple[str, Promise]]]] = [
    (
        _l("Công tác chỉ đạo, điều hành"),
        [
            ("plan_tasks_set", _l("Nhiệm vụ kế hoạch")),
            ("plan_tasks_done", _l("Nhiệm vụ đã hoàn thành")),
            ("plan_tasks_done_rate", _l("Tỷ lệ hoàn thành (%)")),
            ("inspections_held", _l("Cuộc kiểm tra")),
            ("units_inspected", _l("Đơn vị được kiểm tra")),
            ("problems_found", _l("Tồn tại phát hiện")),
            ("problems_fixed", _l("Tồn tại đã khắc phục")),
            ("news_items", _l("Tin, bài tuyên truyền")),
            ("initiatives", _l("Sáng kiến, mô hình")),
        ],
    ),
    (
        _l("Cải cách thủ tục hành chính"),
        [
            ("dossiers_received", _l("Hồ sơ tiếp nhận")),
            ("dossiers_received_online", _l("Tiếp nhận trực tuyến")),
            ("online_dossier_rate", _l("Tỷ lệ nộp trực tuyến (%)")),
            ("dossiers_resolved", _l("Hồ sơ đã giải quyết")),
            ("dossiers_resolved_late", _l("Giải quyết quá hạn")),
            ("dossiers_on_time_rate", _l("Tỷ lệ đúng hạn (%)")),
            ("dossiers_pending_overdue", _l("Đang giải quyết quá hạn")),
            ("satisfaction_ratings", _l("Lượt đánh giá")),
            ("satisfaction_rate", _l("Tỷ lệ hài lòng (%)")),
        ],
    ),
    (
        _l("Thể chế, tổ chức bộ máy, chế độ công vụ, tài chính công"),
        [
            ("legal_docs_issued", _l("VBQPPL ban hành")),
            ("legal_docs_reviewed", _l("VBQPPL được rà soát")),
            ("subunits_before", _l("Đơn vị trực thuộc trước sắp xếp")),
            ("subunits_after", _l("Đơn vị trực thuộc sau sắp xếp")),
            ("staff_cut", _l("Biên chế tinh giản")),
            ("training_classes", _l("Lớp đào tạo, bồi dưỡng")),
            ("training_participants", _l("Lượt người đào tạo")),
            ("staff_disciplined", _l("CBCCVC bị kỷ luật")),
            ("self_financing_units", _l("ĐVSN tự chủ tài chính")),
        ],
    ),
    (
        _l("Chính quyền điện tử, chính quyền số; tiếp công dân, xử lý đơn thư"),
        [
            ("digital_signatures", _l("Chứng thư số")),
            ("documents_sent_total", _l("Văn bản đi")),
            ("electronic_documents_rate", _l("Tỷ lệ văn bản điện tử (%)")),
            ("online_services_full", _l("DVC trực tuyến toàn trình")),
            ("online_services_partial", _l("DVC trực tuyến một phần")),
            ("citizen_reception_visits", _l("Lượt tiếp công dân")),
            ("petitions_received", _l("Đơn thư tiếp nhận")),
            ("petitions_eligible", _l("Đơn đủ điều kiện xử lý")),
            ("petitions_forwarded", _l("Đơn chuyển cơ quan có thẩm quyền")),
        ],
    ),
]


def unit_report_docx(report: Report) -> bytes:
    """The unit's report for the period, as it stands (a draft prints with a blank date)."""
    unit, period = report.unit, report.period
    indicators = list(period.form.indicators.all())
    figures = text.Figures(
        indicators={i.code: i for i in indicators},
        values=with_ratios(report_values(report), indicators),
        last_year={},
    )
    day = timezone.localdate(report.submitted_at) if report.submitted_at else None
    header, signature = _letterhead(unit, day)
    about = _about(period)
    blocks: list[od.Block] = [od.Paragraph(_opening(period, unit.name, about))]
    narrative = report.narrative or {}
    for code, headings in text.section_headings(period.form.sections):
        blocks.extend(headings)
        content = [od.Paragraph(p) for p in text.paragraphs(str(narrative.get(code) or ""))]
        content += [od.Paragraph(s) for s in text.section_sentences(code, figures, unit.name)]
        blocks.extend(content or [_nothing_reported()])
    blocks.append(
        od.Paragraph(
            _("Trên đây là báo cáo%(about)s của %(unit)s, kính gửi Sở Nội vụ tổng hợp./.")
            % {"about": about, "unit": unit.name}
        )
    )
    document = od.OfficialDocument(
        header=header,
        doc_type=_("BÁO CÁO"),
        subject=text.report_subject(period),
        blocks=blocks,
        recipients=[_("Sở Nội vụ (tổng hợp);"), _("Lưu: VT, %(code)s.") % {"code": _code(unit)}],
        signature=signature,
        annex=_unit_annex(report, header, indicators, figures),
    )
    return od.render(document)


def synthesis_xlsx(period: Period, root: Unit | None) -> bytes:
    """Sheet "Số liệu": every indicator for every expected unit, then the aggregate row;
    sheet "Hoàn thành báo cáo": who sent what, when."""
    table = completeness(period, root)
    by_unit = values_by_unit(period, root)
    # A unit that reported but is no longer expected (it ceased before the window closed)
    # still counts in the totals, so it gets a row too.
    unlisted = set(by_unit) - {row.unit.pk for row in table.rows}
    others = list(Unit.objects.filter(pk__in=unlisted).order_by("path")) if unlisted else []
    return synthesis_workbook(
        period,
        list(period.form.indicators.all()),
        table,
        by_unit,
        aggregate(period, root),
        _total_label(_scope_subject(root, Unit.objects.root_of(root))),
        others,
    )


@dataclass(frozen=True)
class Synthesis:
    period: Period
    issuer: Unit
    indicators: list[Indicator]
    totals: Values
    last_year: SameUnits  # the same period last year, over the same units
    last_year_number: int | None
    by_unit: dict[int, Values]
    reports: list[Report]  # the counted reports, in the tree's order, with their units
    table: Completeness
    locality: str
    scope_subject: str

    @classmethod
    def load(cls, period: Period, root: Unit | None) -> Synthesis:
        last = same_period_last_year(period)
        reports = Report.objects.filter(period=period, status__in=COUNTED)
        if root is not None:
            reports = reports.filter(unit__path__startswith=root.path)
        province = Unit.objects.root_of(root)
        issuer = Unit.objects.home_affairs() or root or province
        if issuer is None:
            raise ValueError(_("Chưa có đơn vị nào trong cây đơn vị."))
        return cls(
            period=period,
            issuer=issuer,
            indicators=list(period.form.indicators.all()),
            totals=aggregate(period, root),
            last_year=same_units(period, last, root),
            last_year_number=last.year if last else None,
            by_unit=values_by_unit(period, root),
            reports=list(reports.select_related("unit").order_by("unit__path")),
            table=completeness(period, root),
            locality=text.locality(province.name) if province else "",
            scope_subject=_scope_subject(root, province),
        )


def _scope_subject(root: Unit | None, province: Unit | None) -> str:
    """Who the aggregate figures are about: "Toàn tỉnh", "Toàn huyện", or the unit's name."""
    unit = root or province
    if unit is None:
        return ""
    place = text.locality(unit.name)
    if place and unit.kind in (Kind.PROVINCE, Kind.DISTRICT):
        return _("Toàn %(place)s") % {"place": place}
    return unit.name


def _total_label(scope_subject: str) -> str:
    return scope_subject if scope_subject.startswith(_("Toàn")) else _("Tổng cộng")


def _letterhead(unit: Unit, day: dt.date | None) -> tuple[od.Header, od.Signature]:
    """The letterhead and signature block every report of the product has (parent body, "Số:
    /BC-<code>", the province as place, the head's title), dated ``day`` or left for signing."""
    header, signature = report_header(unit, day or timezone.localdate())
    return dataclasses.replace(header, date=day), signature


def _code(unit: Unit) -> str:
    return unit.short_code or unit.code


def _about(period: Period, scope: str = "") -> str:
    """ " tình hình, kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2025 …",
    to follow "báo cáo"; empty for an ad hoc report, whose request says what it is about."""
    if period.kind == ADHOC_KIND:
        return ""
    about = _("tình hình, kết quả thực hiện công tác cải cách hành chính %(period)s") % {
        "period": text.period_phrase(period)
    }
    return f" {about} {scope}".rstrip()


def _opening(period: Period, issuer: str, about: str) -> str:
    if period.requested_by is not None:
        document = period.requested_by
        basis = _("Thực hiện %(type)s số %(symbol)s%(date)s") % {
            "type": document.doc_type,
            "symbol": document.symbol,
            "date": _(" ngày %(day)s") % {"day": format_date(document.date)}
            if document.date
            else "",
        }
    else:
        basis = _("Thực hiện chế độ báo cáo định kỳ về công tác cải cách hành chính")
    return _(
        "%(basis)s, %(issuer)s báo cáo%(about)s (số liệu từ ngày %(start)s đến ngày %(end)s) "
        "như sau:"
    ) % {
        "basis": basis,
        "issuer": issuer,
        "about": about,
        "start": format_date(period.start),
        "end": format_date(period.end),
    }


def _nothing_reported() -> od.Paragraph:
    return od.Paragraph(_("Không có nội dung báo cáo."), italic=True)


def _annex_titles(title: str, header: od.Header, issuer: str) -> list[od.Block]:
    return [
        od.Paragraph(title, bold=True, centred=True),
        od.Paragraph(
            _("(Kèm theo Báo cáo số %(number)s của %(issuer)s)")
            % {"number": header.number, "issuer": issuer},
            italic=True,
            centred=True,
        ),
    ]


def _unit_annex(
    report: Report, header: od.Header, indicators: Sequence[Indicator], figures: text.Figures
) -> list[od.Block]:
    kind = report.unit.kind
    titles = {str(s["code"]): str(s["title"]) for s in report.period.form.sections}
    rows: list[list[str]] = []
    bold: set[int] = set()
    for code, title in titles.items():
        applying = [i for i in indicators if i.section == code and i.applies_to(kind)]
        if not applying:
            continue
        bold.add(len(rows))
        rows.append([code, title.upper(), "", ""])
        for number, indicator in enumerate(applying, start=1):
            value = figures.value(indicator.code)
            rows.append([str(number), indicator.name, indicator.unit_of_measure, value or MISSING])
    return [
        *_annex_titles(_("PHỤ LỤC: SỐ LIỆU CẢI CÁCH HÀNH CHÍNH"), header, report.unit.name),
        od.Table(
            columns=[_("STT"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Số liệu")],
            rows=rows,
            widths_cm=(1.3, 9.7, 2.7, 2.8),
            centred_columns=frozenset({0, 2, 3}),
            bold_rows=frozenset(bold),
            font_size=12,
        ),
    ]


def annex_tables(
    indicators: Sequence[Indicator], sections: Sequence[Mapping[str, Any]]
) -> list[tuple[str, list[tuple[Indicator, str]]]]:
    """The synthesis annex's tables: ANNEX_TABLES with the codes the form has, or the form's
    indicators by section (``sections``: the form's, for their titles)."""
    by_code = {i.code: i for i in indicators}
    tables = [
        (str(title), [(by_code[code], str(label)) for code, label in columns if code in by_code])
        for title, columns in ANNEX_TABLES
    ]
    chosen = [(title, columns) for title, columns in tables if columns]
    if chosen:
        return chosen
    by_section: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        by_section.setdefault(indicator.section, []).append(indicator)
    titles = {str(section["code"]): str(section["title"]) for section in sections}
    return [
        (
            titles.get(section, section),
            [(i, _column_label(i)) for i in part[start : start + ANNEX_COLUMNS]],
        )
        for section, part in by_section.items()
        for start in range(0, len(part), ANNEX_COLUMNS)
    ]


def _column_label(indicator: Indicator) -> str:
    return f"{indicator.name} ({indicator.unit_of_measure})"


def synthesis_annex(data: Synthesis, header: od.Header) -> list[od.Block]:
    blocks = _annex_titles(_("PHỤ LỤC: TỔNG HỢP SỐ LIỆU THEO ĐƠN VỊ"), header, data.issuer.name)
    figures = text.Figures({i.code: i for i in data.indicators}, data.totals, {})
    total_label = _total_label(data.scope_subject)
    for number, (title, columns) in enumerate(
        annex_tables(data.indicators, data.period.form.sections), start=1
    ):
        rows = []
        for index, report in enumerate(data.reports, start=1):
            values = data.by_unit.get(report.unit_id, {})
            rows.append(
                [str(index), report.unit.name]
                + [_shown(indicator, values.get(indicator.code)) for indicator, _l in columns]
            )
        rows.append(["", total_label] + [figures.value(i.code) or MISSING for i, _l in columns])
        width = (od.LANDSCAPE_TEXT_WIDTH_CM - 1.2 - 6.0) / len(columns)
        blocks += [
            od.Heading(f"{number}. {title}"),
            od.Table(
                columns=[_("STT"), _("Đơn vị"), *(label for _i, label in columns)],
                rows=rows,
                widths_cm=(1.2, 6.0, *([width] * len(columns))),
                centred_columns=frozenset(range(2, 2 + len(columns))) | {0},
                bold_last_row=True,
                font_size=ANNEX_FONT_SIZE,
            ),
        ]
    return blocks


def _shown(indicator: Indicator, value: Decimal | None) -> str:
    return text.format_value(indicator, value) if value is not None else MISSING
