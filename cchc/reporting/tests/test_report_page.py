"""The report page of a unit for a period (/bao-cao/<kỳ>/<đơn vị>/), read by role.

The officer and the head of Sở Tư pháp edit their unit's draft; the coordinator and the leader
read it; an officer of another unit, an outsider and an anonymous visitor are refused.
"""

from __future__ import annotations

from decimal import Decimal

from django.test import Client

from cchc.accounts.models import Membership, Role, User
from cchc.audit.log import Actor
from cchc.reporting.actions import save_draft
from cchc.reporting.models import Period, Report
from cchc.reporting.tests.pages import report_url
from cchc.testing import Clients
from conftest import Province


def test_the_officer_edits_each_section_and_the_figures_of_a_department(
    stp_draft: Report, officer: User, client_for: Clients, province: Province
) -> None:
    page = client_for(officer).get(report_url("report", stp_draft.period, province.stp))
    html = page.content.decode()
    assert page.status_code == 200
    assert f"Sở Tư pháp: {stp_draft.period.title}" in html
    assert "Đang soạn" in html
    assert 'name="version" value="1"' in html
    for section in ("I. Công tác chỉ đạo, điều hành", "II.2. Cải cách thủ tục hành chính",
                    "V. Đề xuất, kiến nghị"):  # fmt: skip
        assert section in html
    assert 'name="narrative-II.2"' in html
    assert 'name="value-dossiers_received"' in html
    # A department reports the procedures it announces; ratios are computed, not typed.
    assert 'name="value-tthc_announced_new"' in html
    assert 'name="value-dossiers_on_time_rate"' not in html
    assert '<output id="value-dossiers_on_time_rate"' in html
    assert report_url("report_autosave", stp_draft.period, province.stp) in html
    assert "cchc/report.js" in html
    assert report_url("report_submit", stp_draft.period, province.stp) not in html  # the head's


def test_a_commune_is_not_asked_for_the_figures_of_departments(
    h1_2025: Period, admin_user: User, client_for: Clients, province: Province
) -> None:
    client = client_for(admin_user)
    client.post(report_url("report_start", h1_2025, province.old_commune))
    html = client.get(report_url("report", h1_2025, province.old_commune)).content.decode()
    assert 'name="value-dossiers_received"' in html
    assert 'name="value-tthc_announced_new"' not in html


def test_the_head_has_the_send_button(
    stp_draft: Report, head: User, client_for: Clients, province: Province
) -> None:
    html = client_for(head).get(report_url("report", stp_draft.period, province.stp)).content
    assert report_url("report_submit", stp_draft.period, province.stp) in html.decode()
    assert "Gửi báo cáo" in html.decode()


def test_figures_are_written_the_vietnamese_way_and_ratios_recomputed(
    stp_draft: Report, officer: User, client_for: Clients, province: Province
) -> None:
    save_draft(
        Actor.of_user(officer),
        stp_draft,
        1,
        {"II.2": "Tiếp nhận 2.319 hồ sơ."},
        {
            "dossiers_received": Decimal(2319),
            "dossiers_resolved": Decimal(2000),
            "dossiers_resolved_early": Decimal(300),
            "dossiers_resolved_on_time": Decimal(1421),
            "dossiers_resolved_late": Decimal(279),
            "satisfaction_rate": Decimal("86.08"),
        },
    )
    html = client_for(officer).get(report_url("report", stp_draft.period, province.stp))
    page = html.content.decode()
    assert 'value="2.319"' in page
    assert 'value="86,08"' in page
    assert ">86,05</output>" in page  # (300 + 1.421) / 2.000
    assert "Tiếp nhận 2.319 hồ sơ.</textarea>" in page


def test_findings_are_shown_beside_the_figures_they_concern(
    stp_draft: Report, officer: User, client_for: Clients, province: Province
) -> None:
    save_draft(
        Actor.of_user(officer),
        stp_draft,
        1,
        {},
        {
            "plan_tasks_set": Decimal(10),
            "plan_tasks_done": Decimal(12),
            "subunits_before": Decimal(8),
            "subunits_after": Decimal(12),
        },
    )
    page = client_for(officer).get(report_url("report", stp_draft.period, province.stp))
    html = page.content.decode()
    assert '<tr data-code="plan_tasks_done" class="finding-blocking">' in html
    assert '<tr data-code="subunits_after" class="finding-warning">' in html
    assert (
        '<li class="blocking">Số nhiệm vụ đã hoàn thành không được lớn hơn số nhiệm vụ trong '
        "kế hoạch.</li>"
    ) in html
    assert (
        '<li class="warning">Số đơn vị sau sắp xếp lớn hơn trước sắp xếp: kiểm tra lại.</li>'
    ) in html


