"""Extraction per format, limits and refusals (messages in Vietnamese)."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

import pytest

from cchc.ingest.encoding import convert_tcvn3, convert_vni, decode_text, detect_legacy
from cchc.ingest.errors import IngestError
from cchc.ingest.extract import Limits, extract_file
from cchc.ingest.tests.builders import build_docx, build_pdf

HEADER = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Hà Tĩnh, ngày 15 tháng 3 năm 2024"
)
TCVN3 = (
    "Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\n"
    "Qu¶ng Ng·i, ngµy 05 th¸ng 01 n¨m 2020\nB¸o c¸o kÕt qu¶ c¶i c¸ch hµnh chÝnh"
)
TCVN3_AS_UNICODE = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n"
    "Quảng Ngãi, ngày 05 tháng 01 năm 2020\nBáo cáo kết quả cải cách hành chính"
)
VNI = (
    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc\n"
    "Quaûng Ngaõi, ngaøy 05 thaùng 01 naêm 2020"
)
VNI_AS_UNICODE = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n"
    "Quảng Ngãi, ngày 05 tháng 01 năm 2020"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _refusal(path: Path, limits: Limits | None = None) -> str:
    with pytest.raises(IngestError) as caught:
        extract_file(path, limits or Limits())
    return str(caught.value)


# --- text files --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "encoded",
    [
        HEADER.encode("utf-8"),
        codecs.BOM_UTF8 + HEADER.encode("utf-8"),
        codecs.BOM_UTF16_LE + HEADER.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + HEADER.encode("utf-16-be"),
        HEADER.encode("utf-16-le"),
        HEADER.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be"],
)
def test_text_in_utf8_or_utf16_with_or_without_bom_is_read(tmp_path: Path, encoded: bytes) -> None:
    assert extract_file(_write(tmp_path, "a.txt", encoded)).text == HEADER


def test_tcvn3_text_is_detected_and_converted_with_a_notice(tmp_path: Path) -> None:
    extracted = extract_file(_write(tmp_path, "a.txt", TCVN3.encode("latin-1")))
    assert extracted.text == TCVN3_AS_UNICODE
    assert "TCVN3" in extracted.notices[0]


def test_vni_text_is_detected_and_converted(tmp_path: Path) -> None:
    assert detect_legacy(VNI) == "vni"
    extracted = extract_file(_write(tmp_path, "a.md", VNI.encode("utf-8")))
    assert extracted.text == VNI_AS_UNICODE
    assert "VNI" in extracted.notices[0]
    assert convert_vni("Sôû Noäi vuï, ñöôïc") == "Sở Nội vụ, được"


def test_a_legacy_font_mixed_with_unicode_is_refused_with_a_message(tmp_path: Path) -> None:
    mixed = (TCVN3 + "\n" + TCVN3_AS_UNICODE * 3).encode("utf-8")
    assert "bảng mã cũ" in _refusal(_write(tmp_path, "a.txt", mixed))


def test_an_unknown_8_bit_encoding_is_refused(tmp_path: Path) -> None:
    latin = "Café résumé, naïve déjà vu; à la carte".encode("cp1252")
    message = _refusal(_write(tmp_path, "a.txt", latin))
    assert "Không nhận ra bảng mã" in message


def test_unicode_text_with_a_few_odd_symbols_is_not_taken_for_tcvn3() -> None:
    text = TCVN3_AS_UNICODE * 5 + " © ® · ª"
    assert decode_text(text.encode("utf-8")) == (text, [])


def test_tcvn3_capitals_font_gives_capitals() -> None:
    assert convert_tcvn3("b¸o c¸o", upper=True) == "BÁO CÁO"


# --- size and formats ------------------------------------------------------------------------
def test_a_file_over_the_size_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", b"x" * (3 * 1024 * 1024 + 300 * 1024))
    assert (
        _refusal(path, Limits(max_bytes=2 * 1024 * 1024)) == "Tệp quá lớn (3,3 MB), giới hạn 2 MB."
    )


def test_unsupported_and_old_word_files_are_refused(tmp_path: Path) -> None:
    assert "Không hỗ trợ định dạng" in _refusal(_write(tmp_path, "a.xlsx", b"PK\x03\x04data"))
    assert ".doc" in _refusal(_write(tmp_path, "a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"))
    assert "Không tìm thấy" in _refusal(tmp_path / "missing.txt")
    assert _refusal(_write(tmp_path, "empty.txt", b"")) == "Tệp rỗng."


# --- docx --------------------------------------------------------------------------------------
def test_docx_paragraphs_and_tables_come_in_document_order(tmp_path: Path) -> None:
    spec = {
        "blocks": [
            {
                "table": [
                    [
                        ["UBND TỈNH X", "SỞ NỘI VỤ", "Số: 5/BC-SNV"],
                        ["CỘNG HÒA", "Độc lập", "X, ngày 1/2/2024"],
                    ]
                ]
            },
            {"p": "BÁO CÁO"},
            {"p": "Mở đầu."},
            {"table": [[["Chỉ tiêu"], ["Số lượng"]], [["Số lớp"], ["24"]]]},
            {"p": "Kết thúc."},
        ]
    }
    text = extract_file(build_docx(spec, tmp_path / "a.docx")).text
    lines = [line for line in text.split("\n") if line]
    assert lines == [
        "UBND TỈNH X", "SỞ NỘI VỤ", "Số: 5/BC-SNV", "CỘNG HÒA", "Độc lập", "X, ngày 1/2/2024",
        "BÁO CÁO", "Mở đầu.", "Chỉ tiêu | Số lượng", "Số lớp | 24", "Kết thúc.",
    ]  # fmt: skip


def test_docx_automatic_numbering_is_put_back(tmp_path: Path) -> None:
    spec = {
        "blocks": [
            {"p": "Cải cách thể chế", "style": "List Number"},
            {"p": "Cải cách thủ tục hành chính", "style": "List Number"},
            {"p": "Sở Nội vụ;", "style": "List Bullet"},
        ]
    }
    lines = extract_file(build_docx(spec, tmp_path / "a.docx")).text.split("\n")
    assert lines == ["1. Cải cách thể chế", "2. Cải cách thủ tục hành chính", "- Sở Nội vụ;"]


def test_docx_runs_in_tcvn3_fonts_are_converted_by_their_font(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("b¸o c¸o").font.name = ".VnTimeH"
    paragraph = document.add_paragraph()
    paragraph.add_run("KÕt qu¶ c¶i c¸ch hµnh chÝnh ").font.name = ".VnTime"
    paragraph.add_run("năm 2024")
    path = tmp_path / "a.docx"
    document.save(str(path))
    extracted = extract_file(path)
    assert extracted.text.split("\n") == ["BÁO CÁO", "Kết quả cải cách hành chính năm 2024"]
    assert "TCVN3" in extracted.notices[0]


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def test_docx_zip_bombs_are_refused_before_unpacking(tmp_path: Path) -> None:
    bomb = "Tệp .docx có dấu hiệu nén bất thường (zip bomb), không xử lý."
    many = _zip(tmp_path / "many.docx", {f"word/f{i}.xml": b"" for i in range(2100)})
    assert _refusal(many) == bomb
    ratio = _zip(tmp_path / "ratio.docx", {"word/document.xml": b"\0" * (20 * 1024 * 1024)})
    assert _refusal(ratio) == bomb
    big = _zip(tmp_path / "big.docx", {"word/document.xml": b"<w/>" * 1000})
    assert _refusal(big, Limits(zip_max_total_bytes=1000)) == bomb


def test_broken_docx_files_are_refused(tmp_path: Path) -> None:
    assert "bị hỏng" in _refusal(_write(tmp_path, "a.docx", b"PK\x03\x04not really a zip"))
    no_body = _zip(tmp_path / "b.docx", {"[Content_Types].xml": b"<Types/>"})
    assert "thiếu word/document.xml" in _refusal(no_body)
    bad_xml = _zip(
        tmp_path / "c.docx", {"word/document.xml": b"<not xml", "[Content_Types].xml": b"x"}
    )
    assert "bị hỏng" in _refusal(bad_xml)


# --- pdf ---------------------------------------------------------------------------------------
def test_pdf_text_is_read_in_a_child_process_without_page_numbers(tmp_path: Path) -> None:
    spec = {
        "pages": [
            [[60, 800, "Số: 1/BC-X"], [300, 800, "Huế, ngày 2/3/2024"]],
            [[297, 810, "2"], [60, 780, "Trang hai"]],
        ]
    }
    text = extract_file(build_pdf(spec, tmp_path / "a.pdf")).text
    assert [line.strip() for line in text.split("\n")] == [
        "Số: 1/BC-X Huế, ngày 2/3/2024",
        "Trang hai",
    ]


def test_pdf_refusals_have_clear_messages(tmp_path: Path) -> None:
    assert "thiếu phần đầu %PDF" in _refusal(_write(tmp_path, "a.pdf", b"hello"))
    assert "bị hỏng" in _refusal(_write(tmp_path, "b.pdf", b"%PDF-1.7\n garbage \x00\xff"))
    scanned = build_pdf({"pages": [[]]}, tmp_path / "c.pdf")
    assert "không có lớp chữ" in _refusal(scanned)


def test_a_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("mat-khau")
    path = tmp_path / "secret.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert "mật khẩu" in _refusal(path)


def test_pdf_time_and_memory_limits_are_enforced(tmp_path: Path) -> None:
    path = build_pdf({"pages": [[[60, 800, "Nội dung"]]]}, tmp_path / "a.pdf")
    assert _refusal(path, Limits(pdf_timeout_seconds=0.001)) == (
        "Không đọc được tệp PDF trong thời gian cho phép."
    )
    message = _refusal(path, Limits(pdf_memory_bytes=16 * 1024 * 1024))
    assert "giới hạn" in message and "bộ nhớ" in message
