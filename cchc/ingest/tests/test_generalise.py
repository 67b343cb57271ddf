"""The failure classes the reader had on real documents it was not built on, one test each,
written as rules of the language rather than cases; and the same document read from .txt,
.docx and PDF (data/layouts) giving the same metadata and references."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from cchc.ingest import parse_file, parse_text
from cchc.ingest.evaluate import _reading
from cchc.ingest.tests.layouts import build, formats_of, layout_names, load_layout


def cited(text: str) -> list[tuple[str, str, str | None]]:
    return [(r.symbol, r.doc_type, r.date) for r in parse_text(text).references]


def test_a_number_with_a_letter_is_a_symbol() -> None:
    assert cited(
        "Căn cứ Nghị quyết số 30c/NQ-CP ngày 08/11/2011 và Báo cáo số 17a/BC-UBND ngày 02/3/2020."
    ) == [
        ("30c/NQ-CP", "Nghị quyết", "2011-11-08"),
        ("17a/BC-UBND", "Báo cáo", "2020-03-02"),
    ]


def test_hyphens_a_converter_dropped_are_put_back_between_known_codes() -> None:
    assert cited(
        "Nghị định số 63/2010/NĐCP ngày 08/6/2010; Thông tư số 02/2017/TTVPCP ngày 31/10/2017; "
        "Tờ trình số 365/TTrSNV ngày 20/4/2020; Công văn số 530/SNVCCHC ngày 12/3/2024."
    ) == [
        ("63/2010/NĐ-CP", "Nghị định", "2010-06-08"),
        ("02/2017/TT-VPCP", "Thông tư", "2017-10-31"),
        ("365/TTr-SNV", "Tờ trình", "2020-04-20"),
        ("530/SNV-CCHC", "Công văn", "2024-03-12"),
    ]


def test_a_code_that_is_known_whole_is_not_split() -> None:
    # TTCP (Thanh tra Chính phủ) is not TT-CP; HĐND is not HĐ-ND.
    assert cited("Công văn số 123/TTCP ngày 02/3/2024 và Công văn số 45/HĐND ngày 05/3/2024.") == [
        ("123/TTCP", "Công văn", "2024-03-02"),
        ("45/HĐND", "Công văn", "2024-03-05"),
    ]


def test_a_symbol_broken_after_its_hyphen_or_spaced_by_an_ocr_is_read_whole() -> None:
    text = (
        "Xét Tờ trình số 12/TTr-\nSNV ngày 22/4/2020 và Quyết định số 88/QĐ- UBND ngày "
        "10/02/2023;\nThông tư số 01/2023/\nTT-BCT ngày 10/01/2023."
    )
    assert cited(text) == [
        ("12/TTr-SNV", "Tờ trình", "2020-04-22"),
        ("88/QĐ-UBND", "Quyết định", "2023-02-10"),
        ("01/2023/TT-BCT", "Thông tư", "2023-01-10"),
    ]


def test_a_type_named_in_words_types_an_unusual_symbol() -> None:
    assert cited(
        "Báo cáo thẩm định số 18/BCTĐ-STP ngày 15/4/2020 của Sở Tư pháp; Công văn số "
        "19/BCA-V03 ngày 02/5/2020 của Bộ Công an."
    ) == [
        ("18/BCTĐ-STP", "Báo cáo", "2020-04-15"),
        ("19/BCA-V03", "Công văn", "2020-05-02"),  # BCA is a body, not a Báo cáo
    ]


def test_a_subject_in_capitals_and_a_type_qualifier_are_read() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nSố: 28/2013/QĐ-UBND\n"
        "Tuyên Quang, ngày 10 tháng 12 năm 2013\nQUYẾT ĐỊNH\n"
        "BAN HÀNH QUY ĐỊNH VỀ TRÁCH NHIỆM CỦA NGƯỜI ĐỨNG ĐẦU\nTRONG CẢI CÁCH HÀNH CHÍNH\n"
        "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG\nCăn cứ Luật Tổ chức chính quyền địa phương;"
    )
    meta = parse_text(text).document
    assert meta.subject == (
        "BAN HÀNH QUY ĐỊNH VỀ TRÁCH NHIỆM CỦA NGƯỜI ĐỨNG ĐẦU TRONG CẢI CÁCH HÀNH CHÍNH"
    )
    report = parse_text(
        "SỞ TƯ PHÁP\nSố: 45/BCTĐ-STP\nHưng Yên, ngày 03 tháng 6 năm 2024\nBÁO CÁO THẨM ĐỊNH\n"
        "Dự thảo Quyết định quy định chức năng, nhiệm vụ\ncủa Sở Nội vụ\nSở Tư pháp nhận được "
        "hồ sơ đề nghị thẩm định và báo cáo như sau."
    ).document
    assert (report.doc_type, report.symbol, report.subject) == (
        "Báo cáo",
        "45/BCTĐ-STP",
        "Dự thảo Quyết định quy định chức năng, nhiệm vụ của Sở Nội vụ",
    )


def test_a_header_in_a_two_column_table_is_read_cell_by_cell(tmp_path: Path) -> None:
    """The place and date wrap over two lines of the right cell; the V/v over three of the
    left one; the .docx is read cell by cell, left then right."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = "UBND TỈNH TUYÊN QUANG"
    for line in ("SỞ NỘI VỤ", "Số: 712/SNV-CCHC", "V/v triển khai Kế hoạch", "Cải cách hành chính",
                 "năm 2014"):  # fmt: skip
        left.add_paragraph(line)
    right.paragraphs[0].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    for line in ("Độc lập - Tự do - Hạnh phúc", "Tuyên Quang, ngày", "10 tháng 12 năm 2013"):
        right.add_paragraph(line)
    document.add_paragraph("Kính gửi: Các sở, ban, ngành.")
    document.add_paragraph("Sở Nội vụ đề nghị các cơ quan triển khai thực hiện./.")
    document.save(str(tmp_path / "cv.docx"))
    meta = parse_file(tmp_path / "cv.docx")["document"]
    assert isinstance(meta, dict)
    assert (meta["doc_type"], meta["symbol"], meta["place"], meta["date"], meta["subject"]) == (
        "Công văn",
        "712/SNV-CCHC",
        "Tuyên Quang",
        "2013-12-10",
        "triển khai Kế hoạch Cải cách hành chính năm 2014",
    )


