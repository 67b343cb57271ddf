"""The words of the official reports: figures in Vietnamese, sentences that state them, and the
headings of a form's sections. Plain functions over indicators and values; no queries.

A sentence is a list of parts, keyed by its lead indicator. In a part, ``{code}`` is the
indicator's value written the Vietnamese way (2.319, 98,70) and ``{~code}`` its change against
the same period last year ("tăng 12,5 % so với cùng kỳ năm 2024"); a part is written only when
every value and change it names is known, so a missing figure drops its clause, not the
sentence. ``Details`` lists whichever of its items are known, in brackets or after words of
its own ("đang giải quyết 20 hồ sơ trong hạn, 3 hồ sơ quá hạn"). Indicators that no
sentence names (a province's own additions) are written as "Tên chỉ tiêu: giá trị đơn vị."
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.lib import officialdoc as od
from cchc.lib.vnformat import format_decimal, format_int
from cchc.reporting.models import ADHOC_KIND, Aggregation, Indicator, Period, ValueType

Values = Mapping[str, Decimal | None]
PLACEHOLDER = re.compile(r"\{(~?)(\w+)\}")
# Words that name a local government, longest first ("thành phố" before "phố").
LOCALITIES = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "tỉnh", "xã")
COUNCIL = "Ủy ban nhân dân "
# Titles of the outline's groups whose sections the form lists by their parts (II.1, II.2, …).
GROUP_TITLES = {"II": gettext_lazy("Kết quả thực hiện các nhiệm vụ cải cách hành chính")}


@dataclass(frozen=True)
class Details:
    """ " (trực tuyến 6.789, trực tiếp 5.000)": the items that are known, between ``opening``
    and ``closing``; nothing when none is."""

    items: tuple[str | Promise, ...]
    opening: str | Promise = " ("
    closing: str = ")"


Part = str | Promise | Details


def _s(*parts: Part) -> tuple[Part, ...]:
    return parts


_l = gettext_lazy
# Sentences by lead indicator, in the order they are written within a section.
SENTENCES: dict[str, tuple[Part, ...]] = {
    "plan_tasks_set": _s(
        _l("thực hiện {plan_tasks_set} nhiệm vụ theo kế hoạch cải cách hành chính"),
        _l(", đã hoàn thành {plan_tasks_done} nhiệm vụ"),
        _l(" (đạt {plan_tasks_done_rate} %)"),
    ),
    "inspections_held": _s(
        _l("tổ chức {inspections_held} cuộc kiểm tra công tác cải cách hành chính"),
        _l(" tại {units_inspected} cơ quan, đơn vị"),
        _l("; phát hiện {problems_found} tồn tại, hạn chế"),
        _l(", đã khắc phục {problems_fixed}"),
    ),
    "news_items": _s(
        _l("đăng tải {news_items} tin, bài tuyên truyền về cải cách hành chính"),
        _l("; có {initiatives} sáng kiến, mô hình, giải pháp mới về cải cách hành chính"),
    ),
    "citizen_reception_visits": _s(
        _l("tiếp {citizen_reception_visits} lượt công dân"),
        _l(" với {citizen_reception_people} người"),
        _l(", {citizen_reception_delegations} đoàn đông người"),
    ),
    "petitions_received": _s(
        _l("tiếp nhận {petitions_received} đơn thư"),
        _l(", trong đó {petitions_eligible} đơn đủ điều kiện xử lý"),
        Details(
            (
                _l("khiếu nại {petitions_complaints}"),
                _l("tố cáo {petitions_denunciations}"),
                _l("kiến nghị, phản ánh {petitions_proposals}"),
            )
        ),
        _l("; chuyển {petitions_forwarded} đơn đến cơ quan có thẩm quyền"),
    ),
    "legal_docs_issued": _s(
        _l("ban hành (hoặc tham mưu ban hành) {legal_docs_issued} văn bản quy phạm pháp luật"),
        _l("; rà soát {legal_docs_reviewed} văn bản quy phạm pháp luật"),
    ),
    "regulation_feedback_received": _s(
        _l("tiếp nhận {regulation_feedback_received} phản ánh, kiến nghị về quy định hành chính"),
        _l(", đã xử lý {regulation_feedback_handled}"),
    ),
    "dossiers_received": _s(
        _l("tiếp nhận {dossiers_received} hồ sơ thủ tục hành chính"),
        Details(
            (
                _l("trực tuyến {dossiers_received_online}"),
                _l("trực tiếp {dossiers_received_in_person}"),
                _l("qua dịch vụ bưu chính công ích {dossiers_received_post}"),
                _l("từ kỳ trước chuyển qua {dossiers_carried_over}"),
            )
        ),
        _l(", {~dossiers_received}"),
        _l("; tỷ lệ hồ sơ nộp trực tuyến đạt {online_dossier_rate} %"),
        _l("; đã giải quyết {dossiers_resolved} hồ sơ"),
        _l(", trong đó đúng hạn (gồm trước hạn) {dossiers_on_time_rate} %"),
        Details(
            (
                _l("trước hạn {dossiers_resolved_early}"),
                _l("đúng hạn {dossiers_resolved_on_time}"),
                _l("quá hạn {dossiers_resolved_late}"),
            )
        ),
        Details(
            (
                _l("{dossiers_pending_within} hồ sơ trong hạn"),
                _l("{dossiers_pending_overdue} hồ sơ quá hạn"),
            ),
            opening=_l("; đang giải quyết "),
            closing="",
        ),
    ),
    "satisfaction_ratings": _s(
        _l("ghi nhận {satisfaction_ratings} lượt đánh giá sự hài lòng"),
        _l(", tỷ lệ hài lòng của người dân, tổ chức đạt {satisfaction_rate} %"),
    ),
    "tthc_announced_new": _s(
        Details(
            (
                _l("{tthc_announced_new} thủ tục hành chính mới"),
                _l("{tthc_amended} thủ tục sửa đổi, bổ sung"),
                _l("{tthc_replaced} thủ tục thay thế"),
                _l("{tthc_abolished} thủ tục bãi bỏ"),
            ),
            opening=_l("công bố "),
            closing="",
        ),
        _l("; cắt giảm thời gian giải quyết đối với {tthc_time_cut} thủ tục"),
    ),
    "subunits_before": _s(
        _l("có {subunits_before} đơn vị trực thuộc trước sắp xếp"),
        _l(", sau sắp xếp còn {subunits_after} đơn vị"),
    ),
    "staff_cut": _s(_l("tinh giản {staff_cut} biên chế")),
    "staff_rotated": _s(
        _l(
            "điều động, luân chuyển, chuyển đổi vị trí công tác {staff_rotated} "
            "cán bộ, công chức, viên chức"
        ),
    ),
    "training_classes": _s(
        _l("tổ chức {training_classes} lớp đào tạo, bồi dưỡng"),
        _l(" với {training_participants} lượt người tham gia"),
        _l(", {~training_participants}"),
    ),
    "staff_disciplined": _s(
        _l("xử lý kỷ luật {staff_disciplined} cán bộ, công chức, viên chức"),
    ),
    "self_financing_units": _s(
        _l("có {self_financing_units} đơn vị sự nghiệp công lập tự chủ tài chính"),
    ),
    "digital_signatures": _s(_l("đã được cấp {digital_signatures} chứng thư số")),
    "documents_sent_total": _s(
        _l("phát hành {documents_sent_total} văn bản đi"),
        _l(", trong đó {documents_sent_electronic} văn bản dưới dạng điện tử"),
        _l(" (đạt {electronic_documents_rate} %)"),
    ),
    "online_services_full": _s(
        _l("cung cấp {online_services_full} dịch vụ công trực tuyến toàn trình"),
        _l(", {online_services_partial} dịch vụ công trực tuyến một phần"),
    ),
}


@dataclass(frozen=True)
class Figures:
    """What the sentences read: the form's indicators by code, their values, last year's."""

    indicators: Mapping[str, Indicator]
    values: Values
    last_year: Values
    last_year_number: int | None = None
    # This period over the units last year's figures are of (``cchc.reporting.comparison``),
    # which the change starts from; None: ``values``.
    last_year_base: Values | None = None

    def value(self, code: str) -> str | None:
        indicator, value = self.indicators.get(code), self.values.get(code)
        if indicator is None or value is None:
            return None
        return format_value(indicator, value)

    def change(self, code: str) -> str | None:
        base = self.values if self.last_year_base is None else self.last_year_base
        indicator, value = self.indicators.get(code), base.get(code)
        before = self.last_year.get(code)
        if indicator is None or value is None or before is None or not self.last_year_number:
            return None
        phrase = change_phrase(indicator, value, before, self.last_year_number)
        if phrase and value != self.values.get(code):
            phrase += _(" (tính trên cùng các đơn vị có số liệu ở cả hai kỳ)")
        return phrase


def format_value(indicator: Indicator, value: Decimal) -> str:
    """2.319 for a count, 98,70 for a rate or a decimal."""
    if indicator.value_type == ValueType.INTEGER and value == value.to_integral_value():
        return format_int(int(value))
    return format_decimal(value)


def change_phrase(indicator: Indicator, value: Decimal, before: Decimal, year: int) -> str | None:
    """ "tăng 12,5 % so với cùng kỳ năm 2024"; a rate changes by percentage points."""
    if indicator.value_type == ValueType.PERCENT or indicator.aggregation in (
        Aggregation.RATIO,
        Aggregation.WEIGHTED_MEAN,
    ):
        amount, unit = value - before, _("điểm phần trăm")
    elif before:
        amount, unit = (value - before) * 100 / before, "%"
    else:
        return None
    shown = format_decimal(abs(amount), 1)
    if shown == "0,0":
        return _("bằng cùng kỳ năm %(year)d") % {"year": year}
    verb = _("tăng") if amount > 0 else _("giảm")
    return _("%(verb)s %(amount)s %(unit)s so với cùng kỳ năm %(year)d") % {
        "verb": verb,
        "amount": shown,
        "unit": unit,
        "year": year,
    }


def _fill(template: str, figures: Figures) -> str | None:
    missing = False

    def replace(match: re.Match[str]) -> str:
        nonlocal missing
        text = figures.change(match[2]) if match[1] else figures.value(match[2])
        missing = missing or text is None
        return text or ""

    text = PLACEHOLDER.sub(replace, template)
    return None if missing else text


def _part(part: Part, figures: Figures) -> str:
    if isinstance(part, Details):
        known = [text for item in part.items if (text := _fill(str(item), figures))]
        return f"{part.opening}{', '.join(known)}{part.closing}" if known else ""
    return _fill(str(part), figures) or ""


def codes_of(parts: Iterable[Part]) -> set[str]:
    templates: list[str] = []
    for part in parts:
        templates.extend(map(str, part.items) if isinstance(part, Details) else [str(part)])
    return {match[2] for template in templates for match in PLACEHOLDER.finditer(template)}


def sentence(parts: Sequence[Part], figures: Figures, subject: str = "") -> str | None:
    """The sentence with the parts whose figures are known, or None when none is."""
    text = "".join(_part(part, figures) for part in parts).lstrip(" ,;")
    if not text:
        return None
    text = f"{subject} {text}" if subject else capitalised(text)
    return f"{text}."


def capitalised(text: str) -> str:
    """The first letter upper case, the rest as it is ("quý I" -> "Quý I", not "Quý i")."""
    return text[:1].upper() + text[1:]


def section_sentences(section: str, figures: Figures, subject: str = "") -> list[str]:
    """The sentences stating a section's figures; ``subject`` ("Toàn tỉnh", "Sở Tư pháp")
    opens the first. Indicators of the section that no sentence names come last, one each."""
    named: set[str] = set()
    sentences: list[str] = []
    for lead, parts in SENTENCES.items():
        indicator = figures.indicators.get(lead)
        if indicator is None:
            continue
        named |= codes_of(parts)
        if indicator.section == section and (
            text := sentence(parts, figures, "" if sentences else subject)
        ):
            sentences.append(text)
    for code, indicator in figures.indicators.items():
        if indicator.section == section and code not in named and (value := figures.value(code)):
            sentences.append(f"{indicator.name}: {value} {indicator.unit_of_measure}.")
    return sentences


def period_phrase(period: Period) -> str:
    """The period as it reads inside a sentence: "6 tháng đầu năm 2025", "quý I năm 2025"."""
    title = period.title
    return title[:1].lower() + title[1:]


def report_subject(period: Period) -> str:
    if period.kind == ADHOC_KIND:
        return period.title
    return _("Kết quả thực hiện công tác cải cách hành chính %(period)s") % {
        "period": period_phrase(period)
    }


def locality(name: str) -> str:
    """ "tỉnh" for "Ủy ban nhân dân tỉnh Quảng Ngãi", "huyện" for a district; "" otherwise."""
    if not name.startswith(COUNCIL):
        return ""
    rest = name[len(COUNCIL) :]
    return next((word for word in LOCALITIES if rest.startswith(f"{word} ")), "")


def section_headings(sections: Sequence[Mapping[str, Any]]) -> Iterator[tuple[str, list[od.Block]]]:
    """Each section's code with the headings that open it: "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH";
    for "II.1", the group's "II. KẾT QUẢ …" first (once), then "1. Cải cách thể chế"."""
    titles = {str(section["code"]): str(section["title"]) for section in sections}
    opened: set[str] = set()
    for code, title in titles.items():
        group, _dot, item = code.partition(".")
        headings: list[od.Block] = []
        if item:
            if group not in opened:
                group_title = titles.get(group) or str(GROUP_TITLES.get(group, ""))
                headings.append(od.Heading(f"{group}. {group_title.upper()}".rstrip()))
                opened.add(group)
            headings.append(od.Heading(f"{item}. {title}"))
        elif code not in opened:
            headings.append(od.Heading(f"{code}. {title.upper()}"))
            opened.add(code)
        yield code, headings


def paragraphs(text: str) -> list[str]:
    """A narrative field's paragraphs: its non-empty lines."""
    return [line.strip() for line in text.splitlines() if line.strip()]
