"""The one-stop system's dossier statistics (Biểu 06/VPCP/KSTT) imported into the units'
reports: the demo's sample through `import_tthc_stats`, a .csv, and the page for Sở Nội vụ.

The expected figures are read from the file by coordinates here (the layout written by
onestop_files.py), independently of the importer's header recognition.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.orgs.actions import import_units
from cchc.orgs.csvio import read_units_csv
from cchc.reporting.actions import (
    load_config,
    open_periods,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.loading import read_config
from cchc.reporting.models import OnestopImport, OnestopValue, Period, Report, ReportValue
from cchc.reporting.onestop import (
    INDICATORS,
    OnestopFileError,
    column_meaning,
    name_key,
    read_stats_file,
)
from cchc.reporting.tests.complete import fill_completely
from cchc.reporting.tests.onestop_files import (
    DEMO_GROUPS,
    HEADER_ROW,
    agency,
    csv_bytes,
    write_xlsx,
)
from cchc.testing import Clients

SAMPLE = Path(__file__).resolve().parents[2] / "demo" / "data" / "bieu-06-kstt-quy-iv-2025.xlsx"
UNITS_CSV = Path(__file__).resolve().parents[2] / "orgs" / "data" / "demo_units.csv"
# Column of each indicator in the sample (1-based), and the unit each agency row is.
COLUMNS = {
    "dossiers_received": 4,
    "dossiers_received_online": 5,
    "dossiers_received_in_person": 6,
    "dossiers_carried_over": 7,
    "dossiers_resolved": 8,
    "dossiers_resolved_early": 9,
    "dossiers_resolved_on_time": 10,
    "dossiers_resolved_late": 11,
    "dossiers_pending_within": 13,
    "dossiers_pending_overdue": 14,
}
UNITS = {
    "Sở Tư pháp": "QNG-STP",
    "Sở Nội vụ": "QNG-SNV",
    "Sở Tài chính": "QNG-STC",
    "Sở Xây dựng": "QNG-SXD",
    "Sở Công Thương": "QNG-SCT",
    "Sở Y tế": "QNG-SYT",
    "Sở Giáo dục và Đào tạo": "QNG-SGDDT",
    "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG": "QNG-SNNMT",
    "Sở Văn hóa, Thể thao và Du lịch": "QNG-SVHTTDL",
    "Sở Khoa học và Công nghệ": "QNG-SKHCN",
    "BQL KKT Dung Quất và các KCN": "QNG-BQLKKT",  # by its code in config/onestop.yaml
    "UBND phường Cẩm Thành": "QNG-X-CAMTHANH",
    "Ủy ban nhân dân phường Nghĩa Lộ": "QNG-X-NGHIALO",
    "UBND xa Binh Son": "QNG-X-BINHSON",
    "UBND xã Vạn Tường": "QNG-X-VANTUONG",
    "UBND đặc khu Lý Sơn": "QNG-X-LYSON",
}
UNMATCHED = {"Công an tỉnh", "UBND xã Tịnh Phong"}
TYPED = Decimal(1000)  # what Sở Tư pháp's officer typed as dossiers received


def sample_rows() -> dict[str, tuple[int, dict[str, int]]]:
    """Each agency row of the sample: its row number and figures, read by coordinates."""
    sheet = openpyxl.load_workbook(SAMPLE).worksheets[0]
    rows = {}
    for row in range(HEADER_ROW + 5, sheet.max_row + 1):
        number, name = sheet.cell(row, 1).value, sheet.cell(row, 2).value
        if isinstance(number, int) and name:
            figures = {code: sheet.cell(row, column).value for code, column in COLUMNS.items()}
            rows[name] = (row, figures)
    return rows


@pytest.fixture
def q4(db: None) -> Period:
    """The demo's units and configuration, and Quý IV 2025 opened."""
    command = Actor.command("test")
    import_units(command, read_units_csv(UNITS_CSV.read_text(encoding="utf-8")))
    load_config(command, read_config())
    open_periods(command, 2025, ["Q4"])
    return Period.objects.get(code="2025-Q4")


def stored(code: str, period: Period) -> dict[str, Decimal]:
    return dict(
        ReportValue.objects.filter(report__period=period, report__unit__code=code).values_list(
            "indicator__code", "value"
        )
    )


def type_figures(period: Period, unit_code: str, figures: dict[str, Decimal]) -> Report:
    report = start_report(Actor.command("test"), period, _unit(unit_code))
    return save_draft(Actor.command("test"), report, report.version, {}, figures)


def _unit(code: str):  # type: ignore[no-untyped-def]
    from cchc.orgs.models import Unit

    return Unit.objects.get(code=code)


