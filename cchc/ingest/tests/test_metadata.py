"""A document's own metadata: header, subject, signature block, recipients."""

from __future__ import annotations

from cchc.ingest import parse_text


def _meta(text: str) -> dict[str, object]:
    return parse_text(text).document.to_dict()


def test_a_day_left_blank_gives_year_and_month() -> None:
    meta = _meta("Số: /BC-SNV\n\nQuảng Ngãi, ngày    tháng 6 năm 2023\n\nBÁO CÁO\n\nTình hình")
    assert (meta["symbol"], meta["place"], meta["date"]) == ("/BC-SNV", "Quảng Ngãi", "2023-06")


def test_a_blank_day_drawn_with_dot_leaders_gives_year_and_month() -> None:
    text = "Số: 12/BC-X\nHuế, ngày ……………… tháng 6 năm 2023\nBÁO CÁO\nX"
    assert (_meta(text)["place"], _meta(text)["date"]) == ("Huế", "2023-06")


def test_an_impossible_header_date_gives_no_date() -> None:
    assert _meta("Số: 12/BC-UBND\nHuế, ngày 31 tháng 4 năm 2019\nBÁO CÁO\nX")["date"] is None


def test_a_line_break_after_so_still_gives_the_number() -> None:
    meta = _meta("SỞ NỘI VỤ\nSố:\n\n123/QĐ-SNV\nĐà Nẵng, ngày 02/01/2024\nQUYẾT ĐỊNH\nVề việc X")
    assert (meta["symbol"], meta["date"], meta["doc_type"]) == (
        "123/QĐ-SNV",
        "2024-01-02",
        "Quyết định",
    )


def test_interleaved_header_columns_give_number_place_and_date() -> None:
    text = (
        "UBND TỈNH BÌNH PHƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ NGOẠI VỤ Độc lập - Tự do - Hạnh phúc\n"
        "Số: 106/BC-SNgV Bình Phước, ngày 31 tháng 8 năm 2023\nBÁO CÁO\nKết quả công tác"
    )
    meta = _meta(text)
    assert (meta["symbol"], meta["place"], meta["date"]) == (
        "106/BC-SNgV",
        "Bình Phước",
        "2023-08-31",
    )


def test_a_cong_van_takes_its_subject_from_v_v_and_its_type_from_its_number() -> None:
    text = (
        "SỞ NỘI VỤ\nSố: 581/SNV-CCHC\nV/v: báo cáo kết quả thực hiện\nnhiệm vụ quý I\n"
        "Hà Nội, ngày 05 tháng 4 năm 2024\nKính gửi: Các sở, ngành.\nNội dung công văn."
    )
    meta = _meta(text)
    assert (meta["doc_type"], meta["subject"]) == (
        "Công văn",
        "báo cáo kết quả thực hiện nhiệm vụ quý I",
    )


def test_a_subject_continues_over_lines_until_the_body_opens() -> None:
    text = (
        "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch cải cách hành chính\nnăm 2024 của tỉnh\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Tổ chức chính quyền địa phương;"
    )
    assert (
        _meta(text)["subject"] == "Về việc ban hành Kế hoạch cải cách hành chính năm 2024 của tỉnh"
    )
    text = (
        "BÁO CÁO\nKết quả công tác cải cách hành chính\nQuý III năm 2025\n"
        "Thực hiện Kế hoạch số 1/KH-X."
    )
    assert _meta(text)["subject"] == "Kết quả công tác cải cách hành chính Quý III năm 2025"


def test_the_signature_block_may_stand_before_or_after_noi_nhan() -> None:
    recipients = "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT."
    after = f"Báo cáo xong./.\n{recipients}\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(Đã ký)\nNguyễn Văn An"
    before = f"Báo cáo xong./.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn An\n{recipients}"
    split = "Báo cáo xong./.\nGIÁM ĐỐC\nNơi nhận:\n- Sở Nội vụ;\n- Lưu: VT.\nNguyễn Văn An"
    for text, authority, title in (
        (after, "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
        (before, "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
        (split, None, "GIÁM ĐỐC"),
    ):
        meta = _meta(text)
        assert (meta["authority"], meta["signer_title"], meta["signer"], meta["recipients"]) == (
            authority,
            title,
            "Nguyễn Văn An",
            ["Sở Nội vụ", "Lưu: VT"],
        )


def test_a_signature_interleaved_with_noi_nhan_by_a_pdf_is_separated() -> None:
    text = (
        "Trân trọng./.\nNơi nhận: TM. ỦY BAN NHÂN DÂN\n- UBND tỉnh; KT. CHỦ TỊCH\n"
        "- Sở Nội vụ; PHÓ CHỦ TỊCH\n- Lưu: VT.\nVõ Thị Lan Anh"
    )
    meta = _meta(text)
    assert (meta["authority"], meta["signer_title"], meta["signer"], meta["recipients"]) == (
        "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Võ Thị Lan Anh",
        ["UBND tỉnh", "Sở Nội vụ", "Lưu: VT"],
    )


def test_party_authority_names_with_apostrophes_and_e_office_stamps_are_read() -> None:
    text = (
        "Báo cáo xong./.\nNơi nhận:\n- Ban Bí thư,\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n"
        "Người ký: Ksor H'Bơ Khăp\nEmail: a@b.vn\nThời gian ký: 18.12.2023 16:42:10 +07:00\n"
        "Ksor H'Bơ Khăp"
    )
    meta = _meta(text)
    assert (meta["authority"], meta["signer_title"], meta["signer"]) == (
        "T/M BAN THƯỜNG VỤ",
        "BÍ THƯ",
        "Ksor H'Bơ Khăp",
    )


def test_an_empty_or_unstructured_text_has_empty_metadata() -> None:
    for text in ("", "   \n\n", "Một đoạn văn không có gì đặc biệt."):
        assert _meta(text) == {
            "doc_type": None, "symbol": None, "place": None, "date": None, "subject": None,
            "authority": None, "signer_title": None, "signer": None, "recipients": [],
        }  # fmt: skip
