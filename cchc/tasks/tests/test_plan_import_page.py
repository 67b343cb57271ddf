"""Importing a plan in the browser (/ke-hoach/nhap/): the same checks as import_plan."""

from __future__ import annotations

import html
import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.accounts.models import User
from cchc.tasks.models import Plan, Task
from cchc.tasks.tests.conftest import write_xlsx
from cchc.testing import Clients
from conftest import Province

URL = reverse("tasks:plan_import")
ROWS = [
    ["1", "Rà soát văn bản", "QNG-STP", "", "30/06/2025", "Danh mục", "", "", ""],
    ["2", "Kiểm tra CCHC", "Sở Nội vụ", "QNG-STP", "", "", "1763/UBND-NC", "", ""],
]


def hidden_fields(page: str) -> dict[str, str]:
    """The fields a preview page sends back with its confirmation."""
    found = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page)
    return {name: html.unescape(value) for name, value in found}


def upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes())


def form(path: Path, **fields: str) -> dict[str, object]:
    return {
        "code": "KH-CCHC-2025",
        "title": "Kế hoạch cải cách hành chính năm 2025",
        "document": "35/QĐ-UBND ngày 10/01/2025",
        "file": upload(path),
        **fields,
    }


def test_the_coordinator_uploads_a_plan_and_is_told_what_was_registered(
    province: Province, coordinator: User, client_for: Clients, tmp_path: Path
) -> None:
    client = client_for(coordinator)
    page = client.get(URL).content.decode()
    assert "don_vi_phoi_hop" in page and "ngay_hoan_thanh" in page
    preview = client.post(URL, form(write_xlsx(tmp_path / "kh.xlsx", ROWS))).content.decode()
    assert "Xem trước: 2 nhiệm vụ trong tệp kh.xlsx" in preview
    assert not Plan.objects.exists()
    response = client.post(URL, {**hidden_fields(preview), "confirm": "1"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("tasks:plan_detail", args=["KH-CCHC-2025"])
    assert "Đã nhập 2 nhiệm vụ của kế hoạch KH-CCHC-2025." in page
    assert "Đã vào sổ văn bản mới Quyết định số 35/QĐ-UBND" in page
    assert "Đã vào sổ văn bản mới Công văn số 1763/UBND-NC" in page
    assert Plan.objects.get().tasks.count() == 2


def test_every_error_is_listed_and_nothing_is_imported(
    province: Province, coordinator: User, client_for: Clients, tmp_path: Path
) -> None:
    rows = [*ROWS, ["3", "Số hóa", "Sở Tư Pháp tỉnh", "", "31/6/2025", "", "", "xong", ""]]
    response = client_for(coordinator).post(URL, form(write_xlsx(tmp_path / "kh.xlsx", rows)))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Không nhập được: 3 lỗi" in page
    assert "Dòng 4, cột han_hoan_thanh: «31/6/2025» không phải ngày dd/mm/yyyy." in page
    assert "Dòng 4, cột trang_thai: «xong» không phải trạng thái" in page
    assert "Dòng 4, cột don_vi_chu_tri: không có đơn vị mã hoặc tên «Sở Tư Pháp tỉnh»." in page
    assert not Plan.objects.exists()
    assert not Task.objects.exists()


def test_a_file_that_is_not_xlsx_or_a_bad_document_date_is_refused(
    province: Province, coordinator: User, client_for: Clients, tmp_path: Path
) -> None:
    csv = tmp_path / "kh.csv"
    csv.write_text("stt,noi_dung\n", encoding="utf-8")
    page = client_for(coordinator).post(URL, form(csv)).content.decode()
    assert "Hãy chọn tệp Excel .xlsx hoặc tệp Word .docx." in page
    xlsx = write_xlsx(tmp_path / "kh.xlsx", ROWS)
    page = (
        client_for(coordinator)
        .post(URL, form(xlsx, document="35/QĐ-UBND ngày 32/01/2025"))
        .content.decode()
    )
    assert "Ngày ban hành không phải ngày dd/mm/yyyy." in page
    assert not Plan.objects.exists()


def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused_by_the_upload_check(
    province: Province, coordinator: User, client_for: Clients, tmp_path: Path
) -> None:
    fake = tmp_path / "kh.xlsx"
    fake.write_bytes(b"%PDF-1.7\n")
    page = client_for(coordinator).post(URL, form(fake)).content.decode()
    assert "Nội dung tệp kh.xlsx không phải là tệp .xlsx; chưa nhận tệp này" in page
    assert not Plan.objects.exists()
