"""Headings: numbering styles, levels by the styles present, headings versus numbered text."""

from __future__ import annotations

from cchc.ingest.outline import read_outline


def _outline(text: str) -> list[tuple[int, str, str]]:
    return [(section.level, section.number, section.title) for section in read_outline(text)]


def test_levels_follow_the_numbering_styles_present() -> None:
    text = "I. KẾT QUẢ\n1. Chỉ đạo\n1.1. Kế hoạch\n1.1.1 Ban hành\na) Tham mưu\nII. PHƯƠNG HƯỚNG"
    assert _outline(text) == [
        (1, "I.", "KẾT QUẢ"),
        (2, "1.", "Chỉ đạo"),
        (3, "1.1.", "Kế hoạch"),
        (4, "1.1.1", "Ban hành"),
        (5, "a)", "Tham mưu"),
        (1, "II.", "PHƯƠNG HƯỚNG"),
    ]


def test_a_report_that_starts_at_arabic_numbers_has_them_at_level_one() -> None:
    assert _outline("1. Kết quả\n1.1 Công tác\n2. Đánh giá") == [
        (1, "1.", "Kết quả"),
        (2, "1.1", "Công tác"),
        (1, "2.", "Đánh giá"),
    ]


def test_capital_letters_parts_and_articles_are_headings() -> None:
    text = (
        "Phần I\nYÊU CẦU CHUNG\nA. KẾT QUẢ\nC. KIẾN NGHỊ\n"
        "Điều 1. Ban hành kèm theo Quyết định này. Hết."
    )
    assert _outline(text) == [
        (1, "Phần I", "YÊU CẦU CHUNG"),
        (2, "A.", "KẾT QUẢ"),
        (2, "C.", "KIẾN NGHỊ"),
        (3, "Điều 1", "Ban hành kèm theo Quyết định này"),
    ]


def test_numbered_sentences_are_not_headings() -> None:
    text = (
        "1. Thời hạn gửi kết quả: trước ngày 15/02/2024.\n"
        "2. Tập trung triển khai. Tiếp tục tham mưu UBND tỉnh\n"
        "3. Các cơ quan tự đánh giá, chấm điểm trung thực.\n"
        "4. Về cải cách thể chế:"
    )
    assert _outline(text) == [(1, "4.", "Về cải cách thể chế")]


def test_numbers_that_are_not_numbering_are_ignored() -> None:
    assert _outline("2.319 cán bộ được bồi dưỡng\n27/63 tỉnh\n2023 là năm\nV/v báo cáo") == []
