"""The compiled report as an official document (.docx, Decree 30 layout): the issuer's
letterhead, "Số: /BC-SNV" (or the number given when issued), the date line with month and year
(the day blank until signed), the sections as they stand, the issuer's recipients, the
signature block with the signer's authority, title and name, and the annex of key figures per
unit (``cchc.reporting.exports.synthesis_annex``).
"""

from __future__ import annotations

import dataclasses

from django.utils.translation import gettext as _

from cchc.compiling.loading import Issuer, settings
from cchc.compiling.models import OPENING, CompiledReport
from cchc.lib import officialdoc as od
from cchc.orgs.letterhead import report_header
from cchc.orgs.models import Unit
from cchc.reporting import prose as text
from cchc.reporting.exports import Synthesis, synthesis_annex
from cchc.reporting.models import ADHOC_KIND

OWN_PROPOSALS = "V.rieng"


def issuer_of(report: CompiledReport) -> Issuer:
    return settings().issuers[report.issuer]


def issuing_unit(issuer: Issuer, province: Unit) -> Unit:
    """The unit whose letterhead the report carries: Sở Nội vụ, or the province itself."""
    if issuer.unit_short_code:
        unit = (
            Unit.objects.filter(short_code=issuer.unit_short_code)
            .order_by("-valid_from", "path")
            .first()
        )
        if unit is not None:
            return unit
    return province


def render(report: CompiledReport) -> bytes:
    return od.render(official_document(report))


def official_document(report: CompiledReport) -> od.OfficialDocument:
    issuer = issuer_of(report)
    province = Unit.objects.root_of(report.root) or report.root
    unit = issuing_unit(issuer, province)
    header, _signature = report_header(unit, report.planned_date)
    header = dataclasses.replace(
        header,
        number=report.number or f"/{issuer.symbol}",
        date=report.issued_on,
        month=report.planned_date,
    )
    form_sections = report.period.form.sections
    blocks: list[od.Block] = [od.Paragraph(p) for p in _paragraphs(report, OPENING)]
    for code, headings in text.section_headings(form_sections):
        blocks.extend(headings)
        content = _paragraphs(report, code)
        if code == "V" and report.section_text(OWN_PROPOSALS).strip():
            content.append(_("Kiến nghị của %(issuer)s:") % {"issuer": unit.name})
            content.extend(_paragraphs(report, OWN_PROPOSALS))
        blocks.extend(_block(p) for p in content)
        if not content:
            blocks.append(od.Paragraph(_("Không có nội dung báo cáo."), italic=True))
    place = text.locality(province.name) or _("tỉnh")
    blocks.append(
        od.Paragraph(
            _(
                "Trên đây là báo cáo tình hình, kết quả thực hiện công tác cải cách hành chính "
                "%(period)s của %(issuer)s, kính báo cáo %(addressee)s./."
            )
            % {
                "period": text.period_phrase(report.period),
                "issuer": unit.name
                if unit.pk != province.pk
                else f"{_('Ủy ban nhân dân')} {place}",
                "addressee": issuer.addressee,
            }
        )
    )
    scope = None if report.root.pk == province.pk else report.root
    data = Synthesis.load(report.period, scope)
    data = dataclasses.replace(data, issuer=unit)
    return od.OfficialDocument(
        header=header,
        doc_type=_("BÁO CÁO"),
        subject=_subject(report, scope, place),
        blocks=blocks,
        recipients=list(report.recipients or issuer.recipients),
        signature=od.Signature(
            title=report.signer_title or issuer.signatures[0].title,
            name=report.signer_name,
            authority=report.signer_authority,
        ),
        annex=synthesis_annex(data, header),
        annex_landscape=True,
    )


def _subject(report: CompiledReport, scope: Unit | None, place: str) -> str:
    """ "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2025 trên địa bàn
    tỉnh"; an ad hoc report's subject is its request's title."""
    subject = text.report_subject(report.period)
    if report.period.kind == ADHOC_KIND:
        return subject
    if scope is None:
        return subject + _(" trên địa bàn %(place)s") % {"place": place}
    return subject + _(" của %(unit)s") % {"unit": scope.name}


def _paragraphs(report: CompiledReport, code: str) -> list[str]:
    return text.paragraphs(report.section_text(code))


def _block(paragraph: str) -> od.Block:
    """A numbered sub-heading of a section ("1. Ưu điểm") is bold; the rest are paragraphs."""
    head, _dot, _rest = paragraph.partition(". ")
    if head.isdigit() and len(paragraph) < 90 and not paragraph.endswith("."):
        return od.Paragraph(paragraph, bold=True)
    return od.Paragraph(paragraph)
