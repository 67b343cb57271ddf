"""Rankings that compare like with like (cchc.scoring.results, the ranking and sheet pages).

The provisional standings leave the survey out of every total while it is missing for any
unit, and rank on the units' own scores until every unit is appraised, saying so in the
title; a unit abolished before the framework's reference date is not listed; a change of rank
is shown only against published results, of the unit or of its one predecessor (named).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.orgs.actions import UnitData, import_units
from cchc.orgs.models import Unit
from cchc.scoring.actions import assessed_units
from cchc.scoring.models import ItemScore, Status
from cchc.scoring.results import framework_results, rank_change_text, ranking
from cchc.scoring.tests.factories import small_framework
from cchc.scoring.tests.results_data import Score, add_departments, assess
from cchc.testing import Clients
from conftest import Province

URL = reverse("scoring:par_ranking", args=[2025, "department"])
FULL = ["3", "1", "4", "1", "11", "20", "30", "29"]  # 99 with the survey, 70 without
NO_SURVEY = ["3", "1", "4", "1", "11", "20", "20", "0"]


def table_rows(html: str) -> list[str]:
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in body.split("<tr>")[1:]]


def published(year: int) -> None:
    framework = small_framework(year)
    framework.published_at = dt.datetime(year + 1, 3, 15, 9, tzinfo=dt.UTC)
    framework.save(update_fields=["published_at"])


def test_while_a_survey_is_missing_the_provisional_standings_leave_it_out_for_everyone(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    units = add_departments(province)
    framework = small_framework(2025)
    # Sở Y tế's survey is in (29 of 30), Sở Tư pháp's not yet: with the survey counted
    # as 0 Sở Y tế would lead by 29 points it alone could get.
    assess(framework, units["QNG-SYT"], ["3", "1", "4", "1", "11", "20", "10", "29"])
    stp = assess(framework, units["QNG-STP"], NO_SURVEY)
    ItemScore.objects.filter(assessment=stp, criterion__code="3.1").update(
        self_score=None, appraised_score=None
    )
    standings = ranking(framework, provisional=True)
    assert not standings.basis.survey
    # 60 of 70 → 85,71 against 50 of 70 → 71,43, not 60,00 against 79,00.
    assert [(r.unit.code, r.total) for r in standings.results] == [
        ("QNG-STP", Decimal("85.71")),
        ("QNG-SYT", Decimal("71.43")),
    ]
    html = client_for(coordinator).get(URL, {"tam_tinh": "1"}).content.decode()
    assert "chưa gồm điểm điều tra xã hội học" in html
    assert "85,71" in html and "71,43" in html
    # Once every unit's survey is in, it counts again.
    ItemScore.objects.filter(assessment=stp, criterion__code="3.1").update(
        self_score=Decimal(25), appraised_score=Decimal(25)
    )
    assert ranking(framework, provisional=True).basis.survey


def test_until_every_unit_is_appraised_the_standings_use_every_units_own_scores(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    units = add_departments(province)
    framework = small_framework(2025)
    # Sở Tư pháp claimed 30 for 2.2 and was appraised 20; Sở Y tế, not yet appraised,
    # claims 25.
    claimed: list[Score] = ["3", "1", "4", "1", "11", "20", ("30", "20", "Chưa đạt"), "25"]
    assess(framework, units["QNG-STP"], claimed, Status.APPRAISED)
    assess(framework, units["QNG-SYT"], ["3", "1", "4", "1", "11", "20", "25", "25"], "da_gui")
    standings = ranking(framework, provisional=True)
    assert not standings.basis.appraised
    assert [(r.unit.code, r.total) for r in standings.results] == [
        ("QNG-STP", Decimal("95.00")),
        ("QNG-SYT", Decimal("90.00")),
    ]
    html = client_for(coordinator).get(URL, {"tam_tinh": "1"}).content.decode()
    assert "Tạm tính theo điểm tự đánh giá" in html
    framework.assessments.update(status=Status.APPRAISED)
    ItemScore.objects.filter(appraised_score__isnull=True).update(appraised_score=Decimal(25))
    assert ranking(framework, provisional=True).basis.appraised


def test_a_unit_abolished_before_the_frameworks_date_is_neither_assessed_nor_ranked(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    import_units(
        Actor.command("test"),
        [
            UnitData(
                "QNG-SKHDT",
                "Sở Kế hoạch và Đầu tư",
                "department",
                "SKHĐT",
                "QNG",
                valid_to=dt.date(2025, 2, 28),
            )
        ],
    )
    abolished = Unit.objects.get(code="QNG-SKHDT")
    framework = small_framework(2025)
    last_year = small_framework(2024)
    assert abolished not in assessed_units(framework)
    assert abolished in assessed_units(last_year)
    # Even an assessment started by mistake is not listed.
    assess(framework, abolished, FULL, Status.SUBMITTED)
    assess(framework, province.stp, NO_SURVEY, Status.SUBMITTED)
    assert [r.unit for r in framework_results(framework, provisional=True)] == [province.stp]
    html = client_for(coordinator).get(URL, {"tam_tinh": "1"}).content.decode()
    assert "Sở Kế hoạch và Đầu tư" not in html
    framework_page = reverse("scoring:par_framework", args=[2025, "department"])
    listing = client_for(coordinator).get(framework_page).content.decode()
    assert "Sở Kế hoạch và Đầu tư" not in listing


def test_changes_of_rank_only_against_published_results_and_never_provisionally(
    province: Province,
) -> None:
    units = add_departments(province)
    last_year = small_framework(2024)
    assess(last_year, units["QNG-STP"], FULL)
    assess(last_year, units["QNG-SYT"], NO_SURVEY)
    framework = small_framework(2025)
    assess(framework, units["QNG-STP"], NO_SURVEY)
    assess(framework, units["QNG-SYT"], FULL)
    # 2024 finalised but not published: nothing to compare with.
    assert [r.rank_change for r in framework_results(framework)] == [None, None]
    last_year.published_at = dt.datetime(2025, 3, 15, 9, tzinfo=dt.UTC)
    last_year.save(update_fields=["published_at"])
    assert [rank_change_text(r) for r in framework_results(framework)] == [
        "tăng 1 bậc",
        "giảm 1 bậc",
    ]
    assert [r.rank_change for r in framework_results(framework, provisional=True)] == [None, None]


def test_a_successor_is_compared_with_its_one_ranked_predecessor_named(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    units = add_departments(province)
    last_year = small_framework(2024)
    last_year.published_at = dt.datetime(2025, 3, 15, 9, tzinfo=dt.UTC)
    last_year.save(update_fields=["published_at"])
    import_units(
        Actor.command("test"),
        [
            UnitData("QNG-SKHDT", "Sở Kế hoạch và Đầu tư", "department", "SKHĐT", "QNG"),
            UnitData("QNG-STC", "Sở Tài chính", "department", "STC", "QNG"),
        ],
    )
    merged_into_stc = {"QNG-SKHDT": "Sở Kế hoạch và Đầu tư", "QNG-SCT": "Sở Công Thương"}
    for code, name in merged_into_stc.items():
        import_units(
            Actor.command("test"),
            [
                UnitData(
                    code,
                    name,
                    "department",
                    "",
                    "QNG",
                    valid_to=dt.date(2025, 2, 28),
                    successor_codes=("QNG-STC",),
                )
            ],
        )
    import_units(
        Actor.command("test"),
        [
            UnitData(
                "QNG-SYT",
                "Sở Y tế",
                "department",
                "SYT",
                "QNG",
                valid_to=dt.date(2025, 2, 28),
                successor_codes=("QNG-SYTM",),
            ),
            UnitData("QNG-SYTM", "Sở Y tế (mới)", "department", "SYT", "QNG"),
        ],
    )
    units = {u.code: u for u in Unit.objects.filter(kind="department")}
    # 2024: Sở Y tế 1st, Sở Tư pháp 2nd, Sở KH&ĐT 3rd, Sở Công Thương 4th.
    for code, scores in {
        "QNG-SYT": FULL,
        "QNG-STP": ["3", "1", "4", "1", "11", "20", "30", "20"],
        "QNG-SKHDT": NO_SURVEY,
        "QNG-SCT": ["3", "1", "4", "1", "11", "10", "10", "0"],
    }.items():
        assess(last_year, units[code], scores)
    framework = small_framework(2025)
    assess(framework, units["QNG-STP"], FULL)
    assess(framework, units["QNG-SYTM"], NO_SURVEY)
    assess(framework, units["QNG-STC"], ["3", "1", "4", "1", "11", "20", "30", "20"])
    results = {r.unit.code: r for r in framework_results(framework)}
    assert rank_change_text(results["QNG-STP"]) == "tăng 1 bậc"
    assert results["QNG-SYTM"].compared_with == units["QNG-SYT"]
    assert rank_change_text(results["QNG-SYTM"]) == "giảm 2 bậc so với Sở Y tế (đơn vị tiền thân)"
    assert results["QNG-STC"].rank_change is None
    # Units in the tree's order (Sở Công Thương was created first).
    assert rank_change_text(results["QNG-STC"]) == (
        "— (hợp nhất từ Sở Công Thương, Sở Kế hoạch và Đầu tư, không so sánh thứ hạng)"
    )
    html = client_for(coordinator).get(URL).content.decode()
    assert "giảm 2 bậc so với Sở Y tế (đơn vị tiền thân)" in html


def test_a_sheet_whose_survey_is_pending_shows_the_comparable_part_not_a_total_of_100(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    framework = small_framework(2025)
    assessment = assess(framework, province.stp, NO_SURVEY, Status.SUBMITTED)
    ItemScore.objects.filter(assessment=assessment, criterion__code="3.1").update(self_score=None)
    url = reverse("scoring:assessment", args=[2025, "department", province.stp.code])
    html = client_for(coordinator).get(url).content.decode()
    totals = html[html.index('id="totals"') : html.index("</section>", html.index('id="totals"'))]
    text = " ".join(re.sub(r"<[^>]+>", " ", totals).split())
    assert "chưa gồm điều tra xã hội học: 60,00 /70,00" in text
    assert "quy đổi về thang 100: 85,71" in text
    assert "Còn chờ 30,00 điểm điều tra xã hội học" in text
    assert "/100" not in text
    listing = client_for(coordinator).get(
        reverse("scoring:par_framework", args=[2025, "department"])
    )
    assert "85,71*" in listing.content.decode()
