"""``notify``: notices written with the step, e-mails sent only once it commits, a failed
delivery recorded and retried without undoing the step, and each user's choice per kind."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse
from huey.contrib.djhuey import HUEY
from pytest_django import Settings

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.notifications.actions import set_preferences
from cchc.notifications.jobs import deliver_email, send_digests_now
from cchc.notifications.models import Delivery, EmailDelivery, Kind, MailState, Notification
from cchc.notifications.notify import muted, notify
from cchc.reporting.actions import return_report, submit_report
from cchc.reporting.models import Report, Status
from cchc.reporting.tests.complete import fill_completely

Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def send_and_return(report: Report, head: User, coordinator: User) -> Report:
    report = submit_report(Actor.of_user(head), fill_completely(Actor.of_user(head), report))
    return return_report(Actor.of_user(coordinator), report, "Bổ sung số hồ sơ quá hạn")


def test_a_returned_report_tells_the_unit_in_the_app_and_by_email_after_the_commit(
    stp_draft: Report,
    officer: User,
    head: User,
    coordinator: User,
    addressed: None,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_and_return(stp_draft, head, coordinator)
        # Inside the step's transaction: the notices exist, nothing was sent yet.
        assert mail.outbox == []
    notices = Notification.objects.filter(kind=Kind.REPORT_RETURNED)
    assert {n.recipient for n in notices} == {officer, head}
    notice = notices.get(recipient=officer)
    assert notice.text == (
        f"Báo cáo {stp_draft.period.title} của Sở Tư pháp bị trả lại để sửa. "
        "Lý do: Bổ sung số hồ sơ quá hạn"
    )
    assert notice.link == "/bao-cao/2025-H1/QNG-STP/"
    for callback in callbacks:
        callback()
    by_address = {m.to[0]: m for m in mail.outbox}
    # The coordinator was told that the head sent it; the head is not told of his own step.
    assert set(by_address) == {
        "dieuphoi@snv.example",
        "chuyenvien@stp.example",
        "giamdoc@stp.example",
    }
    returned = by_address["chuyenvien@stp.example"]
    assert returned.subject.startswith("[CCHC] Báo cáo 6 tháng đầu năm 2025 của Sở Tư pháp bị trả")
    assert "Kính gửi: Nguyễn" not in returned.body  # the fixture user has no full name
    assert "http://127.0.0.1:8000/bao-cao/2025-H1/QNG-STP/" in returned.body
    assert "Lý do: Bổ sung số hồ sơ quá hạn" in returned.body
    assert EmailDelivery.objects.filter(state=MailState.SENT).count() == 3


def test_a_step_rolled_back_leaves_no_notice_and_sends_nothing(
    stp_draft: Report,
    head: User,
    addressed: None,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        submit_report(Actor.of_user(head), fill_completely(Actor.of_user(head), stp_draft))
        raise RuntimeError("the request failed after the step")
    assert Notification.objects.count() == 0
    assert EmailDelivery.objects.count() == 0
    assert mail.outbox == []
    stp_draft.refresh_from_db()
    assert stp_draft.status == Status.DRAFT


def test_a_failed_delivery_is_recorded_retried_and_never_undoes_the_step(
    stp_draft: Report,
    head: User,
    coordinator: User,
    addressed: None,
    settings: Settings,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    settings.EMAIL_BACKEND = "cchc.notifications.tests.failing_backend.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        send_and_return(stp_draft, head, coordinator)
    stp_draft.refresh_from_db()
    assert stp_draft.status == Status.RETURNED
    failed = EmailDelivery.objects.filter(state=MailState.FAILED)
    assert failed.count() == 3
    assert all(m.attempts == 1 and "máy chủ thư" in m.last_error for m in failed)
    # The job runner holds a retry of each, a few minutes later.
    retries = [t for t in HUEY.scheduled() if t.name == "deliver_email"]
    assert sorted(t.args[0] for t in retries) == sorted(m.pk for m in failed)
    # The mail server is back: the retry sends it.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for task in retries:
        deliver_email.call_local(*task.args)
    assert EmailDelivery.objects.filter(state=MailState.SENT, attempts=2).count() == 3
    assert len(mail.outbox) == 3


def test_each_user_chooses_app_only_or_a_daily_digest(
    stp_draft: Report,
    officer: User,
    head: User,
    coordinator: User,
    addressed: None,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    set_preferences(Actor.of_user(officer), officer, {Kind.REPORT_RETURNED: Delivery.APP})
    set_preferences(Actor.of_user(head), head, {Kind.REPORT_RETURNED: Delivery.DIGEST})
    with django_capture_on_commit_callbacks(execute=True):
        send_and_return(stp_draft, head, coordinator)
    # Both see the notice in the app; only the coordinator got an e-mail at once.
    assert Notification.objects.filter(kind=Kind.REPORT_RETURNED).count() == 2
    assert [m.to for m in mail.outbox] == [["dieuphoi@snv.example"]]
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests_now() == 1
        assert send_digests_now() == 0
    [digest] = mail.outbox[1:]
    assert digest.to == ["giamdoc@stp.example"]
    assert digest.subject == "[CCHC] 1 thông báo mới trong ngày"
    assert "bị trả lại để sửa" in digest.body


def test_history_brought_in_while_muted_tells_nobody(stp_draft: Report, head: User) -> None:
    with muted():
        submit_report(Actor.of_user(head), fill_completely(Actor.of_user(head), stp_draft))
    assert Notification.objects.count() == 0


def test_nobody_is_told_of_their_own_step(officer: User, head: User) -> None:
    actor = Actor.of_user(officer)
    notices = notify(Kind.TASK_ASSIGNED, [officer, head, None], "Việc mới", "/", actor=actor)
    assert [n.recipient for n in notices] == [head]


def test_the_bell_counts_unread_notices_and_opening_one_marks_it_read(
    officer: User, head: User, client_for: Callable[[User], Client]
) -> None:
    [notice] = notify(Kind.TASK_ASSIGNED, [officer], "Đơn vị được giao nhiệm vụ", "/nhiem-vu/")
    notify(Kind.TASK_ASSIGNED, [head], "Của người khác", "/")
    client = client_for(officer)
    assert client.get(reverse("notifications:notification_unread")).json()["unread"] == 1
    page = client.get(reverse("notifications:notification_list")).content.decode()
    assert "Đơn vị được giao nhiệm vụ" in page and "Của người khác" not in page
    response = client.get(reverse("notifications:notification_open", args=[notice.pk]))
    assert response["Location"] == "/nhiem-vu/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert client.get(reverse("notifications:notification_unread")).json() == {
        "unread": 0,
        "label": "Thông báo: 0 chưa đọc",
    }
    # Another user's notice is not opened for you: you are sent to your own list.
    other = Notification.objects.get(recipient=head)
    response = client.get(reverse("notifications:notification_open", args=[other.pk]))
    assert response["Location"] == reverse("notifications:notification_list")
    other.refresh_from_db()
    assert other.read_at is None


def test_a_bad_page_number_in_the_list_is_reported(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    notify(Kind.TASK_ASSIGNED, [officer], "Đơn vị được giao nhiệm vụ", "/nhiem-vu/")
    response = client_for(officer).get(reverse("notifications:notification_list"), {"trang": "0"})
    page = response.content.decode()
    assert "Trang: «0» không phải là số trang" in page
    assert "Danh sách dưới đây chưa lọc theo mục này." in page
    assert "Đơn vị được giao nhiệm vụ" in page


def test_the_settings_page_saves_a_choice_per_kind_and_refuses_a_bad_one(
    officer: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(officer)
    page = client.get(reverse("notifications:notification_settings")).content.decode()
    assert "Nhắc nộp báo cáo định kỳ" in page
    assert "chưa có địa chỉ thư điện tử" in page
    client.post(
        reverse("notifications:notification_settings"), {Kind.TASK_REMINDER: Delivery.DIGEST}
    )
    assert officer.notification_preferences.get().delivery == Delivery.DIGEST
    response = client.post(
        reverse("notifications:notification_settings"), {Kind.TASK_REMINDER: "sms"}, follow=True
    )
    assert "Lựa chọn không hợp lệ; chưa lưu." in response.content.decode()
    assert officer.notification_preferences.get().delivery == Delivery.DIGEST
