"""The commands export_report and export_synthesis: the file is written in the format of its
extension and its path printed; bad input is refused in Vietnamese, with nothing written."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from docx import Document as open_docx
from openpyxl import load_workbook

from cchc.reporting.models import Period
from cchc.reporting.tests.export_data import Filed, file_h1_2025
from conftest import Province


@pytest.fixture
def filed(h1_2025: Period, province: Province) -> Filed:
    return file_h1_2025(h1_2025, province)


def run(command: str, **options: str) -> str:
    out = io.StringIO()
    call_command(command, stdout=out, **options)
    return out.getvalue().strip()


def test_export_report_writes_the_units_report(filed: Filed, tmp_path: Path) -> None:
    path = tmp_path / "bao-cao-stp.docx"
    printed = run("export_report", period="2025-H1", unit="QNG-STP", out=str(path))
    assert printed == str(path)
    assert open_docx(str(path)).tables[0].cell(1, 0).text == "Số: /BC-STP"


def test_export_synthesis_writes_a_docx_or_an_xlsx_by_its_extension(
    filed: Filed, tmp_path: Path
) -> None:
    document = tmp_path / "tong-hop.docx"
    assert run("export_synthesis", period="2025-H1", out=str(document)) == str(document)
    assert open_docx(str(document)).tables[0].cell(1, 0).text == "Số: /BC-SNV"
    sheet = tmp_path / "so-lieu.XLSX"
    run("export_synthesis", period="2025-H1", unit="QNG-H-BINHSON", out=str(sheet))
    rows = list(load_workbook(sheet)["Số liệu"].iter_rows(values_only=True))
    assert [row[0] for row in rows[2:-1]] == ["QNG-H-BINHSON", "QNG-X-BINHCHANH"]
    assert rows[-1][1] == "Toàn huyện (tổng hợp)"


@pytest.mark.parametrize(
    ("command", "options", "message"),
    [
        ("export_synthesis", {"period": "2031-H1"}, "Không có kỳ báo cáo «2031-H1»"),
        ("export_synthesis", {"period": "2025-H1", "unit": "QNG-XYZ"}, "Không có đơn vị mã"),
        ("export_report", {"period": "2025-H1", "unit": "QNG-X-BINHCHANH"}, "chưa có báo cáo kỳ"),
    ],
)
def test_an_unknown_period_unit_or_report_is_refused_clearly(
    filed: Filed, tmp_path: Path, command: str, options: dict[str, str], message: str
) -> None:
    out = tmp_path / "x.docx"
    with pytest.raises(CommandError, match=message):
        run(command, out=str(out), **options)
    assert not out.exists()


@pytest.mark.parametrize("command", ["export_report", "export_synthesis"])
def test_a_file_of_another_format_is_refused(filed: Filed, tmp_path: Path, command: str) -> None:
    out = tmp_path / "bao-cao.pdf"
    with pytest.raises(CommandError, match=r"phải có đuôi \.docx"):
        run(command, period="2025-H1", unit="QNG-STP", out=str(out))
    assert not out.exists()
