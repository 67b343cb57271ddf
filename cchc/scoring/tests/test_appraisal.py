"""The appraisal (POST …/tham-dinh/, …/gui-ket-qua/, …/giai-trinh/, …/chot-diem/).

Sở Nội vụ sets an appraised score on every leaf but the survey's (on a level, within the
maximum) with a reason for every deduction and for overturning the unit's claim that a
criterion does not apply; who and when are kept per item. The unit head may answer each
contested item once, only while the appraisal awaits answers and not after the answer due
date; the coordinator may still adjust, then finalises.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cchc.accounts.models import Membership, Role, User
from cchc.audit.log import Actor
from cchc.scoring.actions import (
    AppraisalEntry,
    EntryRefused,
    SaveConflict,
    ScoringError,
    SelfEntry,
    answer_deduction,
    finalise_assessment,
    save_appraisal,
    save_self_assessment,
    send_appraisal,
    submit_self_assessment,
)
from cchc.scoring.models import Assessment, Status
from cchc.scoring.tests.sheets import COMPLETE, fresh, item, posted, sheet_url, stp_sheet
from cchc.testing import Clients
from conftest import Province

# Every leaf the appraisal covers, confirmed as the unit scored it.
CONFIRMED = {code: AppraisalEntry(entry.score) for code, entry in COMPLETE.items()}


@pytest.fixture
def sent(province: Province, officer: User, head: User) -> Assessment:
    """Sở Tư pháp's sheet, complete, with 2.1 claimed not applicable, sent by its head."""
    draft = stp_sheet(province.stp)
    entries = {**COMPLETE, "2.1": SelfEntry(None, "Sở không có thủ tục hành chính.", True)}
    save_self_assessment(Actor.of_user(officer), draft, 1, entries)
    return submit_self_assessment(Actor.of_user(head), fresh(draft))


def appraised(sent: Assessment, coordinator: User, **changes: AppraisalEntry) -> Assessment:
    """The sent sheet appraised (every leaf confirmed but ``changes``) and sent to the unit."""
    actor = Actor.of_user(coordinator)
    entries = {code: e for code, e in CONFIRMED.items() if code != "2.1"}
    saved = save_appraisal(actor, sent, sent.version, {**entries, **changes})
    return send_appraisal(actor, saved)


def test_a_deduction_needs_a_reason_and_the_score_its_level(
    sent: Assessment, coordinator: User
) -> None:
    actor = Actor.of_user(coordinator)
    with pytest.raises(EntryRefused) as refused:
        save_appraisal(
            actor,
            sent,
            sent.version,
            {
                "1.1.1": AppraisalEntry(Decimal("1.5")),
                "1.1.3": AppraisalEntry(Decimal("2.5"), "Đúng"),
                "1.3": AppraisalEntry(Decimal(12), "Vượt"),
                "2.2": AppraisalEntry(Decimal(2), "Đúng", not_applicable=False),
            },
        )
    assert refused.value.errors == {
        "1.1.1": "Hãy ghi lý do trừ điểm.",
        "1.3": "Điểm phải từ 0 đến 11.",
    }
    with pytest.raises(EntryRefused) as wrong_level:
        save_appraisal(actor, sent, sent.version, {"1.1.1": AppraisalEntry(Decimal(1), "x")})
    assert wrong_level.value.errors == {"1.1.1": "Điểm phải là một trong các mức: 3; 1,5; 0."}
    saved = save_appraisal(
        actor,
        sent,
        sent.version,
        {"1.1.1": AppraisalEntry(Decimal("1.5"), "Kế hoạch ban hành ngày 20/02, chậm hạn.")},
    )
    leaf = item(saved, "1.1.1")
    assert leaf.appraised_score == Decimal("1.5") and leaf.is_deducted
    assert leaf.appraised_by == coordinator and leaf.appraised_at is not None
    assert item(saved, "1.1.3").appraised_at is None


def test_overturning_a_not_applicable_claim_needs_a_reason(
    sent: Assessment, coordinator: User
) -> None:
    actor = Actor.of_user(coordinator)
    with pytest.raises(EntryRefused) as refused:
        save_appraisal(actor, sent, sent.version, {"2.1": AppraisalEntry(Decimal(10))})
    assert "Hãy ghi lý do" in refused.value.errors["2.1"]
    saved = save_appraisal(
        actor,
        sent,
        sent.version,
        {"2.1": AppraisalEntry(Decimal(10), "Sở có 12 thủ tục thuộc thẩm quyền.")},
    )
    leaf = item(saved, "2.1")
    assert not leaf.not_applicable and leaf.appraised_score == 10


