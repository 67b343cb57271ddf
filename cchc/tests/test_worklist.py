""" "Việc của tôi": each role's work on the home page, most urgent first, each item a link to
where it is done, in a number of queries that does not grow with the work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.compiling.actions import start
from cchc.documents.actions import DocumentData, register_document
from cchc.documents.models import Document
from cchc.notifications.models import EmailDelivery, MailState
from cchc.reporting.actions import (
    load_config,
    open_periods,
    return_report,
    start_report,
    submit_report,
)
from cchc.reporting.loading import read_config
from cchc.reporting.models import Period
from cchc.reporting.tests.complete import fill_completely
from cchc.tasks.actions import TaskData, accept_task, create_task, report_done, request_adjustment
from cchc.worklist import current_period
from conftest import Province

HOME = reverse("home:index")
TODAY = timezone.localdate()


@pytest.fixture
def document(province: Province) -> Document:
    return register_document(Actor.command("test"), DocumentData("35/QĐ-UBND", None, "Kế hoạch"))


@pytest.fixture
def periods(province: Province) -> Period:
    """This year's periods; the one being reported now."""
    command = Actor.command("test")
    load_config(command, read_config())
    open_periods(command, TODAY.year - 1)
    open_periods(command, TODAY.year)
    period = current_period(TODAY)
    assert period is not None
    return period


def task(document: Document, province: Province, content: str, days: int) -> None:
    create_task(
        Actor.command("test"),
        TaskData(content, document, province.stp, (), TODAY + dt.timedelta(days=days)),
    )


def test_the_officer_sees_her_returned_report_with_the_reason_and_her_overdue_tasks_first(
    periods: Period,
    document: Document,
    province: Province,
    officer: User,
    head: User,
    coordinator: User,
    client_for: Callable[[User], Client],
) -> None:
    report = start_report(Actor.of_user(officer), periods, province.stp)
    report = submit_report(Actor.of_user(head), fill_completely(Actor.of_user(head), report))
    return_report(Actor.of_user(coordinator), report, "Thiếu số hồ sơ quá hạn")
    task(document, province, "Việc còn xa", 40)
    task(document, province, "Việc sắp đến hạn", 3)
    task(document, province, "Việc quá hạn", -5)
    task(document, province, "Việc tồn đọng", -120)
    page = client_for(officer).get(HOME).content.decode()
    assert "Việc của tôi" in page
    assert f"Báo cáo {periods.title} (Sở Tư pháp) bị trả lại" in page
    assert "Lý do: Thiếu số hồ sơ quá hạn" in page
    assert reverse("reporting:report", args=[periods.code, "QNG-STP"]) in page
    assert page.index("Việc quá hạn") < page.index("Việc sắp đến hạn") < page.index("Việc còn xa")
    assert "Quá hạn 5 ngày" in page
    assert "Đến hạn trong 3 ngày" in page
    # A backlog overdue for months is one line, first, so that it hides nothing due now.
    assert "Quá hạn 120 ngày" not in page
    assert page.index("1 nhiệm vụ quá hạn trên 90 ngày") < page.index("Việc quá hạn")
    # The notice of the return is among the unread ones.
    assert "Thông báo chưa đọc" in page


def test_the_head_sees_the_drafts_waiting_for_his_sending(
    periods: Period, province: Province, officer: User, head: User,
    client_for: Callable[[User], Client],
) -> None:  # fmt: skip
    start_report(Actor.of_user(officer), periods, province.stp)
    page = client_for(head).get(HOME).content.decode()
    assert f"Báo cáo {periods.title} (Sở Tư pháp) đang soạn, chờ lãnh đạo gửi" in page


def test_the_coordinator_sees_what_waits_for_sở_nội_vụ_and_the_period_state(
    periods: Period,
    document: Document,
    province: Province,
    officer: User,
    head: User,
    coordinator: User,
    client_for: Callable[[User], Client],
) -> None:
    draft = start_report(Actor.of_user(officer), periods, province.stp)
    submit_report(Actor.of_user(head), fill_completely(Actor.of_user(officer), draft))
    command = Actor.command("test")
    given = create_task(command, TaskData("Rà soát", document, province.stp, (), TODAY))
    accept_task(command, given)
    report_done(command, given, TODAY, "Xong")
    other = create_task(command, TaskData("Số hóa", document, province.stp, (), TODAY))
    request_adjustment(command, other, "gia_han", "Chờ kinh phí", TODAY + dt.timedelta(days=30))
    page = client_for(coordinator).get(HOME).content.decode()
    assert f"Tiếp nhận báo cáo {periods.title} của Sở Tư pháp" in page
    assert "Xác nhận hoàn thành: Rà soát (Sở Tư pháp)" in page
    assert "Đề nghị gia hạn: Số hóa (Sở Tư pháp)" in page
    assert f"{periods.title}: 1/" in page and "đơn vị đã gửi" in page
    assert "Báo cáo tổng hợp: 0/" in page
    assert f"Báo cáo tổng hợp {periods.title}: chưa soạn" in page


def test_the_coordinator_sees_the_compiled_reports_state(
    periods: Period, province: Province, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    compiled = start(Actor.of_user(coordinator), periods, province.root)
    page = client_for(coordinator).get(HOME).content.decode()
    assert f"Báo cáo tổng hợp {periods.title}: dự thảo" in page
    assert reverse("compiling:detail", args=[compiled.pk]) in page


def test_the_admin_sees_failed_deliveries_and_units_nobody_can_be_reminded_at(
    province: Province, admin_user: User, client_for: Callable[[User], Client]
) -> None:
    EmailDelivery.objects.create(to=["a@x.vn"], subject="s", body="b", state=MailState.FAILED)
    page = client_for(admin_user).get(HOME).content.decode()
    assert "1 thư nhắc, thông báo gửi không được" in page
    assert "đơn vị chưa có chuyên viên đầu mối" in page
    assert "đơn vị chưa có địa chỉ thư để nhận nhắc việc" in page


@pytest.mark.parametrize("role", ["officer", "coordinator"])
def test_the_home_page_takes_as_many_queries_for_3_tasks_as_for_30(
    role: str,
    periods: Period,
    document: Document,
    province: Province,
    officer: User,
    coordinator: User,
    client_for: Callable[[User], Client],
) -> None:
    client = client_for(officer if role == "officer" else coordinator)
    counts: list[int] = []
    for total in (3, 30):
        for n in range(total - (len(counts) and 3)):
            task(document, province, f"Nhiệm vụ {n}", n - 10)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(HOME).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
