"""Importing a unit's existing report file (Word, PDF, text) into its report of a period: the
narrative split into the form's sections, the figures with their source sentences; the command
`import_report` and the page that shows what goes where before saving."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.documents.models import Document
from cchc.orgs.actions import UnitData, import_units
from cchc.reporting.actions import load_config, open_periods, report_values
from cchc.reporting.loading import read_config
from cchc.reporting.models import FigureSource, Period, Report, ReportFile
from conftest import Province

SAMPLES = Path(settings.BASE_DIR).parent / "shared" / "samples"
EXPECTED = json.loads((Path(__file__).parent / "data" / "import_samples.json").read_text("utf-8"))


@pytest.fixture
def sample_periods(province: Province) -> None:
    """The shipped form, also as the form of 2020 (the samples' years), and their periods."""
    config = read_config()
    load_config(Actor.command("test"), config)
    config.forms[0]["version"] = 2020
    load_config(Actor.command("test"), config)
    for year in (2020, 2022, 2023, 2025):
        open_periods(Actor.command("test"), year)
    import_units(
        Actor.command("test"),
        [
            UnitData(s["unit"]["code"], s["unit"]["name"], s["unit"]["kind"],
                     s["unit"]["short_code"], "QNG")
            for s in EXPECTED["samples"]
            if "name" in s["unit"]
        ],
    )  # fmt: skip


def _digits(text: str) -> str:
    return re.sub(r"(?<=[0-9])\.(?=[0-9]{3})", "", text)


@pytest.mark.parametrize("sample", EXPECTED["samples"], ids=lambda s: s["file"])
def test_the_samples_go_into_the_right_sections_with_their_figures_and_sources(
    sample_periods: None, sample: dict[str, Any]
) -> None:
    out = StringIO()
    call_command(
        "import_report",
        str(SAMPLES / sample["file"]),
        period=sample["period"],
        unit=sample["unit"]["code"],
        stdout=out,
    )
    report = Report.objects.get(period__code=sample["period"], unit__code=sample["unit"]["code"])
    narrative = report.narrative
    for code, expected in sample["sections"].items():
        assert narrative[code].startswith(expected["starts"]), code
        assert expected["contains"] in narrative[code], code
        holding = [c for c, text in narrative.items() if expected["starts"] in text]
        assert holding == [code], expected["starts"]
    for code in sample["empty"]:
        assert not narrative.get(code), code
    for text in sample["outside"]:
        assert all(text not in section for section in narrative.values()), text
    # Every figure filled has its source sentence, which states it.
    sources = list(FigureSource.objects.filter(report=report).select_related("indicator"))
    assert sources
    values = report_values(report)
    for source in sources:
        assert values[source.indicator.code] == source.value
        number = f"{source.value.normalize():f}".replace(".", ",")
        assert re.search(rf"(?<![0-9])0*{number}(?![0-9])", _digits(source.source_text)), (
            source.indicator.code,
            source.source_text,
        )
        assert source.confirmed_at is None
    printed = out.getvalue()
    assert "Đã tạo bản nháp báo cáo" in printed
    for code in sample["sections"]:
        assert re.search(rf"^{re.escape(code)}\. .*: đã điền", printed, re.M), code
    # The file is kept with the report, not registered in the province's register.
    assert ReportFile.objects.get(report=report).name == sample["file"]
    assert not Document.objects.exists()


def test_the_vp_sample_fills_its_figures_with_their_sentences(sample_periods: None) -> None:
    call_command(
        "import_report",
        str(SAMPLES / "bao-cao-vp-ubnd-chuong-trinh-9-thang-2022.txt"),
        period="2022-9M",
        unit="QNG-VP",
        stdout=StringIO(),
    )
    sources = {
        s.indicator.code: s
        for s in FigureSource.objects.filter(report__unit__code="QNG-VP").select_related(
            "indicator"
        )
    }
    assert sources["tthc_announced_new"].value == 102
    assert "công bố 102 TTHC mới ban hành" in sources["tthc_announced_new"].source_text
    assert sources["petitions_received"].value == 716


def test_a_file_of_another_unit_and_year_is_refused_with_the_reason_unless_forced(
    sample_periods: None, province: Province
) -> None:
    sample = str(SAMPLES / "bao-cao-snv-hoi-nhap-6-thang-2023.txt")
    with pytest.raises(CommandError) as error:
        call_command("import_report", sample, period="2025-H1", unit="QNG-STP")
    message = str(error.value)
    assert "«SNV»" in message and "Sở Tư pháp" in message
    assert "năm 2023, không phải năm 2025" in message
    assert not Report.objects.filter(unit=province.stp).exists()
    call_command(
        "import_report", sample, period="2025-H1", unit="QNG-STP", force=True, stdout=StringIO()
    )
    assert Report.objects.get(unit=province.stp).narrative["III"]


def test_importing_again_overwrites_nothing(sample_periods: None) -> None:
    sample = str(SAMPLES / "bao-cao-snv-hoi-nhap-6-thang-2023.txt")
    call_command("import_report", sample, period="2023-H1", unit="QNG-SNV", stdout=StringIO())
    report = Report.objects.get(period__code="2023-H1", unit__code="QNG-SNV")
    Report.objects.filter(pk=report.pk).update(narrative={**report.narrative, "III": "Sửa tay."})
    out = StringIO()
    call_command("import_report", sample, period="2023-H1", unit="QNG-SNV", stdout=out)
    assert Report.objects.get(pk=report.pk).narrative["III"] == "Sửa tay."
    assert "III. Đánh giá chung: giữ nội dung đã có" in out.getvalue()


# The page


def _page(period: str, unit: str) -> str:
    return reverse("reporting:report_import", args=[period, unit])


def _sample_upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (SAMPLES / name).read_bytes(), "text/plain")


