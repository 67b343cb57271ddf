"""Plans imported as provinces write them: the annex of a Quyết định, as .xlsx and as the
table of a .docx decision, with title lines above the header, Vietnamese headers, group rows
that become the tasks' reform area and deadlines such as "Quý II/2026" or "Thường xuyên".
The files are built here, the way a province's office would write them."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from pathlib import Path

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from docx.shared import Pt

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.orgs.actions import UnitData, import_units
from cchc.tasks.actions import DocumentRef
from cchc.tasks.importer import PlanImportError, parse_deadline, read_plan_file
from cchc.tasks.models import Plan, Task
from cchc.testing import Clients
from conftest import Province

PLAN_DOCUMENT = DocumentRef("35/QĐ-UBND", dt.date(2026, 1, 10))
TITLE_LINES = [
    ["PHỤ LỤC"],
    ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026 CỦA TỈNH QUẢNG NGÃI"],
    ["(Kèm theo Quyết định số 35/QĐ-UBND ngày 10/01/2026 của Chủ tịch UBND tỉnh)"],
    [],
]
HEADER = [
    "STT",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
    "Sản phẩm",
    "Ghi chú",
]
NUMBERING = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"]
ANNEX = [
    ["I", "CẢI CÁCH THỂ CHẾ", "", "", "", "", ""],
    ["1", "Rà soát văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành", "Sở Tư pháp",
     "Sở Nội vụ; Văn phòng UBND tỉnh", "Quý II/2026", "Báo cáo kết quả rà soát", ""],
    ["2", "Theo dõi thi hành pháp luật", "Sở Tư pháp", "", "Năm 2026", "Báo cáo", ""],
    ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", "", "", ""],
    ["1.", "Kiểm soát thủ tục hành chính", "", "", "", "", ""],
    ["a", "Công bố, công khai thủ tục hành chính", "Văn phòng UBND tỉnh", "Sở Tư pháp",
     "Thường xuyên", "Quyết định công bố", "Cập nhật trên Cổng DVC"],
    ["b", "Rà soát, đơn giản hóa thủ tục hành chính", "Văn phòng UBND tỉnh", "",
     "Tháng 6/2026", "Phương án đơn giản hóa", ""],
    ["2.", "Kiểm tra công tác cải cách hành chính", "Sở Nội vụ", "Sở Tư pháp",
     "Trước 30/6/2026", "Kết luận kiểm tra", ""],
]  # fmt: skip
EXPECTED = [
    # (number, reform area, lead unit, deadline, deadline as written)
    ("1", "Cải cách thể chế", "QNG-STP", dt.date(2026, 6, 30), "Quý II/2026"),
    ("2", "Cải cách thể chế", "QNG-STP", dt.date(2026, 12, 31), "Năm 2026"),
    (
        "a",
        "Cải cách thủ tục hành chính › Kiểm soát thủ tục hành chính",
        "QNG-VP",
        None,
        "Thường xuyên",
    ),
    (
        "b",
        "Cải cách thủ tục hành chính › Kiểm soát thủ tục hành chính",
        "QNG-VP",
        dt.date(2026, 6, 30),
        "Tháng 6/2026",
    ),
    ("2.", "Cải cách thủ tục hành chính", "QNG-SNV", dt.date(2026, 6, 30), "Trước 30/6/2026"),
]


@pytest.fixture
def office(province: Province) -> None:
    import_units(
        Actor.command("test"),
        [UnitData("QNG-VP", "Văn phòng UBND tỉnh", "office", "VP", "QNG")],
    )


def annex_xlsx(path: Path, rows: list[list[str]] = ANNEX) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for line in [*TITLE_LINES, HEADER, NUMBERING, *rows]:
        sheet.append(line)
    sheet.merge_cells("A1:G1")
    workbook.save(path)
    return path


def decision_docx(path: Path) -> Path:
    """A Quyết định: the two-column header table, the articles, the signature, then the annex
    with its title lines and the table, group rows merged across the table."""
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 35/QĐ-UBND"
    header.cell(1, 1).text = "Quảng Ngãi, ngày 10 tháng 01 năm 2026"
    document.add_paragraph("QUYẾT ĐỊNH").runs[0].bold = True
    document.add_paragraph("Ban hành Kế hoạch cải cách hành chính năm 2026")
    document.add_paragraph(
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2026."
    )
    document.add_paragraph("Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.")
    document.add_paragraph("CHỦ TỊCH")
    for line in TITLE_LINES[:3]:
        document.add_paragraph(line[0])
    table = document.add_table(rows=0, cols=len(HEADER))
    for values in [HEADER, NUMBERING, *ANNEX]:
        cells = table.add_row().cells
        if values[0] in ("I", "II"):  # a group row spans the table
            merged = cells[0].merge(cells[-1])
            merged.text = f"{values[0]}. {values[1]}"
            continue
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(11)
    document.save(str(path))
    return path


def check_tasks(tasks: list[tuple[str, str, str, dt.date | None, str]]) -> None:
    assert tasks == EXPECTED


def test_an_annex_in_xlsx_imports_with_areas_and_deadlines(office: None, tmp_path: Path) -> None:
    rows = read_plan_file(annex_xlsx(tmp_path / "phu-luc.xlsx"), PLAN_DOCUMENT)
    check_tasks(
        [
            (r.item_number, r.reform_area, r.lead_unit.code, r.deadline, r.deadline_text)
            for r in rows
        ]
    )
    assert [r.line for r in rows] == [8, 9, 12, 13, 14]  # rows of the sheet
    assert [unit.code for unit in rows[0].cooperating_units] == ["QNG-SNV", "QNG-VP"]
    assert all(row.source is None for row in rows)  # no "Văn bản giao" column: the plan's


def test_the_command_imports_the_annex_of_a_docx_decision(office: None, tmp_path: Path) -> None:
    out = io.StringIO()
    call_command(
        "import_plan",
        str(decision_docx(tmp_path / "qd-35.docx")),
        code="KH-CCHC-2026",
        title="Kế hoạch cải cách hành chính năm 2026",
        document="35/QĐ-UBND ngày 10/01/2026",
        stdout=out,
    )
    assert "Đã nhập kế hoạch KH-CCHC-2026" in out.getvalue()
    tasks = Task.objects.filter(plan__code="KH-CCHC-2026").order_by("position")
    check_tasks(
        [
            (t.item_number, t.reform_area, t.lead_unit.code, t.deadline, t.deadline_text)
            for t in tasks
        ]
    )
    assert {t.source_document.symbol for t in tasks} == {"35/QĐ-UBND"}


def test_the_docx_and_the_xlsx_give_the_same_tasks(office: None, tmp_path: Path) -> None:
    def key(path: Path) -> list[tuple[object, ...]]:
        return [
            (r.item_number, r.content, r.reform_area, r.lead_unit, r.cooperating_units,
             r.deadline, r.deadline_text, r.expected_output)
            for r in read_plan_file(path, PLAN_DOCUMENT)
        ]  # fmt: skip

    assert key(decision_docx(tmp_path / "qd.docx")) == key(annex_xlsx(tmp_path / "pl.xlsx"))


@pytest.mark.parametrize(
    ("text", "day", "kept"),
    [
        ("Quý II/2026", dt.date(2026, 6, 30), "Quý II/2026"),
        ("Quý IV năm 2026", dt.date(2026, 12, 31), "Quý IV năm 2026"),
        ("Quý 1/2026", dt.date(2026, 3, 31), "Quý 1/2026"),
        ("Quý II, Quý III/2026", dt.date(2026, 9, 30), "Quý II, Quý III/2026"),
        ("Tháng 6/2026", dt.date(2026, 6, 30), "Tháng 6/2026"),
        ("tháng 02 năm 2028", dt.date(2028, 2, 29), "tháng 02 năm 2028"),
        ("Trước 30/6/2026", dt.date(2026, 6, 30), "Trước 30/6/2026"),
        ("Trước ngày 15/11/2026", dt.date(2026, 11, 15), "Trước ngày 15/11/2026"),
        ("6 tháng đầu năm 2026", dt.date(2026, 6, 30), "6 tháng đầu năm 2026"),
        ("Năm 2026", dt.date(2026, 12, 31), "Năm 2026"),
        ("Trong năm 2026", dt.date(2026, 12, 31), "Trong năm 2026"),
        ("Thường xuyên", None, "Thường xuyên"),
        ("Hằng năm", None, "Hằng năm"),
        ("30/06/2026", dt.date(2026, 6, 30), ""),
        (dt.datetime(2026, 6, 30), dt.date(2026, 6, 30), ""),  # noqa: DTZ001 - an Excel cell
    ],
)
def test_deadlines_as_plans_write_them(text: object, day: dt.date | None, kept: str) -> None:
    assert parse_deadline(text) == (day, kept)


@pytest.mark.parametrize("text", ["Sớm", "Quý V/2026", "Tháng 13/2026", "2026"])
def test_what_is_not_a_deadline_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_deadline(text)


def test_errors_name_the_row_and_the_column_as_written_once_each(
    office: None, tmp_path: Path
) -> None:
    bad = [
        ["1", "Rà soát", "Sở Tư Pháp tỉnh", "", "Quý V/2026", "", ""],
        ["2", "Kiểm tra", "Sở Nội vụ", "Sở Ngoại vụ", "Tháng 6/2026", "", ""],
    ]
    with pytest.raises(PlanImportError) as caught:
        read_plan_file(annex_xlsx(tmp_path / "pl.xlsx", bad), PLAN_DOCUMENT)
    assert caught.value.errors == [
        "Dòng 7, cột Thời gian hoàn thành: «Quý V/2026» không phải thời hạn (dd/mm/yyyy, "
        "«Quý II/2026», «Tháng 6/2026», «Trước 30/6/2026», «Năm 2026» hoặc «Thường xuyên»).",
        "Dòng 7, cột Cơ quan chủ trì: không có đơn vị mã hoặc tên «Sở Tư Pháp tỉnh».",
        "Dòng 8, cột Cơ quan phối hợp: không có đơn vị mã hoặc tên «Sở Ngoại vụ».",
    ]


def test_a_file_without_the_task_table_says_what_it_looks_for(
    province: Province, tmp_path: Path
) -> None:
    document = docx.Document()
    document.add_paragraph("Quyết định không có phụ lục")
    document.save(str(tmp_path / "qd.docx"))
    with pytest.raises(PlanImportError, match="không có bảng nhiệm vụ"):
        read_plan_file(tmp_path / "qd.docx", PLAN_DOCUMENT)


URL = reverse("tasks:plan_import")


def test_the_page_previews_every_task_of_a_docx_then_imports_it(
    office: None, coordinator: User, client_for: Clients, tmp_path: Path
) -> None:
    client = client_for(coordinator)
    path = decision_docx(tmp_path / "qd-35.docx")
    preview = client.post(
        URL,
        {
            "code": "KH-CCHC-2026",
            "title": "Kế hoạch cải cách hành chính năm 2026",
            "document": "35/QĐ-UBND ngày 10/01/2026",
            "file": SimpleUploadedFile(path.name, path.read_bytes()),
        },
    ).content.decode()
    assert "Xem trước: 5 nhiệm vụ trong tệp qd-35.docx" in preview
    assert "Cải cách thủ tục hành chính › Kiểm soát thủ tục hành chính" in preview
    assert '30/06/2026<br><small class="muted">«Quý II/2026»</small>' in preview
    assert 'Không có hạn<br><small class="muted">«Thường xuyên»</small>' in preview
    assert not Plan.objects.exists()
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', preview))
    fields = {name: html.unescape(value) for name, value in fields.items()}
    client.post(URL, {**fields, "confirm": "1"})
    assert Plan.objects.get().tasks.count() == 5


def test_the_template_downloads_and_imports_as_it_is(
    office: None, coordinator: User, client_for: Clients, tmp_path: Path
) -> None:
    response = client_for(coordinator).get(reverse("tasks:plan_import_template"))
    assert response["Content-Disposition"] == 'attachment; filename="mau-phu-luc-ke-hoach.xlsx"'
    path = tmp_path / "mau.xlsx"
    path.write_bytes(response.content)
    import_units(
        Actor.command("test"),
        [UnitData("QNG-VPUB", "Văn phòng Ủy ban nhân dân tỉnh", "office", "VP", "QNG")],
    )
    rows = read_plan_file(path, PLAN_DOCUMENT)
    assert [(r.reform_area, r.deadline_text) for r in rows] == [
        ("Cải cách thể chế", "Quý II/2026"),
        ("Cải cách thủ tục hành chính", "Thường xuyên"),
        ("Cải cách thủ tục hành chính", "Trước 30/6/2026"),
    ]