def test_readers_see_the_report_without_a_form(
    stp_draft: Report,
    coordinator: User,
    leader: User,
    client_for: Clients,
    province: Province,
) -> None:
    for reader in (coordinator, leader):
        page = client_for(reader).get(report_url("report", stp_draft.period, province.stp))
        html = page.content.decode()
        assert page.status_code == 200
        assert "Sở Tư pháp" in html
        assert "<textarea" not in html
        assert report_url("report_save", stp_draft.period, province.stp) not in html
        assert "report.js" not in html


def test_readers_cannot_post_to_the_report(
    stp_draft: Report, coordinator: User, leader: User, client_for: Clients, province: Province
) -> None:
    data = {"version": "1", "narrative-I": "Sửa hộ"}
    for reader in (coordinator, leader):
        for name in ("report_save", "report_autosave", "report_submit", "report_start"):
            response = client_for(reader).post(
                report_url(name, stp_draft.period, province.stp), data
            )
            assert response.status_code == 403, (reader, name)
    assert Report.objects.get(pk=stp_draft.pk).narrative == {}


def test_an_officer_of_another_unit_is_refused(
    stp_draft: Report, client_for: Clients, province: Province
) -> None:
    other = User.objects.create_user("chuyenviensnv", password="x")
    Membership.objects.create(user=other, unit=province.snv, role=Role.OFFICER)
    client = client_for(other)
    assert client.get(report_url("report", stp_draft.period, province.stp)).status_code == 403
    for name in ("report_save", "report_autosave", "report_start", "report_docx"):
        method = client.get if name == "report_docx" else client.post
        response = method(report_url(name, stp_draft.period, province.stp), {"version": "1"})
        assert response.status_code == 403, name
    # Their own unit's page is theirs.
    assert client.get(report_url("report", stp_draft.period, province.snv)).status_code == 200


def test_a_unit_without_a_report_can_start_one(
    h1_2025: Period, officer: User, leader: User, client_for: Clients, province: Province
) -> None:
    url = report_url("report", h1_2025, province.stp)
    html = client_for(leader).get(url).content.decode()
    assert "Đơn vị chưa bắt đầu soạn báo cáo kỳ này." in html
    assert "Bắt đầu soạn" not in html
    client = client_for(officer)
    assert "Bắt đầu soạn" in client.get(url).content.decode()
    response = client.post(report_url("report_start", h1_2025, province.stp), follow=True)
    assert "Đã tạo bản nháp báo cáo" in response.content.decode()
    assert Report.objects.filter(period=h1_2025, unit=province.stp).count() == 1


def test_the_unit_report_downloads_as_a_word_document(
    stp_draft: Report, leader: User, client_for: Clients, province: Province
) -> None:
    page = client_for(leader).get(report_url("report", stp_draft.period, province.stp))
    url = report_url("report_docx", stp_draft.period, province.stp)
    assert url in page.content.decode()
    response = client_for(leader).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="bao-cao-2025-H1-QNG-STP.docx"'
    )
    assert response.content.startswith(b"PK")


def test_an_outsider_is_refused_and_an_anonymous_visitor_signs_in(
    stp_draft: Report, outsider: User, client_for: Clients, province: Province
) -> None:
    url = report_url("report", stp_draft.period, province.stp)
    assert client_for(outsider).get(url).status_code == 403
    assert client_for(outsider).post(report_url("report_save", stp_draft.period, province.stp),
                                     {"version": "1"}).status_code == 403  # fmt: skip
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


def test_a_unit_that_does_not_report_in_the_period_cannot_start_one(
    h1_2025: Period, admin_user: User, client_for: Clients, province: Province
) -> None:
    # The new commune exists from 01/07/2025, after the 6-month window.
    client = client_for(admin_user)
    page = client.get(report_url("report", h1_2025, province.new_commune)).content.decode()
    assert "Đơn vị không thuộc diện báo cáo kỳ này." in page
    assert "Bắt đầu soạn" not in page
    response = client.post(report_url("report_start", h1_2025, province.new_commune), follow=True)
    assert "Đơn vị không thuộc diện báo cáo kỳ này." in response.content.decode()
    assert not Report.objects.filter(unit=province.new_commune).exists()
