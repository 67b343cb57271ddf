"""The Vietnamese error pages, the request id that ties the 500 page to the log, the security
headers, and the audit of downloads (cchc/middleware.py, cchc/views.py)."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.models import AuditEntry
from cchc.testing import Clients
from conftest import Province


def test_a_server_error_shows_the_vietnamese_page_with_the_request_id_also_in_the_log(
    officer: User,
    client_for: Clients,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(*args: object) -> list[object]:
        raise RuntimeError("hỏng giữa chừng")

    monkeypatch.setattr("cchc.views.work_for", broken)
    client = client_for(officer)
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get(reverse("home:index"))
    assert response.status_code == 500
    page = response.content.decode()
    request_id = response["X-Request-ID"]
    assert "Đã có lỗi trên máy chủ" in page
    assert request_id in page
    errors = [record for record in caplog.records if record.name == "django.request"]
    assert errors and errors[0].exc_info is not None  # the traceback is logged
    assert getattr(errors[0], "request_id", None) == request_id


def test_a_bad_host_gets_the_vietnamese_400_page(province: Province) -> None:
    response = Client().get("/dang-nhap/", HTTP_HOST="ke-gia-mao.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_a_form_without_its_csrf_token_gets_the_vietnamese_page(
    officer: User, province: Province
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post(reverse("documents:document_create"), {"symbol": "1/QĐ-UBND"})
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()


def test_a_missing_page_is_in_vietnamese(officer: User, client_for: Clients) -> None:
    response = client_for(officer).get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_buttons_address_opened_as_a_page_says_so_in_vietnamese(
    officer: User, client_for: Clients
) -> None:
    response = client_for(officer).get(reverse("tasks:task_accept", args=[1]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "chỉ nhận thao tác gửi từ nút trên trang" in response.content.decode()


def test_pages_carry_a_csp_without_inline_script_and_signed_in_pages_are_not_stored(
    officer: User, client_for: Clients, province: Province
) -> None:
    anonymous = Client().get(reverse("accounts:login"))
    policy = anonymous["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    signed_in = client_for(officer).get(reverse("home:index"))
    assert signed_in["Cache-Control"] == "no-store"
    assert signed_in["Server-Timing"].startswith("app;dur=")


def test_no_template_has_an_inline_script_or_event_handler() -> None:
    from pathlib import Path

    from django.conf import settings

    templates = Path(settings.BASE_DIR) / "cchc" / "templates"
    for path in templates.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if "<script" in line:
                assert "src=" in line, f"{path}: inline script"
        assert " onclick=" not in text and " onchange=" not in text and " onload=" not in text


def test_exports_are_audited(coordinator: User, client_for: Clients) -> None:
    response = client_for(coordinator).get(reverse("tasks:task_export_xlsx"))
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="download", actor=coordinator)
    assert entry.note.startswith(reverse("tasks:task_export_xlsx"))
    assert "nhiem-vu-" in entry.object_repr
