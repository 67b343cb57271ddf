"""Every URL of the project, requested by every role and by an anonymous visitor.

The matrix below says who may open each named URL. A URL added without an entry (or a model
registered in the admin without being listed) makes ``test_every_url_has_an_entry`` fail.
Unnamed admin catch-all patterns only redirect to named ones and are not listed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.documents.actions import DocumentData, register_document
from cchc.orgs.models import Unit
from conftest import Province

ROLES = ["anonymous", "outsider", "officer", "head", "coordinator", "leader", "admin"]
EVERY_ROLE = frozenset(ROLES[2:])
PUBLIC = frozenset(ROLES)


@dataclass(frozen=True)
class Entry:
    allowed: frozenset[str]
    method: str = "get"
    query: str = ""
    # Admin pages that exist but that even a system administrator may not use (403).
    nobody: bool = False
    # URL arguments: a key of the ``objects`` fixture, or a literal value.
    kwargs: dict[str, str] = field(default_factory=dict)


MATRIX: dict[str, Entry] = {
    "home": Entry(EVERY_ROLE),
    # A signed-in user is sent on to the home page, which refuses an outsider.
    "login": Entry(PUBLIC - {"outsider"}),
    "logout": Entry(PUBLIC, method="post"),
    "unit_tree": Entry(EVERY_ROLE, query="q=tu+phap"),
    "unit_detail": Entry(EVERY_ROLE, kwargs={"code": "unit_code"}),
    "document_list": Entry(EVERY_ROLE, query="q=quyet+dinh+590"),
    "document_create": Entry(frozenset({"officer", "head", "coordinator", "admin"})),
    "document_detail": Entry(EVERY_ROLE, kwargs={"pk": "document"}),
    "document_file": Entry(EVERY_ROLE, kwargs={"pk": "document"}),
    "audit_log": Entry(frozenset({"coordinator", "admin"})),
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
    "documents_document": ("document", frozenset({"add"})),
    "audit_auditentry": ("audit", frozenset({"add", "delete"})),
}
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


@pytest.fixture
def objects(province: Province, coordinator: User) -> dict[str, str]:
    document = register_document(
        Actor.of_user(coordinator),
        DocumentData("590/QĐ-UBND", None, "Ban hành Kế hoạch hội nhập quốc tế"),
    )
    document.file.save("qd-590.txt", ContentFile(b"Quyet dinh 590"), save=True)
    return {
        "unit": str(province.stp.pk),
        "unit_code": province.stp.code,
        "unit_type": str(ContentType.objects.get_for_model(Unit).pk),
        "document": str(document.pk),
        "user": str(coordinator.pk),
        "audit": str(AuditEntry.objects.first().pk),  # type: ignore[union-attr]
    }


@pytest.fixture
def client_as(
    officer: User,
    head: User,
    coordinator: User,
    leader: User,
    admin_user: User,
    outsider: User,
    client_for: Callable[[User], Client],
) -> Callable[[str], Client]:
    users = {
        "officer": officer,
        "head": head,
        "coordinator": coordinator,
        "leader": leader,
        "admin": admin_user,
        "outsider": outsider,
    }
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
    response = getattr(client, entry.method)(url_for(name, entry, objects), follow=True)
    final_path = response.request["PATH_INFO"]
    if role in entry.allowed and not entry.nobody:
        assert response.status_code == 200, (name, role, response.status_code)
        if role != "anonymous" and name not in ("logout", "admin:logout"):
            assert final_path != reverse("login"), (name, role)
    elif role in entry.allowed:
        assert response.status_code == 403, (name, role, response.status_code)
    elif role == "anonymous":
        assert final_path == reverse("login"), (name, final_path)
    else:
        assert response.status_code == 403, (name, role, response.status_code)
