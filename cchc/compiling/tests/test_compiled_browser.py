"""The compiled report's workspace in a real browser (headless Chromium): the officer edits
section III, the page autosaves it, the officer drafts the rest again, and the edit survives."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import pytest
from django.test import Client
from pytest_django.live_server_helper import LiveServer

from cchc.accounts.models import User
from cchc.compiling.models import CompiledEvent, CompiledReport
from cchc.testing import CHROMIUM, Chromium

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed"),
]
EDIT = "Đánh giá chung của Sở Nội vụ: kết quả sáu tháng đầu năm đạt kế hoạch đề ra."


def eventually(condition: Callable[[], bool], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the browser's save did not arrive"
        time.sleep(0.1)


def fresh(report: CompiledReport) -> CompiledReport:
    return CompiledReport.objects.get(pk=report.pk)


def test_an_edit_of_section_iii_survives_drafting_the_rest_again(
    compiled: CompiledReport, coordinator: User, live_server: LiveServer, browser: Chromium
) -> None:
    client = Client()
    client.force_login(coordinator)
    browser.set_cookie(live_server.url, "sessionid", client.cookies["sessionid"].value)
    page = f"{live_server.url}/tong-hop/bao-cao/{compiled.pk}/"
    browser.open(page)
    generated_iv = compiled.section_text("IV")

    browser.type_into("#section-III", EDIT, replace=True)
    browser.evaluate("document.activeElement.blur()")
    eventually(lambda: fresh(compiled).section_text("III") == EDIT)
    browser.wait_for("document.getElementById('autosave-status').textContent.includes('Đã lưu')")

    # "Soạn dự thảo" without overwriting what was edited: the page's forms know the version.
    browser.evaluate(
        "document.querySelector('form[action$=\"/soan-lai/\"] button[type=submit]').click()"
    )
    browser.wait_for(
        "document.readyState === 'complete' && "
        "document.body.textContent.includes('Giữ nguyên các phần đã sửa')"
    )
    assert browser.evaluate("document.getElementById('section-III').value") == EDIT
    report = fresh(compiled)
    assert report.section_text("III") == EDIT and report.is_edited("III")
    assert report.section_text("IV") == generated_iv
    assert CompiledEvent.objects.filter(kind="drafted", report=report).exists()