def test_a_header_run_together_on_one_line_gives_its_parts_and_no_self_citation() -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH KON TUM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 435/QĐ-UBND Kon Tum, ngày 04 tháng 5 năm 2020 QUYẾT ĐỊNH V/v ban hành Kế hoạch "
        "cải cách hành chính năm 2020\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KON TUM\n"
        "Căn cứ Quyết định số 225/QĐ-TTg ngày 04/02/2016 của Thủ tướng Chính phủ;\n"
        "KẾ HOẠCH\n(Kèm theo Quyết định số 435/QĐ-UBND ngày 04/5/2020 của Chủ tịch UBND tỉnh)"
    )
    parsed = parse_text(text)
    meta = parsed.document
    assert (meta.doc_type, meta.symbol, meta.place, meta.date, meta.subject) == (
        "Quyết định",
        "435/QĐ-UBND",
        "Kon Tum",
        "2020-05-04",
        "ban hành Kế hoạch cải cách hành chính năm 2020",
    )
    assert [r.symbol for r in parsed.references] == ["225/QĐ-TTg"]


@pytest.mark.parametrize(
    ("closing", "recipients", "authority", "title", "signer"),
    [
        (  # a PDF's two columns: the name glued to the last recipient
            "Nơi nhận: GIÁM ĐỐC\n- UBND tỉnh (b/c);\n- Lưu: VT, VP. Phạm Văn Thịnh",
            ["UBND tỉnh (b/c)", "Lưu: VT, VP"], None, "GIÁM ĐỐC", "Phạm Văn Thịnh",
        ),
        (  # the authority glued to a recipient; a recipient cut nowhere at its parenthesis
            "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Sở Nội vụ; KT. CHỦ TỊCH\n- Lưu: VT, TCCV (5).\n"
            "PHÓ CHỦ TỊCH\nNguyễn Văn Hòa",
            ["Sở Nội vụ", "Lưu: VT, TCCV (5)"], "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH", "Nguyễn Văn Hòa",
        ),
        (  # a signing note glued to the last recipient
            "Nơi nhận: GIÁM ĐỐC\n- Như trên;\n- Lưu: VT, CCHC. (Đã ký)\nNguyễn Xuân Quang",
            ["Như trên", "Lưu: VT, CCHC"], None, "GIÁM ĐỐC", "Nguyễn Xuân Quang",
        ),
        (  # an annex after the signature: its capitals are not the signer's title
            "Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrần Minh Tâm\n"
            "PHỤ LỤC\nDANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH\nNĂM 2025\n"
            "(Kèm theo Kế hoạch số 19/KH-UBND ngày 15/7/2025)",
            ["UBND tỉnh", "Lưu: VT"], "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Minh Tâm",
        ),
    ],
)  # fmt: skip
def test_the_recipients_stop_where_the_signature_and_the_annex_begin(
    closing: str, recipients: list[str], authority: str | None, title: str, signer: str
) -> None:
    text = (
        "SỞ CÔNG THƯƠNG\nSố: 19/KH-UBND\nQuảng Nam, ngày 15 tháng 7 năm 2025\nBÁO CÁO\n"
        "Kết quả thực hiện\nSở báo cáo kết quả như sau./.\n" + closing
    )
    meta = parse_text(text).document
    assert (meta.recipients, meta.authority, meta.signer_title, meta.signer) == (
        recipients,
        authority,
        title,
        signer,
    )


LAYOUTS = [name for name in layout_names() if len(formats_of(load_layout(name))) > 1]


@pytest.mark.parametrize("name", LAYOUTS)
def test_txt_docx_and_pdf_of_a_document_read_the_same(name: str, tmp_path: Path) -> None:
    """The PDF goes through the bounded PDF reader (a child process), as uploads do."""
    readings = [_reading(parse_file(build(name, fmt, tmp_path))) for fmt in ("txt", "docx", "pdf")]
    assert readings[1] == readings[0]
    assert readings[2] == readings[0]
