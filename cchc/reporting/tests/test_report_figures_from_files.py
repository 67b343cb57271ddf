"""Figures read from files on the report page: cchc's own Word report read exactly from its
table, a file of another unit or year flagged before anything is filled, each figure's source
and alternatives shown until a person confirms it, and the file kept with the report."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.documents.models import Document
from cchc.lib.officialdoc import DOCX_TYPE
from cchc.reporting.actions import report_values, save_draft, start_report
from cchc.reporting.exports import unit_report_docx
from cchc.reporting.models import FigureSource, Period, Report, ReportFile
from cchc.reporting.tests.complete import complete_figures, complete_narrative
from cchc.reporting.tests.pages import fresh, report_url, typed
from cchc.testing import Clients
from conftest import Province

SNV_SAMPLE = (
    Path(settings.BASE_DIR).parent
    / "shared"
    / "samples"
    / ("bao-cao-snv-hoi-nhap-6-thang-2023.txt")
)
# Figures unlike each other, so that a figure read from the wrong row shows.
FIGURES: dict[str, Decimal | int] = {
    "plan_tasks_set": 31,
    "plan_tasks_done": 17,
    "dossiers_received": 2319,
    "dossiers_received_online": 1500,
    "dossiers_received_in_person": 790,
    "dossiers_received_post": 29,
    "dossiers_resolved": 1001,
    "dossiers_resolved_early": 93,
    "dossiers_resolved_on_time": 822,
    "dossiers_resolved_late": 86,
    "dossiers_pending_within": 1200,
    "dossiers_pending_overdue": 11,
    "satisfaction_ratings": 640,
    "satisfaction_rate": Decimal("97.25"),
    "training_classes": 24,
    "training_participants": 2319,
    "tthc_announced_new": 102,
    "tthc_amended": 63,
}


def messages_of(response: object) -> list[str]:
    return [str(m) for m in response.context["messages"]]  # type: ignore[attr-defined]


def upload_url(period: Period, province: Province) -> str:
    return reverse("reporting:report_upload", args=[period.code, province.stp.code])


def test_cchcs_own_word_report_is_read_exactly_from_its_table(
    h1_2025: Period, officer: User, client_for: Clients, province: Province
) -> None:
    report = start_report(Actor.of_user(officer), h1_2025, province.stp)
    figures = complete_figures(report, **FIGURES)
    report = save_draft(
        Actor.of_user(officer), report, report.version, complete_narrative(report), figures
    )
    written = report_values(report)
    docx = unit_report_docx(Report.objects.get(pk=report.pk))
    # The officer starts again from a blank draft and re-reads the exported document.
    blank = save_draft(Actor.of_user(officer), report, report.version, {}, dict.fromkeys(figures))
    assert report_values(blank) == {}
    upload = SimpleUploadedFile("bao-cao-stp.docx", docx, DOCX_TYPE)
    response = client_for(officer).post(upload_url(h1_2025, province), {"files": [upload]})
    assert response.status_code == 302
    assert report_values(fresh(report)) == written
    assert report_values(fresh(report))["dossiers_resolved_on_time"] == 822
    source = FigureSource.objects.get(report=report, indicator__code="dossiers_resolved_on_time")
    assert source.source_kind == "table"
    assert source.source_text.endswith("Số hồ sơ giải quyết đúng hạn | hồ sơ | 822")


def test_a_file_of_another_unit_and_year_is_flagged_and_fills_nothing(
    stp_draft: Report, officer: User, client_for: Clients, province: Province
) -> None:
    period = stp_draft.period
    upload = SimpleUploadedFile(SNV_SAMPLE.name, SNV_SAMPLE.read_bytes(), "text/plain")
    response = client_for(officer).post(
        upload_url(period, province), {"files": [upload]}, follow=True
    )
    shown = " ".join(messages_of(response))
    assert "chưa điền gì, vì tệp không giống báo cáo của Sở Tư pháp kỳ này" in shown
    assert "Tệp do cơ quan có ký hiệu «SNV» ban hành, không phải Sở Tư pháp (STP)." in shown
    assert "Tệp báo cáo năm 2023, không phải năm 2025." in shown
    assert report_values(fresh(stp_draft)) == {}
    assert not ReportFile.objects.exists() and not Document.objects.exists()
    # Confirmed by the officer: filled, and the figures are marked with their sources.
    upload = SimpleUploadedFile(SNV_SAMPLE.name, SNV_SAMPLE.read_bytes(), "text/plain")
    client_for(officer).post(upload_url(period, province), {"files": [upload], "van_dien": "1"})
    assert report_values(fresh(stp_draft))["plan_tasks_set"] == 60
    kept = ReportFile.objects.get(report=stp_draft)
    assert kept.name == SNV_SAMPLE.name and kept.document is None
    # Kept with the report: listed on its page and downloaded by those who read it.
    link = reverse("reporting:report_file", args=[period.code, province.stp.code, kept.pk])
    page = client_for(officer).get(report_url("report", period, province.stp)).content.decode()
    assert f'<a href="{link}">{SNV_SAMPLE.name}</a>' in page
    download = client_for(officer).get(link)
    assert b"".join(download.streaming_content) == SNV_SAMPLE.read_bytes()  # type: ignore[attr-defined]


def test_each_figure_shows_its_source_and_alternatives_until_confirmed(
    stp_draft: Report, officer: User, client_for: Clients, province: Province
) -> None:
    period, unit = stp_draft.period, province.stp
    text = (
        "Số: 12/BC-STP\n\nQuảng Ngãi, ngày 16 tháng 6 năm 2025\n\nBÁO CÁO\n\n"
        "Kết quả công tác cải cách hành chính 6 tháng đầu năm 2025\n\n"
        "1. Cải cách thủ tục hành chính\n\n"
        "Trong kỳ, Sở tiếp nhận 1.250 hồ sơ thủ tục hành chính.\n"
        "Bộ phận một cửa đã tiếp nhận 1.300 hồ sơ, kể cả hồ sơ liên thông.\n\n"
        "Nơi nhận:\n- Sở Nội vụ;\n\nGIÁM ĐỐC\n\nTrần Văn Hùng\n"
    )
    upload = SimpleUploadedFile("stp.txt", text.encode(), "text/plain")
    client = client_for(officer)
    client.post(upload_url(period, province), {"files": [upload]})
    html = client.get(report_url("report", period, unit)).content.decode()
    row = html[html.index('<tr data-code="dossiers_received"') :]
    row = row[: row.index("</tr>")]
    assert "từ tệp – chưa xác nhận" in row
    assert "<q>Trong kỳ, Sở tiếp nhận 1.250 hồ sơ thủ tục hành chính.</q>" in row
    assert "<strong>1.300</strong>" in row  # the alternative the reader found
    assert "1 số liệu đọc từ tệp chưa được xác nhận" in html
    # The confirm button saves what the page holds, then confirms.
    response = client.post(
        reverse("reporting:report_confirm_figure", args=[period.code, unit.code]),
        {**typed(fresh(stp_draft), {"I": "Đã xem."}), "indicator": "dossiers_received"},
        follow=True,
    )
    assert "Đã xác nhận số liệu." in messages_of(response)
    source = FigureSource.objects.get(report=stp_draft, indicator__code="dossiers_received")
    assert source.confirmed_by == officer and source.confirmed_at is not None
    assert fresh(stp_draft).narrative["I"] == "Đã xem."
    html = response.content.decode()
    assert "từ tệp, đã xác nhận" in html and "chưa được xác nhận" not in html
    # Typing another value makes it the officer's own figure: the source goes.
    client.post(
        report_url("report_save", period, unit), typed(fresh(stp_draft), dossiers_received="1.300")
    )
    assert not FigureSource.objects.filter(report=stp_draft).exists()


def test_a_figure_not_read_from_a_file_cannot_be_confirmed(
    stp_draft: Report, officer: User, client_for: Clients, province: Province
) -> None:
    response = client_for(officer).post(
        reverse("reporting:report_confirm_figure", args=[stp_draft.period.code, province.stp.code]),
        {"indicator": "dossiers_received"},
        follow=True,
    )
    assert "Số liệu này không đọc từ tệp, không cần xác nhận." in messages_of(response)


def test_confirming_is_refused_to_a_leader_and_an_outsider(
    stp_draft: Report, leader: User, outsider: User, client_for: Clients, province: Province
) -> None:
    url = reverse(
        "reporting:report_confirm_figure", args=[stp_draft.period.code, province.stp.code]
    )
    assert client_for(leader).post(url, {"indicator": "x"}).status_code == 403
    assert client_for(outsider).post(url, {"indicator": "x"}).status_code == 403
