"""Every URL of the project, requested by every role and by an anonymous visitor.

The matrix below says who may open each named URL. A URL added without an entry (or a model
registered in the admin without being listed) makes ``test_every_url_has_an_entry`` fail.
Unnamed admin catch-all patterns only redirect to named ones and are not listed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pytest_django import DjangoDbBlocker

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.compiling.tests.access_entries import COMPILING_MATRIX, compiling_objects
from cchc.documents.actions import DocumentData, register_document
from cchc.notifications.tests.access_entries import (
    NOTIFICATIONS_ADMIN_MODELS,
    notification_objects,
)
from cchc.orgs.loading import DEFAULT_FILE, load_identity, read_identity_file
from cchc.orgs.models import Unit
from cchc.reporting.actions import load_config, open_periods, start_report
from cchc.reporting.loading import read_config
from cchc.reporting.models import OnestopCode, Period, PeriodKind, ReportFile
from cchc.scoring.tests.access_entries import (
    SCORING_ADMIN_MODELS,
    SCORING_MATRIX,
    scoring_objects,
)
from cchc.tasks.actions import (
    TaskData,
    accept_task,
    add_progress,
    create_plan,
    create_task,
    request_adjustment,
)
from cchc.tasks.models import PlanImport
from cchc.tests.matrix_entries import (
    COORDINATION,
    EVERY_ROLE,
    LEAD_UNIT,
    PUBLIC,
    READ_ALL_REPORTS,
    REPORT,
    ROLES,
    Entry,
)
from conftest import Province, build_province, build_users

MATRIX: dict[str, Entry] = {
    "home:index": Entry(EVERY_ROLE),
    "home:dashboard": Entry(READ_ALL_REPORTS),
    # A signed-in user is sent on to the home page, which refuses an outsider.
    "accounts:login": Entry(PUBLIC - {"outsider"}),
    "accounts:logout": Entry(PUBLIC, method="post"),
    "orgs:unit_tree": Entry(EVERY_ROLE, query="q=tu+phap"),
    "orgs:unit_detail": Entry(EVERY_ROLE, kwargs={"code": "unit_code"}),
    "documents:document_list": Entry(EVERY_ROLE, query="q=quyet+dinh+590"),
    "documents:document_create": Entry(frozenset({"officer", "head", "coordinator", "admin"})),
    "documents:document_upload": Entry(frozenset({"officer", "head", "coordinator", "admin"})),
    "documents:document_detail": Entry(EVERY_ROLE, kwargs={"pk": "document"}),
    "documents:document_file": Entry(EVERY_ROLE, kwargs={"pk": "document"}),
    # Those who register documents reach it; the action then allows only whoever registered
    # it (the fixture's document was registered by a command: nobody here may remove it).
    "documents:document_remove": Entry(
        frozenset({"officer", "head", "coordinator", "admin"}),
        method="post",
        kwargs={"pk": "document"},
    ),
    "audit:audit_log": Entry(frozenset({"coordinator", "admin"})),
    "tasks:plan_list": Entry(EVERY_ROLE),
    "tasks:plan_create": Entry(COORDINATION),
    "tasks:plan_import": Entry(COORDINATION),
    "tasks:plan_import_status": Entry(COORDINATION, kwargs={"pk": "plan_import"}),
    "tasks:plan_import_template": Entry(COORDINATION),
    "tasks:plan_detail": Entry(EVERY_ROLE, kwargs={"code": "plan_code"}),
    "tasks:task_list": Entry(EVERY_ROLE, query="q=ra+soat&trang_thai=dang_thuc_hien"),
    "tasks:task_create": Entry(COORDINATION),
    "tasks:task_export_xlsx": Entry(EVERY_ROLE),
    "tasks:task_export_docx": Entry(EVERY_ROLE),
    "tasks:task_stats": Entry(EVERY_ROLE, query="ngay=20/11/2025"),
    "tasks:stats_export_xlsx": Entry(EVERY_ROLE),
    "tasks:stats_export_docx": Entry(EVERY_ROLE),
    "tasks:adjustment_list": Entry(EVERY_ROLE),
    "tasks:adjustment_decide": Entry(COORDINATION, method="post", kwargs={"pk": "adjustment"}),
    "tasks:unit_tasks": Entry(EVERY_ROLE, kwargs={"code": "unit_code"}),
    "tasks:evidence_file": Entry(EVERY_ROLE, kwargs={"pk": "evidence"}),
    "tasks:task_detail": Entry(EVERY_ROLE, kwargs={"pk": "task"}),
    "tasks:task_edit": Entry(COORDINATION, kwargs={"pk": "task"}),
    "tasks:task_accept": Entry(LEAD_UNIT, method="post", kwargs={"pk": "task"}),
    "tasks:task_progress": Entry(LEAD_UNIT, method="post", kwargs={"pk": "task"}),
    "tasks:task_report_done": Entry(LEAD_UNIT, method="post", kwargs={"pk": "task"}),
    "tasks:task_request_adjustment": Entry(LEAD_UNIT, method="post", kwargs={"pk": "task"}),
    "tasks:task_confirm": Entry(COORDINATION, method="post", kwargs={"pk": "task"}),
    "tasks:task_return": Entry(COORDINATION, method="post", kwargs={"pk": "task"}),
    "reporting:period_list": Entry(EVERY_ROLE),
    "reporting:open_periods": Entry(COORDINATION),
    "reporting:adhoc_request": Entry(COORDINATION, query="q=590"),
    "reporting:onestop_import": Entry(COORDINATION),
    "reporting:period_completeness": Entry(
        READ_ALL_REPORTS, query="don_vi=QNG", kwargs={"period": "period_code"}
    ),
    "reporting:report": Entry(EVERY_ROLE, kwargs=REPORT),
    "reporting:report_start": Entry(LEAD_UNIT, method="post", kwargs=REPORT),
    "reporting:report_save": Entry(LEAD_UNIT, method="post", kwargs=REPORT, data={"version": "1"}),
    "reporting:report_autosave": Entry(
        LEAD_UNIT, method="post", kwargs=REPORT, data={"version": "1"}
    ),
    "reporting:report_submit": Entry(frozenset({"head", "admin"}), method="post", kwargs=REPORT),
    "reporting:report_accept": Entry(COORDINATION, method="post", kwargs=REPORT),
    "reporting:report_return": Entry(
        COORDINATION, method="post", kwargs=REPORT, data={"comment": "Bổ sung số liệu"}
    ),
    "reporting:report_reopen": Entry(
        COORDINATION, method="post", kwargs=REPORT, data={"comment": "Sửa số liệu"}
    ),
    "reporting:report_docx": Entry(EVERY_ROLE, kwargs=REPORT),
    # The unit, or Sở Nội vụ for a unit that sends its report as a file.
    "reporting:report_upload": Entry(LEAD_UNIT | COORDINATION, method="post", kwargs=REPORT),
    "reporting:report_confirm_figure": Entry(
        LEAD_UNIT | COORDINATION, method="post", kwargs=REPORT
    ),
    "reporting:report_import": Entry(LEAD_UNIT | COORDINATION, kwargs=REPORT),
    "reporting:report_file": Entry(EVERY_ROLE, kwargs={**REPORT, "pk": "report_file"}),
    "reporting:reporting_summary": Entry(READ_ALL_REPORTS),
    "reporting:synthesis": Entry(READ_ALL_REPORTS, query="ky=2025-H1&don_vi=QNG"),
    "synthesis_docx": Entry(READ_ALL_REPORTS, query="ky=2025-H1"),
    "reporting:synthesis_xlsx": Entry(READ_ALL_REPORTS, query="ky=2025-H1&don_vi=QNG"),
    "notifications:notification_list": Entry(EVERY_ROLE),
    "notifications:notification_settings": Entry(EVERY_ROLE),
    "notifications:notification_unread": Entry(EVERY_ROLE),
    "notifications:notification_read_all": Entry(EVERY_ROLE, method="post"),
    "notifications:notification_open": Entry(EVERY_ROLE, kwargs={"pk": "notice"}),
    "reporting:period_remind": Entry(COORDINATION, kwargs={"period": "period_code"}),
    "tasks:overdue_remind": Entry(COORDINATION),
    "admin:index": Entry(frozenset({"admin"})),
    "admin:login": Entry(frozenset({"admin"})),
    "admin:logout": Entry(frozenset({"admin"}), method="post"),
    "admin:password_change": Entry(frozenset({"admin"})),
    "admin:password_change_done": Entry(frozenset({"admin"})),
    "admin:autocomplete": Entry(
        frozenset({"admin"}),
        query="app_label=documents&model_name=document&field_name=issuing_unit",
    ),
    "admin:jsi18n": Entry(frozenset({"admin"})),
    "admin:view_on_site": Entry(
        frozenset({"admin"}), kwargs={"content_type_id": "unit_type", "object_id": "unit"}
    ),
    "admin:app_list": Entry(frozenset({"admin"}), kwargs={"app_label": "orgs"}),
    "admin:auth_user_password_change": Entry(frozenset({"admin"}), kwargs={"id": "user"}),
}

# Models in the admin, with the object whose pages are requested, and the pages no one may use.
ADMIN_MODELS: dict[str, tuple[str, frozenset[str]]] = {
    "accounts_user": ("user", frozenset()),
    "orgs_unit": ("unit", frozenset()),
    # One row, loaded: no second one is added, and it is never deleted.
    "orgs_provinceidentity": ("province_identity", frozenset({"add", "delete"})),
    "documents_document": ("document", frozenset({"add"})),
    "audit_auditentry": ("audit", frozenset({"add", "delete"})),
    "reporting_reportform": ("report_form", frozenset()),
    "reporting_periodkind": ("period_kind", frozenset()),
    "reporting_period": ("period", frozenset({"add"})),
    "reporting_report": ("report", frozenset({"add", "delete"})),
    "reporting_onestopcode": ("onestop_code", frozenset()),
    **SCORING_ADMIN_MODELS,
    **NOTIFICATIONS_ADMIN_MODELS,
}
MATRIX.update(SCORING_MATRIX)
MATRIX.update(COMPILING_MATRIX)

ADMIN_PAGES = ["changelist", "add", "history", "delete", "change"]

for _model, (_obj, _forbidden) in ADMIN_MODELS.items():
    for _page in ADMIN_PAGES:
        MATRIX[f"admin:{_model}_{_page}"] = Entry(
            frozenset({"admin"}),
            nobody=_page in _forbidden,
            kwargs={} if _page in ("changelist", "add") else {"object_id": _obj},
        )


def named_urls(patterns: list[URLPattern | URLResolver], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from named_urls(pattern.url_patterns, pattern.namespace or namespace)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_has_an_entry() -> None:
    names = set(named_urls(get_resolver().url_patterns))
    assert names - set(MATRIX) == set(), "add these URLs to MATRIX"
    assert set(MATRIX) - names == set(), "these MATRIX entries match no URL"


def test_every_admin_model_is_listed() -> None:
    registered = {f"{m._meta.app_label}_{m._meta.model_name}" for m in admin.site._registry}
    assert registered == set(ADMIN_MODELS)


@pytest.fixture(scope="module")
def world(
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[dict[str, User], dict[str, str]]]:
    """The users and objects every request of the matrix needs, built once for the module in a
    transaction rolled back after its last test; each test runs in a savepoint inside it, so
    what a POST changes is undone before the next one."""
    # The tests' fast hasher (conftest.fast_password_hasher) is not set up yet at module scope.
    module_settings = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with django_db_blocker.unblock(), module_settings, transaction.atomic():
        province = build_province()
        users = build_users(province)
        yield users, build_objects(province, users["coordinator"])
        transaction.set_rollback(True)


@pytest.fixture
def objects(world: tuple[dict[str, User], dict[str, str]], db: None) -> dict[str, str]:
    return world[1]


def build_objects(province: Province, coordinator: User) -> dict[str, str]:
    document = register_document(
        Actor.of_user(coordinator),
        DocumentData("590/QĐ-UBND", None, "Ban hành Kế hoạch hội nhập quốc tế"),
    )
    document.file.save("qd-590.txt", ContentFile(b"Quyet dinh 590"), save=True)
    # A task of Sở Tư pháp, accepted, with a progress update and a pending request.
    command = Actor.command("test")
    plan = create_plan(command, "KH-CCHC-2025", "Kế hoạch CCHC năm 2025", document)
    task = create_task(
        command,
        TaskData("Rà soát văn bản", document, province.stp, (province.snv,), plan=plan),
    )
    accept_task(command, task)
    update = add_progress(command, task, "Đã rà soát", [SimpleUploadedFile("a.pdf", b"%PDF")])
    adjustment = request_adjustment(command, task, "khong_thuc_hien", "Trùng nhiệm vụ")
    plan_import = PlanImport.objects.create(
        code="KH-LON", title="Kế hoạch lớn", document="36/QĐ-UBND", file="nhap/kh.xlsx"
    )
    return {
        "plan_import": str(plan_import.pk),
        "plan_code": plan.code,
        "task": str(task.pk),
        "evidence": str(update.evidence.get().pk),
        "adjustment": str(adjustment.pk),
        "unit": str(province.stp.pk),
        "unit_code": province.stp.code,
        "unit_type": str(ContentType.objects.get_for_model(Unit).pk),
        "document": str(document.pk),
        "user": str(coordinator.pk),
        "audit": str(AuditEntry.objects.first().pk),  # type: ignore[union-attr]
        "province_identity": str(load_identity(command, read_identity_file(DEFAULT_FILE)).pk),
        **reporting_objects(province),
        **scoring_objects(province, document),
        **notification_objects(province, coordinator),
        **compiling_objects(province),
    }


def reporting_objects(province: Province) -> dict[str, str]:
    """The shipped report forms, the periods of 2025, and Sở Tư pháp's draft for 2025-H1."""
    command = Actor.command("test")
    load_config(command, read_config())
    open_periods(command, 2025)
    period = Period.objects.get(code="2025-H1")
    report = start_report(command, period, province.stp)
    kept = ReportFile(report=report, name="bao-cao.txt")
    kept.file.save("bao-cao.txt", ContentFile(b"BAO CAO"), save=True)
    return {
        "report_file": str(kept.pk),
        "period_code": period.code,
        "period": str(period.pk),
        "period_kind": str(PeriodKind.objects.get(code=period.kind).pk),
        "report_form": str(period.form_id),
        "report": str(report.pk),
        "onestop_code": str(OnestopCode.objects.create(code="000.00.05.H48", unit=province.stp).pk),
    }


