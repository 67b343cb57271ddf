"""Identifiers in pages stay plain digits: with Vietnamese number formatting on, {{ pk }} of
12345 would read "12.345" and break links, form values and browser storage keys."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.documents.models import Document
from cchc.reporting.models import Period, Report
from conftest import Province


def test_a_large_report_id_and_version_are_written_as_plain_digits(
    h1_2025: Period, officer: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    Report.objects.create(pk=12345, period=h1_2025, unit=province.stp, version=1234)
    url = reverse("reporting:report", args=[h1_2025.code, province.stp.code])
    page = client_for(officer).get(url).content.decode()
    assert 'data-storage-key="cchc-report-12345"' in page
    assert 'name="version" value="1234"' in page


def test_a_large_document_id_is_written_as_plain_digits_in_links(
    province: Province, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    Document.objects.create(
        pk=12345,
        doc_type="Quyết định",
        type_code="QĐ",
        number=590,
        symbol_written="590/QĐ-UBND",
        symbol="590/QĐ-UBND",
        symbol_key="590/qđ-ubnd",
        issuer_code="UBND",
    )
    page = client_for(coordinator).get(reverse("documents:document_detail", args=[12345])).content
    assert f"{reverse('tasks:task_create')}?van_ban=12345" in page.decode()
