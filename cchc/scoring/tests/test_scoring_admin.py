"""The PAR Index in the admin: criteria edited by the same rules as the files (audited),
frameworks checked whole, assessments read-only, item texts corrected with a new version."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.scoring.actions import start_assessment
from cchc.scoring.loading import CONFIG_DIR, load_frameworks, read_framework
from cchc.scoring.models import Assessment, Criterion, Framework, ItemScore, Status
from cchc.testing import Clients
from conftest import Province


@pytest.fixture
def framework(db: None) -> Framework:
    load_frameworks(Actor.command("test"), [read_framework(CONFIG_DIR / "department-2024.yaml")])
    return Framework.objects.get(year=2024, unit_kind="department")


def criterion_form(criterion: Criterion, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "text": criterion.text,
        "max_points": str(criterion.max_points),
        "method": criterion.method,
        "levels": json.dumps(criterion.levels, ensure_ascii=False),
        "rule": json.dumps(criterion.rule, ensure_ascii=False),
        "unit_kinds": criterion.unit_kinds,  # ticked boxes: one value each
        "position": criterion.position,
    }
    if criterion.evidence_required:
        data["evidence_required"] = "on"
    data.update(changes)
    return data


def change_url(criterion: Criterion) -> str:
    return reverse("admin:scoring_criterion_change", args=[criterion.pk])


def test_an_administrator_rewords_a_criterion_and_it_is_audited(
    framework: Framework, admin_user: User, client_for: Clients
) -> None:
    criterion = framework.criteria.get(code="1.5")
    data = criterion_form(criterion, text="Sáng kiến cải cách hành chính được công nhận")
    response = client_for(admin_user).post(change_url(criterion), data)
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.text == "Sáng kiến cải cách hành chính được công nhận"
    entry = AuditEntry.objects.get(action="criterion.update")
    assert entry.before is not None and entry.before["text"].startswith("Sáng kiến, giải pháp")


def test_levels_are_checked_as_in_the_files(
    framework: Framework, admin_user: User, client_for: Clients
) -> None:
    criterion = framework.criteria.get(code="1.5")
    levels = [{"label": "Có sáng kiến", "points": "2.5"}, {"label": "Không", "points": "0"}]
    data = criterion_form(criterion, levels=json.dumps(levels, ensure_ascii=False))
    response = client_for(admin_user).post(change_url(criterion), data)
    assert response.status_code == 200
    assert "tiêu chí 1.5: mức «Có sáng kiến» 2,5 điểm vượt điểm tối đa 2." in (
        response.content.decode()
    )
    criterion.refresh_from_db()
    assert criterion.levels[0]["points"] == "2"


def test_bands_of_a_computed_criterion_are_checked(
    framework: Framework, admin_user: User, client_for: Clients
) -> None:
    criterion = framework.criteria.get(code="1.2")
    rule = {"source": "reports_on_time", "bands": [{"min": 100, "points": 1}]}
    response = client_for(admin_user).post(
        change_url(criterion), criterion_form(criterion, rule=json.dumps(rule))
    )
    assert "khoảng cuối cùng phải có «min: 0»" in response.content.decode()


def test_a_changed_maximum_is_saved_with_a_warning_about_the_sums(
    framework: Framework, admin_user: User, client_for: Clients
) -> None:
    criterion = framework.criteria.get(code="2.4")
    response = client_for(admin_user).post(
        change_url(criterion), criterion_form(criterion, max_points="1.5"), follow=True
    )
    page = response.content.decode()
    assert "lĩnh vực 2: tổng điểm các tiêu chí 8,5 khác điểm tối đa 8." in page
    framework_page = client_for(admin_user).get(
        reverse("admin:scoring_framework_change", args=[framework.pk])
    )
    assert "lĩnh vực 2: tổng điểm các tiêu chí 8,5" in framework_page.content.decode()


def test_the_maximum_of_a_criterion_with_sent_scores_cannot_change(
    framework: Framework, admin_user: User, client_for: Clients, province: Province
) -> None:
    assessment = start_assessment(Actor.command("test"), framework, province.stp)
    Assessment.objects.filter(pk=assessment.pk).update(status=Status.SUBMITTED)
    criterion = framework.criteria.get(code="2.4")
    response = client_for(admin_user).post(
        change_url(criterion), criterion_form(criterion, max_points="1.5")
    )
    assert response.status_code == 200
    assert "Đơn vị đã gửi điểm tự đánh giá cho tiêu chí này" in response.content.decode()


def test_a_published_framework_is_read_only(
    framework: Framework, admin_user: User, client_for: Clients
) -> None:
    Framework.objects.filter(pk=framework.pk).update(published_at=timezone.now())
    criterion = framework.criteria.get(code="1.5")
    response = client_for(admin_user).post(change_url(criterion), criterion_form(criterion))
    assert response.status_code == 403


def test_a_correction_of_an_items_wording_gives_the_assessment_a_new_version(
    framework: Framework, admin_user: User, client_for: Clients, province: Province
) -> None:
    assessment = start_assessment(Actor.command("test"), framework, province.stp)
    item = assessment.items.get(criterion__code="2.4")
    ItemScore.objects.filter(pk=item.pk).update(self_score=Decimal(1), explanation="Đã kiểm ta")
    response = client_for(admin_user).post(
        reverse("admin:scoring_itemscore_change", args=[item.pk]),
        {"explanation": "Đã kiểm tra 3 văn bản", "deduction_reason": "", "answer": ""},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.explanation, item.self_score) == ("Đã kiểm tra 3 văn bản", Decimal(1))
    assessment_version = Assessment.objects.get(pk=assessment.pk).version
    assert assessment_version == assessment.version + 1
    assert AuditEntry.objects.filter(action="itemscore.update").exists()


def test_assessments_cannot_be_changed_here(
    framework: Framework, admin_user: User, client_for: Clients, province: Province
) -> None:
    assessment = start_assessment(Actor.command("test"), framework, province.stp)
    url = reverse("admin:scoring_assessment_change", args=[assessment.pk])
    client = client_for(admin_user)
    assert client.get(url).status_code == 200
    assert client.post(url, {"status": Status.FINALISED}).status_code == 403
