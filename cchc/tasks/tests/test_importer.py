"""Reading a plan from .xlsx (cchc/tasks/importer.py): every row is checked, every problem is
reported with its row and column."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, register_document
from cchc.orgs.actions import UnitData, import_units
from cchc.tasks.actions import DocumentRef
from cchc.tasks.importer import (
    PlanImportError,
    parse_day,
    parse_document_ref,
    read_plan_file,
    status_of,
)
from cchc.tasks.tests.conftest import COLUMNS, write_xlsx
from conftest import Province

PLAN_DOCUMENT = DocumentRef("35/QĐ-UBND", dt.date(2025, 1, 10))
ROW = ["1", "Rà soát văn bản", "QNG-STP", "", "30/06/2025", "Danh mục", "", "", ""]


def errors_of(path: Path) -> list[str]:
    with pytest.raises(PlanImportError) as caught:
        read_plan_file(path, PLAN_DOCUMENT)
    return caught.value.errors


def with_cells(**cells: object) -> list[object]:
    row: list[object] = list(ROW)
    for name, value in cells.items():
        row[COLUMNS.index(name)] = value
    return row


@pytest.fixture
def culture(province: Province) -> None:
    import_units(
        Actor.command("test"),
        [
            UnitData(
                "QNG-SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "department", "SVHTTDL", "QNG"
            )
        ],
    )


def test_a_valid_file_gives_one_row_per_task_with_units_dates_and_statuses(
    province: Province, culture: None, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "kh.xlsx",
        [
            [1, "Rà soát văn bản", "Sở Tư pháp", "QNG-SNV, Sở Văn hóa, Thể thao và Du lịch",
             "30/06/2025", "Danh mục", "", "", ""],
            [2.0, "Kiểm tra CCHC", "qng-snv", "", dt.date(2025, 11, 30), "", "",
             "Đã hoàn thành", dt.date(2025, 11, 2)],
            [None, None, None, None, None, None, None, None, None],
            ["II.3", "Báo cáo định kỳ", "  sở  nội vụ ", "", "", "", "1763/UBND-NC ngày 31/5/2023",
             "chờ kết thúc", "5/1/2025"],
        ],
    )  # fmt: skip
    first, second, third = read_plan_file(path, PLAN_DOCUMENT)
    assert (first.line, first.item_number, first.lead_unit) == (2, "1", province.stp)
    assert [u.code for u in first.cooperating_units] == ["QNG-SNV", "QNG-SVHTTDL"]
    assert first.deadline == dt.date(2025, 6, 30)
    assert (first.status, first.completed_on, first.source) == ("cho_tiep_nhan", None, None)
    assert (second.item_number, second.lead_unit, second.deadline) == (
        "2",
        province.snv,
        dt.date(2025, 11, 30),
    )
    assert (second.status, second.completed_on) == ("da_hoan_thanh", dt.date(2025, 11, 2))
    assert (third.line, third.item_number, third.deadline) == (5, "II.3", None)
    assert third.source == DocumentRef("1763/UBND-NC", dt.date(2023, 5, 31))
    assert (third.status, third.completed_on) == ("cho_ket_thuc", dt.date(2025, 1, 5))


def test_the_optional_columns_may_be_left_out(province: Province, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "kh.xlsx", [ROW[:7]], header=COLUMNS[:7])
    [row] = read_plan_file(path, PLAN_DOCUMENT)
    assert row.status == "cho_tiep_nhan"


def test_missing_columns_are_reported_on_the_header_row_and_unknown_ones_left_aside(
    province: Province, tmp_path: Path
) -> None:
    header = ["stt", "noi_dung", "don_vi_chu_tri", "han", "san_pham", "Ghi chú"]
    errors = errors_of(write_xlsx(tmp_path / "kh.xlsx", [], header=header))
    assert errors == ["Dòng 1: thiếu cột han_hoan_thanh."]


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"noi_dung": ""}, "Dòng 2, cột noi_dung: không được để trống."),
        ({"don_vi_chu_tri": ""}, "Dòng 2, cột don_vi_chu_tri: không được để trống."),
        (
            {"don_vi_chu_tri": "Sở Tư Pháp tỉnh"},
            "Dòng 2, cột don_vi_chu_tri: không có đơn vị mã hoặc tên «Sở Tư Pháp tỉnh».",
        ),
        (
            {"don_vi_phoi_hop": "QNG-SNV, Sở Ngoại vụ"},
            "Dòng 2, cột don_vi_phoi_hop: không có đơn vị mã hoặc tên «Sở Ngoại vụ».",
        ),
        (
            {"han_hoan_thanh": "31/04/2025"},
            "Dòng 2, cột han_hoan_thanh: «31/04/2025» không phải ngày dd/mm/yyyy.",
        ),
        (
            {"han_hoan_thanh": "2025-06-30"},
            "Dòng 2, cột han_hoan_thanh: «2025-06-30» không phải ngày dd/mm/yyyy.",
        ),
        (
            {"trang_thai": "xong"},
            "Dòng 2, cột trang_thai: «xong» không phải trạng thái (cho_tiep_nhan, "
            "dang_thuc_hien, cho_ket_thuc, da_hoan_thanh, da_huy hoặc tên tiếng Việt).",
        ),
        (
            {"trang_thai": "da_hoan_thanh"},
            "Dòng 2, cột ngay_hoan_thanh: nhiệm vụ «Đã hoàn thành» phải có ngày hoàn thành.",
        ),
        (
            {"ngay_hoan_thanh": "01/06/2025"},
            "Dòng 2, cột ngay_hoan_thanh: chỉ ghi ngày hoàn thành cho nhiệm vụ chờ kết thúc "
            "hoặc đã hoàn thành.",
        ),
        (
            {"trang_thai": "cho_ket_thuc", "ngay_hoan_thanh": "01/01/2099"},
            "Dòng 2, cột ngay_hoan_thanh: ngày hoàn thành sau ngày hôm nay.",
        ),
        (
            {"don_vi_chu_tri": "QNG-H-BINHSON", "han_hoan_thanh": "31/08/2025"},
            "Dòng 2, cột don_vi_chu_tri: «Ủy ban nhân dân huyện Bình Sơn» đã ngừng hoạt động "
            "từ 30/06/2025, trước ngày 31/08/2025; hãy giao cho đơn vị kế thừa.",
        ),
        (
            {"van_ban_giao": "công văn số 12"},
            "Dòng 2, cột van_ban_giao: Không nhận ra số, ký hiệu văn bản: «công văn số 12»",
        ),
        (
            {"van_ban_giao": "12/UBND-NC ngày 30/02/2025"},
            "Dòng 2, cột van_ban_giao: ngày ban hành không phải ngày dd/mm/yyyy.",
        ),
    ],
)
def test_each_kind_of_bad_cell_is_reported_with_its_row_and_column(
    province: Province, tmp_path: Path, cells: dict[str, str], message: str
) -> None:
    assert errors_of(write_xlsx(tmp_path / "kh.xlsx", [with_cells(**cells)])) == [message]


def test_every_error_of_every_row_is_listed_at_once(province: Province, tmp_path: Path) -> None:
    rows = [
        with_cells(han_hoan_thanh="32/01/2025", don_vi_chu_tri="Sở X"),
        with_cells(stt="2"),
        with_cells(stt="2", noi_dung=""),
    ]
    assert errors_of(write_xlsx(tmp_path / "kh.xlsx", rows)) == [
        "Dòng 2, cột han_hoan_thanh: «32/01/2025» không phải ngày dd/mm/yyyy.",
        "Dòng 2, cột don_vi_chu_tri: không có đơn vị mã hoặc tên «Sở X».",
        "Dòng 4, cột noi_dung: không được để trống.",
    ]


def test_a_number_used_twice_is_reported(province: Province, tmp_path: Path) -> None:
    rows = [with_cells(stt="1"), with_cells(stt="1")]
    assert errors_of(write_xlsx(tmp_path / "kh.xlsx", rows)) == [
        "Dòng 3, cột stt: số thứ tự 1 đã có ở dòng 2."
    ]


def test_a_symbol_that_names_several_documents_needs_its_date(
    province: Province, tmp_path: Path
) -> None:
    for day in (dt.date(2023, 5, 31), dt.date(2024, 2, 1)):
        register_document(Actor.command("test"), DocumentData("1763/UBND-NC", day))
    [error] = errors_of(write_xlsx(tmp_path / "kh.xlsx", [with_cells(van_ban_giao="1763/UBND-NC")]))
    assert error.startswith("Dòng 2, cột van_ban_giao: sổ đăng ký có nhiều văn bản số 1763/UBND-NC")
    path = write_xlsx(
        tmp_path / "kh2.xlsx", [with_cells(van_ban_giao="1763/UBND-NC ngày 1/2/2024")]
    )
    assert read_plan_file(path, PLAN_DOCUMENT)[0].source == DocumentRef(
        "1763/UBND-NC", dt.date(2024, 2, 1)
    )


def test_a_file_without_tasks_or_not_a_workbook_is_refused(
    province: Province, tmp_path: Path
) -> None:
    assert errors_of(write_xlsx(tmp_path / "kh.xlsx", [])) == ["Tệp không có dòng nhiệm vụ nào."]
    not_excel = tmp_path / "kh.xlsx"
    not_excel.write_text("stt,noi_dung\n1,Rà soát\n", encoding="utf-8")
    [error] = errors_of(not_excel)
    assert error.startswith("Không đọc được tệp Excel (.xlsx)")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(province: Province, tmp_path: Path) -> None:
    bomb = tmp_path / "kh.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    assert errors_of(bomb) == ["Tệp Excel có dấu hiệu nén bất thường (zip bomb), không xử lý."]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("da_huy", "da_huy"),
        ("Đã hủy", "da_huy"),
        ("ĐÃ HOÀN THÀNH", "da_hoan_thanh"),
        ("dang thuc hien", "dang_thuc_hien"),
        ("Chưa hoàn thành", "dang_thuc_hien"),
        ("khac", "da_huy"),
        ("không thực hiện", "da_huy"),
        ("xong", None),
    ],
)
def test_a_status_is_a_code_a_vietnamese_label_or_a_known_synonym(
    text: str, status: str | None
) -> None:
    assert status_of(text) == status


def test_days_in_text_are_dd_mm_yyyy() -> None:
    assert parse_day("05/02/2025") == parse_day("5/2/2025") == dt.date(2025, 2, 5)
    with pytest.raises(ValueError):
        parse_day("2025-02-05")


def test_a_document_reference_may_carry_its_date() -> None:
    assert parse_document_ref(" 35/QĐ-UBND ") == DocumentRef("35/QĐ-UBND")
    assert parse_document_ref("35/QĐ-UBND ngày 10/01/2025") == DocumentRef(
        "35/QĐ-UBND", dt.date(2025, 1, 10)
    )
