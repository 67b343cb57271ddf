"""The attacks on the register's uploads (issue 16), each refused cleanly in Vietnamese,
within memory and time bounds: nothing registered, nothing stored."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from cchc.accounts.models import User
from cchc.documents.models import Document
from cchc.ingest import core
from cchc.lib.bounded import Bounds
from cchc.lib.tests.hostile import huge_document_docx, lying_headers_docx, slow_pdf
from cchc.testing import Clients
from conftest import Province

UPLOAD = reverse("documents:document_upload")
CREATE = reverse("documents:document_create")
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def post_measured(client: Client, url: str, data: dict[str, object]) -> tuple[str, int, float]:
    """The page, the peak of memory allocated in this process while serving it, seconds."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        response = client.post(url, data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return response.content.decode(), peak, time.monotonic() - started


def register_form(**changes: object) -> dict[str, object]:
    return {"symbol": "590/QĐ-UBND", "date": "15/03/2023", "subject": "Kế hoạch", **changes}


def test_a_docx_whose_headers_understate_its_size_is_refused_without_inflating_it(
    province: Province, officer: User, client_for: Clients
) -> None:
    upload = SimpleUploadedFile("bao-cao.docx", lying_headers_docx(64 * MB))
    page, peak, _ = post_measured(client_for(officer), UPLOAD, {"files": [upload]})
    assert "bị hỏng" in page or "nén bất thường" in page
    assert peak < 40 * MB  # the bytes sent, twice at most; never the 64 MB it inflates to
    assert Document.objects.count() == 0


def test_a_docx_of_190_mb_of_text_is_refused_with_memory_bounded(
    province: Province, officer: User, client_for: Clients
) -> None:
    data = huge_document_docx(190 * MB)
    assert len(data) < 20 * MB  # it looks like an ordinary report
    upload = SimpleUploadedFile("bao-cao-nam.docx", data)
    page, peak, _ = post_measured(client_for(officer), UPLOAD, {"files": [upload]})
    assert "nén bất thường (zip bomb)" in page
    assert peak < 3 * len(data) + 8 * MB
    assert Document.objects.count() == 0


def test_a_slow_pdf_is_stopped_at_the_parse_time_limit(
    province: Province,
    officer: User,
    client_for: Clients,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(core, "BOUNDS", Bounds(wall_seconds=2.0, cpu_seconds=2.0))
    upload = SimpleUploadedFile("bao-cao.pdf", slow_pdf())
    page, _, seconds = post_measured(client_for(officer), UPLOAD, {"files": [upload]})
    assert "thời gian cho phép" in page
    assert seconds < 6
    assert Document.objects.count() == 0


def test_more_files_than_the_limit_in_one_request_are_refused(
    province: Province, officer: User, client_for: Clients, settings: Settings
) -> None:
    files = [
        SimpleUploadedFile(f"bao-cao-{n}.txt", "Báo cáo số {n}".encode())
        for n in range(settings.MAX_FILES_PER_REQUEST + 1)
    ]
    response = client_for(officer).post(UPLOAD, {"files": files})
    assert response.status_code == 413
    assert "Mỗi lần chỉ gửi được tối đa 5 tệp" in response.content.decode()
    assert Document.objects.count() == 0


def test_a_request_larger_than_the_limit_is_refused_before_it_is_read(
    province: Province, officer: User, client_for: Clients, settings: Settings
) -> None:
    settings.MAX_REQUEST_UPLOAD_SIZE = 64 * 1024
    upload = SimpleUploadedFile("bao-cao.txt", b"a" * 100 * 1024)
    response = client_for(officer).post(UPLOAD, {"files": [upload]})
    assert response.status_code == 413
    assert "Dữ liệu gửi lên quá lớn" in response.content.decode()


def test_a_user_who_uploads_too_many_files_in_an_hour_is_told_to_wait(
    province: Province, officer: User, client_for: Clients, settings: Settings
) -> None:
    settings.MAX_UPLOAD_FILES_PER_HOUR = 2
    client = client_for(officer)
    for n in range(2):
        upload = SimpleUploadedFile(f"a{n}.pdf", b"%PDF-1.4 a")
        assert client.post(CREATE, register_form(symbol=f"{n + 1}/QĐ-UBND", file=upload))
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4 a")
    response = client.post(CREATE, register_form(symbol="9/QĐ-UBND", file=upload))
    assert response.status_code == 429
    assert "Bạn đã tải lên 2 tệp trong một giờ qua" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00", "Chỉ nhận tệp"),
        ("quyet-dinh.pdf", b"MZ\x90\x00\x03" + b"\0" * 64, "chương trình chạy được"),
        ("quyet-dinh.docx", b"%PDF-1.4 not a word file", "không phải là tệp .docx"),
    ],
    ids=["an executable", "an executable renamed .pdf", "a PDF renamed .docx"],
)
def test_an_executable_or_a_renamed_file_is_refused_by_the_register(
    province: Province,
    officer: User,
    client_for: Clients,
    media: Path,
    name: str,
    content: bytes,
    message: str,
) -> None:
    upload = SimpleUploadedFile(name, content)
    response = client_for(officer).post(CREATE, register_form(file=upload))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Document.objects.count() == 0
    assert not media.exists() or not any(media.rglob("*.*"))


def test_an_executable_renamed_pdf_is_refused_by_the_upload_of_existing_reports(
    province: Province, officer: User, client_for: Clients
) -> None:
    upload = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00" + b"\0" * 64)
    response = client_for(officer).post(UPLOAD, {"files": [upload]})
    assert "chương trình chạy được" in response.content.decode()
    assert Document.objects.count() == 0


def test_a_file_name_of_200_four_byte_characters_is_stored_under_a_safe_name(
    province: Province, officer: User, client_for: Clients, media: Path
) -> None:
    name = "𝔹" * 200 + ".pdf"
    upload = SimpleUploadedFile(name, b"%PDF-1.4 quyet dinh")
    response = client_for(officer).post(CREATE, register_form(file=upload))
    assert response.status_code == 302
    document = Document.objects.get()
    stored = Path(document.file.name)
    assert stored.suffix == ".pdf"
    assert stored.name.isascii() and len(stored.name) < 80
    assert (media / document.file.name).read_bytes() == b"%PDF-1.4 quyet dinh"


def test_a_text_field_longer_than_the_limit_is_refused_with_a_message(
    province: Province, officer: User, client_for: Clients, settings: Settings
) -> None:
    settings.MAX_TEXT_FIELD_CHARS = 1000
    response = client_for(officer).post(CREATE, register_form(subject="a" * 1001))
    assert response.status_code == 413
    assert "mỗi ô tối đa 1.000 ký tự" in response.content.decode()
    assert Document.objects.count() == 0
