"""The demo province (Quảng Ngãi): its units, one user per role, the documents that the
real sample reports cite, and the yearly CCHC plan 2025 with tasks assigned by other documents.
Loading is additive: what already exists is left as it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.utils import timezone

from cchc.accounts.actions import create_user, grant_role
from cchc.accounts.models import Role, User
from cchc.audit.log import Actor
from cchc.demo.compiled import load_compiled
from cchc.demo.reporting import load_reports
from cchc.demo.scoring import load_scoring
from cchc.documents.actions import (
    DocumentData,
    add_citations,
    find_document,
    parse_symbol,
    register_document,
)
from cchc.documents.models import Document
from cchc.orgs.actions import import_units
from cchc.orgs.csvio import read_units_csv
from cchc.orgs.loading import DEFAULT_FILE, load_identity, read_identity_file
from cchc.orgs.models import ProvinceIdentity, Unit
from cchc.tasks.actions import (
    DocumentRef,
    TaskRow,
    decide_adjustment,
    find_or_register_document,
    import_plan,
    import_tasks,
    request_adjustment,
)
from cchc.tasks.models import Plan, Task

UNITS_CSV = Path(__file__).resolve().parent.parent / "orgs" / "data" / "demo_units.csv"
DOCUMENTS_YAML = (
    Path(__file__).resolve().parent.parent / "documents" / "data" / "demo_documents.yaml"
)
TASKS_YAML = Path(__file__).resolve().parent.parent / "tasks" / "data" / "demo_tasks.yaml"
DEMO_PASSWORD = "cchc@demo2025"
DEMO_ORIGIN = "Dữ liệu mẫu (tình hình đến ngày %s)"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: Role | None  # None: system administrator
    unit_code: str
    description: str
    # Where reminders of the unit's tasks go (send_task_reminders; printed in the demo).
    email: str = ""


DEMO_USERS = [
    DemoUser(
        "chuyenvien",
        "Nguyễn Thị Lan",
        Role.OFFICER,
        "QNG-STP",
        "chuyên viên đầu mối CCHC, Sở Tư pháp",
        "chuyenvien@stp.quangngai.example",
    ),
    DemoUser(
        "lanhdaoso",
        "Trần Văn Hùng",
        Role.HEAD,
        "QNG-STP",
        "Giám đốc Sở Tư pháp",
        "giamdoc@stp.quangngai.example",
    ),
    DemoUser(
        "dieuphoi",
        "Lê Thị Hoa",
        Role.COORDINATOR,
        "QNG-SNV",
        "chuyên viên Phòng CCHC, Sở Nội vụ",
        "cchc@snv.quangngai.example",
    ),
    DemoUser(
        "lanhdao",
        "Phạm Minh Quang",
        Role.LEADER,
        "QNG",
        "Phó Chủ tịch UBND tỉnh",
        "pct@ubnd.quangngai.example",
    ),
    DemoUser(
        "phogiamdocsnv",
        "Võ Thị Thanh Hà",
        Role.HEAD,
        "QNG-SNV",
        "Phó Giám đốc Sở Nội vụ (ký báo cáo tổng hợp)",
        "phogiamdoc@snv.quangngai.example",
    ),
    DemoUser(
        "quantri",
        "Quản trị hệ thống",
        None,
        "QNG-SNV",
        "quản trị hệ thống",
        "quantri@snv.quangngai.example",
    ),
]


def load(actor: Actor, today: dt.date | None = None) -> dict[str, int]:
    """Load what is missing; returns how many units, users, documents, tasks and periodic
    reports were added, and the PAR Index's frameworks, assessments and national indices.
    ``today`` (default: now) sets the deadlines of the PAR Index cycle under way."""
    return {
        "identity": _load_identity(actor),
        "units": _load_units(actor),
        "users": _load_users(actor),
        "documents": _load_documents(actor),
        "tasks": _load_tasks(actor),
        "reports": load_reports(actor),
        **load_scoring(actor, today),
        **load_compiled(actor),
    }


def _load_identity(actor: Actor) -> int:
    """Quảng Ngãi's name, emblem and colours, unless a province identity is there already."""
    if ProvinceIdentity.objects.exists():
        return 0
    load_identity(actor, read_identity_file(DEFAULT_FILE))
    return 1


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
                email=demo.email,
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
        document = find_document(parse_symbol(entry["symbol"]), date)
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


def _load_tasks(actor: Actor) -> int:
    """The plan KH-CCHC-2025 and the tasks of each assigning document, unless already there;
    statuses as of the demo date, then the adjustment requests and their decisions."""
    data: dict[str, Any] = yaml.safe_load(TASKS_YAML.read_text(encoding="utf-8"))
    origin = DEMO_ORIGIN % f"{data['demo_date']:%d/%m/%Y}"
    # The statuses and decisions are those of the demo date: the history says so.
    at = timezone.make_aware(dt.datetime.combine(data["demo_date"], dt.time(9)))
    units = {unit.code: unit for unit in Unit.objects.all()}
    documents = {
        entry["symbol"]: find_or_register_document(
            actor, DocumentRef(entry["symbol"], entry["date"], entry["subject"])
        )[0]
        for entry in data["documents"]
    }
    added: list[tuple[Task, dict[str, Any]]] = []
    plan = data["plan"]
    if not Plan.objects.filter(code=plan["code"]).exists():
        document = documents[plan["document"]]
        result = import_plan(
            actor,
            code=plan["code"],
            title=plan["title"],
            document=DocumentRef(document.symbol, document.date),
            rows=[_task_row(line, entry, units) for line, entry in enumerate(plan["tasks"], 1)],
            origin=origin,
            at=at,
        )
        added.extend(zip(result.tasks, plan["tasks"], strict=True))
    for group in data["assigned"]:
        document = documents[group["document"]]
        if Task.objects.filter(source_document=document).exists():
            continue
        tasks = import_tasks(
            actor,
            [_task_row(line, entry, units) for line, entry in enumerate(group["tasks"], 1)],
            plan=None,
            default_document=document,
            origin=origin,
            at=at,
        )
        added.extend(zip(tasks, group["tasks"], strict=True))
    for task, entry in added:
        if "adjustment" in entry:
            _adjust(actor, task, entry["adjustment"], at)
    return len(added)


def _task_row(line: int, entry: dict[str, Any], units: dict[str, Unit]) -> TaskRow:
    return TaskRow(
        line=line,
        content=entry["content"],
        lead_unit=units[entry["lead"]],
        cooperating_units=tuple(units[code] for code in entry.get("coop", [])),
        deadline=entry.get("deadline"),
        expected_output=entry.get("output", ""),
        item_number=entry.get("stt", ""),
        status=entry["status"],
        completed_on=entry.get("completed"),
    )


def _adjust(actor: Actor, task: Task, entry: dict[str, Any], at: dt.datetime) -> None:
    adjustment = request_adjustment(
        actor, task, entry["kind"], entry["reason"], entry.get("deadline"), at=at
    )
    if entry["decision"] != "pending":
        decide_adjustment(
            actor, adjustment, entry["decision"] == "approved", entry.get("note", ""), at=at
        )