def test_the_survey_leaf_is_not_appraised_here_and_a_stale_copy_is_refused(
    sent: Assessment, coordinator: User
) -> None:
    actor = Actor.of_user(coordinator)
    with pytest.raises(EntryRefused) as refused:
        save_appraisal(actor, sent, sent.version, {"3.1": AppraisalEntry(Decimal(25))})
    assert set(refused.value.errors) == {"3.1"}
    save_appraisal(actor, sent, sent.version, {"1.3": AppraisalEntry(Decimal(10))})
    with pytest.raises(SaveConflict):
        save_appraisal(actor, sent, sent.version, {"1.3": AppraisalEntry(Decimal(9), "x")})


def test_the_appraisal_is_sent_only_once_every_leaf_has_a_score(
    sent: Assessment, coordinator: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    page = client.post(sheet_url("scoring:assessment_send", sent), follow=True)
    assert "Còn 4 tiêu chí chưa có điểm thẩm định: 1.1.1, 1.1.3, 1.3, 2.2." in (
        page.content.decode()
    )
    # The form starts from the unit's scores: sending it as shown confirms them.
    html = client.get(sheet_url("scoring:assessment", sent)).content.decode()
    assert 'name="appraised-1.1.3" id="appraised-1.1.3" value="4"' in html
    fields = {
        "appraised-1.1.1": "3",
        "appraised-1.1.3": "4",
        "appraised-1.3": "10",
        "appraised-2.1": "",
        "appraised-na-2.1": "1",
        "appraised-2.2": "26",
        "reason-2.2": "2 % hồ sơ quá hạn chưa được tính.",
    }
    page = client.post(
        sheet_url("scoring:assessment_send", sent), posted(sent, fields), follow=True
    )
    assert "Đã gửi kết quả thẩm định cho đơn vị." in page.content.decode()
    done = fresh(sent)
    assert done.status == Status.APPRAISED and done.appraised_by == coordinator
    assert item(done, "2.2").deduction_reason == "2 % hồ sơ quá hạn chưa được tính."


def test_the_unit_does_not_see_the_appraisal_before_it_is_sent(
    sent: Assessment, coordinator: User, head: User, client_for: Clients
) -> None:
    save_appraisal(
        Actor.of_user(coordinator),
        sent,
        sent.version,
        {"2.2": AppraisalEntry(Decimal(20), "Lý do nội bộ chưa gửi")},
    )
    html = client_for(head).get(sheet_url("scoring:assessment", sent)).content.decode()
    assert "Lý do nội bộ chưa gửi" not in html
    assert "Tổng điểm thẩm định" not in html


def test_the_head_answers_each_deduction_once(
    sent: Assessment, coordinator: User, head: User, officer: User, client_for: Clients
) -> None:
    done = appraised(sent, coordinator, **{"2.2": AppraisalEntry(Decimal(26), "Hồ sơ quá hạn")})
    html = client_for(head).get(sheet_url("scoring:assessment", done)).content.decode()
    assert 'form="answer-form-2.2"' in html
    assert 'form="answer-form-1.3"' not in html
    client = client_for(head)
    client.post(
        sheet_url("scoring:deduction_answer", done), {"item": "2.2", "answer": "Hồ sơ chờ bổ sung."}
    )
    leaf = item(done, "2.2")
    assert leaf.answer == "Hồ sơ chờ bổ sung." and leaf.answered_by == head
    page = client.post(
        sheet_url("scoring:deduction_answer", done),
        {"item": "2.2", "answer": "Lần hai"},
        follow=True,
    )
    assert "mỗi nội dung chỉ một lần" in page.content.decode()
    assert item(done, "2.2").answer == "Hồ sơ chờ bổ sung."
    with pytest.raises(ScoringError, match="không bị trừ điểm"):
        answer_deduction(Actor.of_user(head), item(done, "1.3"), "Không cần")
    # Only the head of the unit answers.
    assert (
        client_for(officer)
        .post(sheet_url("scoring:deduction_answer", done), {"item": "2.2", "answer": "x"})
        .status_code
        == 403
    )


def test_answers_close_at_the_due_date_and_another_units_head_is_refused(
    sent: Assessment, coordinator: User, head: User, province: Province
) -> None:
    done = appraised(sent, coordinator, **{"2.2": AppraisalEntry(Decimal(26), "Quá hạn")})
    other = User.objects.create_user("giamdoc-snv")
    Membership.objects.create(user=other, unit=province.snv, role=Role.HEAD)
    with pytest.raises(PermissionDenied):
        answer_deduction(Actor.of_user(other), item(done, "2.2"), "Không phải đơn vị mình")
    framework = done.framework
    framework.answer_due = timezone.localdate() - dt.timedelta(days=1)
    framework.save(update_fields=["answer_due"])
    with pytest.raises(ScoringError, match="Đã hết hạn giải trình"):
        answer_deduction(Actor.of_user(head), item(done, "2.2"), "Muộn")


def test_an_answer_brought_in_afterwards_is_judged_and_stamped_by_its_own_time(
    sent: Assessment, coordinator: User, head: User
) -> None:
    done = appraised(sent, coordinator, **{"2.2": AppraisalEntry(Decimal(26), "Quá hạn")})
    framework = done.framework
    framework.answer_due = dt.date(2025, 2, 18)
    framework.save(update_fields=["answer_due"])
    actor = Actor.of_user(head)
    # Today is long past the due date: only the given time decides.
    after = timezone.make_aware(dt.datetime.combine(dt.date(2025, 2, 19), dt.time(9)))
    with pytest.raises(ScoringError, match="Đã hết hạn giải trình"):
        answer_deduction(actor, item(done, "2.2"), "Muộn", at=after)
    # The last minute of the due date, local time, is still open.
    last_minute = timezone.make_aware(dt.datetime.combine(dt.date(2025, 2, 18), dt.time(23, 59)))
    answer_deduction(actor, item(done, "2.2"), "Đã bổ sung hồ sơ.", at=last_minute)
    leaf = item(done, "2.2")
    assert leaf.answer == "Đã bổ sung hồ sơ." and leaf.answered_at == last_minute


def test_finalising_waits_for_the_answers_until_the_due_date(
    sent: Assessment, coordinator: User, head: User, client_for: Clients
) -> None:
    done = appraised(sent, coordinator, **{"2.2": AppraisalEntry(Decimal(26), "Quá hạn")})
    framework = done.framework
    framework.answer_due = timezone.localdate() + dt.timedelta(days=5)
    framework.save(update_fields=["answer_due"])
    actor = Actor.of_user(coordinator)
    with pytest.raises(ScoringError, match=r"chưa giải trình 1 nội dung \(2.2\)"):
        finalise_assessment(actor, fresh(done))
    # The sheet offers no "Chốt điểm" while it would be refused.
    finalise = sheet_url("scoring:assessment_finalise", done)
    assert (
        f'action="{finalise}"'
        not in client_for(coordinator).get(sheet_url("scoring:assessment", done)).content.decode()
    )
    answer_deduction(Actor.of_user(head), item(done, "2.2"), "Đã bổ sung hồ sơ.")
    # Convinced by the answer, the coordinator gives a point back before finalising.
    adjusted = save_appraisal(
        actor, done, fresh(done).version, {"2.2": AppraisalEntry(Decimal(27), "Trừ 1 điểm")}
    )
    assert adjusted.status == Status.APPRAISED
    page = client_for(coordinator).get(sheet_url("scoring:assessment", done)).content.decode()
    assert f'action="{finalise}"' in page
    client_for(coordinator).post(sheet_url("scoring:assessment_finalise", done))
    final = fresh(done)
    assert final.status == Status.FINALISED and final.finalised_by == coordinator
    with pytest.raises(ScoringError):
        save_appraisal(actor, final, final.version, {"2.2": AppraisalEntry(Decimal(20), "x")})


def test_only_sở_nội_vụ_appraises_sends_and_finalises(
    sent: Assessment, head: User, leader: User, client_for: Clients
) -> None:
    for user in (head, leader):
        client = client_for(user)
        for name in (
            "scoring:assessment_appraise",
            "scoring:assessment_send",
            "scoring:assessment_finalise",
        ):
            assert client.post(sheet_url(name, sent), posted(sent, {})).status_code == 403
    with pytest.raises(PermissionDenied):
        send_appraisal(Actor.of_user(head), sent)


def test_an_appraisal_posted_without_its_version_is_shown_again_as_typed(
    sent: Assessment, coordinator: User, client_for: Clients
) -> None:
    response = client_for(coordinator).post(
        sheet_url("scoring:assessment_appraise", sent),
        {"appraised-1.1.1": "1,5", "reason-1.1.1": "Thiếu biên bản kiểm tra"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "thiếu số phiên bản" in html
    assert "Thiếu biên bản kiểm tra" in html
    assert item(sent, "1.1.1").appraised_score is None