def test_the_sample_fills_every_matched_units_figures_and_keeps_a_typed_one(q4: Period) -> None:
    type_figures(q4, "QNG-STP", {"dossiers_received": TYPED, "dossiers_resolved_late": Decimal(4)})
    out = io.StringIO()
    call_command("import_tthc_stats", str(SAMPLE), period="2025-Q4", stdout=out)
    printed = out.getvalue()

    rows = sample_rows()
    assert set(rows) == set(UNITS) | UNMATCHED
    for name, code in UNITS.items():
        line, figures = rows[name]
        values = stored(code, q4)
        for indicator, expected in figures.items():
            if (code, indicator) == ("QNG-STP", "dossiers_received"):
                assert values[indicator] == TYPED  # typed by the unit: kept
                continue
            assert values[indicator] == Decimal(expected), (name, indicator)
            source = OnestopValue.objects.get(
                value__report__unit__code=code, value__indicator__code=indicator
            )
            assert source.row == line
            assert source.batch.file_name == SAMPLE.name
        assert f"dòng {line}, {code} " in printed
    for name in UNMATCHED:
        assert f"«{name}»: không khớp đơn vị" in printed
    assert not Report.objects.filter(period=q4, unit__code="QNG-TTT").exists()
    assert "giữ số đơn vị đã nhập: Tổng số hồ sơ TTHC tiếp nhận 1.000 (tệp: 992)" in printed
    assert not OnestopValue.objects.filter(
        value__report__unit__code="QNG-STP", value__indicator__code="dossiers_received"
    ).exists()

    # The balance: the file's total = what was filled + unmatched rows + the kept figure.
    received = [line for line in printed.splitlines() if "Tổng số hồ sơ TTHC tiếp nhận: " in line]
    unmatched = sum(rows[name][1]["dossiers_received"] for name in UNMATCHED)
    matched = sum(rows[name][1]["dossiers_received"] for name in UNITS)
    assert received == [
        f"  Tổng số hồ sơ TTHC tiếp nhận: tổng của tệp {_vn(matched + unmatched)},"
        f" đã điền {_vn(matched - 992)}, chưa điền {_vn(unmatched + 992)} (chưa điền hết)"
    ]


def test_overwrite_replaces_the_typed_figure_and_a_second_import_changes_nothing(
    q4: Period,
) -> None:
    type_figures(q4, "QNG-STP", {"dossiers_received": TYPED})
    call_command("import_tthc_stats", str(SAMPLE), period="2025-Q4", stdout=io.StringIO())
    call_command(
        "import_tthc_stats", str(SAMPLE), period="2025-Q4", overwrite=True, stdout=io.StringIO()
    )
    assert stored("QNG-STP", q4)["dossiers_received"] == Decimal(992)
    before = dict(ReportValue.objects.filter(report__period=q4).values_list("pk", "value"))
    out = io.StringIO()
    call_command("import_tthc_stats", str(SAMPLE), period="2025-Q4", stdout=out)
    assert dict(ReportValue.objects.filter(report__period=q4).values_list("pk", "value")) == before
    assert "giữ số đơn vị đã nhập" not in out.getvalue()


def test_a_figure_changed_by_hand_loses_its_source_and_is_then_kept(q4: Period) -> None:
    call_command("import_tthc_stats", str(SAMPLE), period="2025-Q4", stdout=io.StringIO())
    report = Report.objects.get(period=q4, unit__code="QNG-SNV")
    save_draft(Actor.command("test"), report, report.version, {}, {"dossiers_received": Decimal(5)})
    assert not OnestopValue.objects.filter(
        value__report=report, value__indicator__code="dossiers_received"
    ).exists()
    out = io.StringIO()
    call_command("import_tthc_stats", str(SAMPLE), period="2025-Q4", stdout=out)
    assert stored("QNG-SNV", q4)["dossiers_received"] == Decimal(5)
    assert "giữ số đơn vị đã nhập: Tổng số hồ sơ TTHC tiếp nhận 5 (tệp: 401)" in out.getvalue()


def test_a_sent_report_is_not_filled(q4: Period) -> None:
    report = type_figures(q4, "QNG-SYT", {"dossiers_received": Decimal(1)})
    submit_report(
        Actor.command("test"), fill_completely(Actor.command("test"), report, dossiers_received=1)
    )
    out = io.StringIO()
    call_command("import_tthc_stats", str(SAMPLE), period="2025-Q4", stdout=out)
    assert stored("QNG-SYT", q4)["dossiers_received"] == Decimal(1)
    assert "QNG-SYT Sở Y tế: không điền: báo cáo đang ở trạng thái «Đã gửi»" in out.getvalue()


def test_a_csv_export_gives_the_same_rows_as_the_xlsx(q4: Period) -> None:
    from_xlsx = read_stats_file(SAMPLE.name, io.BytesIO(SAMPLE.read_bytes()))
    from_csv = read_stats_file("bieu06.csv", io.BytesIO(csv_bytes(DEMO_GROUPS)))
    assert [(r.label, r.figures) for r in from_csv.rows] == [
        (r.label, r.figures) for r in from_xlsx.rows
    ]
    assert from_csv.total is not None and from_xlsx.total is not None
    assert from_csv.total.figures == from_xlsx.total.figures
    assert set(from_csv.indicators) == set(INDICATORS) - {"dossiers_received_post"}


