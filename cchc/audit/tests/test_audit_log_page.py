"""The audit log page (/nhat-ky/): for Sở Nội vụ coordinators and administrators only."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor, record
from cchc.audit.models import AuditEntry
from conftest import Province

URL = reverse("audit:audit_log")


@pytest.fixture
def entries(officer: User, head: User, province: Province) -> None:
    record(
        Actor.of_user(officer, "10.0.0.5"),
        "document.create",
        object_repr="Quyết định số 590/QĐ-UBND",
    )
    record(Actor.of_user(head, "10.0.0.6"), "document.cite", object_repr="Báo cáo số /BC-SNV")
    record(Actor.command("import_units"), "unit.update", province.stp, note="đổi tên")


def rows(response: object) -> list[AuditEntry]:
    return list(response.context["page"])  # type: ignore[attr-defined]


def test_the_audit_page_lists_entries_with_who_what_and_where(
    entries: None, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(coordinator).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nhật ký hệ thống" in page
    assert "Quyết định số 590/QĐ-UBND" in page
    # The action and the command in words, never their codes.
    assert "Vào sổ văn bản" in page
    assert ">document.create<" not in page
    assert "chuyenvien" in page
    assert "10.0.0.5" in page
    assert "Hệ thống (nhập đơn vị từ tệp)" in page
    assert "lệnh import_units" not in page
    assert "đổi tên" in page
    # Newest first: the coordinator's own sign-in, then these three, then the fixture's import.
    actions = [e.action for e in rows(response)]
    assert actions[:4] == ["auth.login", "unit.update", "document.cite", "document.create"]
    assert len(rows(response)) == AuditEntry.objects.count()


def test_the_audit_page_filters_by_action_prefix(
    entries: None, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(coordinator).get(URL, {"hanh_dong": "document."})
    assert {e.action for e in rows(response)} == {"document.create", "document.cite"}
    response = client_for(coordinator).get(URL, {"hanh_dong": "document.cite"})
    assert [e.object_repr for e in rows(response)] == ["Báo cáo số /BC-SNV"]


def test_an_unknown_action_or_page_is_reported_not_silently_dropped(
    entries: None, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(coordinator).get(
        URL, {"hanh_dong": "report.deleted", "tai_khoan": "GIAMDOC", "trang": "hai"}
    )
    page = response.content.decode()
    assert "Hành động: «report.deleted» không phải là một hành động mà nhật ký ghi." in page
    assert "Trang: «hai» không phải là số trang" in page
    # The valid filter still applies; the page is the first.
    assert [e.action for e in rows(response)] == ["document.cite"]


def test_the_audit_page_filters_by_user(
    entries: None, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(coordinator).get(URL, {"tai_khoan": "GIAMDOC"})
    assert [e.action for e in rows(response)] == ["document.cite"]
    assert "Quyết định số 590/QĐ-UBND" not in response.content.decode()


def test_the_audit_page_filters_by_object(
    entries: None, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(coordinator).get(URL, {"doi_tuong": "590/QĐ"})
    assert [e.actor_label for e in rows(response)] == ["chuyenvien"]


def test_the_audit_page_combines_filters_and_says_when_nothing_matches(
    entries: None, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(coordinator).get(URL, {"hanh_dong": "document.", "tai_khoan": "dieuphoi"})
    assert rows(response) == []
    assert "Chưa có mục nào." in response.content.decode()


def test_the_audit_page_offers_each_recorded_action_once(
    entries: None, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(coordinator).get(URL)
    # (code, words) pairs, by their words; the select shows the words.
    actions = list(response.context["actions"])
    codes = [code for code, _label in actions]
    assert len(codes) == len(set(codes))
    assert [label for _code, label in actions] == sorted(label for _code, label in actions)
    assert {"document.create", "document.cite", "unit.update", "unit.create"} <= set(codes)
    assert '<option value="document.cite" >Ghi văn bản được trích dẫn</option>' in (
        response.content.decode()
    )


def test_the_audit_page_is_paged_by_one_hundred_keeping_the_filters(
    coordinator: User, client_for: Callable[[User], Client]
) -> None:
    for n in range(120):
        AuditEntry.objects.create(actor_label="dieuphoi", action="report.save", note=f"lần {n}")
    client = client_for(coordinator)
    first = client.get(URL, {"hanh_dong": "report."})
    assert len(rows(first)) == 100
    page = first.content.decode()
    assert "Trang 1/2" in page
    assert "?hanh_dong=report.&amp;trang=2" in page
    second = client.get(URL, {"hanh_dong": "report.", "trang": "2"})
    assert len(rows(second)) == 20
    assert "lần 0" in second.content.decode()


def test_the_administrator_may_read_the_audit_page(
    entries: None, admin_user: User, client_for: Callable[[User], Client]
) -> None:
    response = client_for(admin_user).get(URL)
    assert response.status_code == 200
    assert "Quyết định số 590/QĐ-UBND" in response.content.decode()


@pytest.mark.parametrize("role", ["officer", "head", "leader", "outsider"])
def test_the_audit_page_is_refused_to_everyone_else_and_the_refusal_is_recorded(
    role: str, request: pytest.FixtureRequest, client_for: Callable[[User], Client]
) -> None:
    user: User = request.getfixturevalue(role)
    response = client_for(user).get(URL)
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()
    denied = AuditEntry.objects.get(action="access.denied")
    assert denied.actor == user
    assert denied.note == "view_audit"


def test_an_anonymous_visitor_is_sent_from_the_audit_page_to_the_login_page(db: None) -> None:
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={URL}"
