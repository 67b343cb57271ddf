"""``manage.py import_plan FILE.xlsx --code --title --document``."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cchc.audit.models import AuditEntry
from cchc.documents.models import Document
from cchc.tasks.models import EventKind, Plan, Status, Task
from cchc.tasks.tests.conftest import write_xlsx
from conftest import Province

ROWS = [
    ["1", "Rà soát văn bản", "QNG-STP", "QNG-SNV", "30/06/2025", "Danh mục", "", "", ""],
    ["2", "Kiểm tra CCHC", "Sở Nội vụ", "", "30/11/2025", "Thông báo", "1763/UBND-NC",
     "da_hoan_thanh", "20/11/2025"],
]  # fmt: skip


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_plan", *args, stdout=out)
    return out.getvalue()


def test_the_command_imports_the_plan_and_registers_its_documents(
    province: Province, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "kh.xlsx", ROWS)
    output = run(
        str(path),
        "--code=KH-CCHC-2025",
        "--title=Kế hoạch cải cách hành chính năm 2025",
        "--document=35/QĐ-UBND ngày 10/01/2025",
    )
    assert "Đã nhập kế hoạch KH-CCHC-2025 (Quyết định số 35/QĐ-UBND): 2 nhiệm vụ." in output
    assert "Đã vào sổ văn bản mới: Quyết định số 35/QĐ-UBND ngày 10/01/2025" in output
    assert "Đã vào sổ văn bản mới: Công văn số 1763/UBND-NC;" in output
    plan = Plan.objects.get(code="KH-CCHC-2025")
    assert plan.document.date == dt.date(2025, 1, 10)
    assert plan.document.subject == "Kế hoạch cải cách hành chính năm 2025"
    first, second = plan.tasks.all()
    assert (first.item_number, first.source_document, first.status) == (
        "1",
        plan.document,
        Status.CHO_TIEP_NHAN,
    )
    assert [u.code for u in first.cooperating_units.all()] == ["QNG-SNV"]
    assert second.source_document.symbol == "1763/UBND-NC"
    assert (second.status, second.completed_on) == (Status.DA_HOAN_THANH, dt.date(2025, 11, 20))
    assert second.events.get().kind == EventKind.IMPORTED
    assert second.events.get().note == "Dòng 3 của tệp nhập"
    assert AuditEntry.objects.filter(action="task.create").count() == 2
    assert AuditEntry.objects.get(action="plan.import").actor_label == "lệnh import_plan"
    # The bulk-inserted entries keep the kind of actor too.
    kinds = set(
        AuditEntry.objects.filter(action="task.create").values_list("actor_kind", flat=True)
    )
    assert kinds == {"command"}


def test_documents_already_in_the_register_are_linked_not_added_again(
    province: Province, plan_document: Document, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "kh.xlsx", ROWS[:1])
    output = run(str(path), "--code=KH-1", "--title=Kế hoạch", "--document=35/QĐ-UBND")
    assert "vào sổ" not in output
    assert Plan.objects.get().document == plan_document
    assert Document.objects.count() == 1


def test_a_file_with_errors_imports_nothing_and_lists_every_error(
    province: Province, tmp_path: Path
) -> None:
    bad = [*ROWS, ["3", "", "QNG-XYZ", "", "31/06/2025", "", "", "", ""]]
    path = write_xlsx(tmp_path / "kh.xlsx", bad)
    with pytest.raises(CommandError) as caught:
        run(str(path), "--code=KH-1", "--title=Kế hoạch", "--document=35/QĐ-UBND")
    assert str(caught.value) == (
        "Không nhập nhiệm vụ nào:\n"
        "Dòng 4, cột noi_dung: không được để trống.\n"
        "Dòng 4, cột han_hoan_thanh: «31/06/2025» không phải ngày dd/mm/yyyy.\n"
        "Dòng 4, cột don_vi_chu_tri: không có đơn vị mã hoặc tên «QNG-XYZ»."
    )
    assert not Plan.objects.exists()
    assert not Task.objects.exists()
    assert not Document.objects.exists()


def test_an_existing_plan_code_imports_nothing(
    province: Province, plan: Plan, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "kh.xlsx", ROWS)
    with pytest.raises(CommandError, match="Đã có kế hoạch mã KH-CCHC-2025"):
        run(str(path), "--code=KH-CCHC-2025", "--title=Kế hoạch", "--document=35/QĐ-UBND")
    assert not Task.objects.exists()
    assert not Document.objects.filter(symbol="1763/UBND-NC").exists()


def test_a_missing_file_or_a_bad_document_is_refused(province: Province, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Không có tệp"):
        run(str(tmp_path / "khong-co.xlsx"), "--code=K", "--title=T", "--document=35/QĐ-UBND")
    path = write_xlsx(tmp_path / "kh.xlsx", ROWS)
    with pytest.raises(CommandError, match="Không nhận ra số, ký hiệu"):
        run(str(path), "--code=K", "--title=T", "--document=Quyết định 35")
