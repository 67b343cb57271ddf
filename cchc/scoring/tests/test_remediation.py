"""Remediation tasks from a finalised, published assessment: one task per leaf that lost
points (not the survey, not a leaf that does not apply), led by the unit, in one plan per
framework issued by the publication decision; created once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.scoring.models import Assessment, Framework, ItemScore, Status
from cchc.scoring.remediation import (
    RemediationError,
    create_remediation_tasks,
    losses,
    plan_code,
    plan_title,
)
from cchc.scoring.tests.factories import small_framework
from cchc.scoring.tests.remediation_data import Published, published_2024
from cchc.tasks.models import Plan, Task
from conftest import Province


@pytest.fixture
def published(province: Province) -> Published:
    return published_2024(province)


def deadline() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=60)


def test_the_losses_are_the_leaves_below_their_maximum_but_the_survey_and_not_applicable(
    published: Published,
) -> None:
    found = losses(published.stp)
    assert [(loss.criterion.code, loss.score, loss.lost) for loss in found] == [
        ("1.1.3", Decimal(2), Decimal(2)),
        ("1.2", Decimal("0.5"), Decimal("0.5")),
        ("1.3", Decimal(8), Decimal(3)),
    ]
    assert [loss.reason for loss in found] == [
        "Chưa kiểm tra đủ 100 % cơ quan, đơn vị trực thuộc",
        "Chưa đạt điểm tối đa theo kết quả tự đánh giá của đơn vị.",
        "Thiếu tài liệu kiểm chứng về tuyên truyền CCHC",
    ]


def test_a_task_per_loss_is_created_in_the_frameworks_remediation_plan(
    published: Published, coordinator: User
) -> None:
    due = deadline()
    tasks = create_remediation_tasks(Actor.of_user(coordinator), published.stp, due)
    plan = Plan.objects.get()
    assert plan.code == "KP-CCHC-2024-SO"
    assert plan.title == (
        "Khắc phục tồn tại, hạn chế qua kết quả Chỉ số CCHC năm 2024 của các sở, ban, ngành"
    )
    assert plan.document == published.decision
    assert [task.item_number for task in tasks] == ["1.1.3", "1.2", "1.3"]
    for task in tasks:
        assert (task.plan, task.lead_unit, task.deadline) == (plan, published.stp.unit, due)
        assert task.source_document == published.decision
    assert tasks[2].content == (
        "Khắc phục tồn tại, hạn chế tại tiêu chí 1.3 «Tuyên truyền cải cách hành chính»: đạt "
        "8/11 điểm, bị trừ 3 điểm. Lý do: Thiếu tài liệu kiểm chứng về tuyên truyền CCHC"
    )
    linked = dict(
        ItemScore.objects.filter(remediation_task__isnull=False).values_list(
            "criterion__code", "remediation_task"
        )
    )
    assert linked == {"1.1.3": tasks[0].pk, "1.2": tasks[1].pk, "1.3": tasks[2].pk}
    entry = AuditEntry.objects.get(action="scoring.remediation_tasks")
    assert entry.after == {
        "plan": "KP-CCHC-2024-SO",
        "deadline": due.isoformat(),
        "tasks": {"1.1.3": tasks[0].pk, "1.2": tasks[1].pk, "1.3": tasks[2].pk},
    }


def test_a_second_call_creates_nothing_and_another_unit_joins_the_same_plan(
    published: Published, coordinator: User
) -> None:
    actor = Actor.of_user(coordinator)
    create_remediation_tasks(actor, published.stp, deadline())
    assert create_remediation_tasks(actor, published.stp, deadline()) == []
    assert Task.objects.count() == 3
    snv_tasks = create_remediation_tasks(actor, published.snv, deadline())
    assert [task.item_number for task in snv_tasks] == ["1.3", "2.2"]
    assert Plan.objects.count() == 1
    assert {task.lead_unit for task in snv_tasks} == {published.snv.unit}


def test_nothing_is_created_before_the_results_are_published_or_finalised(
    province: Province, coordinator: User
) -> None:
    actor = Actor.of_user(coordinator)
    framework = small_framework(2025)
    assessment = Assessment.objects.create(
        framework=framework, unit=province.stp, status=Status.FINALISED
    )
    with pytest.raises(RemediationError) as refused:
        create_remediation_tasks(actor, assessment, deadline())
    assert str(refused.value) == (
        "Kết quả Bộ chỉ số CCHC 2025 chưa được công bố bằng quyết định; nhiệm vụ khắc phục "
        "được giao theo quyết định công bố kết quả."
    )
    Assessment.objects.filter(pk=assessment.pk).update(status=Status.APPRAISED)
    with pytest.raises(RemediationError) as refused:
        create_remediation_tasks(actor, assessment, deadline())
    assert "chưa được chốt điểm" in str(refused.value)
    assert not Task.objects.exists() and not Plan.objects.exists()


def test_a_deadline_in_the_past_is_refused(published: Published, coordinator: User) -> None:
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(RemediationError) as refused:
        create_remediation_tasks(Actor.of_user(coordinator), published.stp, yesterday)
    assert str(refused.value) == "Hạn khắc phục không được trước ngày hôm nay."
    assert not Task.objects.exists()


def test_only_the_coordinator_creates_remediation_tasks(
    published: Published, head: User, leader: User
) -> None:
    for user in (head, leader):
        with pytest.raises(PermissionDenied):
            create_remediation_tasks(Actor.of_user(user), published.stp, deadline())
    assert not Task.objects.exists()


def test_a_framework_of_communes_gets_its_own_plan(province: Province, coordinator: User) -> None:
    framework = Framework.objects.create(year=2024, unit_kind="commune", title="Bộ chỉ số xã")
    assert plan_code(framework) == "KP-CCHC-2024-XA"
    assert plan_title(framework).endswith("của UBND các xã, phường, đặc khu")
