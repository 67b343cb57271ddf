"""The main page of every module as every demo user, in headless Chromium, on the demo
province: a screenshot at 1366 px (desktop) and at 390 px (a phone), no horizontal scrolling of
the page on the phone (wide tables scroll inside their box), the header kept to one line, and
the accessibility check axe-core (installed by ``make setup`` from npm) finding no serious or
critical violation.

The screenshots go to $CCHC_SCREENSHOTS when set (to look at them), else to a temporary folder.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from pytest_django.live_server_helper import LiveServer

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.demo.province import load
from cchc.reporting.models import Report
from cchc.scoring.models import Assessment
from cchc.tasks.models import Task
from cchc.testing import CHROMIUM, Chromium

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed"),
]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP, PHONE = (1366, 900), (390, 844)
# The header: one line of emblem, names and the user's menu, then the menu bar.
MAX_HEADER_ON_PHONE = 110


def main_pages() -> dict[str, str]:
    """Each module's main page, and the pages of the main actions (fill a report, report a
    task done, self-assess) for Sở Tư pháp."""
    # The report being corrected (the form to fill), else the latest.
    reports = Report.objects.filter(unit__code="QNG-STP")
    report = (
        reports.filter(status__in=["draft", "returned"]).first()
        or reports.order_by("-period__start").first()
    )
    sheet = Assessment.objects.filter(unit__code="QNG-STP").order_by("-framework__year").first()
    task = Task.objects.filter(lead_unit__code="QNG-STP").order_by("deadline").first()
    assert report is not None and sheet is not None and task is not None
    framework = sheet.framework
    return {
        "trang-chu": "/",
        "nhiem-vu": "/nhiem-vu/",
        "nhiem-vu-chi-tiet": f"/nhiem-vu/{task.pk}/",
        "thong-ke-nhiem-vu": "/nhiem-vu/thong-ke/?ngay=20/11/2025",
        "bao-cao": "/bao-cao/",
        "bao-cao-don-vi": f"/bao-cao/{report.period.code}/QNG-STP/",
        "hoan-thanh-bao-cao": f"/bao-cao/{report.period.code}/",
        "chi-so-cchc": "/chi-so-cchc/",
        "bang-diem": f"/chi-so-cchc/{framework.year}/so-nganh/QNG-STP/",
        "xep-hang": f"/chi-so-cchc/{framework.year - 1}/so-nganh/xep-hang/",
        "chi-so-quoc-gia": "/chi-so-cchc/quoc-gia/",
        "tong-hop": "/tong-hop/",
        "so-lieu": "/tong-hop/so-lieu/",
        "van-ban": "/van-ban/",
        "don-vi": "/don-vi/",
        "nhat-ky": "/nhat-ky/",
        "quan-tri": "/quan-tri/",
    }


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CCHC_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sized(browser: Chromium, size: tuple[int, int]) -> None:
    width, height = size
    browser.command(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 800},
    )


def shoot(browser: Chromium, path: Path) -> None:
    shot = browser.command("Page.captureScreenshot", {"format": "png"})
    path.write_bytes(base64.b64decode(shot["data"]))


def serious_violations(browser: Chromium) -> list[str]:
    """axe-core's serious and critical violations on the open page (WCAG 2.1 A and AA)."""
    if not browser.evaluate("typeof axe !== 'undefined'"):
        browser.evaluate(AXE.read_text(encoding="utf-8"))
    found = browser.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})"
        ".then(r => JSON.stringify(r.violations.filter(v => "
        "['serious', 'critical'].includes(v.impact)).map(v => "
        "v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))"
    )
    violations: list[str] = json.loads(found)
    return violations


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed: run make setup")
def test_every_main_page_fits_a_phone_and_passes_the_accessibility_check(
    live_server: LiveServer, browser: Chromium, screenshots: Path
) -> None:
    load(Actor.command("load_demo"))
    pages = main_pages()
    problems: list[str] = []
    shot = 0
    for user in User.objects.filter(
        username__in=["chuyenvien", "lanhdaoso", "dieuphoi", "lanhdao", "quantri"]
    ):
        client = Client()
        client.force_login(user)
        browser.set_cookie(live_server.url, "sessionid", client.cookies["sessionid"].value)
        # The pages this user may open (the others answer 403 and are not theirs to see).
        theirs = {name: url for name, url in pages.items() if client.get(url).status_code == 200}
        assert {"trang-chu", "nhiem-vu", "bao-cao", "chi-so-cchc"} <= set(theirs), user
        for name, url in theirs.items():
            for size in (DESKTOP, PHONE):
                sized(browser, size)
                browser.open(live_server.url + url)
                shoot(browser, screenshots / f"{user.username}-{size[0]}-{name}.png")
                shot += 1
                if size == PHONE and not url.startswith("/quan-tri/"):
                    width, viewport, header = browser.evaluate(
                        "[document.documentElement.scrollWidth, innerWidth, "
                        "document.querySelector('.site-header').offsetHeight]"
                    )
                    if width > viewport:
                        problems.append(f"{user} {url}: trang rộng {width} px > {viewport} px")
                    if header > MAX_HEADER_ON_PHONE:
                        problems.append(f"{user} {url}: phần đầu trang cao {header} px")
                if size == DESKTOP:
                    problems += [f"{user} {url}: {v}" for v in serious_violations(browser)]
    assert shot >= 60, shot
    assert problems == [], "\n".join(problems)


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed: run make setup")
def test_the_sign_in_page_fits_a_phone_and_passes_the_accessibility_check(
    live_server: LiveServer, browser: Chromium, screenshots: Path
) -> None:
    for size in (DESKTOP, PHONE):
        sized(browser, size)
        browser.open(live_server.url + "/dang-nhap/")
        shoot(browser, screenshots / f"khach-{size[0]}-dang-nhap.png")
        assert browser.evaluate("document.documentElement.scrollWidth <= innerWidth")
        assert serious_violations(browser) == []
