"""Text clean-up: one Unicode form and spelling, no Markdown, one line per paragraph."""

from __future__ import annotations

import unicodedata

from cchc.ingest.normalize import fix_tone_marks, normalize


def test_decomposed_text_and_the_lookalike_eth_become_nfc_with_d_stroke() -> None:
    text = unicodedata.normalize("NFD", "Ðộc lập - Tự do - Hạnh phúc, ðiều")
    assert normalize(text) == "Độc lập - Tự do - Hạnh phúc, điều"


def test_new_style_tone_marks_move_to_the_style_of_the_samples() -> None:
    assert fix_tone_marks("hoà, thuỷ, Uỷ ban, khoẻ, HOÀ") == "hòa, thủy, Ủy ban, khỏe, HÒA"


def test_tone_marks_stay_where_a_final_consonant_or_qu_decides() -> None:
    assert fix_tone_marks("hoàn thành, toán, quý, Quý, khuyến, thuyết") == (
        "hoàn thành, toán, quý, Quý, khuyến, thuyết"
    )


def test_markdown_emphasis_headings_and_escapes_are_removed() -> None:
    text = "## **BÁO CÁO**\n\n***Nơi nhận:***\n\n1\\. Kết quả *có bảng* kèm theo\n\n---\n\nHết"
    assert normalize(text) == "BÁO CÁO\n\nNơi nhận:\n\n1. Kết quả có bảng kèm theo\n\nHết"


def test_a_line_broken_inside_a_sentence_is_joined_across_blank_lines() -> None:
    text = "các văn bản chỉ đạo của Trung\n\nương, Tỉnh ủy, HĐND tỉnh."
    assert normalize(text) == "các văn bản chỉ đạo của Trung ương, Tỉnh ủy, HĐND tỉnh."


def test_a_pdf_line_break_before_a_number_or_a_bracket_is_joined() -> None:
    text = (
        "Thực hiện Quyết định số\n1290/QĐ-UBND ngày 20/5/2024 của Ủy ban nhân dân tỉnh Quảng Ngãi\n"
        "(Quyết định 1290) và báo cáo."
    )
    assert normalize(text) == (
        "Thực hiện Quyết định số 1290/QĐ-UBND ngày 20/5/2024 của Ủy ban nhân dân tỉnh Quảng Ngãi"
        " (Quyết định 1290) và báo cáo."
    )


def test_a_symbol_broken_at_its_slash_or_dash_is_joined_without_a_space() -> None:
    assert normalize("Nghị định số 61/2018/\nNĐ-CP ngày 23/4/2018") == (
        "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018"
    )
    assert normalize("Quyết định số 34/2020/QĐ-\nUBND") == "Quyết định số 34/2020/QĐ-UBND"


def test_headings_list_items_and_lines_in_capitals_are_not_joined() -> None:
    text = (
        "1. Về công tác chỉ đạo\na) Công tác tham mưu\n- đôn đốc thực hiện\nBÁO CÁO\nsơ kết 05 năm"
    )
    assert normalize(text).split("\n") == [
        "1. Về công tác chỉ đạo",
        "a) Công tác tham mưu",
        "- đôn đốc thực hiện",
        "BÁO CÁO",
        "sơ kết 05 năm",
    ]


def test_page_numbers_alone_on_a_line_are_dropped_but_table_cells_are_kept() -> None:
    text = "đầu trang một\n\n- 2 -\n\ncuối đoạn\n\nTrang 3\n\nSố lớp | 24\n12\n"
    assert normalize(text) == "đầu trang một cuối đoạn\n\nSố lớp | 24\n12"
    assert normalize("hết câu.\n2\nII. PHƯƠNG HƯỚNG") == "hết câu.\nII. PHƯƠNG HƯỚNG"


def test_odd_spaces_and_invisible_characters_are_cleaned() -> None:
    assert normalize("Sở\u00a0Nội\u200bvụ\tbáo  cáo\r\nxong") == "Sở Nộivụ báo cáo xong"
