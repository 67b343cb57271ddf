"""Exporting units to CSV (export_units) and reading the export back in."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.core.management import call_command

from cchc.audit.log import Actor
from cchc.orgs.actions import UnitData, import_units
from cchc.orgs.models import Unit
from conftest import Province

HEADER = "code,name,short_code,kind,parent_code,valid_from,valid_to,successor_code"


def export() -> str:
    out = io.StringIO()
    call_command("export_units", stdout=out)
    return out.getvalue()


def test_the_export_has_the_header_and_one_row_per_unit_in_tree_order(
    province: Province,
) -> None:
    lines = export().splitlines()
    assert lines[0] == HEADER
    assert lines[1:] == [
        "QNG,Ủy ban nhân dân tỉnh Quảng Ngãi,UBND,province,,,,",
        "QNG-SNV,Sở Nội vụ,SNV,department,QNG,,,",
        "QNG-STP,Sở Tư pháp,STP,department,QNG,,,",
        "QNG-H-BINHSON,Ủy ban nhân dân huyện Bình Sơn,UBND,district,QNG,,2025-06-30,QNG-X-BINHSON",
        "QNG-X-BINHCHANH,Ủy ban nhân dân xã Bình Chánh,UBND,commune,QNG-H-BINHSON,,2025-06-30,"
        "QNG-X-BINHSON",
        "QNG-X-BINHSON,Ủy ban nhân dân xã Bình Sơn,UBND,commune,QNG,2025-07-01,,",
    ]


def test_several_successors_are_joined_by_semicolons(province: Province) -> None:
    import_units(
        Actor.command("test"),
        [
            UnitData(
                "QNG-X-BINHHAI",
                "Ủy ban nhân dân xã Bình Hải",
                "commune",
                "UBND",
                "QNG",
                valid_from=province.new_commune.valid_from,
            ),
            UnitData(
                "QNG-X-BINHCHANH",
                "Ủy ban nhân dân xã Bình Chánh",
                "commune",
                "UBND",
                "QNG-H-BINHSON",
                valid_to=province.old_commune.valid_to,
                successor_codes=("QNG-X-BINHSON", "QNG-X-BINHHAI"),
            ),
        ],
    )
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(export()))}
    assert rows["QNG-X-BINHCHANH"]["successor_code"] == "QNG-X-BINHHAI;QNG-X-BINHSON"


def test_names_with_commas_and_quotes_are_quoted(db: None) -> None:
    import_units(
        Actor.command("test"),
        [UnitData("BAN-X", 'Ban "Chỉ đạo", CCHC', "office")],
    )
    text = export()
    assert text.splitlines()[1] == 'BAN-X,"Ban ""Chỉ đạo"", CCHC",,office,,,,'
    assert next(csv.DictReader(io.StringIO(text)))["name"] == 'Ban "Chỉ đạo", CCHC'


def test_an_empty_tree_exports_only_the_header(db: None) -> None:
    assert export() == HEADER + "\n"


def test_the_export_reads_back_into_an_empty_database_as_the_same_rows(
    province: Province, tmp_path: Path
) -> None:
    first = export()
    # Empty the tree (parents are protected, so unhook them first).
    Unit.objects.update(parent=None)
    Unit.objects.all().delete()
    assert Unit.objects.count() == 0
    path = tmp_path / "don-vi.csv"
    path.write_text(first, encoding="utf-8")
    out = io.StringIO()
    call_command("import_units", str(path), stdout=out)
    assert out.getvalue().strip() == "Đã thêm 6 đơn vị, cập nhật 0 đơn vị."
    assert export() == first
    district = Unit.objects.get(code="QNG-H-BINHSON")
    assert district.path == f"{Unit.objects.get(code='QNG').path}{district.pk:07d}/"


def test_reimporting_the_export_changes_nothing(province: Province, tmp_path: Path) -> None:
    first = export()
    path = tmp_path / "don-vi.csv"
    path.write_text(first, encoding="utf-8")
    out = io.StringIO()
    call_command("import_units", str(path), stdout=out)
    assert out.getvalue().strip() == "Đã thêm 0 đơn vị, cập nhật 0 đơn vị."
    assert export() == first
