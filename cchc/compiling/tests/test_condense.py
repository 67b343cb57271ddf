"""Condensing the units' text: what many units say is written once with who said it, what one
unit did is kept with it, figures that differ between units are not attributed to all of
them, the budget holds and no sentence comes twice."""

from __future__ import annotations

from cchc.compiling.condense import (
    Masker,
    Said,
    Settings,
    addressee_of,
    attribution,
    condense,
    sentences_of,
)

UNITS = [f"Sở số {n}" for n in range(1, 13)]
MASKER = Masker([*UNITS, "Sở Tư pháp", "Sở Y tế"])


def said(texts: dict[str, str]) -> list[Said]:
    return [Said(unit, text, f"Báo cáo của {unit}") for unit, text in texts.items()]


def test_the_attribution_names_two_units_and_counts_the_others() -> None:
    assert attribution(["Sở Tư pháp"]) == "Sở Tư pháp"
    assert attribution(["Sở Tư pháp", "Sở Y tế"]) == "Sở Tư pháp và Sở Y tế"
    assert attribution(["A", "B", "C"]) == "A, B và C"
    assert attribution(["Sở Tư pháp", "Sở Y tế", *UNITS[:10]]) == (
        "Sở Tư pháp, Sở Y tế và 10 cơ quan, đơn vị khác"
    )


def test_a_sentence_many_units_wrote_in_other_words_is_written_once_with_them() -> None:
    texts = {
        unit: (
            f"{unit} thực hiện chuyển đổi vị trí công tác định kỳ đối với công chức, viên "
            "chức theo quy định."
            if index % 2
            else "Việc chuyển đổi vị trí công tác định kỳ được thực hiện đúng quy định."
        )
        for index, unit in enumerate(UNITS)
    }
    sentences = condense(said(texts), MASKER, Settings())
    assert len(sentences) == 1
    assert sentences[0].units == tuple(UNITS)
    assert sentences[0].text.endswith("(Sở số 1, Sở số 2 và 10 cơ quan, đơn vị khác).")
    assert len(sentences[0].sources) == 12


def test_figures_that_differ_between_units_are_not_given_to_all_of_them() -> None:
    texts = {
        unit: f"Tiếp nhận {100 + index} hồ sơ thủ tục hành chính; duy trì tiếp nhận hồ sơ qua "
        "dịch vụ bưu chính công ích năm 2025."
        for index, unit in enumerate(UNITS[:5])
    }
    (sentence,) = condense(said(texts), MASKER, Settings())
    assert sentence.said == "Duy trì tiếp nhận hồ sơ qua dịch vụ bưu chính công ích năm 2025."
    assert "100" not in sentence.text


def test_what_one_unit_did_is_kept_with_it_and_new_initiatives_come_first() -> None:
    texts = {
        "Sở Tư pháp": "Tổ chức hội nghị sơ kết công tác quý của đơn vị. Thí điểm mô hình "
        "«Bộ phận Một cửa không giấy tờ» tại trụ sở.",
        "Sở Y tế": "Cập nhật danh mục hồ sơ lưu trữ của cơ quan.",
    }
    sentences = condense(said(texts), MASKER, Settings(salient=("thí điểm", "mô hình")))
    assert sentences[0].text == (
        "Thí điểm mô hình «Bộ phận Một cửa không giấy tờ» tại trụ sở (Sở Tư pháp)."
    )
    assert {s.units for s in sentences} == {("Sở Tư pháp",), ("Sở Y tế",)}


def test_the_budget_and_the_sentences_already_written_are_respected() -> None:
    topics = ["lưu trữ", "thi đua", "an toàn", "phòng cháy", "hội nghị", "quy chế", "tiếp dân"]
    texts = {
        unit: f"Hoàn thành kế hoạch {topic} của cơ quan đúng tiến độ đề ra."
        for unit, topic in zip(UNITS, topics, strict=False)
    }
    seen: set[str] = set()
    first = condense(said(texts), MASKER, Settings(budget_words=40), seen)
    assert sum(len(s.text.split()) for s in first) <= 40
    assert first
    again = condense(said(texts), MASKER, Settings(budget_words=400), seen)
    assert not {s.said for s in first} & {s.said for s in again}


def test_the_same_input_gives_the_same_sentences() -> None:
    texts = {
        unit: "Tiếp tục rà soát, sắp xếp tổ chức bộ máy theo hướng tinh gọn." for unit in UNITS
    }
    assert condense(said(texts), MASKER, Settings()) == condense(said(texts), MASKER, Settings())


def test_sentences_are_split_at_a_full_stop_before_a_capital_but_not_in_numbers() -> None:
    assert sentences_of("Tiếp nhận 2.319 hồ sơ. Đã giải quyết 86,08 %.\nTP. Hồ Chí Minh") == [
        "Tiếp nhận 2.319 hồ sơ.",
        "Đã giải quyết 86,08 %.",
        "TP. Hồ Chí Minh",
    ]


def test_a_proposal_goes_to_the_addressee_it_names_first() -> None:
    addressees = {"gov": ("chính phủ", "bộ "), "ubnd": ("ubnd tỉnh",), "other": ()}
    assert addressee_of("Đề nghị UBND tỉnh nâng cấp Bộ phận Một cửa.", addressees) == "ubnd"
    assert addressee_of("Kiến nghị Bộ Nội vụ hướng dẫn.", addressees) == "gov"
    assert addressee_of("Đề nghị Sở Khoa học và Công nghệ sửa lỗi.", addressees) == "other"
