"""The survey part: scores recorded per unit and survey leaf, whether the survey was run, and
the totals rescaled to 100 when it was not (worked numbers through stored item scores).

Under ``small_framework`` the leaves outside the survey are worth 70 points: 1.1.1 (3), 1.1.2
(1), 1.1.3 (4), 1.2 (1), 1.3 (11), 2.1 (20), 2.2 (30); the survey leaf 3.1 is worth 30.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.orgs.models import Unit
from cchc.scoring.actions import start_assessment
from cchc.scoring.models import Assessment, Criterion, Framework, ItemScore, Status
from cchc.scoring.results import framework_results
from cchc.scoring.survey import (
    SurveyEntry,
    SurveyError,
    record_survey_scores,
    set_survey_conducted,
)
from cchc.scoring.tests.factories import small_framework
from conftest import Province

# 63 of the 70 points outside the survey: 2.2 appraised 23 of 30.
OWN_63 = {
    "1.1.1": "3",
    "1.1.2": "1",
    "1.1.3": "4",
    "1.2": "1",
    "1.3": "11",
    "2.1": "20",
    "2.2": "23",
}


@pytest.fixture
def framework(province: Province) -> Framework:
    return small_framework(2025)


def leaf(framework: Framework, code: str) -> Criterion:
    return framework.criteria.get(code=code)


def scored(framework: Framework, unit: Unit, scores: dict[str, str]) -> Assessment:
    """The unit's assessment with ``scores`` appraised (set directly: these tests are about
    the survey and the totals, not about the appraisal workflow). The computed leaves, which
    the start marks not applicable for want of reports and tasks, are scored like the rest."""
    assessment = start_assessment(Actor.command("test"), framework, unit)
    for code, score in scores.items():
        ItemScore.objects.filter(assessment=assessment, criterion__code=code).update(
            appraised_score=Decimal(score), not_applicable=False
        )
    return assessment


def finalise(*assessments: Assessment) -> None:
    Assessment.objects.filter(pk__in=[a.pk for a in assessments]).update(status=Status.FINALISED)


def totals(framework: Framework) -> dict[str, Decimal]:
    framework.refresh_from_db()
    return {result.unit.code: result.total for result in framework_results(framework)}


def test_a_survey_score_is_the_appraised_score_of_the_units_item(
    framework: Framework, province: Province, coordinator: User
) -> None:
    actor = Actor.of_user(coordinator)
    changed = record_survey_scores(
        actor, framework, [SurveyEntry(province.stp, leaf(framework, "3.1"), Decimal("25.5"))]
    )
    assert changed == 1
    item = ItemScore.objects.get(assessment__unit=province.stp, criterion__code="3.1")
    assert (item.appraised_score, item.self_score) == (Decimal("25.50"), None)
    assert item.appraised_by == coordinator and item.appraised_at is not None
    # The unit had no assessment: it was started, a draft with every leaf.
    assert item.assessment.status == Status.DRAFT
    assert item.assessment.items.count() == 8
    entry = AuditEntry.objects.get(action="scoring.survey_score")
    assert (entry.before, entry.after) == ({"appraised_score": None}, {"appraised_score": "25.5"})


def test_the_same_score_again_changes_nothing_and_a_score_can_be_cleared(
    framework: Framework, province: Province, coordinator: User
) -> None:
    actor, survey_leaf = Actor.of_user(coordinator), leaf(framework, "3.1")
    record_survey_scores(actor, framework, [SurveyEntry(province.stp, survey_leaf, Decimal(25))])
    again = [SurveyEntry(province.stp, survey_leaf, Decimal("25.00"))]
    assert record_survey_scores(actor, framework, again) == 0
    assert record_survey_scores(actor, framework, [SurveyEntry(province.stp, survey_leaf, None)])
    item = ItemScore.objects.get(assessment__unit=province.stp, criterion=survey_leaf)
    assert item.appraised_score is None
    assert AuditEntry.objects.filter(action="scoring.survey_score").count() == 2


def test_every_problem_is_listed_and_nothing_is_written(
    framework: Framework, province: Province, coordinator: User
) -> None:
    finalise(scored(framework, province.snv, OWN_63))
    entries = [
        SurveyEntry(province.stp, leaf(framework, "3.1"), Decimal(31)),
        SurveyEntry(province.stp, leaf(framework, "2.2"), Decimal(20)),
        SurveyEntry(province.snv, leaf(framework, "3.1"), Decimal(20)),
        SurveyEntry(province.new_commune, leaf(framework, "3.1"), Decimal(20)),
        SurveyEntry(province.stp, leaf(small_framework(2024), "3.1"), Decimal(20)),
    ]
    with pytest.raises(SurveyError) as refused:
        record_survey_scores(Actor.of_user(coordinator), framework, entries)
    assert refused.value.errors == [
        "Sở Tư pháp, tiêu chí 3.1: Điểm phải từ 0 đến 30.",
        "Sở Tư pháp, tiêu chí 2.2: tiêu chí 2.2 không phải tiêu chí điều tra xã hội học "
        "của bộ chỉ số.",
        "Sở Nội vụ, tiêu chí 3.1: kết quả của «Sở Nội vụ» đã được chốt điểm, không sửa được.",
        "Ủy ban nhân dân xã Bình Sơn, tiêu chí 3.1: «Ủy ban nhân dân xã Bình Sơn» không thuộc "
        "đối tượng đánh giá của bộ chỉ số.",
        "Sở Tư pháp, tiêu chí 3.1: tiêu chí 3.1 không phải tiêu chí điều tra xã hội học "
        "của bộ chỉ số.",
    ]
    assert not Assessment.objects.filter(unit=province.stp).exists()
    assert not AuditEntry.objects.filter(action="scoring.survey_score").exists()


def test_a_score_changed_by_someone_else_since_the_page_was_opened_is_not_overwritten(
    framework: Framework, province: Province, coordinator: User
) -> None:
    actor, survey_leaf = Actor.of_user(coordinator), leaf(framework, "3.1")
    record_survey_scores(actor, framework, [SurveyEntry(province.stp, survey_leaf, Decimal(20))])
    # The page was opened before the 20 was entered: it showed an empty cell.
    shown = {(province.stp.pk, survey_leaf.pk): None}
    with pytest.raises(SurveyError) as refused:
        record_survey_scores(
            actor, framework, [SurveyEntry(province.stp, survey_leaf, Decimal(25))], shown
        )
    assert refused.value.errors == [
        "Sở Tư pháp, tiêu chí 3.1: điểm vừa được người khác sửa (nay là 20); hãy tải lại "
        "trang rồi nhập lại."
    ]
    item = ItemScore.objects.get(assessment__unit=province.stp, criterion=survey_leaf)
    assert item.appraised_score == Decimal(20)


def test_only_the_coordinator_records_survey_scores(
    framework: Framework, province: Province, head: User, leader: User
) -> None:
    entry = SurveyEntry(province.stp, leaf(framework, "3.1"), Decimal(20))
    for user in (head, leader):
        with pytest.raises(PermissionDenied):
            record_survey_scores(Actor.of_user(user), framework, [entry])
        with pytest.raises(PermissionDenied):
            set_survey_conducted(Actor.of_user(user), framework, False)
    assert not ItemScore.objects.filter(criterion__code="3.1").exists()


def test_with_the_survey_run_the_total_is_the_plain_sum(
    framework: Framework, province: Province, coordinator: User
) -> None:
    stp = scored(framework, province.stp, OWN_63)
    record_survey_scores(
        Actor.of_user(coordinator),
        framework,
        [SurveyEntry(province.stp, leaf(framework, "3.1"), Decimal(25))],
    )
    finalise(stp)
    # 63 + 25 = 88 of 100.
    assert totals(framework) == {"QNG-STP": Decimal("88.00")}


def test_without_the_survey_63_of_70_points_is_rescaled_to_90(
    framework: Framework, province: Province, coordinator: User
) -> None:
    stp = scored(framework, province.stp, OWN_63)
    actor = Actor.of_user(coordinator)
    record_survey_scores(
        actor, framework, [SurveyEntry(province.stp, leaf(framework, "3.1"), Decimal(25))]
    )
    set_survey_conducted(actor, framework, False)
    finalise(stp)
    # The survey's 25 points no longer count: 63 × 100 / 70 = 90,00.
    assert totals(framework) == {"QNG-STP": Decimal("90.00")}
    entry = AuditEntry.objects.get(action="scoring.survey_conducted")
    assert (entry.before, entry.after) == ({"survey_conducted": True}, {"survey_conducted": False})


def test_a_criterion_that_does_not_apply_is_rescaled_away_too(
    framework: Framework, province: Province, coordinator: User
) -> None:
    # Sở Tư pháp handles no procedures of 2.1 (20 points): 43 of the remaining 50 points.
    stp = scored(framework, province.stp, OWN_63)
    ItemScore.objects.filter(assessment=stp, criterion__code="2.1").update(not_applicable=True)
    actor = Actor.of_user(coordinator)
    record_survey_scores(
        actor, framework, [SurveyEntry(province.stp, leaf(framework, "3.1"), Decimal(25))]
    )
    finalise(stp)
    # With the survey: (43 + 25) × 100 / 80 = 85,00.
    assert totals(framework) == {"QNG-STP": Decimal("85.00")}
    Assessment.objects.filter(pk=stp.pk).update(status=Status.APPRAISED)
    set_survey_conducted(actor, framework, False)
    finalise(stp)
    # Without it: 43 × 100 / 50 = 86,00.
    assert totals(framework) == {"QNG-STP": Decimal("86.00")}


def test_whether_the_survey_was_run_is_fixed_once_a_unit_is_finalised(
    framework: Framework, province: Province, coordinator: User
) -> None:
    finalise(scored(framework, province.stp, OWN_63))
    with pytest.raises(SurveyError) as refused:
        set_survey_conducted(Actor.of_user(coordinator), framework, False)
    assert "Đã có đơn vị được chốt điểm" in refused.value.errors[0]
    framework.refresh_from_db()
    assert framework.survey_conducted


def test_no_survey_score_is_taken_when_the_survey_was_not_run(
    framework: Framework, province: Province, coordinator: User
) -> None:
    actor = Actor.of_user(coordinator)
    set_survey_conducted(actor, framework, False)
    with pytest.raises(SurveyError) as refused:
        record_survey_scores(
            actor, framework, [SurveyEntry(province.stp, leaf(framework, "3.1"), Decimal(25))]
        )
    assert refused.value.errors == [
        "Bộ chỉ số CCHC 2025 ghi không điều tra xã hội học; hãy đánh dấu đã điều tra trước "
        "khi nhập kết quả."
    ]
