"""The demo province (load_demo): units, one user per role and the documents of the samples."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.test import Client

from cchc.access import ADMIN, roles_of
from cchc.accounts.models import Membership, Role, User
from cchc.audit.models import AuditEntry
from cchc.demo.province import DEMO_USERS, DOCUMENTS_YAML
from cchc.documents.actions import parse_symbol
from cchc.documents.models import Document
from cchc.orgs.models import Kind, Unit

SUMMARY = re.compile(r"Tỉnh mẫu: thêm (\d+) đơn vị, (\d+) người dùng, (\d+) văn bản")


def added(output: str) -> tuple[int, int, int]:
    """The units, users and documents the command says it added (later modules add more)."""
    match = SUMMARY.search(output)
    assert match is not None, output
    units, users, documents = (int(n) for n in match.groups())
    return units, users, documents


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def yaml_entries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = yaml.safe_load(DOCUMENTS_YAML.read_text(encoding="utf-8"))
    return entries


def counts() -> tuple[int, int, int, int, int]:
    return (
        Unit.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        Document.objects.count(),
        Document.cites.through.objects.count(),
    )


def test_loading_twice_creates_no_duplicates_and_records_nothing_new(demo: str) -> None:
    first = counts()
    entries = AuditEntry.objects.count()
    output = load_demo()
    assert added(output) == (0, 0, 0)
    assert not re.search(r"thêm .*[1-9]", output.splitlines()[0]), output
    assert counts() == first
    assert AuditEntry.objects.count() == entries


def test_the_first_load_reports_what_it_added(demo: str) -> None:
    assert added(demo) == (Unit.objects.count(), len(DEMO_USERS), len(yaml_entries()))


def test_the_demo_has_a_province_of_every_kind_of_unit_with_successions(demo: str) -> None:
    assert 45 <= Unit.objects.count() <= 60
    assert set(Unit.objects.values_list("kind", flat=True)) == set(Kind.values)
    [root] = Unit.objects.filter(parent=None)
    assert root.kind == Kind.PROVINCE
    assert Unit.objects.subtree(root).count() == Unit.objects.count()
    dissolved = Unit.objects.filter(valid_to__isnull=False)
    assert dissolved.exists()
    assert Unit.objects.filter(successors__isnull=False).distinct().count() >= 2
    for unit in dissolved:
        assert unit.successors.exists(), unit.code
    for unit in Unit.objects.select_related("parent"):
        expected = (unit.parent.path if unit.parent else "/") + f"{unit.pk:07d}/"
        assert unit.path == expected, unit.code


def test_the_districts_end_and_the_new_communes_begin_with_the_reform(demo: str) -> None:
    assert set(Unit.objects.filter(kind=Kind.DISTRICT).values_list("valid_to", flat=True)) == {
        dt.date(2025, 6, 30)
    }
    after = Unit.objects.active_on(dt.date(2025, 7, 1))
    assert not after.filter(kind=Kind.DISTRICT).exists()
    assert after.filter(kind=Kind.COMMUNE).exists()


def test_there_is_one_user_per_role_and_the_printed_password_works(demo: str) -> None:
    match = re.search(r"mật khẩu chung: (\S+)\)", demo)
    assert match is not None
    password = match.group(1)
    expected = {
        "chuyenvien": {Role.OFFICER},
        "lanhdaoso": {Role.HEAD},
        "dieuphoi": {Role.COORDINATOR},
        "lanhdao": {Role.LEADER},
        "quantri": {ADMIN},
        # Who signs the demo's compiled report for Sở Nội vụ's director.
        "phogiamdocsnv": {Role.HEAD},
    }
    assert {demo_user.username for demo_user in DEMO_USERS} == set(expected)
    for username, roles in expected.items():
        assert username in demo
        user = User.objects.get(username=username)
        assert user.full_name
        assert roles_of(user) == roles, username
        client = Client()
        assert client.login(username=username, password=password), username
        assert client.get("/").status_code == 200
    assert User.objects.get(username="chuyenvien").memberships.get().unit.code == "QNG-STP"


def test_the_demo_users_sign_in_through_the_login_page(demo: str) -> None:
    password = re.search(r"mật khẩu chung: (\S+)\)", demo).group(1)  # type: ignore[union-attr]
    client = Client()
    response = client.post(
        "/dang-nhap/", {"username": "lanhdao", "password": password}, follow=True
    )
    assert response.status_code == 200
    assert "Xin chào, Phạm Minh Quang" in response.content.decode()


def test_every_document_of_the_yaml_is_registered(demo: str) -> None:
    entries = yaml_entries()
    # Other demo data (the plan and its tasks) may register documents of their own.
    assert Document.objects.count() >= len(entries) > 50
    for entry in entries:
        key = parse_symbol(entry["symbol"]).key
        assert Document.objects.filter(symbol_key=key, date=entry.get("date")).count() == 1, entry
    assert Document.objects.filter(symbol="05-NQ/TU").count() == 2


def test_every_citation_of_the_yaml_is_linked(demo: str) -> None:
    for entry in yaml_entries():
        document = Document.objects.get(
            symbol_key=parse_symbol(entry["symbol"]).key, date=entry.get("date")
        )
        wanted = {parse_symbol(symbol).key for symbol in entry.get("cites") or []}
        assert set(document.cites.values_list("symbol_key", flat=True)) == wanted, entry["symbol"]


@pytest.mark.parametrize(
    ("report", "cited"),
    [
        ("/BC-SNV", ["590/QĐ-UBND", "76/NQ-CP", "48/2021/QĐ-UBND", "692/SNgV-ĐN"]),
        ("/BC-SNgV", ["20/2013/QĐ-UBND", "75/KH-SNgV", "31-CT/TU", "20/QĐ-SNgV"]),
        ("/BC-VP", ["1100/QĐ-UBND", "626/SNV-XDCQ"]),
    ],
)
def test_the_sample_reports_cite_the_documents_they_mention(
    demo: str, report: str, cited: list[str]
) -> None:
    [document] = Document.objects.filter(symbol=report)
    assert document.number is None
    assert document.doc_type == "Báo cáo"
    symbols = set(document.cites.values_list("symbol", flat=True))
    assert set(cited) <= symbols
    for symbol in cited:
        assert document in Document.objects.get(symbol=symbol).cited_by.all()


def test_the_reports_are_linked_to_their_units(demo: str) -> None:
    report = Document.objects.get(symbol="/BC-SNV")
    assert report.issuing_unit is not None
    assert report.issuing_unit.code == "QNG-SNV"
    decision = Document.objects.get(symbol="590/QĐ-UBND")
    assert decision.issuing_unit is not None
    assert decision.issuing_unit.kind == Kind.PROVINCE


def test_the_demo_is_audited_as_the_command(demo: str) -> None:
    labels = set(AuditEntry.objects.values_list("actor_label", flat=True))
    assert labels == {"lệnh load_demo"}
    assert AuditEntry.objects.filter(action="unit.create").count() == Unit.objects.count()
    assert AuditEntry.objects.filter(action="user.create").count() == len(DEMO_USERS)
    assert AuditEntry.objects.filter(action="document.create").count() == Document.objects.count()


def test_export_units_after_the_demo_lists_every_demo_unit(demo: str) -> None:
    out = io.StringIO()
    call_command("export_units", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "code,name,short_code,kind,parent_code,valid_from,valid_to,successor_code"
    assert len(lines) == Unit.objects.count() + 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [row["code"] for row in rows] == list(Unit.objects.values_list("code", flat=True))
    assert rows[0]["code"] == "QNG"
    assert any(row["successor_code"] for row in rows)
