"""Every step of the task and PAR Index workflows tells the people it concerns: the lead
unit about Sở Nội vụ's decisions, the one who gave the task about the unit's steps, the
coordinators about what units send, the unit about its appraisal; never the actor."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pytest_django import DjangoCaptureOnCommitCallbacks

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, register_document
from cchc.notifications.models import Kind, Notification
from cchc.scoring.actions import (
    AppraisalEntry,
    SelfEntry,
    answer_deduction,
    finalise_assessment,
    save_self_assessment,
    submit_self_assessment,
)
from cchc.scoring.tests.sheets import COMPLETE, fresh, item, stp_sheet
from cchc.scoring.tests.test_appraisal import appraised
from cchc.tasks.actions import (
    TaskData,
    accept_task,
    confirm_completion,
    create_task,
    decide_adjustment,
    report_done,
    request_adjustment,
    return_task,
)
from conftest import Province


def told(user: User) -> list[tuple[str, str]]:
    return list(
        Notification.objects.filter(recipient=user).order_by("id").values_list("kind", "text")
    )


def test_each_step_of_a_task_tells_the_unit_or_the_one_who_gave_it(
    province: Province,
    officer: User,
    head: User,
    coordinator: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    sở, unit = Actor.of_user(coordinator), Actor.of_user(officer)
    document = register_document(sở, DocumentData("35/QĐ-UBND", None, "Kế hoạch"))
    # Each step tells people (the workflow's hook, in the step); e-mails leave on commit.
    with django_capture_on_commit_callbacks(execute=True):
        task = create_task(sở, TaskData("Rà soát TTHC", document, province.stp, (), None))
        accept_task(unit, task)
        report_done(unit, task, dt.date(2025, 6, 1), "Đã rà soát")
        return_task(sở, task, "Thiếu báo cáo")
        report_done(unit, task, dt.date(2025, 6, 2), "Đã bổ sung")
        confirm_completion(sở, task)
        other = create_task(sở, TaskData("Số hóa", document, province.stp, (), None))
        adjustment = request_adjustment(unit, other, "khong_thuc_hien", "Trùng việc")
        decide_adjustment(sở, adjustment, approve=False, note="Vẫn cần làm")
    assert told(head) == [
        (Kind.TASK_ASSIGNED, "Đơn vị được giao nhiệm vụ: Rà soát TTHC"),
        (
            Kind.TASK_DECIDED,
            "Nhiệm vụ bị trả lại, chưa xác nhận hoàn thành: Rà soát TTHC. Lý do: Thiếu báo cáo",
        ),
        (Kind.TASK_DECIDED, "Sở Nội vụ xác nhận hoàn thành nhiệm vụ: Rà soát TTHC"),
        (Kind.TASK_ASSIGNED, "Đơn vị được giao nhiệm vụ: Số hóa"),
        (
            Kind.TASK_ADJUSTMENT,
            "Đề nghị điều chỉnh không được đồng ý: Số hóa. Không thực hiện nhiệm vụ. "
            "Lý do: Trùng việc Vẫn cần làm",
        ),
    ]
    # The officer took the unit's steps: she is told only of Sở Nội vụ's.
    assert len(told(officer)) == 5
    assert [kind for kind, _text in told(coordinator)] == [
        Kind.TASK_PROGRESS,
        Kind.TASK_PROGRESS,
        Kind.TASK_PROGRESS,
        Kind.TASK_ADJUSTMENT,
    ]
    assert told(coordinator)[0][1] == "Sở Tư pháp đã tiếp nhận nhiệm vụ: Rà soát TTHC"


def test_each_step_of_the_par_index_cycle_tells_whom_it_concerns(
    province: Province,
    officer: User,
    head: User,
    coordinator: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    # The assessment's workflow tells once each step commits.
    with django_capture_on_commit_callbacks(execute=True):
        draft = stp_sheet(province.stp)
        entries = {**COMPLETE, "2.1": SelfEntry(None, "Sở không có thủ tục hành chính.", True)}
        save_self_assessment(Actor.of_user(officer), draft, 1, entries)
        sent = submit_self_assessment(Actor.of_user(head), fresh(draft))
    [(kind, text)] = told(coordinator)
    assert kind == Kind.PAR_CYCLE and text.startswith("Sở Tư pháp đã gửi bản tự đánh giá")
    with django_capture_on_commit_callbacks(execute=True):
        done = appraised(sent, coordinator, **{"2.2": AppraisalEntry(Decimal(26), "Hồ sơ quá hạn")})
    assert "Sở Nội vụ đã gửi kết quả thẩm định" in told(officer)[-1][1]
    with django_capture_on_commit_callbacks(execute=True):
        answer_deduction(Actor.of_user(head), item(done, "2.2"), "Hồ sơ chờ bổ sung.")
    assert told(coordinator)[-1][1].endswith("2.2: Hồ sơ chờ bổ sung.")
    with django_capture_on_commit_callbacks(execute=True):
        finalise_assessment(Actor.of_user(coordinator), fresh(done))
    assert "Sở Nội vụ đã chốt điểm" in told(head)[-1][1]
