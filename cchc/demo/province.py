"""The demo province (Quảng Ngãi): its units, one user per role, and the documents that the
real sample reports cite. Loading is additive: what already exists is left as it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cchc.accounts.actions import create_user, grant_role
from cchc.accounts.models import Role, User
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, add_citations, parse_symbol, register_document
from cchc.documents.models import Document
from cchc.orgs.actions import import_units
from cchc.orgs.csvio import read_units_csv
from cchc.orgs.models import Unit

UNITS_CSV = Path(__file__).resolve().parent.parent / "orgs" / "data" / "demo_units.csv"
DOCUMENTS_YAML = (
    Path(__file__).resolve().parent.parent / "documents" / "data" / "demo_documents.yaml"
)
DEMO_PASSWORD = "cchc@demo2025"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: Role | None  # None: system administrator
    unit_code: str
    description: str


DEMO_USERS = [
    DemoUser(
        "chuyenvien",
        "Nguyễn Thị Lan",
        Role.OFFICER,
        "QNG-STP",
        "chuyên viên đầu mối CCHC, Sở Tư pháp",
    ),
    DemoUser("lanhdaoso", "Trần Văn Hùng", Role.HEAD, "QNG-STP", "Giám đốc Sở Tư pháp"),
    DemoUser(
        "dieuphoi", "Lê Thị Hoa", Role.COORDINATOR, "QNG-SNV", "chuyên viên Phòng CCHC, Sở Nội vụ"
    ),
    DemoUser("lanhdao", "Phạm Minh Quang", Role.LEADER, "QNG", "Phó Chủ tịch UBND tỉnh"),
    DemoUser("quantri", "Quản trị hệ thống", None, "QNG-SNV", "quản trị hệ thống"),
]


def load(actor: Actor) -> dict[str, int]:
    """Load what is missing; returns how many units, users and documents were added."""
    return {
        "units": _load_units(actor),
        "users": _load_users(actor),
        "documents": _load_documents(actor),
    }


def _load_units(actor: Actor) -> int:
    existing = set(Unit.objects.values_list("code", flat=True))
    rows = [
        row
        for row in read_units_csv(UNITS_CSV.read_text(encoding="utf-8"))
        if row.code not in existing
    ]
    return len(import_units(actor, rows).created) if rows else 0


def _load_users(actor: Actor) -> int:
    added = 0
    for demo in DEMO_USERS:
        user = User.objects.filter(username=demo.username).first()
        if user is None:
            user = create_user(
                actor,
                demo.username,
                DEMO_PASSWORD,
                full_name=demo.full_name,
                is_superuser=demo.role is None,
            )
            added += 1
        if demo.role is not None:
            grant_role(actor, user, Unit.objects.get(code=demo.unit_code), demo.role)
    return added


def _load_documents(actor: Actor) -> int:
    entries: list[dict[str, Any]] = yaml.safe_load(DOCUMENTS_YAML.read_text(encoding="utf-8"))
    units = {unit.code: unit for unit in Unit.objects.all()}
    added = 0
    documents: list[tuple[Document, list[str]]] = []
    for entry in entries:
        date: dt.date | None = entry.get("date")
        number = parse_symbol(entry["symbol"])
        document = Document.objects.filter(symbol_key=number.key, date=date).first()
        if document is None:
            data = DocumentData(
                symbol=entry["symbol"],
                date=date,
                subject=entry.get("subject", ""),
                issuing_unit=units.get(entry.get("issuer_unit", "")),
            )
            document = register_document(actor, data)
            added += 1
        documents.append((document, entry.get("cites") or []))
    for document, cited_symbols in documents:
        keys = [parse_symbol(symbol).key for symbol in cited_symbols]
        add_citations(actor, document, Document.objects.filter(symbol_key__in=keys))
    return added
