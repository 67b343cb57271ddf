"""A framework's units (/chi-so-cchc/<năm>/<loại>/), for Sở Nội vụ and the leaders: every
unit of the assessed kinds in that year with its status, self-assessed and appraised totals
and lateness, in a fixed number of queries. A unit's officer is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.orgs.actions import UnitData, import_units
from cchc.orgs.models import Unit
from cchc.scoring.actions import (
    AppraisalEntry,
    save_appraisal,
    send_appraisal,
    submit_self_assessment,
)
from cchc.scoring.models import Framework
from cchc.scoring.tests.factories import small_framework
from cchc.scoring.tests.sheets import COMPLETE, completed, stp_sheet
from cchc.testing import Clients
from conftest import Province

URL = reverse("scoring:par_framework", args=[2025, "department"])


def add_departments(count: int, framework: Framework) -> None:
    rows = [UnitData(f"QNG-S{n:03d}", f"Sở thử nghiệm {n}", "department", f"S{n}", "QNG")
            for n in range(count)]  # fmt: skip
    import_units(Actor.command("test"), rows)
    for unit in Unit.objects.filter(code__startswith="QNG-S0"):
        stp_sheet(unit, framework)


def test_each_unit_with_its_status_totals_and_lateness(
    province: Province, officer: User, head: User, coordinator: User, client_for: Clients
) -> None:
    framework = small_framework()
    framework.self_assessment_due = dt.date(2025, 1, 1)
    framework.save(update_fields=["self_assessment_due"])
    sent = submit_self_assessment(
        Actor.of_user(head), completed(stp_sheet(province.stp, framework), officer)
    )
    actor = Actor.of_user(coordinator)
    entries = {code: AppraisalEntry(e.score) for code, e in COMPLETE.items()}
    entries["2.2"] = AppraisalEntry(Decimal(26), "Quá hạn")
    send_appraisal(actor, save_appraisal(actor, sent, sent.version, entries))
    html = client_for(coordinator).get(URL).content.decode()
    assert "Sở Nội vụ" in html and "Chưa bắt đầu" in html
    assert "Đã thẩm định, chờ giải trình" in html
    # The survey is not entered: the rest, rescaled, marked as such.
    assert "92,65*" in html and "89,71*" in html
    assert "Muộn" in html
    # A commune is not a department; the commune merged away mid-2025 is not either.
    assert "Bình Chánh" not in html


def test_the_list_reads_a_fixed_number_of_queries(
    province: Province, leader: User, client_for: Clients
) -> None:
    framework = small_framework()
    client = client_for(leader)
    add_departments(2, framework)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    add_departments(8, framework)
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert len(many) == len(few)


def test_a_units_officer_is_refused_and_an_unknown_framework_is_not_found(
    province: Province, officer: User, coordinator: User, client_for: Clients
) -> None:
    small_framework()
    assert client_for(officer).get(URL).status_code == 403
    missing = reverse("scoring:par_framework", args=[2019, "department"])
    assert client_for(coordinator).get(missing).status_code == 404
