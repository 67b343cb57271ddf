"""The words of the official reports: figures in sentences, period names, section headings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cchc.lib import officialdoc as od
from cchc.reporting.loading import read_config
from cchc.reporting.models import Indicator, Period
from cchc.reporting.prose import (
    SENTENCES,
    Figures,
    codes_of,
    locality,
    period_phrase,
    section_headings,
    section_sentences,
)

SECTIONS = [
    {"code": "I", "title": "Công tác chỉ đạo, điều hành"},
    {"code": "II.1", "title": "Cải cách thể chế"},
    {"code": "II.2", "title": "Cải cách thủ tục hành chính"},
    {"code": "III", "title": "Đánh giá chung"},
]


def indicator(code: str, section: str, value_type: str = "integer", **extra: str) -> Indicator:
    return Indicator(
        code=code,
        section=section,
        name=extra.get("name", code),
        unit_of_measure=extra.get("unit", "hồ sơ"),
        value_type=value_type,
        aggregation=extra.get("aggregation", "sum"),
    )


def figures(values: dict[str, str], last_year: dict[str, str] | None = None) -> Figures:
    indicators = {
        code: indicator(code, "II.2", "percent" if code.endswith("rate") else "integer")
        for code in codes_of(SENTENCES["dossiers_received"])
    }
    return Figures(
        indicators=indicators,
        values={code: Decimal(v) for code, v in values.items()},
        last_year={code: Decimal(v) for code, v in (last_year or {}).items()},
        last_year_number=2024,
    )


def test_a_sentence_states_the_figures_the_vietnamese_way_with_the_change_on_last_year() -> None:
    stated = section_sentences(
        "II.2",
        figures(
            {
                "dossiers_received": "12345",
                "dossiers_received_online": "6789",
                "dossiers_received_in_person": "5556",
                "dossiers_resolved": "11000",
                "dossiers_on_time_rate": "98.70",
            },
            last_year={"dossiers_received": "10973"},
        ),
        "Toàn tỉnh",
    )
    assert stated == [
        "Toàn tỉnh tiếp nhận 12.345 hồ sơ thủ tục hành chính (trực tuyến 6.789, trực tiếp "
        "5.556), tăng 12,5 % so với cùng kỳ năm 2024; đã giải quyết 11.000 hồ sơ, trong đó "
        "đúng hạn (gồm trước hạn) 98,70 %."
    ]


def test_a_missing_figure_drops_its_clause_and_the_sentence_still_reads() -> None:
    stated = section_sentences(
        "II.2", figures({"dossiers_resolved": "900", "dossiers_pending_overdue": "3"})
    )
    assert stated == ["Đã giải quyết 900 hồ sơ; đang giải quyết 3 hồ sơ quá hạn."]


def test_a_fall_and_an_equal_figure_are_said_so() -> None:
    fall = figures({"dossiers_received": "90"}, last_year={"dossiers_received": "100"})
    assert section_sentences("II.2", fall)[0].endswith("giảm 10,0 % so với cùng kỳ năm 2024.")
    same = figures({"dossiers_received": "100"}, last_year={"dossiers_received": "100"})
    assert section_sentences("II.2", same)[0].endswith("bằng cùng kỳ năm 2024.")


def test_an_indicator_without_a_sentence_is_written_with_its_name_and_unit() -> None:
    extra = indicator("meetings", "I", name="Số cuộc họp giao ban CCHC", unit="cuộc")
    rate = indicator("meeting_rate", "I", "percent", name="Tỷ lệ dự họp", unit="%")
    stated = section_sentences(
        "I",
        Figures(
            {"meetings": extra, "meeting_rate": rate},
            {"meetings": Decimal("3.00"), "meeting_rate": Decimal("86.08")},
            {},
        ),
        "Toàn tỉnh",
    )
    assert stated == ["Số cuộc họp giao ban CCHC: 3 cuộc.", "Tỷ lệ dự họp: 86,08 %."]


def test_every_indicator_of_the_shipped_form_is_stated_in_a_sentence() -> None:
    named = set().union(*(codes_of(parts) for parts in SENTENCES.values()))
    for form in read_config().forms:
        codes = {item["code"] for item in form["indicators"]}
        assert codes <= named or form.get("adhoc"), codes - named


def test_the_period_reads_inside_a_sentence_in_lower_case() -> None:
    def period(title: str) -> Period:
        day = dt.date(2025, 6, 14)
        return Period(code="2025-H1", kind="H1", year=2025, title=title, start=day, end=day)

    assert period_phrase(period("6 tháng đầu năm 2025")) == "6 tháng đầu năm 2025"
    assert period_phrase(period("Năm 2025")) == "năm 2025"
    assert period_phrase(period("Quý I năm 2025")) == "quý I năm 2025"


def test_the_outline_groups_the_reform_areas_under_part_two() -> None:
    headings = [
        block.text
        for _code, blocks in section_headings(SECTIONS)
        for block in blocks
        if isinstance(block, od.Heading)
    ]
    assert headings == [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
        "1. Cải cách thể chế",
        "2. Cải cách thủ tục hành chính",
        "III. ĐÁNH GIÁ CHUNG",
    ]


def test_the_kind_of_local_government_is_read_from_its_name() -> None:
    assert locality("Ủy ban nhân dân tỉnh Quảng Ngãi") == "tỉnh"
    assert locality("Ủy ban nhân dân thành phố Quảng Ngãi") == "thành phố"
    assert locality("Ủy ban nhân dân thị xã Đức Phổ") == "thị xã"
    assert locality("Sở Tư pháp") == ""
