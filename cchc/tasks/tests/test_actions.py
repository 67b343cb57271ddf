"""The task lifecycle through the action functions: who may move a task, what each step
records (history and audit log), and the refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pytest_django import Settings

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.documents.models import Document
from cchc.tasks.actions import (
    TaskData,
    TaskError,
    accept_task,
    add_progress,
    confirm_completion,
    create_plan,
    create_task,
    decide_adjustment,
    report_done,
    request_adjustment,
    return_task,
    update_task,
)
from cchc.tasks.models import AdjustmentState, EventKind, Status, Task
from cchc.tasks.tests.conftest import MakeTask
from cchc.workflow import StatusError
from conftest import Province

DONE_ON = dt.date(2025, 6, 20)


def as_(user: User) -> Actor:
    return Actor.of_user(user, "10.0.0.9")


def fresh(task: Task) -> Task:
    return Task.objects.get(pk=task.pk)


def started(task: Task, officer: User) -> Task:
    accept_task(as_(officer), task)
    return fresh(task)


def test_a_new_task_awaits_acceptance_with_its_original_deadline_kept(task: Task) -> None:
    assert task.status == Status.CHO_TIEP_NHAN
    assert task.original_deadline == task.deadline == dt.date(2025, 6, 30)
    assert [e.kind for e in task.events.all()] == [EventKind.CREATED]
    assert AuditEntry.objects.filter(action="task.create", object_id=str(task.pk)).exists()


def test_the_lead_unit_officer_accepts_a_task_and_the_step_is_in_history_and_audit_log(
    task: Task, officer: User
) -> None:
    accept_task(as_(officer), task)
    task = fresh(task)
    assert task.status == Status.DANG_THUC_HIEN
    event = task.events.get(kind=EventKind.ACCEPTED)
    assert (event.from_status, event.to_status) == (Status.CHO_TIEP_NHAN, Status.DANG_THUC_HIEN)
    assert event.actor == officer
    entry = AuditEntry.objects.get(action="task.accept")
    assert entry.before["status"] == "cho_tiep_nhan"  # type: ignore[index]
    assert entry.after["status"] == "dang_thuc_hien"  # type: ignore[index]
    assert entry.ip == "10.0.0.9"


def test_a_task_cannot_be_accepted_twice(task: Task, officer: User, head: User) -> None:
    accept_task(as_(officer), task)
    with pytest.raises(StatusError, match="Đang thực hiện"):
        accept_task(as_(head), task)


def test_the_coordinator_does_not_act_for_the_lead_unit(task: Task, coordinator: User) -> None:
    with pytest.raises(PermissionDenied):
        accept_task(as_(coordinator), task)
    assert fresh(task).status == Status.CHO_TIEP_NHAN


def test_an_officer_of_another_unit_is_refused_and_the_refusal_is_recorded(
    task: Task, snv_officer: User
) -> None:
    with pytest.raises(PermissionDenied):
        accept_task(as_(snv_officer), task)
    entry = AuditEntry.objects.get(action="access.denied")
    assert entry.actor == snv_officer
    assert entry.object_id == str(task.pk)
    assert entry.note == "work_on_task"
    assert fresh(task).status == Status.CHO_TIEP_NHAN


def test_progress_carries_text_and_evidence_files(task: Task, officer: User) -> None:
    task = started(task, officer)
    files = [
        SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban"),
        SimpleUploadedFile("anh.jpg", b"\xff\xd8 anh"),
    ]
    event = add_progress(as_(officer), task, "Đã rà soát 120 văn bản.", files)
    assert event.kind == EventKind.PROGRESS
    assert [(e.name, e.size) for e in event.evidence.all()] == [
        ("bien-ban.pdf", 17),
        ("anh.jpg", 6),
    ]
    with event.evidence.first().file.open("rb") as stored:  # type: ignore[union-attr]
        assert stored.read() == b"%PDF-1.4 bien ban"
    assert fresh(task).status == Status.DANG_THUC_HIEN


def test_progress_needs_an_accepted_task_and_some_text(task: Task, officer: User) -> None:
    with pytest.raises(StatusError, match="Chờ tiếp nhận"):
        add_progress(as_(officer), task, "Đã làm")
    task = started(task, officer)
    with pytest.raises(TaskError, match="nội dung tiến độ"):
        add_progress(as_(officer), task, "  ")


def test_an_evidence_file_over_the_upload_limit_is_refused_and_nothing_is_recorded(
    task: Task, officer: User, settings: Settings
) -> None:
    settings.MAX_UPLOAD_SIZE = 10
    task = started(task, officer)
    with pytest.raises(TaskError, match="quá lớn"):
        add_progress(as_(officer), task, "Đã làm", [SimpleUploadedFile("lon.pdf", b"x" * 11)])
    assert not task.events.filter(kind=EventKind.PROGRESS).exists()


def test_the_lead_unit_reports_done_with_a_date_and_the_coordinator_confirms(
    task: Task, officer: User, coordinator: User
) -> None:
    task = started(task, officer)
    report_done(as_(officer), task, DONE_ON, "Đã ban hành Quyết định số 12/QĐ-UBND.")
    task = fresh(task)
    assert (task.status, task.completed_on) == (Status.CHO_KET_THUC, DONE_ON)
    assert task.events.get(kind=EventKind.REPORTED_DONE).completed_on == DONE_ON
    confirm_completion(as_(coordinator), task, "Đạt yêu cầu.")
    task = fresh(task)
    assert (task.status, task.completed_on) == (Status.DA_HOAN_THANH, DONE_ON)
    assert task.events.get(kind=EventKind.CONFIRMED).note == "Đạt yêu cầu."


def test_a_completion_date_in_the_future_is_refused(task: Task, officer: User) -> None:
    task = started(task, officer)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(TaskError, match="sau ngày hôm nay"):
        report_done(as_(officer), task, tomorrow, "Xong")


def test_only_a_coordinator_confirms_completion(task: Task, officer: User, head: User) -> None:
    task = started(task, officer)
    report_done(as_(officer), task, DONE_ON, "Xong")
    with pytest.raises(PermissionDenied):
        confirm_completion(as_(head), task)
    assert fresh(task).status == Status.CHO_KET_THUC


def test_the_coordinator_returns_a_report_and_the_completion_date_is_cleared(
    task: Task, officer: User, coordinator: User
) -> None:
    task = started(task, officer)
    report_done(as_(officer), task, DONE_ON, "Xong")
    with pytest.raises(TaskError, match="lý do"):
        return_task(as_(coordinator), task, "")
    return_task(as_(coordinator), task, "Chưa có quyết định ban hành kèm theo.")
    task = fresh(task)
    assert (task.status, task.completed_on) == (Status.DANG_THUC_HIEN, None)


def test_an_approved_extension_moves_the_deadline_and_keeps_the_original(
    task: Task, head: User, coordinator: User
) -> None:
    adjustment = request_adjustment(
        as_(head), task, "gia_han", "Chờ ý kiến của Bộ Tư pháp", dt.date(2025, 9, 30)
    )
    assert adjustment.state == AdjustmentState.PENDING
    decide_adjustment(as_(coordinator), adjustment, approve=True)
    task = fresh(task)
    assert task.deadline == dt.date(2025, 9, 30)
    assert task.original_deadline == dt.date(2025, 6, 30)
    assert task.deadline_was_extended
    assert task.status == Status.CHO_TIEP_NHAN
    adjustment.refresh_from_db()
    assert (adjustment.state, adjustment.decided_by) == (AdjustmentState.APPROVED, coordinator)


def test_a_refused_extension_leaves_the_deadline_and_needs_a_reason(
    task: Task, officer: User, coordinator: User
) -> None:
    adjustment = request_adjustment(as_(officer), task, "gia_han", "Bận", dt.date(2025, 12, 31))
    with pytest.raises(TaskError, match="lý do"):
        decide_adjustment(as_(coordinator), adjustment, approve=False)
    decide_adjustment(as_(coordinator), adjustment, approve=False, note="Nhiệm vụ trọng tâm.")
    assert fresh(task).deadline == dt.date(2025, 6, 30)
    assert fresh(task).events.filter(kind=EventKind.ADJUSTMENT_REFUSED).exists()


def test_an_approved_drop_cancels_the_task(task: Task, officer: User, coordinator: User) -> None:
    adjustment = request_adjustment(
        as_(officer), task, "khong_thuc_hien", "Trùng với nhiệm vụ số 18"
    )
    decide_adjustment(as_(coordinator), adjustment, approve=True)
    task = fresh(task)
    assert task.status == Status.DA_HUY
    event = task.events.get(kind=EventKind.ADJUSTMENT_APPROVED)
    assert (event.from_status, event.to_status) == (Status.CHO_TIEP_NHAN, Status.DA_HUY)
    assert "Trùng với nhiệm vụ số 18" in event.note


def test_a_unit_has_at_most_one_pending_request_per_task(task: Task, officer: User) -> None:
    request_adjustment(as_(officer), task, "gia_han", "Lý do", dt.date(2025, 8, 31))
    with pytest.raises(TaskError, match="đang chờ duyệt"):
        request_adjustment(as_(officer), task, "khong_thuc_hien", "Lý do khác")


def test_an_extension_must_be_later_than_the_deadline_and_needs_a_deadline(
    make_task: MakeTask, officer: User
) -> None:
    task = make_task()
    with pytest.raises(TaskError, match="phải sau hạn hiện tại"):
        request_adjustment(as_(officer), task, "gia_han", "Lý do", dt.date(2025, 6, 30))
    standing = make_task(deadline=None, item_number="2")
    with pytest.raises(TaskError, match="không có hạn"):
        request_adjustment(as_(officer), standing, "gia_han", "Lý do", dt.date(2025, 6, 30))


def test_only_the_lead_unit_asks_and_only_the_coordinator_decides(
    task: Task, officer: User, snv_officer: User, leader: User
) -> None:
    with pytest.raises(PermissionDenied):
        request_adjustment(as_(snv_officer), task, "gia_han", "Lý do", dt.date(2025, 8, 31))
    adjustment = request_adjustment(as_(officer), task, "gia_han", "Lý do", dt.date(2025, 8, 31))
    for user in (officer, leader):
        with pytest.raises(PermissionDenied):
            decide_adjustment(as_(user), adjustment, approve=True)


def test_a_decided_request_cannot_be_decided_again(
    task: Task, officer: User, coordinator: User
) -> None:
    adjustment = request_adjustment(as_(officer), task, "gia_han", "Lý do", dt.date(2025, 8, 31))
    decide_adjustment(as_(coordinator), adjustment, approve=True)
    with pytest.raises(StatusError, match="đã được xử lý"):
        decide_adjustment(as_(coordinator), adjustment, approve=False, note="Đổi ý")


def test_an_edit_made_on_a_stale_page_is_refused(
    task: Task, officer: User, coordinator: User, plan_document: Document
) -> None:
    shown = task.version
    accept_task(as_(officer), task)
    data = TaskData(content="Nội dung mới", source_document=plan_document, lead_unit=task.lead_unit)
    with pytest.raises(TaskError, match="người khác cập nhật"):
        update_task(as_(coordinator), task, data, version=shown)
    update_task(as_(coordinator), task, data, version=fresh(task).version)
    task = fresh(task)
    assert task.content == "Nội dung mới"
    assert task.events.filter(kind=EventKind.EDITED).exists()
    assert AuditEntry.objects.filter(action="task.update").count() == 1


def test_a_task_cannot_be_given_to_a_unit_that_had_ceased_by_its_deadline(
    province: Province, plan_document: Document
) -> None:
    data = TaskData(
        content="Số hóa hồ sơ cấp huyện",
        source_document=plan_document,
        lead_unit=province.district,
        deadline=dt.date(2025, 8, 31),
    )
    with pytest.raises(TaskError, match="đã ngừng hoạt động từ 30/06/2025"):
        create_task(Actor.command("test"), data)
    data = TaskData(
        content="Bộ phận một cửa cấp xã",
        source_document=plan_document,
        lead_unit=province.new_commune,
        deadline=dt.date(2025, 5, 31),
    )
    with pytest.raises(TaskError, match="chỉ hoạt động từ 01/07/2025"):
        create_task(Actor.command("test"), data)


def test_plan_codes_are_checked_and_unique(plan_document: Document, province: Province) -> None:
    actor = Actor.command("test")
    create_plan(actor, "KH-2025", "Kế hoạch", plan_document)
    with pytest.raises(TaskError, match="Đã có kế hoạch"):
        create_plan(actor, "kh-2025", "Kế hoạch khác", plan_document)
    with pytest.raises(TaskError, match="Mã kế hoạch"):
        create_plan(actor, "KH 2025/1", "Kế hoạch", plan_document)


def test_only_coordinators_create_tasks(
    officer: User, plan_document: Document, province: Province
) -> None:
    data = TaskData(content="Nhiệm vụ", source_document=plan_document, lead_unit=province.stp)
    with pytest.raises(PermissionDenied):
        create_task(as_(officer), data)
    assert not Task.objects.exists()
