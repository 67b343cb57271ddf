"""The issue's "Done when", in the browser's terms (HTTP POSTs as the named users): an officer
drafts, the head submits, a coordinator returns then accepts; invalid figures are refused with
the rule's message; late and missing units show in the completeness table."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from cchc.accounts.models import User
from cchc.audit.models import AuditEntry
from cchc.reporting.models import Period, Report, ReportEvent, Status
from cchc.reporting.tests.pages import fresh, report_url, typed, typed_complete
from cchc.testing import Clients
from conftest import Province


def messages_of(response: object) -> list[str]:
    return [str(m) for m in response.context["messages"]]  # type: ignore[attr-defined]


def test_officer_drafts_head_submits_coordinator_returns_then_accepts(
    h1_2025: Period,
    officer: User,
    head: User,
    coordinator: User,
    client_for: Clients,
    province: Province,
) -> None:
    period, unit = h1_2025, province.stp
    as_officer, as_head, as_coordinator = (
        client_for(officer),
        client_for(head),
        client_for(coordinator),
    )
    # The officer starts the draft from the period list and fills it in.
    response = as_officer.post(report_url("report_start", period, unit), follow=True)
    assert "Đã tạo bản nháp báo cáo" in messages_of(response)[0]
    report = Report.objects.get(period=period, unit=unit)
    response = as_officer.post(
        report_url("report_save", period, unit),
        typed_complete(
            report,
            {"I": "Đã ban hành kế hoạch.", "II.2": "Tiếp nhận 2.319 hồ sơ."},
            dossiers_received="2.319",
            dossiers_received_in_person="2.319",
            dossiers_resolved="2.000",
            dossiers_resolved_early="300",
            dossiers_resolved_on_time="1.600",
            dossiers_resolved_late="100",
        ),
        follow=True,
    )
    assert messages_of(response) == ["Đã lưu báo cáo."]
    # The officer cannot send; the head can, and sends what the page holds.
    assert as_officer.post(report_url("report_submit", period, unit)).status_code == 403
    response = as_head.post(
        report_url("report_submit", period, unit),
        typed(fresh(report), {"V": "Đề nghị tập huấn."}),
        follow=True,
    )
    assert messages_of(response) == ["Đã gửi báo cáo."]
    report = fresh(report)
    assert report.status == Status.SUBMITTED
    assert report.narrative["V"] == "Đề nghị tập huấn."
    assert report.first_submitted_at is not None
    # A sent report is read-only for the unit.
    html = as_officer.get(report_url("report", period, unit)).content.decode()
    assert "<textarea" not in html and "Đã gửi" in html

    # The coordinator returns it: a reason is required.
    response = as_coordinator.post(
        report_url("report_return", period, unit), {"comment": "  "}, follow=True
    )
    assert messages_of(response) == ["Hãy ghi lý do để đơn vị biết cần sửa gì."]
    assert fresh(report).status == Status.SUBMITTED
    response = as_coordinator.post(
        report_url("report_return", period, unit),
        {"comment": "Bổ sung nguyên nhân hồ sơ quá hạn."},
        follow=True,
    )
    assert messages_of(response) == ["Đã trả lại báo cáo cho đơn vị."]
    assert fresh(report).status == Status.RETURNED

    # The unit corrects and sends again; the first sending still decides timeliness.
    first_sent = fresh(report).first_submitted_at
    html = as_officer.get(report_url("report", period, unit)).content.decode()
    assert "Báo cáo được trả lại để sửa (dieuphoi, " in html
    assert "<strong>Bổ sung nguyên nhân hồ sơ quá hạn.</strong>" in html
    assert "<textarea" in html
    as_officer.post(
        report_url("report_save", period, unit),
        typed(fresh(report), {"III": "Nguyên nhân: hồ sơ phức tạp."}),
    )
    response = as_head.post(report_url("report_submit", period, unit), follow=True)
    assert messages_of(response) == ["Đã gửi báo cáo."]
    assert fresh(report).first_submitted_at == first_sent

    # The coordinator accepts, then reopens it with a reason.
    html = as_coordinator.get(report_url("report", period, unit)).content.decode()
    assert report_url("report_accept", period, unit) in html
    response = as_coordinator.post(report_url("report_accept", period, unit), follow=True)
    assert messages_of(response) == ["Đã tiếp nhận báo cáo."]
    assert fresh(report).status == Status.ACCEPTED
    response = as_coordinator.post(
        report_url("report_reopen", period, unit), {"comment": ""}, follow=True
    )
    assert messages_of(response) == ["Hãy ghi lý do để đơn vị biết cần sửa gì."]
    assert fresh(report).status == Status.ACCEPTED
    response = as_coordinator.post(
        report_url("report_reopen", period, unit), {"comment": "Sửa số liệu"}, follow=True
    )
    assert messages_of(response) == ["Đã mở lại báo cáo để đơn vị sửa."]
    assert fresh(report).status == Status.RETURNED

    moves = list(ReportEvent.objects.filter(report=report).values_list("from_status", "to_status"))
    assert moves == [
        (Status.DRAFT, Status.SUBMITTED),
        (Status.SUBMITTED, Status.RETURNED),
        (Status.RETURNED, Status.SUBMITTED),
        (Status.SUBMITTED, Status.ACCEPTED),
        (Status.ACCEPTED, Status.RETURNED),
    ]
    kinds = list(ReportEvent.objects.filter(report=report).values_list("kind", flat=True))
    assert kinds == ["submit", "return", "submit", "accept", "reopen"]
    history = response.content.decode()
    assert history.count("→") == 5
    # Each step in the words of the workflow's table.
    reopened = "<td>Mở lại báo cáo</td><td>Đã tiếp nhận → Bị trả lại</td><td>Sửa số liệu</td>"
    assert reopened in history
    assert "giamdoc" in history and "dieuphoi" in history
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"report.create", "report.save", "report.submitted", "report.returned"} <= actions
    assert "report.accepted" in actions


def test_invalid_figures_are_refused_on_sending_with_the_rules_messages(
    stp_draft: Report, head: User, client_for: Clients, province: Province
) -> None:
    period, unit = stp_draft.period, province.stp
    response = client_for(head).post(
        report_url("report_submit", period, unit),
        typed_complete(
            stp_draft,
            dossiers_received="100",
            dossiers_received_in_person="100",
            dossiers_resolved="150",
            dossiers_pending_within="0",
            dossiers_pending_overdue="0",
            satisfaction_rate="120",
            satisfaction_ratings="40",
        ),
        follow=True,
    )
    shown = messages_of(response)
    assert shown[0].startswith("Chưa gửi được: báo cáo còn 3 mục trống hoặc chưa hợp lệ")
    assert (
        "Hồ sơ đã giải quyết cộng hồ sơ đang giải quyết không được lớn hơn số hồ sơ tiếp nhận."
        in shown
    )
    assert "Tỷ lệ hài lòng phải từ 0 đến 100 %." in shown
    html = response.content.decode()
    assert '<tr data-code="dossiers_resolved" class="finding-blocking">' in html
    assert '<tr data-code="satisfaction_rate" class="finding-blocking">' in html
    report = fresh(stp_draft)
    assert report.status == Status.DRAFT
    assert report.first_submitted_at is None
    # The figures were kept, to be corrected.
    assert 'name="value-dossiers_resolved" value="150"' in html


def test_late_and_missing_units_show_in_the_completeness_table(
    h1_2025: Period,
    officer: User,
    head: User,
    coordinator: User,
    client_for: Clients,
    province: Province,
) -> None:
    # Sở Tư pháp sends through the pages (today, long after 19/06/2025: late); nobody else sends.
    client_for(officer).post(report_url("report_start", h1_2025, province.stp))
    client_for(head).post(
        report_url("report_submit", h1_2025, province.stp),
        typed_complete(Report.objects.get(unit=province.stp)),
    )
    assert Report.objects.get(unit=province.stp).is_on_time is False
    response = client_for(coordinator).get(
        reverse("reporting:period_completeness", args=[h1_2025.code])
    )
    html = response.content.decode()
    start = html.index(">Sở Tư pháp</a>")
    stp_row = html[start : html.index("</tr>", start)]
    assert "Muộn" in stp_row and timezone.localdate().strftime("%d/%m/%Y") in stp_row
    assert html.count('class="missing overdue"') == 3  # SNV, the district, its commune
    assert "Chưa gửi, quá hạn" in html


def test_a_return_that_comes_too_late_keeps_the_typed_reason(
    stp_draft: Report, coordinator: User, client_for: Clients, province: Province
) -> None:
    # The report is still a draft: nothing to return, but the reason typed is not lost.
    response = client_for(coordinator).post(
        report_url("report_return", stp_draft.period, province.stp),
        {"comment": "Thiếu số liệu hồ sơ quá hạn."},
        follow=True,
    )
    assert messages_of(response) == [
        # The kernel's one status error and its view helper's repetition of what was typed.
        "Báo cáo đang ở trạng thái «Đang soạn»; không thể trả lại báo cáo.",
        "Nội dung bạn đã nhập: Thiếu số liệu hồ sơ quá hạn.",
    ]
    assert fresh(stp_draft).status == Status.DRAFT


def test_an_outsider_can_neither_start_send_review_nor_download_a_report(
    stp_draft: Report, outsider: User, client_for: Clients, province: Province
) -> None:
    client = client_for(outsider)
    period, unit = stp_draft.period, province.stp
    writes = ("report_start", "report_submit", "report_accept", "report_return", "report_reopen")
    for name in writes:
        response = client.post(report_url(name, period, unit), {"comment": "Trả lại."})
        assert response.status_code == 403, name
    assert client.get(report_url("report_docx", period, unit)).status_code == 403
    assert fresh(stp_draft).status == Status.DRAFT
    assert not ReportEvent.objects.filter(report=stp_draft).exists()