@pytest.fixture
def client_as(
    world: tuple[dict[str, User], dict[str, str]], client_for: Callable[[User], Client]
) -> Callable[[str], Client]:
    users = world[0]
    return lambda role: Client() if role == "anonymous" else client_for(users[role])


def url_for(name: str, entry: Entry, objects: dict[str, str]) -> str:
    kwargs = {key: objects.get(value, value) for key, value in entry.kwargs.items()}
    url = reverse(name, kwargs=kwargs)
    return f"{url}?{entry.query}" if entry.query else url


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(
    name: str, role: str, objects: dict[str, str], client_as: Callable[[str], Client]
) -> None:
    entry = MATRIX[name]
    client = client_as(role)
    response = getattr(client, entry.method)(url_for(name, entry, objects), entry.data, follow=True)
    final_path = response.request["PATH_INFO"]
    if role in entry.allowed and not entry.nobody:
        assert response.status_code == 200, (name, role, response.status_code)
        if role != "anonymous" and name not in ("accounts:logout", "admin:logout"):
            assert final_path != reverse("accounts:login"), (name, role)
    elif role in entry.allowed:
        assert response.status_code == 403, (name, role, response.status_code)
    elif role == "anonymous":
        assert final_path == reverse("accounts:login"), (name, final_path)
    else:
        assert response.status_code == 403, (name, role, response.status_code)
