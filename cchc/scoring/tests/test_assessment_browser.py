"""The score sheet in a real browser (headless Chromium), in the officer's and the head's
hands: a leaf's "add evidence" button posts the whole sheet to its own address (saving what
was typed; sheet.js sends it without reloading the page, and without JavaScript the page
reloads), the Enter key in a score saves rather than removing a piece of evidence, and an
answer typed on the sheet is sent by its own form outside the sheet's form."""

from __future__ import annotations

import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from pytest_django.live_server_helper import LiveServer

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, register_document
from cchc.scoring.actions import (
    AppraisalEntry,
    save_appraisal,
    save_self_assessment,
    send_appraisal,
    submit_self_assessment,
)
from cchc.scoring.models import Assessment, Evidence
from cchc.scoring.tests.sheets import COMPLETE, fresh, item, sheet_url, stp_sheet
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


def field(name: str) -> str:
    return json.dumps(f'[name="{name}"]')


def next_page(browser: Chromium, expression: str) -> None:
    """Run ``expression`` (a click, a key) and wait for the page it leads to."""
    browser.evaluate("window.__cchcOldPage = true")
    browser.evaluate(expression)
    browser.wait_for("!window.__cchcOldPage && document.readyState === 'complete'")


def press_enter(browser: Chromium) -> None:
    browser.evaluate("window.__cchcOldPage = true")
    for kind in ("keyDown", "keyUp"):
        browser.command(
            "Input.dispatchKeyEvent",
            {"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}
            | ({"text": "\r"} if kind == "keyDown" else {}),
        )
    browser.wait_for("!window.__cchcOldPage && document.readyState === 'complete'")


def test_the_officer_adds_evidence_and_saves_with_enter_and_the_head_answers(
    province: Province,
    officer: User,
    head: User,
    coordinator: User,
    live_server: LiveServer,
    browser: Chromium,
) -> None:
    register_document(
        Actor.of_user(coordinator), DocumentData("12/KH-STP", None, "Kế hoạch CCHC năm 2025")
    )
    draft: Assessment = stp_sheet(province.stp)
    signed_in(browser, live_server, officer)
    browser.open(live_server.url + sheet_url("scoring:assessment", draft))

    # A level chosen and a document named, then the leaf's button: both are kept, and the
    # evidence appears under the leaf without the page being loaded again (sheet.js).
    browser.evaluate(f"document.querySelector({field('score-1.1.1')}).value = '3'")
    browser.evaluate("document.querySelector('[id=\"tc-1.1.1\"] summary').click()")
    browser.type_into('[name="evidence-doc-1.1.1"]', "12/KH-STP")
    browser.evaluate("window.__cchcSamePage = true")
    browser.evaluate("document.querySelector('button[name=item][value=\"1.1.1\"]').click()")
    browser.wait_for("document.querySelector('[id=\"kiem-chung-1.1.1\"] .evidence li') !== null")
    assert browser.evaluate("window.__cchcSamePage === true")
    assert "đã thêm «Kế hoạch số 12/KH-STP" in browser.evaluate("document.body.innerText")
    assert item(draft, "1.1.1").self_score == 3
    assert Evidence.objects.get().document is not None

    # Enter in a score saves the sheet; the evidence listed above it stays.
    browser.type_into('[name="score-1.1.3"]', "2,5")
    press_enter(browser)
    assert "Đã lưu bản tự đánh giá." in browser.evaluate("document.body.innerText")
    assert item(draft, "1.1.3").self_score == Decimal("2.5")
    assert Evidence.objects.count() == 1

    # Sent, appraised with a deduction on 2.2; the head answers it in the table.
    current = fresh(draft)
    save_self_assessment(Actor.of_user(officer), current, current.version, COMPLETE)
    sent = submit_self_assessment(Actor.of_user(head), fresh(draft))
    entries = {code: AppraisalEntry(e.score) for code, e in COMPLETE.items()}
    entries["2.2"] = AppraisalEntry(Decimal(26), "2 % hồ sơ quá hạn.")
    actor = Actor.of_user(coordinator)
    send_appraisal(actor, save_appraisal(actor, sent, sent.version, entries))
    signed_in(browser, live_server, head)
    browser.open(live_server.url + sheet_url("scoring:assessment", draft))
    browser.type_into('textarea[form="answer-form-2.2"]', "Hồ sơ chờ công dân bổ sung.")
    next_page(browser, "document.querySelector('button[form=\"answer-form-2.2\"]').click()")
    assert "2.2: đã gửi ý kiến giải trình." in browser.evaluate("document.body.innerText")
    assert item(draft, "2.2").answer == "Hồ sơ chờ công dân bổ sung."


def test_evidence_is_removed_in_place_and_added_without_javascript_too(
    province: Province, officer: User, live_server: LiveServer, browser: Chromium
) -> None:
    draft: Assessment = stp_sheet(province.stp)
    signed_in(browser, live_server, officer)
    browser.command("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.open(live_server.url + sheet_url("scoring:assessment", draft))
    # Without JavaScript the add button posts the form and the sheet comes back.
    browser.command(
        "DOM.setFileInputFiles",
        {"files": [str(_pdf(browser))], "nodeId": _node(browser, '[name="evidence-file-1.1.1"]')},
    )
    next_page(browser, "document.querySelector('button[name=item][value=\"1.1.1\"]').click()")
    assert Evidence.objects.count() == 1
    assert "kiem-chung.pdf" in browser.evaluate("document.body.innerText")

    # With it, the piece of evidence is removed in place.
    browser.command("Emulation.setScriptExecutionDisabled", {"value": False})
    browser.open(live_server.url + sheet_url("scoring:assessment", draft))
    browser.evaluate("window.__cchcSamePage = true")
    browser.evaluate(
        "document.querySelector('[id=\"kiem-chung-1.1.1\"] button[name=evidence]').click()"
    )
    browser.wait_for("!document.querySelector('[id=\"kiem-chung-1.1.1\"] .evidence li')")
    assert browser.evaluate("window.__cchcSamePage === true")
    assert "Đã gỡ «kiem-chung.pdf»." in browser.evaluate("document.body.innerText")
    assert Evidence.objects.count() == 0


def _pdf(browser: Chromium) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="cchc-evidence-"))
    path = folder / "kiem-chung.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    return path


def _node(browser: Chromium, selector: str) -> int:
    document = browser.command("DOM.getDocument")
    found = browser.command(
        "DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": selector}
    )
    node: int = found["nodeId"]
    return node
