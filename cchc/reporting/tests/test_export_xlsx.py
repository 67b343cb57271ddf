"""All figures per unit as .xlsx: a row per expected unit, and a total row that is exactly what
the aggregation gives (the numbers the synthesis page shows), rates included."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from cchc.orgs.models import Unit
from cchc.reporting.aggregate import aggregate, values_by_unit
from cchc.reporting.exports import synthesis_xlsx
from cchc.reporting.models import Period
from cchc.reporting.tests.export_data import Filed, file_h1_2025
from conftest import Province


@pytest.fixture
def filed(h1_2025: Period, province: Province) -> Filed:
    return file_h1_2025(h1_2025, province)


def workbook(period: Period, root: Unit | None = None) -> Workbook:
    return load_workbook(io.BytesIO(synthesis_xlsx(period, root)))


def as_decimal(cell: object) -> Decimal | None:
    return None if cell is None else Decimal(str(cell))


@pytest.mark.parametrize("subtree", [False, True])
def test_each_total_cell_equals_the_aggregate_of_its_indicator(
    filed: Filed, province: Province, subtree: bool
) -> None:
    root = province.root if subtree else None
    sheet = workbook(filed.period, root)["Số liệu"]
    rows = list(sheet.iter_rows(values_only=True))
    codes, total = rows[1][3:], rows[-1][3:]
    totals = aggregate(filed.period, root)
    assert set(codes) == set(totals)
    assert rows[-1][1] == "Toàn tỉnh (tổng hợp)"
    assert {code: as_decimal(cell) for code, cell in zip(codes, total, strict=True)} == totals
    assert totals["dossiers_received"] == 12345
    assert totals["satisfaction_rate"] == Decimal("75.00")


def test_every_expected_unit_has_a_row_and_those_that_did_not_send_are_marked(
    filed: Filed, province: Province
) -> None:
    rows = list(workbook(filed.period)["Số liệu"].iter_rows(values_only=True))
    assert rows[0][:4] == (
        "Mã đơn vị", "Đơn vị", "Trạng thái", "Số nhiệm vụ trong kế hoạch CCHC (nhiệm vụ)",
    )  # fmt: skip
    assert rows[1][:4] == ("unit_code", "unit_name", "status", "plan_tasks_set")
    statuses = {row[0]: row[2] for row in rows[2:-1]}
    assert statuses == {
        "QNG-SNV": "Đã gửi, trễ hạn",
        "QNG-STP": "Đã tiếp nhận, đúng hạn",
        "QNG-H-BINHSON": "Bị trả lại (chưa tổng hợp), đúng hạn",
        "QNG-X-BINHCHANH": "Chưa gửi",
    }
    codes = rows[1]
    stp = dict(zip(codes, next(row for row in rows if row[0] == "QNG-STP"), strict=True))
    expected = values_by_unit(filed.period)[province.stp.pk]
    assert {code: as_decimal(stp[code]) for code in expected} == expected
    # Figures of a report that is not counted are not shown, so that the columns add up.
    district = next(row for row in rows if row[0] == "QNG-H-BINHSON")
    assert set(district[3:]) == {None}


def test_figures_are_numbers_with_number_formats(filed: Filed) -> None:
    sheet = workbook(filed.period)["Số liệu"]
    header = [cell.value for cell in sheet[2]]
    total = sheet[sheet.max_row]
    received = total[header.index("dossiers_received")]
    rate = total[header.index("dossiers_on_time_rate")]
    assert (received.value, received.number_format) == (12345, "#,##0")
    assert (rate.value, rate.number_format) == (98.64, "#,##0.00")


def test_the_second_sheet_is_the_completeness_table(filed: Filed) -> None:
    sheet = workbook(filed.period)["Hoàn thành báo cáo"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Tình hình gửi báo cáo: 6 tháng đầu năm 2025"
    assert "phải gửi 4, đã gửi 3 (đúng hạn 2, trễ hạn 1), chưa gửi 1." in rows[1][0]
    assert rows[3][:4] == ("STT", "Mã đơn vị", "Đơn vị", "Trạng thái")
    snv = next(row for row in rows if row[1] == "QNG-SNV")
    assert snv[4].date().isoformat() == "2025-06-25"
