"""The task page (/nhiem-vu/<pk>/) and its POST-only actions, through HTTP, role by role."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from cchc.accounts.models import User
from cchc.audit.models import AuditEntry
from cchc.lib.xlsx import workbook_bytes
from cchc.tasks.models import Adjustment, EventKind, Evidence, Status, Task
from cchc.tasks.tests.conftest import MakeTask
from cchc.testing import Clients
from conftest import Province


def url(name: str, task: Task) -> str:
    return reverse(name, args=[task.pk])


def fresh(task: Task) -> Task:
    return Task.objects.get(pk=task.pk)


def test_the_page_shows_the_task_its_document_units_and_deadline(
    make_task: MakeTask, leader: User, client_for: Clients, province: Province
) -> None:
    task = make_task(cooperating_units=(province.snv,))
    page = client_for(leader).get(url("tasks:task_detail", task)).content.decode()
    assert "Rà soát, hệ thống hóa văn bản quy phạm pháp luật" in page
    assert "Quyết định số 35/QĐ-UBND" in page
    assert "ngày 10/01/2025" in page
    assert "Sở Tư pháp" in page
    assert "Sở Nội vụ" in page
    assert "30/06/2025" in page
    assert "Chờ tiếp nhận" in page
    assert "Quá hạn" in page  # open, and today is after 30/06/2025
    assert "Giao nhiệm vụ" in page  # the history
    # A leader reads but has no action.
    assert url("tasks:task_accept", task) not in page
    assert url("tasks:task_confirm", task) not in page


def test_the_officer_accepts_reports_progress_with_evidence_and_reports_done(
    task: Task, officer: User, client_for: Clients
) -> None:
    client = client_for(officer)
    page = client.get(url("tasks:task_detail", task)).content.decode()
    assert url("tasks:task_accept", task) in page
    response = client.post(url("tasks:task_accept", task), follow=True)
    assert "Đã tiếp nhận." in response.content.decode()
    assert fresh(task).status == Status.DANG_THUC_HIEN

    response = client.post(
        url("tasks:task_progress", task),
        {
            "note": "Đã rà soát 120 văn bản.",
            "evidence": [
                SimpleUploadedFile("danh-muc.xlsx", workbook_bytes(Workbook())),
                SimpleUploadedFile("to-trinh.pdf", b"%PDF to trinh"),
            ],
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Đã cập nhật tiến độ." in page
    assert "Đã rà soát 120 văn bản." in page
    assert "danh-muc.xlsx" in page and "to-trinh.pdf" in page
    assert Evidence.objects.count() == 2

    response = client.post(
        url("tasks:task_report_done", task),
        {
            "completed_on": "25/06/2025",
            "note": "Đã ban hành Quyết định số 12/QĐ-UBND.",
            "evidence": SimpleUploadedFile("qd-12.pdf", b"%PDF qd"),
        },
        follow=True,
    )
    assert "chờ Sở Nội vụ xác nhận" in response.content.decode()
    task = fresh(task)
    assert (task.status, task.completed_on) == (Status.CHO_KET_THUC, dt.date(2025, 6, 25))
    assert task.events.get(kind=EventKind.REPORTED_DONE).evidence.get().name == "qd-12.pdf"
    assert AuditEntry.objects.filter(action="task.report_done", actor=officer).exists()


def test_the_coordinator_confirms_completion(
    task: Task, officer: User, coordinator: User, client_for: Clients
) -> None:
    client_for(officer).post(url("tasks:task_accept", task))
    client_for(officer).post(
        url("tasks:task_report_done", task), {"completed_on": "01/07/2025", "note": "Xong"}
    )
    client = client_for(coordinator)
    page = client.get(url("tasks:task_detail", task)).content.decode()
    assert url("tasks:task_confirm", task) in page
    assert url("tasks:task_return", task) in page
    response = client.post(url("tasks:task_confirm", task), {"note": "Đạt"}, follow=True)
    page = response.content.decode()
    assert "Đã xác nhận hoàn thành." in page
    assert "Đã hoàn thành" in page
    assert "Quá hạn" in page  # completed on 01/07/2025, after the 30/06/2025 deadline
    assert fresh(task).status == Status.DA_HOAN_THANH


def test_the_coordinator_returns_a_report_with_a_reason(
    task: Task, officer: User, coordinator: User, client_for: Clients
) -> None:
    client_for(officer).post(url("tasks:task_accept", task))
    client_for(officer).post(
        url("tasks:task_report_done", task), {"completed_on": "20/06/2025", "note": "Xong"}
    )
    response = client_for(coordinator).post(url("tasks:task_return", task), {"reason": ""})
    assert "Trường này là bắt buộc." in response.content.decode()
    assert fresh(task).status == Status.CHO_KET_THUC
    client_for(coordinator).post(url("tasks:task_return", task), {"reason": "Thiếu sản phẩm"})
    task = fresh(task)
    assert (task.status, task.completed_on) == (Status.DANG_THUC_HIEN, None)


def test_the_head_asks_for_an_extension_and_the_coordinator_approves_it(
    task: Task, head: User, coordinator: User, client_for: Clients
) -> None:
    response = client_for(head).post(
        url("tasks:task_request_adjustment", task),
        {"kind": "gia_han", "proposed_deadline": "30/09/2025", "reason": "Chờ ý kiến Bộ"},
        follow=True,
    )
    assert "Đã gửi đề nghị điều chỉnh." in response.content.decode()
    adjustment = Adjustment.objects.get()
    page = client_for(coordinator).get(url("tasks:task_detail", task)).content.decode()
    assert "Đề nghị đang chờ duyệt" in page
    assert reverse("tasks:adjustment_decide", args=[adjustment.pk]) in page
    response = client_for(coordinator).post(
        reverse("tasks:adjustment_decide", args=[adjustment.pk]),
        {"decision": "approve"},
        follow=True,
    )
    page = response.content.decode()
    assert "Đã đồng ý đề nghị." in page
    assert "30/09/2025" in page
    assert "hạn ban đầu" in page and "30/06/2025" in page
    assert fresh(task).deadline == dt.date(2025, 9, 30)


def test_the_coordinator_refuses_a_request_to_drop_a_task_with_a_reason(
    task: Task, officer: User, coordinator: User, client_for: Clients
) -> None:
    client_for(officer).post(
        url("tasks:task_request_adjustment", task),
        {"kind": "khong_thuc_hien", "reason": "Trùng nhiệm vụ khác"},
    )
    adjustment = Adjustment.objects.get()
    decide = reverse("tasks:adjustment_decide", args=[adjustment.pk])
    page = client_for(coordinator).post(decide, {"decision": "refuse"}).content.decode()
    assert "Hãy ghi lý do không đồng ý." in page
    response = client_for(coordinator).post(
        decide, {"decision": "refuse", "note": "Nhiệm vụ trọng tâm"}, follow=True
    )
    assert "Đã không đồng ý đề nghị." in response.content.decode()
    assert fresh(task).status == Status.CHO_TIEP_NHAN
    adjustment.refresh_from_db()
    assert adjustment.state == "refused"


def test_a_form_with_errors_comes_back_with_what_was_typed(
    task: Task, officer: User, client_for: Clients
) -> None:
    client = client_for(officer)
    response = client.post(
        url("tasks:task_request_adjustment", task),
        {"kind": "gia_han", "reason": "Chờ hướng dẫn của Bộ Tư pháp"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hãy ghi hạn hoàn thành đề nghị." in page
    assert "Chờ hướng dẫn của Bộ Tư pháp" in page
    assert not Adjustment.objects.exists()


def test_a_step_the_status_does_not_allow_is_refused_with_a_message(
    task: Task, officer: User, client_for: Clients
) -> None:
    response = client_for(officer).post(
        url("tasks:task_report_done", task),
        {"completed_on": "20/06/2025", "note": "Xong"},
        follow=True,
    )
    assert "đang ở trạng thái «Chờ tiếp nhận», không thể báo cáo hoàn thành" in (
        response.content.decode()
    )
    assert fresh(task).status == Status.CHO_TIEP_NHAN


def test_actions_are_post_only(task: Task, officer: User, client_for: Clients) -> None:
    assert client_for(officer).get(url("tasks:task_accept", task)).status_code == 405
    assert fresh(task).status == Status.CHO_TIEP_NHAN


def test_a_cooperating_unit_reads_the_task_but_cannot_act_on_it(
    make_task: MakeTask, snv_officer: User, client_for: Clients, province: Province
) -> None:
    task = make_task(cooperating_units=(province.snv,))
    client = client_for(snv_officer)
    page = client.get(url("tasks:task_detail", task)).content.decode()
    assert "Rà soát, hệ thống hóa" in page
    assert url("tasks:task_accept", task) not in page
    assert client.post(url("tasks:task_accept", task)).status_code == 403
    assert client.post(url("tasks:task_progress", task), {"note": "x"}).status_code == 403
    assert fresh(task).status == Status.CHO_TIEP_NHAN


def test_an_officer_of_another_unit_sees_nothing_of_the_task_and_is_recorded(
    task: Task, snv_officer: User, client_for: Clients
) -> None:
    client = client_for(snv_officer)
    response = client.get(url("tasks:task_detail", task))
    assert response.status_code == 403
    assert "Rà soát" not in response.content.decode()
    response = client.post(url("tasks:task_request_adjustment", task), {"kind": "gia_han"})
    assert response.status_code == 403
    assert "Rà soát" not in response.content.decode()
    assert AuditEntry.objects.filter(action="access.denied", actor=snv_officer).count() == 2


def test_outsiders_are_refused_and_anonymous_visitors_sent_to_sign_in(
    task: Task, outsider: User, client_for: Clients
) -> None:
    for name in ("tasks:task_detail", "tasks:task_accept", "tasks:task_confirm"):
        method = "get" if name == "tasks:task_detail" else "post"
        assert getattr(client_for(outsider), method)(url(name, task)).status_code == 403
        response = getattr(Client(), method)(url(name, task))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_officer_and_the_leader_cannot_confirm_or_decide(
    task: Task, officer: User, leader: User, client_for: Clients
) -> None:
    for user in (officer, leader):
        assert client_for(user).post(url("tasks:task_confirm", task)).status_code == 403
        assert client_for(user).post(url("tasks:task_return", task)).status_code == 403
