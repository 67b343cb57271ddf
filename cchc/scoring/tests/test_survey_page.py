"""The survey page (/chi-so-cchc/<year>/<kind>/dieu-tra/): a table of units × survey leaves
that the coordinator fills in, and whether the survey was run.

Who may do what: the coordinator (and the administrator) enters scores and says whether the
survey was run; the leader reads the table; units (officer, head) and outsiders are refused.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.scoring.models import Assessment, Framework, ItemScore, Status
from cchc.scoring.survey import SurveyEntry, record_survey_scores
from cchc.scoring.tests.factories import small_framework
from cchc.testing import Clients
from conftest import Province

URL = reverse("scoring:survey", args=[2025, "department"])


@pytest.fixture
def framework(province: Province) -> Framework:
    return small_framework(2025)


def cell(unit_pk: int, framework: Framework) -> tuple[str, str]:
    """The names of a unit's survey score field and of the score the page showed."""
    leaf = framework.criteria.get(code="3.1")
    return f"diem-{unit_pk}-{leaf.pk}", f"truoc-{unit_pk}-{leaf.pk}"


def survey_score(unit_pk: int) -> Decimal | None:
    item = ItemScore.objects.filter(assessment__unit_id=unit_pk, criterion__code="3.1").first()
    return item.appraised_score if item is not None else None


def test_the_coordinator_sees_every_assessed_unit_and_enters_their_scores(
    framework: Framework, province: Province, coordinator: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    page = client.get(URL).content.decode()
    assert "3.1. Mức độ hài lòng của người dân, tổ chức" in page
    assert "tối đa 30 điểm" in page
    assert "Sở Nội vụ" in page and "Sở Tư pháp" in page
    # Communes are assessed under their own framework.
    assert "xã Bình Sơn" not in page
    stp, stp_shown = cell(province.stp.pk, framework)
    snv, snv_shown = cell(province.snv.pk, framework)
    response = client.post(URL, {stp: "25,5", stp_shown: "", snv: "28", snv_shown: ""}, follow=True)
    assert "Đã lưu 2 điểm điều tra xã hội học." in response.content.decode()
    assert (survey_score(province.stp.pk), survey_score(province.snv.pk)) == (
        Decimal("25.5"),
        Decimal(28),
    )
    # Shown again the Vietnamese way, ready to be corrected.
    assert 'value="25,5"' in response.content.decode()


def test_a_wrong_cell_saves_nothing_and_keeps_what_was_typed(
    framework: Framework, province: Province, coordinator: User, client_for: Clients
) -> None:
    stp, stp_shown = cell(province.stp.pk, framework)
    snv, snv_shown = cell(province.snv.pk, framework)
    response = client_for(coordinator).post(
        URL, {stp: "31", stp_shown: "", snv: "hai mươi", snv_shown: ""}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sở Nội vụ, tiêu chí 3.1: «hai mươi» không phải là số." in page
    assert 'value="31"' in page and 'value="hai mươi"' in page
    assert not ItemScore.objects.filter(criterion__code="3.1").exists()
    response = client_for(coordinator).post(URL, {stp: "31", stp_shown: ""})
    assert "Sở Tư pháp, tiêu chí 3.1: Điểm phải từ 0 đến 30." in response.content.decode()
    assert survey_score(province.stp.pk) is None


def test_a_cell_left_as_shown_is_not_written_over_a_newer_score(
    framework: Framework, province: Province, coordinator: User, client_for: Clients
) -> None:
    stp, stp_shown = cell(province.stp.pk, framework)
    snv, snv_shown = cell(province.snv.pk, framework)
    leaf = framework.criteria.get(code="3.1")
    # After the page was opened (both cells empty), someone entered 20 for Sở Tư pháp.
    record_survey_scores(
        Actor.of_user(coordinator), framework, [SurveyEntry(province.stp, leaf, Decimal(20))]
    )
    client_for(coordinator).post(URL, {stp: "", stp_shown: "", snv: "27", snv_shown: ""})
    assert (survey_score(province.stp.pk), survey_score(province.snv.pk)) == (
        Decimal(20),
        Decimal(27),
    )
    # Typing over the newer score is refused rather than silently winning.
    response = client_for(coordinator).post(URL, {stp: "22", stp_shown: ""})
    assert "điểm vừa được người khác sửa (nay là 20)" in response.content.decode()
    assert survey_score(province.stp.pk) == 20


def test_an_emptied_cell_clears_the_score(
    framework: Framework, province: Province, coordinator: User, client_for: Clients
) -> None:
    stp, stp_shown = cell(province.stp.pk, framework)
    client_for(coordinator).post(URL, {stp: "25", stp_shown: ""})
    client_for(coordinator).post(URL, {stp: "", stp_shown: "25"})
    assert survey_score(province.stp.pk) is None


def test_a_finalised_unit_is_shown_but_cannot_be_changed(
    framework: Framework, province: Province, coordinator: User, client_for: Clients
) -> None:
    leaf = framework.criteria.get(code="3.1")
    record_survey_scores(
        Actor.of_user(coordinator), framework, [SurveyEntry(province.stp, leaf, Decimal(24))]
    )
    Assessment.objects.filter(unit=province.stp).update(status=Status.FINALISED)
    stp, stp_shown = cell(province.stp.pk, framework)
    page = client_for(coordinator).get(URL).content.decode()
    assert "Đã chốt điểm" in page
    assert f'name="{stp}"' not in page
    client_for(coordinator).post(URL, {stp: "30", stp_shown: "24"})
    assert survey_score(province.stp.pk) == 24


def test_the_coordinator_records_that_the_survey_was_not_run(
    framework: Framework, coordinator: User, client_for: Clients
) -> None:
    response = client_for(coordinator).post(
        URL, {"action": "conducted", "survey_conducted": "0"}, follow=True
    )
    page = response.content.decode()
    assert "Đã ghi: không điều tra xã hội học; tổng điểm được quy đổi về thang 100." in page
    assert "Năm nay không điều tra xã hội học nên không nhập điểm điều tra." in page
    framework.refresh_from_db()
    assert not framework.survey_conducted
    client_for(coordinator).post(URL, {"action": "conducted", "survey_conducted": "1"})
    framework.refresh_from_db()
    assert framework.survey_conducted


def test_the_leader_reads_the_table_but_cannot_enter_scores(
    framework: Framework, province: Province, leader: User, client_for: Clients
) -> None:
    stp, stp_shown = cell(province.stp.pk, framework)
    page = client_for(leader).get(URL).content.decode()
    assert "Sở Tư pháp" in page
    assert f'name="{stp}"' not in page and "Nhập từ tệp Excel" not in page
    assert client_for(leader).post(URL, {stp: "25", stp_shown: ""}).status_code == 403
    assert survey_score(province.stp.pk) is None


def test_units_and_outsiders_are_refused(
    framework: Framework, officer: User, head: User, outsider: User, client_for: Clients
) -> None:
    for user in (officer, head, outsider):
        assert client_for(user).get(URL).status_code == 403


def test_an_unknown_framework_is_not_found(coordinator: User, client_for: Clients) -> None:
    url = reverse("scoring:survey", args=[2031, "department"])
    assert client_for(coordinator).get(url).status_code == 404


def test_the_frameworks_page_links_to_the_survey_for_those_who_read_it(
    framework: Framework, coordinator: User, client_for: Clients
) -> None:
    page = client_for(coordinator).get(reverse("scoring:par_framework", args=[2025, "department"]))
    assert f'id="survey-link" href="{URL}"' in page.content.decode()
