"""Importing units from CSV: the import_units action and command, all or nothing, audited."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.orgs.actions import UnitData, UnitImportError, import_units
from cchc.orgs.csvio import read_units_csv
from cchc.orgs.models import Unit
from conftest import Province

HEADER = "code,name,short_code,kind,parent_code,valid_from,valid_to,successor_code\n"
GOOD = (
    HEADER
    + "QNG,Ủy ban nhân dân tỉnh Quảng Ngãi,UBND,province,,,,\n"
    + "QNG-SNV,Sở Nội vụ,SNV,department,QNG,,,\n"
    + "QNG-H-TRABONG,Ủy ban nhân dân huyện Trà Bồng,UBND,district,QNG,,2025-06-30,"
    + "QNG-X-TRABONG;QNG-X-TAYTRA\n"
    + "QNG-X-TRABONG,Ủy ban nhân dân xã Trà Bồng,UBND,commune,QNG,2025-07-01,,\n"
    + "QNG-X-TAYTRA,Ủy ban nhân dân xã Tây Trà,UBND,commune,QNG,2025-07-01,,\n"
)


def write(tmp_path: Path, text: str, name: str = "don-vi.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path) -> str:
    out = io.StringIO()
    call_command("import_units", str(path), stdout=out)
    return out.getvalue()


def test_the_command_imports_the_units_and_prints_the_counts(db: None, tmp_path: Path) -> None:
    output = run(write(tmp_path, GOOD))
    assert output.strip() == "Đã thêm 5 đơn vị, cập nhật 0 đơn vị."
    units = {u.code: u for u in Unit.objects.all()}
    assert set(units) == {"QNG", "QNG-SNV", "QNG-H-TRABONG", "QNG-X-TRABONG", "QNG-X-TAYTRA"}
    district = units["QNG-H-TRABONG"]
    assert district.name == "Ủy ban nhân dân huyện Trà Bồng"
    assert district.short_code == "UBND"
    assert district.kind == "district"
    assert district.parent == units["QNG"]
    assert district.valid_from is None
    assert str(district.valid_to) == "2025-06-30"
    assert {s.code for s in district.successors.all()} == {"QNG-X-TRABONG", "QNG-X-TAYTRA"}
    assert str(units["QNG-X-TAYTRA"].valid_from) == "2025-07-01"
    assert district.search_text == " uy ban nhan dan huyen tra bong qng h trabong ubnd "


def test_the_import_is_audited_as_the_command(db: None, tmp_path: Path) -> None:
    run(write(tmp_path, GOOD))
    created = AuditEntry.objects.filter(action="unit.create")
    assert created.count() == 5
    assert {e.actor_label for e in AuditEntry.objects.all()} == {"lệnh import_units"}
    assert all(e.actor is None and e.ip is None for e in AuditEntry.objects.all())
    entry = created.get(object_repr="Sở Nội vụ")
    assert entry.object_type == "orgs.unit"
    assert entry.after == {
        "code": "QNG-SNV",
        "name": "Sở Nội vụ",
        "short_code": "SNV",
        "kind": "department",
        "parent": "QNG",
        "valid_from": None,
        "valid_to": None,
        "successors": [],
    }
    successors = AuditEntry.objects.get(action="unit.successors")
    assert successors.object_repr == "Ủy ban nhân dân huyện Trà Bồng"
    assert successors.before == {"successors": []}
    assert successors.after == {"successors": ["QNG-X-TAYTRA", "QNG-X-TRABONG"]}


def test_importing_the_same_file_again_changes_nothing_and_records_nothing(
    db: None, tmp_path: Path
) -> None:
    path = write(tmp_path, GOOD)
    run(path)
    rows_before = list(Unit.objects.values_list("code", "name", "path", "parent__code"))
    entries = AuditEntry.objects.count()
    assert run(path).strip() == "Đã thêm 0 đơn vị, cập nhật 0 đơn vị."
    assert list(Unit.objects.values_list("code", "name", "path", "parent__code")) == rows_before
    assert AuditEntry.objects.count() == entries


def test_a_changed_row_is_updated_and_audited_with_before_and_after(
    db: None, tmp_path: Path
) -> None:
    run(write(tmp_path, GOOD))
    changed = GOOD.replace("Sở Nội vụ,SNV", "Sở Nội vụ tỉnh Quảng Ngãi,SNV")
    assert run(write(tmp_path, changed)).strip() == "Đã thêm 0 đơn vị, cập nhật 1 đơn vị."
    assert Unit.objects.get(code="QNG-SNV").name == "Sở Nội vụ tỉnh Quảng Ngãi"
    entry = AuditEntry.objects.get(action="unit.update")
    assert entry.actor_label == "lệnh import_units"
    assert entry.before is not None
    assert entry.after is not None
    assert entry.before["name"] == "Sở Nội vụ"
    assert entry.after["name"] == "Sở Nội vụ tỉnh Quảng Ngãi"


def test_a_changed_successor_list_is_counted_as_an_update(db: None, tmp_path: Path) -> None:
    run(write(tmp_path, GOOD))
    changed = GOOD.replace("QNG-X-TRABONG;QNG-X-TAYTRA", "QNG-X-TRABONG")
    assert run(write(tmp_path, changed)).strip() == "Đã thêm 0 đơn vị, cập nhật 1 đơn vị."
    district = Unit.objects.get(code="QNG-H-TRABONG")
    assert [s.code for s in district.successors.all()] == ["QNG-X-TRABONG"]
    entry = AuditEntry.objects.filter(action="unit.successors").first()
    assert entry is not None
    assert entry.before == {"successors": ["QNG-X-TAYTRA", "QNG-X-TRABONG"]}
    assert entry.after == {"successors": ["QNG-X-TRABONG"]}


def test_new_rows_may_hang_below_units_already_in_the_tree(
    province: Province, tmp_path: Path
) -> None:
    text = HEADER + "QNG-STP-PHC,Phòng Hành chính tư pháp,,department,QNG-STP,,,\n"
    assert run(write(tmp_path, text)).strip() == "Đã thêm 1 đơn vị, cập nhật 0 đơn vị."
    unit = Unit.objects.get(code="QNG-STP-PHC")
    assert unit.parent == province.stp
    assert unit.path.startswith(province.stp.path)


def test_a_byte_order_mark_from_excel_is_accepted(db: None, tmp_path: Path) -> None:
    run(write(tmp_path, "\ufeff" + GOOD))
    assert Unit.objects.count() == 5


# Each bad row (the fourth line of the file), the column named and a part of the message.
BAD_ROWS = {
    "unknown kind": (
        "QNG-X,Xã X,UBND,xa,QNG,,,\n",
        "kind",
        "«xa» không phải một loại đơn vị (province, office, department, district, commune)",
    ),
    "unknown parent": (
        "QNG-X,Xã X,UBND,commune,QNG-KHONGCO,,,\n",
        "parent_code",
        "không có đơn vị mã «QNG-KHONGCO»",
    ),
    "bad date": (
        "QNG-X,Xã X,UBND,commune,QNG,01/07/2025,,\n",
        "valid_from",
        "«01/07/2025» không phải ngày YYYY-MM-DD",
    ),
    "impossible date": (
        "QNG-X,Xã X,UBND,commune,QNG,,2025-06-31,\n",
        "valid_to",
        "«2025-06-31» không phải ngày YYYY-MM-DD",
    ),
    "duplicate code": (
        "QNG-SNV,Sở Nội vụ (trùng),SNV,department,QNG,,,\n",
        "code",
        "mã «QNG-SNV» đã có ở dòng 3",
    ),
    "parent cycle": (
        "QNG-A,Đơn vị A,,department,QNG-B,,,\nQNG-B,Đơn vị B,,department,QNG-A,,,\n",
        "parent_code",
        "vòng lặp",
    ),
    "own parent": (
        "QNG-X,Xã X,UBND,commune,QNG-X,,,\n",
        "parent_code",
        "đơn vị không thể trực thuộc chính nó",
    ),
    "unknown successor": (
        "QNG-X,Xã X,UBND,commune,QNG,,2025-06-30,QNG-KHONGCO\n",
        "successor_code",
        "không có đơn vị mã «QNG-KHONGCO»",
    ),
    "end before start": (
        "QNG-X,Xã X,UBND,commune,QNG,2025-07-01,2025-06-30,\n",
        "valid_to",
        "ngày kết thúc trước ngày bắt đầu hiệu lực",
    ),
    "empty name": ("QNG-X,,UBND,commune,QNG,,,\n", "name", "không được để trống"),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_one_bad_row_imports_nothing_and_names_the_row_and_column(
    case: str, db: None, tmp_path: Path
) -> None:
    bad_row, column, words = BAD_ROWS[case]
    text = (
        HEADER
        + "QNG,Ủy ban nhân dân tỉnh Quảng Ngãi,UBND,province,,,,\n"
        + "QNG-SNV,Sở Nội vụ,SNV,department,QNG,,,\n"
        + bad_row
        + "QNG-STP,Sở Tư pháp,STP,department,QNG,,,\n"
    )
    with pytest.raises(CommandError) as raised:
        run(write(tmp_path, text))
    lines = str(raised.value).splitlines()
    assert lines[0] == "Không nhập đơn vị nào:"
    assert lines[1].startswith(f"Dòng 4, cột {column}: "), lines
    assert words in lines[1]
    assert Unit.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_a_cycle_through_units_already_in_the_tree_is_refused(province: Province) -> None:
    rows = [UnitData("QNG", "Ủy ban nhân dân tỉnh Quảng Ngãi", "province", "UBND", "QNG-STP")]
    entries = AuditEntry.objects.count()
    with pytest.raises(UnitImportError) as raised:
        import_units(Actor.command("test"), rows)
    [error] = raised.value.errors
    assert error.startswith("Dòng 2, cột parent_code: ")
    assert "«QNG»" in error
    assert "vòng lặp" in error
    assert Unit.objects.get(code="QNG").parent_id is None
    assert AuditEntry.objects.count() == entries


def test_every_problem_of_every_row_is_listed(db: None) -> None:
    rows = [
        UnitData("A", "Đơn vị A", "tinh"),
        UnitData("B", "Đơn vị B", "department", parent_code="C"),
        UnitData("A", "Đơn vị A lần hai", "department"),
    ]
    with pytest.raises(UnitImportError) as raised:
        import_units(Actor.command("test"), rows)
    assert len(raised.value.errors) == 3
    assert raised.value.errors[0].startswith("Dòng 2, cột kind:")
    assert raised.value.errors[1].startswith("Dòng 3, cột parent_code:")
    assert raised.value.errors[2].startswith("Dòng 4, cột code:")


def test_a_file_missing_a_column_is_refused(db: None, tmp_path: Path) -> None:
    text = "code,name,kind\nQNG,Ủy ban nhân dân tỉnh Quảng Ngãi,province\n"
    with pytest.raises(CommandError, match="Thiếu cột: short_code, parent_code, valid_from"):
        run(write(tmp_path, text))
    assert Unit.objects.count() == 0


def test_a_file_that_cannot_be_read_is_refused(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        run(tmp_path / "khong-co.csv")
    latin = tmp_path / "latin1.csv"
    latin.write_bytes(HEADER.encode() + "QNG,Sở Nội vụ,,province,,,,\n".encode("utf-16-le"))
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        run(latin)


def test_successor_codes_are_split_on_semicolons(db: None) -> None:
    rows = read_units_csv(HEADER + "A,Đơn vị A,,district,,,2025-06-30, B ; C ;\n")
    assert rows[0].successor_codes == ("B", "C")
    assert rows[0].parent_code is None


def test_an_officer_may_not_import_units(officer: User) -> None:
    count, entries = Unit.objects.count(), AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        import_units(Actor.of_user(officer), [UnitData("QNG-SYT", "Sở Y tế", "department")])
    assert Unit.objects.count() == count
    denied = AuditEntry.objects.get(action="access.denied")
    assert denied.actor == officer
    assert denied.note == "manage_units"
    assert AuditEntry.objects.count() == entries + 1


def test_a_coordinator_may_import_units_and_is_the_recorded_actor(coordinator: User) -> None:
    result = import_units(
        Actor.of_user(coordinator, "10.0.0.9"),
        [UnitData("QNG-SYT", "Sở Y tế", "department", "SYT", "QNG")],
    )
    assert result.created == {"QNG-SYT"}
    assert result.updated == set()
    entry = AuditEntry.objects.get(action="unit.create", object_repr="Sở Y tế")
    assert entry.actor == coordinator
    assert entry.ip == "10.0.0.9"


def test_a_code_too_long_for_the_database_is_refused_with_the_row_and_column(
    db: None, tmp_path: Path
) -> None:
    text = HEADER + f"{'Q' * 41},Ủy ban nhân dân tỉnh Quảng Ngãi,UBND,province,,,,\n"
    with pytest.raises(CommandError, match="Dòng 2, cột code"):
        run(write(tmp_path, text))
    assert Unit.objects.count() == 0


def test_the_row_named_in_an_error_is_the_line_of_the_file_after_a_blank_line(
    db: None, tmp_path: Path
) -> None:
    text = (
        HEADER
        + "QNG,Ủy ban nhân dân tỉnh Quảng Ngãi,UBND,province,,,,\n"
        + "\n"
        + "QNG-X,Xã X,UBND,xa,QNG,,,\n"
    )
    with pytest.raises(CommandError) as raised:
        run(write(tmp_path, text))
    assert "Dòng 4, cột kind" in str(raised.value)
