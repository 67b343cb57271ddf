"""Nothing crashes: arbitrary text never raises; arbitrary bytes give an error, not an exception."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.ingest import parse_file, parse_text

SAMPLE_LINES = [
    "Số: /BC-SNV", "Số:", "Quảng Ngãi, ngày tháng 6 năm 2023", "BÁO CÁO", "QUYẾT ĐỊNH:",
    "V/v báo cáo", "Nơi nhận:", "- Lưu: VT, VP.", "KT. GIÁM ĐỐC", "T/M BAN THƯỜNG VỤ",
    "PHÓ GIÁM ĐỐC", "Nguyễn Văn Thành", "I. KẾT QUẢ", "1.1 Công tác", "a) Về", "Điều 1.",
    "Phần I", "xếp hạng 27/63", "86,08/100 điểm", "2.319 cán bộ", "99%", "| Số hồ sơ | 1.250 |",
    "Quyết định số 590/QĐ-UBND ngày 31/4/2019", "số31-QĐ/TW", "Ngày 14/5/2018, đã ban hành",
    "./.", "(Đã ký)", "PHỤ LỤC", "**", "#", "\\", "Ð", "hoà", "\u0301", "\x00", "\u200b", "",
]  # fmt: skip
_DOCUMENTISH = st.lists(
    st.one_of(st.sampled_from(SAMPLE_LINES), st.text(max_size=40)), max_size=30
).map("\n".join)
_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_SETTINGS
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    result = parse_text(text).to_dict()
    assert set(result) >= {"document", "sections", "references", "figures"}


@_SETTINGS
@given(_DOCUMENTISH)
def test_document_like_fragments_in_any_order_never_raise(text: str) -> None:
    document = parse_text(text)
    for reference in document.references:
        assert all(0 <= start < end <= len(document.text) for start, end in reference.mentions)


def _outcome(path: Path) -> dict[str, object]:
    result = parse_file(path)
    assert result["file"] == str(path)
    assert ("error" in result) != ("document" in result)
    if "error" in result:
        assert isinstance(result["error"], str) and result["error"]
    return result


@_SETTINGS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".docx"]))
def test_arbitrary_bytes_as_text_or_docx_give_a_result_or_an_error(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"file{suffix}"
    path.write_bytes(data)
    _outcome(path)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_as_pdf_give_an_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "file.pdf"
    path.write_bytes(data)
    _outcome(path)


@settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_after_a_pdf_header_are_handled_by_the_child_process(
    tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "file.pdf"
    path.write_bytes(b"%PDF-1.7\n" + data)
    assert "error" in _outcome(path)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=2000) | st.text(max_size=500).map(str.encode))
def test_a_zip_with_arbitrary_word_xml_gives_a_result_or_an_error(
    tmp_path: Path, xml: bytes
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", xml)
        archive.writestr("word/document.xml", xml)
    path = tmp_path / "file.docx"
    path.write_bytes(buffer.getvalue())
    _outcome(path)


def test_hostile_long_lines_are_parsed_in_linear_time() -> None:
    import time

    texts = [
        "Quảng Ngãi, ngày" + " " * 50_000 + "x",
        "Quảng Ngãi, ngày" + "." * 50_000,
        "Nơi nhận:\n- " + ". A" * 30_000,
        "Nơi nhận:\n- " + "a." * 30_000 + " B C",
        "1" * 100_000,
        "/" * 100_000,
        "-A/" * 30_000,
        "Số: " + "1/" * 30_000,
        ("xếp hạng " + "1/" * 10) * 3_000,
        "| " * 50_000,
        ("a " * 500 + "\n") * 200,
        "12 hồ sơ " * 5_000,
        "một dòng bị ngắt giữa câu\n" * 5_000,
    ]
    for text in texts:
        start = time.perf_counter()
        parse_text(text)
        assert time.perf_counter() - start < 5, text[:40]
