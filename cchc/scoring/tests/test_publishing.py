"""Publishing a framework's results by a decision of the register (cchc.scoring.publishing)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.documents.actions import DocumentData, register_document
from cchc.documents.models import Document
from cchc.scoring.access import can_view_results
from cchc.scoring.models import Framework, Status
from cchc.scoring.publishing import PublishError, find_decision, publish_results
from cchc.scoring.tests.factories import small_framework
from cchc.scoring.tests.results_data import scored_years
from conftest import Province

DECISION_DAY = dt.date(2026, 2, 10)


def decision(symbol: str = "245/QĐ-UBND", day: dt.date | None = DECISION_DAY) -> Document:
    return register_document(
        Actor.command("test"),
        DocumentData(symbol, day, "Công bố Chỉ số cải cách hành chính năm 2025"),
    )


def finalised(province: Province) -> Framework:
    framework = scored_years(province)
    framework.assessments.update(status=Status.FINALISED)
    return framework


def test_the_coordinator_publishes_finalised_results_and_it_is_audited(
    province: Province, coordinator: User
) -> None:
    framework = finalised(province)
    document = decision()
    publish_results(Actor.of_user(coordinator), framework, document)
    framework.refresh_from_db()
    assert framework.is_published and framework.decision == document
    entry = AuditEntry.objects.get(action="scoring.publish")
    assert entry.actor == coordinator
    assert entry.object_id == str(framework.pk)
    assert entry.after is not None and entry.after["decision"] == "245/QĐ-UBND"


def test_results_are_not_published_while_an_assessment_is_not_finalised(
    province: Province, coordinator: User
) -> None:
    framework = scored_years(province)  # Sở Công Thương is appraised, not finalised
    with pytest.raises(PublishError, match="Còn 1 trong 5 đơn vị chưa được chốt điểm"):
        publish_results(Actor.of_user(coordinator), framework, decision())
    framework.refresh_from_db()
    assert not framework.is_published and framework.decision is None
    assert not AuditEntry.objects.filter(action="scoring.publish").exists()


def test_a_framework_without_assessments_has_nothing_to_publish(
    province: Province, coordinator: User
) -> None:
    with pytest.raises(PublishError, match="Chưa có đơn vị nào được đánh giá"):
        publish_results(Actor.of_user(coordinator), small_framework(), decision())


def test_results_are_published_once(province: Province, coordinator: User) -> None:
    framework = finalised(province)
    publish_results(Actor.of_user(coordinator), framework, decision())
    with pytest.raises(PublishError, match="đã được công bố"):
        publish_results(Actor.of_user(coordinator), framework, decision("246/QĐ-UBND"))
    framework.refresh_from_db()
    assert framework.decision is not None and framework.decision.symbol == "245/QĐ-UBND"


def test_only_those_who_appraise_may_publish(province: Province, leader: User, head: User) -> None:
    framework = finalised(province)
    for user in (leader, head):
        with pytest.raises(PermissionDenied):
            publish_results(Actor.of_user(user), framework, decision(f"{user.pk}/QĐ-UBND"))
    framework.refresh_from_db()
    assert not framework.is_published


def test_every_role_sees_the_results_once_published_and_only_readers_of_all_before(
    province: Province, officer: User, head: User, leader: User, coordinator: User, outsider: User
) -> None:
    framework = finalised(province)
    assert [can_view_results(u, framework) for u in (officer, head, leader, coordinator)] == [
        False,
        False,
        True,
        True,
    ]
    publish_results(Actor.of_user(coordinator), framework, decision())
    framework.refresh_from_db()
    for user in (officer, head, leader, coordinator):
        assert can_view_results(user, framework)
    assert not can_view_results(outsider, framework)


def test_the_decision_is_found_by_its_number_in_the_register(province: Province) -> None:
    document = decision()
    assert find_decision("245/QĐ-UBND") == document
    assert find_decision("245/qđ-ubnd", DECISION_DAY) == document


def test_an_unknown_decision_number_is_refused_with_a_clear_message(province: Province) -> None:
    decision()
    with pytest.raises(PublishError, match="Không có quyết định số 999/QĐ-UBND trong sổ"):
        find_decision("999/QĐ-UBND")
    with pytest.raises(PublishError, match="ngày 11/02/2026"):
        find_decision("245/QĐ-UBND", dt.date(2026, 2, 11))


def test_a_document_that_is_not_a_decision_is_refused(province: Province) -> None:
    with pytest.raises(PublishError, match="bằng quyết định; 12/BC-SNV là báo cáo"):
        find_decision("12/BC-SNV")
    with pytest.raises(PublishError):
        find_decision("không phải số văn bản")


def test_two_decisions_with_one_number_need_the_date(province: Province) -> None:
    decision(day=DECISION_DAY)
    decision(day=dt.date(2025, 3, 1))
    with pytest.raises(PublishError, match="hãy nhập cả ngày ban hành"):
        find_decision("245/QĐ-UBND")
    assert find_decision("245/QĐ-UBND", dt.date(2025, 3, 1)).date == dt.date(2025, 3, 1)
