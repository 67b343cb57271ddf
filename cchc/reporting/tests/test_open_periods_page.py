"""Opening a year's periods from the browser (/bao-cao/mo-ky/), the twin of `open_periods`."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cchc.accounts.models import User
from cchc.reporting.models import Period
from cchc.testing import Clients

URL = reverse("reporting:open_periods")


def test_the_form_proposes_this_year_and_the_default_kinds(
    reporting: None, coordinator: User, client_for: Clients
) -> None:
    html = client_for(coordinator).get(URL).content.decode()
    assert f'name="year" value="{timezone.localdate().year}"' in html
    boxes = re.findall(r'<input type="checkbox" name="kinds" value="(\w+)"([^>]*)>', html)
    assert [kind for kind, _ in boxes] == ["Q1", "Q2", "H1", "Q3", "9M", "Q4", "Y"]
    assert [kind for kind, rest in boxes if "checked" in rest] == ["Q1", "H1", "9M", "Y"]


def test_the_coordinator_opens_the_chosen_periods_once(
    reporting: None, coordinator: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    response = client.post(URL, {"year": "2026", "kinds": ["Q1", "Q2"]}, follow=True)
    assert set(Period.objects.values_list("code", flat=True)) == {"2026-Q1", "2026-Q2"}
    html = response.content.decode()
    assert "Đã mở 2 kỳ báo cáo: Quý I năm 2026; Quý II năm 2026." in html
    response = client.post(URL, {"year": "2026", "kinds": ["Q1"]}, follow=True)
    assert "Các kỳ đã chọn đều đã được mở từ trước." in response.content.decode()
    assert Period.objects.count() == 2


def test_a_year_without_a_form_is_refused_with_the_reason(
    reporting: None, coordinator: User, client_for: Clients
) -> None:
    response = client_for(coordinator).post(URL, {"year": "2020", "kinds": ["Y"]})
    assert "Chưa có biểu mẫu báo cáo cho năm 2020" in response.content.decode()
    assert not Period.objects.exists()


def test_only_coordination_opens_periods(
    reporting: None, officer: User, leader: User, outsider: User, client_for: Clients
) -> None:
    for user in (officer, leader, outsider):
        assert client_for(user).post(URL, {"year": "2026", "kinds": ["Y"]}).status_code == 403
    assert Client().get(URL)["Location"].startswith(reverse("accounts:login"))
    assert not Period.objects.exists()
