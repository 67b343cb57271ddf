"""In a real browser (headless Chromium): the officer's home shows her returned report and
her overdue tasks; the coordinator returns a report and the officer gets the notice in the
app (the bell counts it, opening it marks it read) and by e-mail; a task Sở Nội vụ assigns
through the form reaches the lead unit's officer."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.live_server_helper import LiveServer

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, register_document
from cchc.notifications.models import Kind, Notification
from cchc.reporting.actions import load_config, open_periods, start_report, submit_report
from cchc.reporting.loading import read_config
from cchc.reporting.tests.complete import fill_completely
from cchc.tasks.actions import TaskData, create_task
from cchc.testing import CHROMIUM, Chromium
from cchc.worklist import current_period
from conftest import Province

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed"),
    pytest.mark.django_db(transaction=True),
]
TODAY = timezone.localdate()


def sign_in(browser: Chromium, live_server: LiveServer, user: User) -> None:
    client = Client()
    client.force_login(user)
    browser.set_cookie(live_server.url, "sessionid", client.cookies["sessionid"].value)


def text(browser: Chromium) -> str:
    return str(browser.evaluate("document.body.innerText"))


def test_work_comes_to_the_officer_on_her_home_page_in_the_app_and_by_email(
    browser: Chromium,
    live_server: LiveServer,
    province: Province,
    officer: User,
    head: User,
    coordinator: User,
) -> None:
    officer.email, coordinator.email = "chuyenvien@stp.example", "dieuphoi@snv.example"
    officer.save(update_fields=["email"])
    coordinator.save(update_fields=["email"])
    command = Actor.command("test")
    load_config(command, read_config())
    open_periods(command, TODAY.year - 1)
    open_periods(command, TODAY.year)
    period = current_period(TODAY)
    assert period is not None
    draft = start_report(Actor.of_user(officer), period, province.stp)
    submit_report(Actor.of_user(head), fill_completely(Actor.of_user(officer), draft))
    document = register_document(command, DocumentData("35/QĐ-UBND", None, "Kế hoạch"))
    late = TODAY - dt.timedelta(days=4)
    create_task(command, TaskData("Rà soát thủ tục quá hạn", document, province.stp, (), late))
    Notification.objects.all().delete()
    mail.outbox.clear()

    # Sở Nội vụ returns the report, in the browser.
    sign_in(browser, live_server, coordinator)
    browser.open(live_server.url + reverse("reporting:report", args=[period.code, "QNG-STP"]))
    browser.type_into("#return-comment", "Thiếu số hồ sơ giải quyết quá hạn")
    browser.evaluate("document.querySelector('#return-comment').form.submit()")
    browser.wait_for("document.body.innerText.includes('Bị trả lại')")

    # … and gives Sở Tư pháp a task through the form.
    browser.open(live_server.url + reverse("tasks:task_create"))
    values = {
        "#id_content": "Số hóa hồ sơ hộ tịch",
        "#id_document_symbol": "35/QĐ-UBND",
        "#id_deadline": (TODAY + dt.timedelta(days=5)).strftime("%d/%m/%Y"),
    }
    for selector, value in values.items():
        browser.evaluate(
            f"document.querySelector({json.dumps(selector)}).value = {json.dumps(value)}"
        )
    browser.evaluate(
        f"document.querySelector('#id_lead_unit').value = '{province.stp.pk}'; "
        "document.querySelector('#id_content').form.submit()"
    )
    browser.wait_for("location.pathname.match(/^\\/nhiem-vu\\/\\d+\\/$/)")

    # The officer comes back to her home page.
    sign_in(browser, live_server, officer)
    browser.open(live_server.url + reverse("home:index"))
    page = text(browser)
    assert f"Báo cáo {period.title} (Sở Tư pháp) bị trả lại" in page
    assert "Lý do: Thiếu số hồ sơ giải quyết quá hạn" in page
    assert "Rà soát thủ tục quá hạn" in page and "Quá hạn 4 ngày" in page
    assert "Số hóa hồ sơ hộ tịch" in page
    # The bell counts her two notices: the return and the task given.
    browser.wait_for("document.querySelector('a.bell .count').textContent === '2'")
    notices = Notification.objects.filter(recipient=officer)
    assert set(notices.values_list("kind", flat=True)) == {
        Kind.REPORT_RETURNED,
        Kind.TASK_ASSIGNED,
    }
    # Opening the notice leads to the report and marks it read.
    returned = notices.get(kind=Kind.REPORT_RETURNED)
    browser.open(live_server.url + reverse("notifications:notification_list"))
    browser.evaluate(f"document.querySelector('a[href=\"/thong-bao/{returned.pk}/\"]').click()")
    browser.wait_for(f"location.pathname === '/bao-cao/{period.code}/QNG-STP/'")
    browser.wait_for("document.querySelector('a.bell .count').textContent === '1'")
    returned.refresh_from_db()
    assert returned.read_at is not None
    # And by e-mail, once each step committed.
    to_officer = [m for m in mail.outbox if m.to == ["chuyenvien@stp.example"]]
    subjects = sorted(m.subject for m in to_officer)
    assert len(subjects) == 2, subjects
    assert any("bị trả lại" in s for s in subjects)
    assert any("Đơn vị được giao nhiệm vụ: Số hóa hồ sơ hộ tịch" in s for s in subjects)