def test_the_coordinator_previews_then_saves_a_units_report_file(
    sample_periods: None, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(coordinator)
    name = "bao-cao-snv-hoi-nhap-6-thang-2023.txt"
    response = client.post(_page("2023-H1", "QNG-SNV"), {"file": _sample_upload(name)})
    html = response.content.decode()
    assert response.status_code == 200
    # What goes where, before anything is saved.
    assert '<tr data-section="III">' in html and "2. Đánh giá chung" in html
    assert "xác định cụ thể 60 nhiệm vụ" in html
    assert not Report.objects.filter(period__code="2023-H1").exists()
    token = re.search(r'name="token" value="([^"]+)"', html)
    assert token is not None
    response = client.post(_page("2023-H1", "QNG-SNV"), {"token": token.group(1)}, follow=True)
    report = Report.objects.get(period__code="2023-H1", unit__code="QNG-SNV")
    assert report.narrative["III"].startswith("06 tháng đầu năm 2023")
    assert report_values(report)["plan_tasks_set"] == 60
    assert "Đã nhập bao-cao-snv-hoi-nhap-6-thang-2023.txt" in response.content.decode()
    assert AuditEntry.objects.filter(action="report.fill_from_file", actor=coordinator).exists()


def test_the_page_overwrites_typed_text_only_where_ticked(
    sample_periods: None, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(coordinator)
    name = "bao-cao-snv-hoi-nhap-6-thang-2023.txt"
    call_command(
        "import_report", str(SAMPLES / name), period="2023-H1", unit="QNG-SNV", stdout=StringIO()
    )
    report = Report.objects.get(period__code="2023-H1", unit__code="QNG-SNV")
    Report.objects.filter(pk=report.pk).update(
        narrative={**report.narrative, "III": "Sửa tay.", "IV": "Sửa tay."}
    )
    html = client.post(_page("2023-H1", "QNG-SNV"), {"file": _sample_upload(name)}).content
    token = re.search(r'name="token" value="([^"]+)"', html.decode())
    assert token is not None
    client.post(_page("2023-H1", "QNG-SNV"), {"token": token.group(1), "ghi_de": ["IV"]})
    narrative = Report.objects.get(pk=report.pk).narrative
    assert narrative["III"] == "Sửa tay."
    assert narrative["IV"].startswith("Trên cơ sở nhiệm vụ được giao")


def test_the_page_flags_a_file_of_another_unit_and_saves_nothing(
    sample_periods: None, officer: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    response = client_for(officer).post(
        _page("2025-H1", "QNG-STP"),
        {"file": _sample_upload("bao-cao-snv-hoi-nhap-6-thang-2023.txt")},
    )
    html = response.content.decode()
    assert "Tệp không giống báo cáo của đơn vị kỳ này; chưa điền gì" in html
    assert "không phải Sở Tư pháp (STP)" in html
    assert 'name="token"' not in html
    assert not Report.objects.filter(unit=province.stp).exists()


def test_a_tampered_token_saves_nothing(
    sample_periods: None, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(coordinator).post(
        _page("2023-H1", "QNG-SNV"), {"token": "gia-mao"}, follow=True
    )
    assert "Phiên nhập tệp không hợp lệ" in response.content.decode()
    assert not Report.objects.filter(period__code="2023-H1").exists()


def test_a_leader_and_an_outsider_are_refused(
    sample_periods: None,
    leader: User,
    outsider: User,
    province: Province,
    client_for: Callable[[User], Client],
) -> None:
    assert client_for(leader).get(_page("2025-H1", "QNG-STP")).status_code == 403
    assert client_for(outsider).get(_page("2025-H1", "QNG-STP")).status_code == 403
    assert Period.objects.filter(code="2025-H1").exists()
