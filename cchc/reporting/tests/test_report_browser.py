"""The report page's script in a real browser (headless Chromium): ratios recomputed as figures
are typed, autosave on leaving a field, what was typed kept across a reload while the server
could not be reached, and a stale autosave refused with the conflict message."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from pytest_django.live_server_helper import LiveServer

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.reporting.actions import report_values, save_draft
from cchc.reporting.models import Report
from cchc.reporting.tests.pages import fresh, report_url
from cchc.testing import CHROMIUM, Chromium
from conftest import Province

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed"),
]


def signed_in(browser: Chromium, live_server: LiveServer, user: User) -> None:
    client = Client()
    client.force_login(user)
    browser.set_cookie(live_server.url, "sessionid", client.cookies["sessionid"].value)


def eventually(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the browser's saves did not arrive"
        time.sleep(0.1)


def text_of(selector: str) -> str:
    return f"document.querySelector({json.dumps(selector)}).textContent"


def test_the_draft_autosaves_recomputes_ratios_restores_and_detects_conflicts(
    stp_draft: Report,
    officer: User,
    head: User,
    province: Province,
    live_server: LiveServer,
    browser: Chromium,
) -> None:
    signed_in(browser, live_server, officer)
    page = live_server.url + report_url("report", stp_draft.period, province.stp)
    browser.open(page)
    assert browser.evaluate("document.getElementById('report-form').dataset.autosave") == "on"

    # Ratios follow the figures as they are typed, written the Vietnamese way.
    browser.type_into("#value-dossiers_resolved", "2.000")
    browser.type_into("#value-dossiers_resolved_early", "300")
    browser.type_into("#value-dossiers_resolved_on_time", "1421")
    assert browser.evaluate(text_of("#value-dossiers_on_time_rate")) == "86,05"

    # Leaving a field saves (each field left, and the edits made meanwhile once that is done).
    browser.evaluate("document.activeElement.blur()")
    eventually(
        lambda: (
            report_values(fresh(stp_draft))
            == {
                "dossiers_resolved": Decimal(2000),
                "dossiers_resolved_early": Decimal(300),
                "dossiers_resolved_on_time": Decimal(1421),
            }
        )
    )
    browser.wait_for(f"{text_of('#autosave-status')}.startsWith('Đã lưu lúc')")
    # The page carries the version of its last save, so the next one is not a conflict.
    browser.wait_for(
        f"document.querySelector('[name=version]').value === '{fresh(stp_draft).version}'"
    )

    # After a save, the rules' findings and unreadable figures are shown beside the figures.
    browser.type_into("#value-plan_tasks_set", "10")
    browser.type_into("#value-plan_tasks_done", "12")
    browser.type_into("#value-news_items", "mười")
    browser.evaluate("document.activeElement.blur()")
    items = "[...document.querySelectorAll('fieldset[data-section=\"I\"] ul.findings li')]"
    browser.wait_for(items + ".some(li => li.textContent.startsWith('Số nhiệm vụ đã hoàn'))")
    assert browser.evaluate("document.querySelector('tr[data-code=plan_tasks_done]')"
                            ".classList.contains('finding-blocking')")  # fmt: skip
    # (Rules of the section whose figures are still blank say they cannot be checked yet.)
    assert browser.evaluate(
        "[...document.querySelectorAll('fieldset[data-section=\"I\"] ul.findings li')]"
        ".map(li => li.className + ': ' + li.textContent)"
        ".filter(text => !text.includes('Chưa kiểm tra được'))"
    ) == ["blocking: Số nhiệm vụ đã hoàn thành không được lớn hơn số nhiệm vụ trong kế hoạch."]
    browser.wait_for(f"{text_of('#error-news_items')} === '«mười» không phải là số.'")
    browser.type_into("#value-news_items", "14", replace=True)
    browser.evaluate("document.activeElement.blur()")
    browser.wait_for(f"{text_of('#error-news_items')} === ''")

    # The server cannot be reached: the text stays in the browser and comes back on reload.
    browser.command("Network.enable")
    browser.command("Network.setBlockedURLs", {"urls": ["*/tu-dong-luu/*"]})
    browser.type_into("#narrative-I", "Đã ban hành Kế hoạch cải cách hành chính năm 2025.")
    browser.evaluate("document.activeElement.blur()")
    browser.wait_for(f"{text_of('#autosave-status')}.startsWith('Chưa lưu được')")
    browser.reload()
    assert browser.evaluate("document.getElementById('narrative-I').value") == (
        "Đã ban hành Kế hoạch cải cách hành chính năm 2025."
    )
    assert browser.evaluate("!document.getElementById('restore-notice').hidden")
    assert browser.evaluate(text_of("#restore-notice")).startswith("Đã khôi phục nội dung")
    assert fresh(stp_draft).narrative["I"] == ""
    # Once the server answers again, the restored text is saved.
    browser.command("Network.setBlockedURLs", {"urls": []})
    browser.evaluate("document.getElementById('narrative-I').focus()")
    browser.evaluate("document.activeElement.blur()")
    browser.wait_for(f"{text_of('#autosave-status')}.startsWith('Đã lưu lúc')")
    assert fresh(stp_draft).narrative["I"] == "Đã ban hành Kế hoạch cải cách hành chính năm 2025."
    assert browser.evaluate(f"localStorage.getItem('cchc-report-{stp_draft.pk}')") is None

    # The head saves in the meantime: the officer's next autosave is refused, nothing lost.
    report = fresh(stp_draft)
    save_draft(Actor.of_user(head), report, report.version, {"V": "Ý kiến của lãnh đạo"}, {})
    browser.type_into("#narrative-V", "Ý kiến của chuyên viên")
    browser.evaluate("document.activeElement.blur()")
    browser.wait_for("!document.getElementById('conflict-notice').hidden")
    assert "giamdoc đã lưu báo cáo này lúc" in browser.evaluate(text_of("#conflict-notice"))
    assert fresh(stp_draft).narrative["V"] == "Ý kiến của lãnh đạo"
    kept = json.loads(browser.wait_for(f"localStorage.getItem('cchc-report-{stp_draft.pk}')"))
    assert kept["fields"]["narrative-V"] == "Ý kiến của chuyên viên"