def test_columns_and_names_are_recognised_by_their_words() -> None:
    assert column_meaning(" so ho so da giai quyet tra qua han ") == "dossiers_resolved_late"
    assert column_meaning(" so ho so dang giai quyet qua han ") == "dossiers_pending_overdue"
    assert column_meaning(" so ho so nhan giai quyet tong so ") == "dossiers_received"
    assert column_meaning(" tiep nhan qua dich vu buu chinh cong ich ") == "dossiers_received_post"
    assert name_key("UBND Phường  Nghĩa Lộ") == name_key("Ủy ban nhân dân phường Nghĩa Lộ")
    assert name_key("Công an tỉnh") != name_key("Cộng")


def test_a_file_that_is_not_the_export_is_refused_with_the_reason(q4: Period) -> None:
    with pytest.raises(OnestopFileError, match="Không tìm thấy dòng tiêu đề"):
        read_stats_file("x.csv", io.BytesIO(b"a;b\n1;2\n"))
    good = csv_bytes([("I", "Cấp tỉnh", [agency("Sở Tư pháp", "", 5, 1, 0, 1, 5, 0, 0, 0)])])
    bad = good.replace(b";6;5;1;0;6;", ";6;năm;1;0;6;".encode(), 1)
    assert bad != good
    with pytest.raises(OnestopFileError) as refused:
        read_stats_file("x.csv", io.BytesIO(bad))
    assert refused.value.errors == ["Dòng 3, cột 5: «năm» không phải số hồ sơ."]
    with pytest.raises(OnestopFileError, match=r"Hãy chọn tệp \.xlsx hoặc \.csv"):
        read_stats_file("x.pdf", io.BytesIO(good))


URL = reverse("reporting:onestop_import")


def test_the_page_previews_then_imports_asking_before_overwriting(
    q4: Period, tmp_path: Path, client_for: Clients
) -> None:
    from cchc.accounts.actions import create_user, grant_role
    from cchc.accounts.models import Role

    command = Actor.command("test")
    coordinator = create_user(command, "dieuphoi2", "x" * 12, full_name="Lê Thị Hoa")
    grant_role(command, coordinator, _unit("QNG-SNV"), Role.COORDINATOR)
    type_figures(q4, "QNG-STP", {"dossiers_received": TYPED})
    path = write_xlsx(tmp_path / "bieu06.xlsx", DEMO_GROUPS, "Quý IV năm 2025")
    client = client_for(coordinator)
    with path.open("rb") as upload:
        preview = client.post(URL, {"period": q4.pk, "file": upload})
    html = preview.content.decode()
    assert "Xem trước: tệp bieu06.xlsx" in html
    assert "Sở Tư pháp" in html and "<strong>1.000</strong> (tệp: 992)" in html
    assert "Dòng 24: «Công an tỉnh»" in html
    assert not ReportValue.objects.filter(report__period=q4).exclude(value=TYPED).exists()
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html))
    response = client.post(URL, {**hidden, "overwrite": "1", "confirm": "1"})
    assert "Kết quả nhập tệp bieu06.xlsx" in response.content.decode()
    assert stored("QNG-STP", q4)["dossiers_received"] == Decimal(992)
    assert stored("QNG-X-LYSON", q4)["dossiers_pending_within"] == Decimal(10)
    assert AuditEntry.objects.filter(action="onestop.import").count() == 1
    # The unit's officer sees where each filled figure came from.
    officer = create_user(command, "chuyenvien2", "x" * 12, full_name="Phạm Văn Lợi")
    grant_role(command, officer, _unit("QNG-X-LYSON"), Role.OFFICER)
    report_url = reverse("reporting:report", args=["2025-Q4", "QNG-X-LYSON"])
    report_page = client_for(officer).get(report_url).content.decode()
    assert "Từ Hệ thống một cửa: tệp bieu06.xlsx, dòng 30" in report_page

    hidden["content"] = hidden["content"][:-8] + "AAAAAAA="
    damaged = client.post(URL, {**hidden, "confirm": "1"}).content.decode()
    assert "Tệp gửi kèm bị hỏng; hãy chọn lại tệp." in damaged


def _vn(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def test_the_page_refuses_a_program_renamed_as_the_export(q4: Period, client_for: Clients) -> None:
    from cchc.accounts.actions import create_user, grant_role
    from cchc.accounts.models import Role

    command = Actor.command("test")
    coordinator = create_user(command, "dieuphoi3", "x" * 12, full_name="Lê Thị Hoa")
    grant_role(command, coordinator, _unit("QNG-SNV"), Role.COORDINATOR)
    program = SimpleUploadedFile("bieu06.xlsx", b"MZ\x90\x00" + b"\0" * 60)
    html = client_for(coordinator).post(URL, {"period": q4.pk, "file": program}).content.decode()
    assert "bieu06.xlsx là chương trình chạy được" in html
    assert not OnestopImport.objects.exists()
