"""Ad hoc reports (/bao-cao/dot-xuat/): the coordinator asks every unit for a report "theo Công
văn số …", choosing the document in the register; units then file it like any other period."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.documents.actions import DocumentData, register_document
from cchc.documents.models import Document
from cchc.reporting.models import ADHOC_KIND, Period, Report
from cchc.reporting.tests.pages import messages_of, report_url
from cchc.testing import Clients
from conftest import Province

URL = reverse("reporting:adhoc_request")


@pytest.fixture
def request_document(reporting: None, coordinator: User) -> Document:
    return register_document(
        Actor.of_user(coordinator),
        DocumentData(
            "1763/UBND-NC",
            dt.date(2025, 5, 31),
            "Về việc báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính",
        ),
    )


def request_data(chosen: Document, **changes: str) -> dict[str, str]:
    data = {
        "document": str(chosen.pk),
        "title": "Báo cáo theo Công văn số 1763/UBND-NC",
        "start": "01/01/2025",
        "end": "31/05/2025",
        "due": "10/06/2025",
    }
    data.update(changes)
    return data


def test_the_document_is_found_by_its_symbol_without_accents(
    request_document: Document, coordinator: User, client_for: Clients
) -> None:
    register_document(
        Actor.of_user(coordinator), DocumentData("590/QĐ-UBND", None, "Kế hoạch hội nhập")
    )
    page = client_for(coordinator).get(URL, {"q": "1763 ubnd"}).content.decode()
    assert "Công văn số 1763/UBND-NC" in page
    assert "590/QĐ-UBND" not in page
    page = client_for(coordinator).get(URL, {"q": "cai cach hanh chinh"}).content.decode()
    assert "1763/UBND-NC" in page


def test_the_coordinator_asks_for_an_ad_hoc_report_that_units_then_file(
    request_document: Document,
    coordinator: User,
    officer: User,
    client_for: Clients,
    province: Province,
) -> None:
    response = client_for(coordinator).post(URL, request_data(request_document), follow=True)
    period = Period.objects.get(kind=ADHOC_KIND)
    assert (period.code, period.start, period.end, period.due_date) == (
        "2025-DX1",
        dt.date(2025, 1, 1),
        dt.date(2025, 5, 31),
        dt.date(2025, 6, 10),
    )
    assert period.requested_by == request_document
    assert period.form.is_adhoc
    html = response.content.decode()
    assert "Đã yêu cầu các đơn vị báo cáo «Báo cáo theo Công văn số 1763/UBND-NC»" in html
    assert "hạn nộp 10/06/2025" in html
    assert response.redirect_chain[-1][0] == reverse(
        "reporting:period_completeness", args=[period.code]
    )
    assert AuditEntry.objects.filter(action="period.open", actor=coordinator).exists()

    # The period is listed, with its document, and Sở Tư pháp files it on the ad hoc form.
    listing = client_for(officer).get(reverse("reporting:period_list")).content.decode()
    assert "Báo cáo theo Công văn số 1763/UBND-NC" in listing
    assert report_url("report_start", period, province.stp) in listing
    client_for(officer).post(report_url("report_start", period, province.stp))
    page = client_for(officer).get(report_url("report", period, province.stp)).content.decode()
    assert "1. Tình hình, kết quả thực hiện" in page
    assert 'name="value-adhoc_tasks_done"' in page
    assert "Công văn số 1763/UBND-NC" in page
    assert Report.objects.filter(period=period, unit=province.stp).exists()


def test_a_document_and_consistent_dates_are_required(
    request_document: Document, coordinator: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    response = client.post(URL, request_data(request_document, document=""))
    assert "Hãy chọn văn bản yêu cầu báo cáo." in response.content.decode()
    response = client.post(URL, request_data(request_document, end="31/12/2024", due="x"))
    html = response.content.decode()
    assert "Ngày kết thúc phải sau ngày bắt đầu số liệu." in html
    assert "Nhập một ngày hợp lệ." in html
    # What was typed stays in the form.
    assert 'value="Báo cáo theo Công văn số 1763/UBND-NC"' in html
    assert "checked" in html
    assert not Period.objects.filter(kind=ADHOC_KIND).exists()


def test_only_coordination_asks_for_reports(
    request_document: Document,
    officer: User,
    leader: User,
    outsider: User,
    client_for: Clients,
) -> None:
    for user in (officer, leader, outsider):
        assert client_for(user).get(URL).status_code == 403
        assert client_for(user).post(URL, request_data(request_document)).status_code == 403
    assert Client().get(URL)["Location"].startswith(reverse("accounts:login"))
    assert not Period.objects.filter(kind=ADHOC_KIND).exists()


def test_a_search_too_long_is_said_and_every_document_listed(
    request_document: Document, coordinator: User, client_for: Clients
) -> None:
    response = client_for(coordinator).get(URL, {"q": "x" * 201})
    assert messages_of(response) == ["Từ khóa tìm văn bản quá dài (tối đa 200 ký tự)."]
    assert "1763/UBND-NC" in response.content.decode()
