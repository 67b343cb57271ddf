"""Figures: values, what they count, indicator codes where confident."""

from __future__ import annotations

from cchc.ingest import parse_text
from cchc.ingest.figures import read_figures
from cchc.ingest.indicators import INDICATORS, UNITS


def _figures(text: str) -> list[tuple[str | None, int | float]]:
    return [(figure.indicator, figure.value) for figure in read_figures(text)]


def test_vietnamese_number_forms_are_read() -> None:
    text = "khai giảng 24 lớp bồi dưỡng cho 2.319 cán bộ; cử 02 công chức đi đào tạo; đạt 86,08%."
    assert [value for _, value in _figures(text)] == [24, 2319, 2, 86.08]


def test_dates_symbols_periods_and_ordinals_are_not_figures() -> None:
    text = (
        "Theo Quyết định số 1100/QĐ-UBND ngày 12/11/2021, 31-CT/TU, trong 9 tháng đầu năm 2022, "
        "Quý III năm 2022, giai đoạn 2021 - 2030 gắn với, lần thứ 5, mức độ 3, tại điểm 3, "
        "Covid-19."
    )
    assert _figures(text) == []


def test_a_rank_is_a_figure_only_as_a_rank_indicator_and_not_for_another_year() -> None:
    text = (
        "Chỉ số CCHC (PAR INDEX) đạt 86,08/100 điểm, xếp hạng 27/63 tỉnh, tăng 12 bậc so với "
        "năm 2021 (năm 2021 xếp hạng 39/63 tỉnh). Đoạn khác có tỷ số 27/63."
    )
    assert _figures(text) == [("par_index_score", 86.08), ("par_index_rank", 27), (None, 12)]


def test_the_closest_keyword_decides_between_related_indicators() -> None:
    text = (
        "Đã tiếp nhận 1.245 hồ sơ, trong đó 1.020 hồ sơ trực tuyến; đã giải quyết 1.210 hồ sơ, "
        "trong đó trước hạn 850 hồ sơ, đúng hạn 348 hồ sơ, quá hạn 12 hồ sơ; "
        "đang giải quyết 35 hồ sơ."
    )
    assert _figures(text) == [
        ("dossiers_received", 1245),
        ("dossiers_received_online", 1020),
        ("dossiers_resolved", 1210),
        ("dossiers_resolved_early", 850),
        ("dossiers_resolved_on_time", 348),
        ("dossiers_resolved_late", 12),
        ("dossiers_pending", 35),
    ]


def test_future_and_target_sentences_stay_unmapped() -> None:
    text = (
        "Trong năm 2024 sẽ kiểm tra 06 sở, ngành. Phấn đấu tỷ lệ hồ sơ trực tuyến đạt 85% trở lên."
    )
    assert _figures(text) == [(None, 6), (None, 85)]


def test_figures_in_table_rows_take_their_row_label() -> None:
    text = (
        "Chỉ tiêu | Số lượng\nSố hồ sơ tiếp nhận | 1.250\nSố hồ sơ tiếp nhận trực tuyến | 1.180\n"
        "Tỷ lệ hài lòng của người dân (%) | 98,5"
    )
    assert _figures(text) == [
        ("dossiers_received", 1250),
        ("dossiers_received_online", 1180),
        ("satisfaction_rate", 98.5),
    ]


def test_a_plan_maps_only_the_tasks_it_sets() -> None:
    text = (
        "KẾ HOẠCH\nCải cách hành chính năm 2024\nThực hiện chỉ đạo của tỉnh.\n"
        "Xác định cụ thể 25 nhiệm vụ trong năm.\nBảo đảm 100% hồ sơ giải quyết đúng hạn."
    )
    assert [(f.indicator, f.value) for f in parse_text(text).figures] == [
        ("plan_tasks_set", 25),
        (None, 100),
    ]


def test_every_indicator_has_a_name_a_known_unit_and_keywords() -> None:
    assert len(INDICATORS) >= 30
    for code, spec in INDICATORS.items():
        assert code.isidentifier() and spec["name"] and spec["keywords"]
        assert spec["unit"] in UNITS
