"""Every page as every demo user, in Vietnamese: a crawl from the home page through the links
each role sees (GET only), on the demo province, finds no English UI string and no raw code
from the lists below on any page, nor in the Word and Excel files those pages offer (the
.xlsx may keep machine codes on a hidden sheet, for re-import).

The lists are kept here: English words that Django or a careless template would show, and the
codes that must always appear in words (statuses, audit actions, permissions, unit kinds).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve
from docx import Document as DocxDocument
from openpyxl import load_workbook

from cchc.access import Perm
from cchc.accounts.models import User
from cchc.audit.events import ACTIONS, COMMANDS, command_label, is_known, system_label
from cchc.audit.models import AuditEntry
from cchc.demo.province import DEMO_USERS
from cchc.orgs.models import Kind
from cchc.reporting.models import Indicator
from cchc.ui.statuses import all_codes

# English that must not reach a user: Django's untranslated admin and form strings, and the
# words an untranslated template would show.
ENGLISH = [
    "After you’ve created a user",
    "Password-based authentication",
    "Show counts",
    "Hide counts",
    "Toggle theme",
    "Skip to main content",
    "Enabled",
    "Disabled",
    "Save",
    "Delete",
    "Search",
    "Filter",
    "Home",
    "Log out",
    "Login",
    "Submit",
    "Cancel",
    "Previous",
    "Next",
    "Page",
    "None",
    "True",
    "False",
    "Unknown",
    "Yes",
    "Required",
    "This field",
    "Enter a valid",
    "entries",
    "View site",
    "History",
    "Choose",
    "Remove",
    "Add another",
    "Error",
    "Not found",
    "Forbidden",
]
# Codes that must always be shown in words.
CODES = sorted(
    all_codes()
    | set(ACTIONS)
    | {perm.value for perm in Perm}
    | {kind.value for kind in Kind}
    | {command_label(name) for name in COMMANDS}
    | {system_label(name) for name in COMMANDS}
)


def forbidden_words(more: set[str]) -> re.Pattern[str]:
    """Any of the words above (or ``more``) standing alone, not inside another word, an
    address or a file name."""
    words = sorted(set(ENGLISH) | set(CODES) | more, key=len, reverse=True)
    return re.compile(r"(?<![\w/.-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w/-])")


# Addresses that name a unit kind by its code (they have Vietnamese forms).
CODE_IN_ADDRESS = re.compile(r"/(department|commune|province|district|office)(/|$)")
# Each page kind (URL pattern) is opened at most this many times per user.
PER_PATTERN = 2
FORM_EDITOR = "/quan-tri/reporting/reportform/"
SKIP = ("/dang-xuat/", "/quan-tri/logout/", "/static/", "/media/")


class VisibleText(HTMLParser):
    """The text a user reads or hears: text outside scripts and styles, and the attributes
    that are shown (title, placeholder, alt, aria-label, button values); and the links."""

    SHOWN = ("title", "placeholder", "alt", "aria-label")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "style", "template"):
            self._hidden += 1
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        for name in self.SHOWN:
            if values.get(name):
                self.parts.append(values[name] or "")
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.parts.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def docx_text(content: bytes) -> str:
    document = DocxDocument(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def xlsx_text(content: bytes) -> str:
    """The cells of the sheets a user sees (hidden sheets keep codes for re-import)."""
    workbook = load_workbook(io.BytesIO(content), read_only=False)
    parts = []
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        hidden_rows = {i for i, d in sheet.row_dimensions.items() if d.hidden}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None and cell.row not in hidden_rows:
                    parts.append(str(cell.value))
    return "\n".join(parts)


def pattern_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return f"{match.namespace}:{match.route}"


def crawl(client: Client) -> Iterator[tuple[str, str]]:
    """(address, text a user sees) for every page and file reached from the home page."""
    queue, seen, per_pattern = ["/"], {"/"}, Counter[str]()
    while queue:
        path = queue.pop(0)
        response = client.get(path)
        assert response.status_code in (200, 302, 403), (path, response.status_code)
        kind = response.get("Content-Type", "")
        if response.status_code == 302:
            continue
        if "wordprocessingml" in kind:
            yield path, docx_text(response.content)
            continue
        if "spreadsheetml" in kind:
            yield path, xlsx_text(response.content)
            continue
        if not kind.startswith("text/html"):
            continue
        parser = VisibleText()
        parser.feed(response.content.decode())
        yield path, " ".join(parser.parts)
        for href in parser.links:
            assert not CODE_IN_ADDRESS.search(urlsplit(href).path), (path, href)
            target = urljoin(path, href)
            parts = urlsplit(target)
            if parts.netloc or not parts.path.startswith("/") or parts.path.startswith(SKIP):
                continue
            address = parts.path + (f"?{parts.query}" if parts.query else "")
            pattern = pattern_of(parts.path)
            if address in seen or pattern is None or per_pattern[pattern] >= PER_PATTERN:
                continue
            seen.add(address)
            per_pattern[pattern] += 1
            queue.append(address)


@pytest.mark.parametrize("username", [demo.username for demo in DEMO_USERS])
def test_no_page_or_file_shows_english_or_a_raw_code(username: str, demo: str) -> None:
    # The report forms' indicator codes too (the .xlsx keeps them on a hidden row only),
    # except in the admin's editor of the forms, where they are what is edited.
    indicator_codes = set(Indicator.objects.values_list("code", flat=True))
    everywhere = forbidden_words(set())
    outside_admin = forbidden_words(indicator_codes | {"unit_code", "unit_name"})
    client = Client()
    client.force_login(User.objects.get(username=username))
    found: dict[str, list[str]] = {}
    pages = 0
    for address, text in crawl(client):
        pages += 1
        forbidden = everywhere if address.startswith(FORM_EDITOR) else outside_admin
        hits = sorted({m.group(1) for m in forbidden.finditer(text)})
        if hits:
            found[address] = hits
    # Every kind of page a role opens (some 45 for an officer, 180 with the admin's).
    assert pages >= 40, pages
    assert found == {}, "\n".join(f"{a}: {h}" for a, h in found.items())


def test_every_action_the_demo_records_has_its_words(demo: str) -> None:
    """The registry of action codes is closed: nothing the application recorded while loading
    the province falls back to "Thao tác khác"."""
    recorded = set(AuditEntry.objects.values_list("action", flat=True))
    assert len(recorded) >= 30
    assert {code for code in recorded if not is_known(code)} == set()
