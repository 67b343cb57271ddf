"""The PAR Index overview (/chi-so-cchc/): each framework's progress for Sở Nội vụ and the
leaders; the unit's own sheets, with their status, for its officer and head; refused to an
outsider. The menu leads there for every role."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.scoring.actions import submit_self_assessment
from cchc.scoring.tests.factories import small_framework
from cchc.scoring.tests.sheets import completed, stp_sheet
from cchc.testing import Clients
from conftest import Province


def test_sở_nội_vụ_follows_each_frameworks_progress(
    province: Province, officer: User, head: User, coordinator: User, client_for: Clients
) -> None:
    framework = small_framework()
    small_framework(2025, "commune")
    submit_self_assessment(
        Actor.of_user(head), completed(stp_sheet(province.stp, framework), officer)
    )
    stp_sheet(province.snv, framework)
    html = client_for(coordinator).get(reverse("scoring:par_home")).content.decode()
    assert reverse("scoring:par_framework", args=[2025, "department"]) in html
    assert reverse("scoring:par_framework", args=[2025, "commune"]) in html
    # Two departments, both started, one sent; the old and the new commune of 2025.
    assert '<td class="num">2</td><td class="num">2</td><td class="num">1</td>' in html
    assert "Chỉ số CCHC" in html  # the menu


def test_the_overview_reads_a_fixed_number_of_queries_whatever_the_frameworks(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    small_framework(2025, "department")
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("scoring:par_home")).status_code == 200
    small_framework(2025, "commune")
    small_framework(2024, "department")
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("scoring:par_home")).status_code == 200
    assert len(many) == len(few)


def test_the_officer_sees_the_units_own_sheets_only(
    province: Province, officer: User, client_for: Clients
) -> None:
    framework = small_framework()
    html = client_for(officer).get(reverse("scoring:par_home")).content.decode()
    assert "Chưa bắt đầu" in html
    assert reverse("scoring:assessment", args=[2025, "department", province.stp.code]) in html
    assert f'href="{reverse("scoring:par_framework", args=[2025, "department"])}"' not in html
    # The ranking is not published yet.
    assert reverse("scoring:par_ranking", args=[2025, "department"]) not in html
    stp_sheet(province.stp, framework)
    html = client_for(officer).get(reverse("scoring:par_home")).content.decode()
    assert "Đang tự đánh giá" in html
    assert province.snv.code not in html


def test_an_outsider_is_refused(outsider: User, client_for: Clients) -> None:
    assert client_for(outsider).get(reverse("scoring:par_home")).status_code == 403
