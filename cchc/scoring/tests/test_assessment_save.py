"""Saving the self-assessment (POST /chi-so-cchc/<năm>/<loại>/<đơn vị>/luu/ and
``actions.save_self_assessment``).

The officer and the head of Sở Tư pháp score their unit's own leaves while it drafts: a score
within the maximum and on a level where the criterion has levels, an explanation, a claim that
the criterion does not apply (explained). Computed and survey leaves are not theirs to score.
A wrong field refuses the whole save and the page shows again with everything typed; a copy
opened before someone else's save is refused (nothing overwritten).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from cchc.accounts.models import Membership, Role, User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.scoring.actions import (
    EntryRefused,
    SaveConflict,
    ScoringError,
    SelfEntry,
    save_self_assessment,
    submit_self_assessment,
)
from cchc.scoring.models import Assessment
from cchc.scoring.tests.sheets import completed, fresh, item, posted, sheet_url, stp_sheet
from cchc.testing import Clients
from conftest import Province


@pytest.fixture
def draft(province: Province) -> Assessment:
    return stp_sheet(province.stp)


def test_the_officer_saves_scores_explanations_and_a_level(
    draft: Assessment, officer: User, client_for: Clients
) -> None:
    response = client_for(officer).post(
        sheet_url("scoring:assessment_save", draft),
        posted(
            draft,
            {
                "score-1.1.1": "1,5",
                "explanation-1.1.1": "Kế hoạch ban hành chậm 10 ngày.",
                "score-1.1.3": "2.5",
                "explanation-1.1.3": "",
            },
        ),
    )
    assert response.status_code == 302
    assert item(draft, "1.1.1").self_score == Decimal("1.5")
    assert item(draft, "1.1.1").explanation == "Kế hoạch ban hành chậm 10 ngày."
    assert item(draft, "1.1.3").self_score == Decimal("2.5")
    assert fresh(draft).version == draft.version + 1
    entry = AuditEntry.objects.get(action="scoring.self_save")
    assert entry.actor_label == officer.username
    assert entry.after["1.1.1"]["self_score"] == "1.50"  # type: ignore[index]


def test_a_score_off_the_levels_or_above_the_maximum_is_refused_and_nothing_is_lost(
    draft: Assessment, officer: User, client_for: Clients
) -> None:
    page = client_for(officer).post(
        sheet_url("scoring:assessment_save", draft),
        posted(
            draft,
            {
                "score-1.1.1": "2",
                "explanation-1.1.1": "Ban hành gần đúng hạn",
                "score-1.1.3": "5",
                "score-1.3": "9",
                "explanation-1.3": "Đã tuyên truyền",
            },
        ),
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Điểm phải là một trong các mức: 3; 1,5; 0." in html
    assert "Điểm phải từ 0 đến 4." in html
    assert "2 tiêu chí chưa hợp lệ; chưa lưu gì." in html
    # What was typed is on the page again, the valid field too; nothing was stored.
    assert 'name="score-1.1.3" id="score-1.1.3" value="5"' in html
    assert "Ban hành gần đúng hạn</textarea>" in html
    assert 'value="9"' in html
    assert item(draft, "1.3").self_score is None
    assert fresh(draft).version == draft.version


def test_a_score_that_is_not_a_number_is_named(
    draft: Assessment, head: User, client_for: Clients
) -> None:
    page = client_for(head).post(
        sheet_url("scoring:assessment_save", draft), posted(draft, {"score-2.2": "ba mươi"})
    )
    assert "«ba mươi» không phải là số điểm." in page.content.decode()
    assert 'value="ba mươi"' in page.content.decode()


def test_not_applicable_needs_an_explanation_and_no_score(draft: Assessment, officer: User) -> None:
    actor = Actor.of_user(officer)
    with pytest.raises(EntryRefused) as refused:
        save_self_assessment(actor, draft, 1, {"2.1": SelfEntry(None, "", True)})
    assert refused.value.errors == {
        "2.1": "Hãy giải trình vì sao tiêu chí này không áp dụng với đơn vị."
    }
    # A score with "không áp dụng" is not silently dropped: the unit chooses.
    with pytest.raises(EntryRefused) as refused:
        save_self_assessment(
            actor, draft, 1, {"2.1": SelfEntry(Decimal(5), "Không có thủ tục.", True)}
        )
    assert refused.value.errors["2.1"].startswith("Đã chọn mức điểm 5 và đồng thời đánh dấu")
    saved = save_self_assessment(
        actor, draft, 1, {"2.1": SelfEntry(None, "Sở không có thủ tục hành chính.", True)}
    )
    stored = item(saved, "2.1")
    assert stored.not_applicable and stored.self_score is None


def test_computed_and_survey_leaves_are_not_the_units_to_score(
    draft: Assessment, officer: User
) -> None:
    with pytest.raises(EntryRefused) as refused:
        save_self_assessment(
            Actor.of_user(officer),
            draft,
            1,
            {"1.2": SelfEntry(Decimal(1)), "3.1": SelfEntry(Decimal(30)), "1.3": SelfEntry(None)},
        )
    assert set(refused.value.errors) == {"1.2", "3.1"}


def test_the_page_has_no_fields_for_computed_and_survey_leaves(
    draft: Assessment, officer: User, client_for: Clients
) -> None:
    html = client_for(officer).get(sheet_url("scoring:assessment", draft)).content.decode()
    assert 'name="score-1.1.3"' in html
    assert 'name="score-1.2"' not in html
    assert 'name="score-3.1"' not in html
    assert "Tính từ dữ liệu của hệ thống" in html
    assert "Không có kỳ báo cáo định kỳ nào đến hạn trong năm 2025." in html


def test_a_stale_copy_is_refused_with_the_typed_text_kept(
    draft: Assessment, officer: User, head: User, client_for: Clients
) -> None:
    opened = posted(draft, {"score-1.3": "11", "explanation-1.3": "Bản của chuyên viên"})
    save_self_assessment(Actor.of_user(head), draft, 1, {"1.3": SelfEntry(Decimal(8))})
    page = client_for(officer).post(sheet_url("scoring:assessment_save", draft), opened)
    html = page.content.decode()
    assert page.status_code == 409
    assert "giamdoc đã cập nhật kết quả chấm điểm này lúc" in html
    assert "Bản của chuyên viên</textarea>" in html
    assert 'name="version" value="2"' in html
    assert item(draft, "1.3").self_score == Decimal(8)
    with pytest.raises(SaveConflict):
        save_self_assessment(Actor.of_user(officer), draft, 1, {"1.3": SelfEntry(Decimal(11))})


def test_a_submitted_sheet_is_no_longer_edited(
    draft: Assessment, officer: User, head: User, client_for: Clients
) -> None:
    sent = submit_self_assessment(Actor.of_user(head), completed(draft, officer))
    with pytest.raises(ScoringError, match="Đã gửi, chờ thẩm định"):
        save_self_assessment(Actor.of_user(officer), sent, sent.version, {})
    html = client_for(officer).get(sheet_url("scoring:assessment", draft)).content.decode()
    assert 'name="score-1.1.3"' not in html


def test_another_units_head_and_the_coordinator_cannot_save(
    draft: Assessment, coordinator: User, client_for: Clients, province: Province
) -> None:
    other = User.objects.create_user("giamdoc-snv")
    Membership.objects.create(user=other, unit=province.snv, role=Role.HEAD)
    data = posted(draft, {"score-1.3": "11"})
    assert (
        client_for(other).post(sheet_url("scoring:assessment_save", draft), data).status_code == 403
    )
    assert (
        client_for(coordinator).post(sheet_url("scoring:assessment_save", draft), data).status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        save_self_assessment(Actor.of_user(other), draft, 1, {"1.3": SelfEntry(Decimal(1))})
    assert item(draft, "1.3").self_score is None
    assert AuditEntry.objects.filter(action="access.denied", note="can_act_for_unit").exists()
