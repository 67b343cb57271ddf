"""Exports of the task list and the statistics: .xlsx (openpyxl) and .docx (Decree 30)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from docx import Document as open_docx

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.orgs.loading import DEFAULT_FILE, load_identity, read_identity_file
from cchc.tasks.actions import accept_task, confirm_completion, report_done
from cchc.tasks.models import Task
from cchc.tasks.tests.conftest import MakeTask, happened_on
from cchc.testing import Clients
from conftest import Province

AS_OF = {"ngay": "15/07/2025"}


@pytest.fixture
def tasks(make_task: MakeTask, province: Province) -> list[Task]:
    """Sở Tư pháp: one finished late, one open and overdue; Sở Nội vụ: one standing task."""
    command = Actor.command("test")
    late = make_task(content="Rà soát văn bản", cooperating_units=(province.snv,))
    accept_task(command, late)
    report_done(command, late, dt.date(2025, 7, 2), "Xong")
    confirm_completion(command, late)
    happened_on(late, dt.date(2025, 7, 2))
    return [
        late,
        make_task(content="Kiểm tra văn bản", item_number="2"),
        make_task(
            content="Báo cáo định kỳ", item_number="3", lead_unit=province.snv, deadline=None
        ),
    ]


def test_the_task_list_as_xlsx_has_one_row_per_task_with_real_dates(
    tasks: list[Task], leader: User, client_for: Clients
) -> None:
    response = client_for(leader).get(reverse("tasks:task_export_xlsx"), AS_OF)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="nhiem-vu-20250715.xlsx"' in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    # Excel keeps dates as date-times at midnight.
    rows = [
        tuple(v.date() if isinstance(v, dt.datetime) else v for v in row)
        for row in sheet.iter_rows(values_only=True)
    ]
    assert rows[0][:4] == ("Kế hoạch", "STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì")
    assert rows[0][11] == "Tình trạng hạn (tính đến 15/07/2025)"
    assert rows[1] == (
        "KH-CCHC-2025", "1", "Rà soát văn bản", "Sở Tư pháp", "Sở Nội vụ",
        dt.date(2025, 6, 30), None, "Quyết định công bố danh mục", "35/QĐ-UBND",
        "Đã hoàn thành", dt.date(2025, 7, 2), "Quá hạn",
    )  # fmt: skip
    assert rows[2][9:] == ("Chờ tiếp nhận", None, "Quá hạn")
    assert rows[3][5] is None and rows[3][11] == "Trong hạn"
    assert sheet["F2"].number_format == "DD/MM/YYYY"


def test_the_exports_follow_the_filters_and_what_the_user_may_read(
    tasks: list[Task], snv_officer: User, client_for: Clients
) -> None:
    response = client_for(snv_officer).get(
        reverse("tasks:task_export_xlsx"), {"trang_thai": "cho_tiep_nhan"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Báo cáo định kỳ"]


def test_the_statistics_as_xlsx_give_the_same_numbers_as_the_page(
    tasks: list[Task], coordinator: User, client_for: Clients
) -> None:
    response = client_for(coordinator).get(reverse("tasks:stats_export_xlsx"), AS_OF)
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    status = list(workbook["Thống kê"].iter_rows(min_row=3, values_only=True))
    assert status == [
        ("Trạng thái", "Tổng số", "Trong hạn", "Quá hạn"),
        ("Chờ tiếp nhận", 2, 1, 1),
        ("Đang thực hiện", 0, 0, 0),
        ("Chờ kết thúc", 0, 0, 0),
        ("Đã hoàn thành", 1, 0, 1),
        ("Khác (điều chỉnh, hủy)", 0, 0, 0),
        ("Tổng cộng", 3, None, None),
    ]
    units = list(workbook["Theo đơn vị"].iter_rows(min_row=2, values_only=True))
    assert units == [("Sở Tư pháp", 2, 1, 0, 0, 1, 50.0), ("Sở Nội vụ", 1, 0, 0, 0, 0, 0.0)]


def test_the_statistics_as_docx_are_a_report_in_the_decree_30_layout(
    tasks: list[Task], coordinator: User, client_for: Clients
) -> None:
    response = client_for(coordinator).get(reverse("tasks:stats_export_docx"), AS_OF)
    assert 'filename="bao-cao-nhiem-vu-20250715.docx"' in response["Content-Disposition"]
    document = open_docx(io.BytesIO(response.content))
    section = document.sections[0]
    assert section.left_margin is not None and section.right_margin is not None
    assert (round(section.left_margin.cm, 2), round(section.right_margin.cm, 2)) == (3, 1.5)
    assert document.styles["Normal"].font.name == "Times New Roman"
    header = document.tables[0]
    assert header.cell(0, 0).text == "UBND TỈNH QUẢNG NGÃI\nSỞ NỘI VỤ\n"
    assert header.cell(1, 0).text == "Số: /BC-SNV"
    assert header.cell(1, 1).text == "Quảng Ngãi, ngày 15 tháng 7 năm 2025"
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    assert "Tình hình thực hiện nhiệm vụ cải cách hành chính" in texts
    assert any(
        t.startswith("Tính đến ngày 15/07/2025, tổng số nhiệm vụ được giao là 3") for t in texts
    )
    status = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert status[0] == ["Trạng thái", "Tổng số", "Trong hạn", "Quá hạn"]
    assert status[1] == ["Chờ tiếp nhận", "2", "1", "1"]
    assert status[-1] == ["Tổng cộng", "3", "", ""]
    rates = [[cell.text for cell in row.cells] for row in document.tables[2].rows]
    assert rates[1] == ["Sở Tư pháp", "2", "1", "0", "50,00"]


def test_the_task_list_as_docx_lists_the_tasks_under_an_official_header(
    tasks: list[Task], officer: User, client_for: Clients
) -> None:
    response = client_for(officer).get(
        reverse("tasks:task_export_docx"), {**AS_OF, "ke_hoach": "KH-CCHC-2025"}
    )
    document = open_docx(io.BytesIO(response.content))
    assert document.tables[0].cell(0, 0).text == "UBND TỈNH QUẢNG NGÃI\nSỞ TƯ PHÁP\n"
    texts = [p.text for p in document.paragraphs]
    assert "Danh sách nhiệm vụ theo Kế hoạch cải cách hành chính năm 2025" in texts
    rows = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert rows[0] == ["STT", "Nội dung", "Chủ trì", "Hạn", "Trạng thái", "Tình trạng"]
    # The officer's unit leads two tasks and cooperates on none of Sở Nội vụ's.
    assert [row[1] for row in rows[1:]] == ["Rà soát văn bản", "Kiểm tra văn bản"]
    assert rows[1][3] == "30/06/2025"
    signature = document.tables[-1].cell(0, 1).text
    assert "GIÁM ĐỐC" in signature
    assert "Nơi nhận:" in document.tables[-1].cell(0, 0).text


def test_the_signers_title_and_the_recipients_come_from_the_provinces_letterhead(
    tasks: list[Task], officer: User, client_for: Clients
) -> None:
    data = read_identity_file(DEFAULT_FILE)
    data["letterhead"]["signers"] = [
        {"prefix": "Sở ", "title": "PHÓ GIÁM ĐỐC", "authority": "KT. GIÁM ĐỐC"}
    ]
    data["letterhead"]["recipients"]["by_unit"] = ["Văn phòng UBND tỉnh;", "Lưu: VT, CCHC."]
    load_identity(Actor.command("test"), data)
    response = client_for(officer).get(reverse("tasks:task_export_docx"), AS_OF)
    document = open_docx(io.BytesIO(response.content))
    recipients, signature = (cell.text for cell in document.tables[-1].rows[0].cells)
    assert signature.startswith("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    assert "Văn phòng UBND tỉnh;" in recipients
    assert "UBND tỉnh (b/c);" not in recipients
