"""Uploading an existing report on the unit's report page fills only the empty figures, each
marked with its source until confirmed; the file stays with the report unless registered."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.documents.models import Document
from cchc.reporting.actions import report_values, save_draft, start_report, submit_report
from cchc.reporting.models import FigureSource, Period, Report
from cchc.reporting.tests.complete import fill_completely
from conftest import Province

REPORT_TEXT = """Số: 12/BC-STP

Quảng Ngãi, ngày 16 tháng 6 năm 2025

BÁO CÁO

Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2025

Thực hiện Quyết định số 590/QĐ-UBND ngày 24/4/2014 của UBND tỉnh, Sở Tư pháp báo cáo như sau:

1. Cải cách thủ tục hành chính

Trong kỳ, Sở tiếp nhận 1.250 hồ sơ thủ tục hành chính, trong đó 800 hồ sơ trực tuyến.
Tổ chức 4 lớp đào tạo, bồi dưỡng với 215 lượt người tham gia.

Nơi nhận:
- Sở Nội vụ;
- Lưu: VT.

GIÁM ĐỐC

Trần Văn Hùng
"""


def url(period: Period, province: Province) -> str:
    return reverse("reporting:report_upload", args=[period.code, province.stp.code])


def upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("bao-cao-stp.txt", REPORT_TEXT.encode(), "text/plain")


def started(period: Period, officer: User, province: Province) -> Report:
    return start_report(Actor.of_user(officer), period, province.stp)


def test_figures_read_from_the_file_fill_the_empty_ones_and_keep_typed_ones(
    h1_2025: Period, officer: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    report = started(h1_2025, officer, province)
    save_draft(Actor.of_user(officer), report, 1, {}, {"training_classes": Decimal(5)})
    response = client_for(officer).post(url(h1_2025, province), {"files": [upload()]})
    assert response.status_code == 302
    values = report_values(report)
    assert values["dossiers_received"] == 1250
    assert values["dossiers_received_online"] == 800
    assert values["training_participants"] == 215
    assert values["training_classes"] == 5  # typed before: not overwritten
    assert AuditEntry.objects.filter(action="report.fill_from_file", actor=officer).count() == 1
    source = FigureSource.objects.get(indicator__code="dossiers_received")
    assert "tiếp nhận 1.250 hồ sơ" in source.source_text
    assert source.confirmed_at is None and source.file is not None
    assert source.file.name == "bao-cao-stp.txt"
    # Not in the province's register unless asked.
    assert not Document.objects.exists()


def test_the_uploaded_report_and_what_it_cites_go_into_the_register(
    h1_2025: Period, officer: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    started(h1_2025, officer, province)
    client_for(officer).post(url(h1_2025, province), {"files": [upload()], "vao_so": "1"})
    document = Document.objects.get(symbol="12/BC-STP")
    assert [d.symbol for d in document.cites.all()] == ["590/QĐ-UBND"]


def test_the_page_tells_what_was_filled_for_the_officer_to_check(
    h1_2025: Period, officer: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    started(h1_2025, officer, province)
    response = client_for(officer).post(url(h1_2025, province), {"files": [upload()]}, follow=True)
    page = response.content.decode()
    assert "đánh dấu «từ tệp» cho đến khi được xác nhận" in page
    assert "từ tệp – chưa xác nhận" in page
    assert "Trong kỳ, Sở tiếp nhận 1.250 hồ sơ thủ tục hành chính" in page


def test_a_sent_report_is_not_filled(
    h1_2025: Period,
    officer: User,
    head: User,
    province: Province,
    client_for: Callable[[User], Client],
) -> None:
    report = fill_completely(Actor.of_user(head), started(h1_2025, officer, province))
    report = submit_report(Actor.of_user(head), report)
    before = report_values(report)
    client_for(officer).post(url(h1_2025, province), {"files": [upload()]})
    assert report_values(report) == before


def test_a_leader_who_reads_every_report_may_not_fill_one(
    h1_2025: Period,
    officer: User,
    leader: User,
    province: Province,
    client_for: Callable[[User], Client],
) -> None:
    started(h1_2025, officer, province)
    response = client_for(leader).post(url(h1_2025, province), {"files": [upload()]})
    assert response.status_code == 403


def test_an_outsider_is_refused(
    h1_2025: Period,
    officer: User,
    outsider: User,
    province: Province,
    client_for: Callable[[User], Client],
) -> None:
    started(h1_2025, officer, province)
    assert client_for(outsider).post(url(h1_2025, province)).status_code == 403
