"""Sending the self-assessment (POST …/gui/, the unit head) and returning it (POST …/tra-lai/,
Sở Nội vụ).

Sending is refused while a leaf the unit scores is unscored, or a leaf that requires evidence
has points with neither evidence nor an explanation ("no evidence → must explain"). Computed
leaves are measured again. A late sheet is accepted and shown as late; the first sending
decides, so a sheet returned for correction is not late for being sent again.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.scoring.actions import (
    ScoringError,
    SelfEntry,
    SubmitRefused,
    return_self_assessment,
    save_self_assessment,
    submit_self_assessment,
    submitted_late,
)
from cchc.scoring.models import Assessment, Status
from cchc.scoring.tests.sheets import COMPLETE, completed, fresh, item, posted, sheet_url, stp_sheet
from cchc.testing import Clients
from conftest import Province


@pytest.fixture
def draft(province: Province) -> Assessment:
    return stp_sheet(province.stp)


def test_the_head_sends_a_complete_sheet_saving_what_was_typed_first(
    draft: Assessment, officer: User, head: User, client_for: Clients
) -> None:
    entries = {code: e for code, e in COMPLETE.items() if code != "2.2"}
    save_self_assessment(Actor.of_user(officer), draft, 1, entries)
    page = client_for(head).post(
        sheet_url("scoring:assessment_submit", draft),
        posted(draft, {"score-2.2": "28"}),
        follow=True,
    )
    assert "Đã gửi bản tự đánh giá cho Sở Nội vụ." in page.content.decode()
    sent = fresh(draft)
    assert sent.status == Status.SUBMITTED
    assert sent.submitted_by == head
    assert item(sent, "2.2").self_score == 28
    assert AuditEntry.objects.filter(action="scoring.submit", actor=head).exists()


def test_unscored_leaves_and_unexplained_missing_evidence_refuse_the_sending(
    draft: Assessment, officer: User, head: User, client_for: Clients
) -> None:
    save_self_assessment(
        Actor.of_user(officer),
        draft,
        1,
        {"1.1.1": SelfEntry(Decimal(3)), "2.1": SelfEntry(Decimal(20)), "1.3": SelfEntry(None)},
    )
    with pytest.raises(SubmitRefused) as refused:
        submit_self_assessment(Actor.of_user(head), draft)
    missing = (
        ": chưa có tài liệu kiểm chứng; hãy đính kèm, hoặc giải trình vì sao không có (Sở Nội "
        "vụ sẽ thấy tiêu chí được đánh dấu «không có tài liệu kiểm chứng»)."
    )
    assert refused.value.problems == [
        f"1.1.1{missing}",
        "1.1.3: chưa chấm điểm.",
        "1.3: chưa chấm điểm.",
        f"2.1{missing}",
        "2.2: chưa chấm điểm.",
    ]
    page = client_for(head).post(sheet_url("scoring:assessment_submit", draft), follow=True)
    assert "1.1.3: chưa chấm điểm." in page.content.decode()
    assert fresh(draft).status == Status.DRAFT


def test_a_zero_score_or_a_not_applicable_claim_needs_no_evidence(
    draft: Assessment, officer: User, head: User
) -> None:
    entries = {
        **COMPLETE,
        "1.1.1": SelfEntry(Decimal(0)),
        "2.1": SelfEntry(None, "Sở không giải quyết thủ tục hành chính.", True),
    }
    save_self_assessment(Actor.of_user(officer), draft, 1, entries)
    assert submit_self_assessment(Actor.of_user(head), draft).status == Status.SUBMITTED


def test_only_the_head_sends(draft: Assessment, officer: User, client_for: Clients) -> None:
    completed(draft, officer)
    assert (
        client_for(officer).post(sheet_url("scoring:assessment_submit", draft)).status_code == 403
    )
    html = client_for(officer).get(sheet_url("scoring:assessment", draft)).content.decode()
    assert sheet_url("scoring:assessment_submit", draft) not in html


def test_a_late_sheet_is_accepted_and_shown_as_late(
    draft: Assessment, officer: User, head: User, coordinator: User, client_for: Clients
) -> None:
    framework = draft.framework
    framework.self_assessment_due = dt.date(2020, 1, 15)
    framework.save(update_fields=["self_assessment_due"])
    sent = submit_self_assessment(Actor.of_user(head), completed(fresh(draft), officer))
    assert submitted_late(sent)
    assert AuditEntry.objects.get(action="scoring.submit").after["late"] is True  # type: ignore[index]
    html = client_for(coordinator).get(sheet_url("scoring:assessment", draft)).content.decode()
    assert "Gửi sau hạn" in html


def test_the_coordinator_returns_a_sent_sheet_with_a_reason_the_unit_reads(
    draft: Assessment, officer: User, head: User, coordinator: User, client_for: Clients
) -> None:
    submit_self_assessment(Actor.of_user(head), completed(draft, officer))
    client = client_for(coordinator)
    page = client.post(sheet_url("scoring:assessment_return", draft), {"reason": " "}, follow=True)
    assert "Hãy ghi lý do trả lại" in page.content.decode()
    assert fresh(draft).status == Status.SUBMITTED
    client.post(
        sheet_url("scoring:assessment_return", draft), {"reason": "Bổ sung kế hoạch kiểm tra."}
    )
    returned = fresh(draft)
    assert returned.status == Status.DRAFT
    html = client_for(officer).get(sheet_url("scoring:assessment", draft)).content.decode()
    assert "Sở Nội vụ trả lại bản tự đánh giá để bổ sung" in html
    assert "Bổ sung kế hoạch kiểm tra." in html
    assert 'name="score-1.1.3"' in html
    # Sent again after the due date, the first time before it: not late.
    first_sent = dt.datetime(2025, 1, 10, 9, tzinfo=dt.UTC)
    Assessment.objects.filter(pk=draft.pk).update(submitted_at=first_sent)
    framework = returned.framework
    framework.self_assessment_due = dt.date(2025, 1, 15)
    framework.save(update_fields=["self_assessment_due"])
    again = submit_self_assessment(Actor.of_user(head), fresh(draft))
    assert again.submitted_at == first_sent
    assert not submitted_late(again)


def test_only_a_sent_sheet_is_returned_and_only_by_sở_nội_vụ(
    draft: Assessment, head: User, coordinator: User, client_for: Clients
) -> None:
    with pytest.raises(ScoringError, match="Đang tự đánh giá"):
        return_self_assessment(Actor.of_user(coordinator), draft, "Bổ sung")
    response = client_for(head).post(sheet_url("scoring:assessment_return", draft), {"reason": "x"})
    assert response.status_code == 403
