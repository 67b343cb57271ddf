"""The workflow kernel (``cchc.workflow``) as every workflow uses it, seen through the task's:
one step writes the status, the version, one event and one audit entry; the refusals (role,
object rule, status, stale version) change nothing; the buttons are the steps the checks
allow; a hook runs inside the step and falls with it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.tasks.models import EventKind, Status, Task, TaskEvent
from cchc.tasks.workflows import TASK_WORKFLOW
from cchc.workflow import ConflictError, StatusError, Step, Transition

pytestmark = pytest.mark.django_db


def test_a_step_moves_the_status_raises_the_version_and_writes_one_event_and_one_entry(
    task: Task, officer: User
) -> None:
    version = task.version
    done = TASK_WORKFLOW.step(Actor.of_user(officer), task, EventKind.ACCEPTED)
    task.refresh_from_db()
    assert (task.status, task.version) == (Status.DANG_THUC_HIEN, version + 1)
    assert done.obj.version == version + 1
    event = TaskEvent.objects.filter(task=task, kind=EventKind.ACCEPTED).get()
    assert (event.from_status, event.to_status, event.actor) == (
        Status.CHO_TIEP_NHAN,
        Status.DANG_THUC_HIEN,
        officer,
    )
    entry = AuditEntry.objects.filter(action="task.accept", object_id=str(task.pk)).get()
    assert entry.before is not None and entry.before["status"] == Status.CHO_TIEP_NHAN
    assert entry.after is not None and entry.after["status"] == Status.DANG_THUC_HIEN


def test_refusals_change_nothing_and_say_why(
    task: Task, officer: User, snv_officer: User, leader: User
) -> None:
    version, events = task.version, TaskEvent.objects.filter(task=task).count()
    with pytest.raises(PermissionDenied):  # no permission to work on tasks
        TASK_WORKFLOW.step(Actor.of_user(leader), task, EventKind.ACCEPTED)
    with pytest.raises(PermissionDenied):  # another unit's task: the object rule, recorded
        TASK_WORKFLOW.step(Actor.of_user(snv_officer), task, EventKind.ACCEPTED)
    assert AuditEntry.objects.filter(
        action="access.denied", object_id=str(task.pk), note="work_on_task"
    ).exists()
    with pytest.raises(StatusError, match="không thể báo cáo hoàn thành"):
        TASK_WORKFLOW.step(Actor.of_user(officer), task, EventKind.REPORTED_DONE)
    with pytest.raises(ConflictError):
        TASK_WORKFLOW.step(
            Actor.of_user(officer), task, EventKind.ACCEPTED, version=task.version - 1
        )
    task.refresh_from_db()
    assert (task.status, task.version) == (Status.CHO_TIEP_NHAN, version)
    assert TaskEvent.objects.filter(task=task).count() == events


def test_the_buttons_are_the_steps_the_checks_allow(
    task: Task, officer: User, coordinator: User, snv_officer: User
) -> None:
    def names(user: User) -> list[str]:
        return [t.name for t in TASK_WORKFLOW.available(user, task)]

    assert names(officer) == [EventKind.ACCEPTED]
    assert names(snv_officer) == []
    assert names(coordinator) == []
    assert TASK_WORKFLOW.can(officer, task)[EventKind.ACCEPTED]
    TASK_WORKFLOW.step(Actor.of_user(officer), task, EventKind.ACCEPTED)
    task.refresh_from_db()
    assert names(officer) == [EventKind.PROGRESS, EventKind.REPORTED_DONE]


class HookFailed(Exception):
    pass


@pytest.fixture
def failing_hook() -> Iterator[None]:
    def fail(actor: Actor, step: Step[Task]) -> None:
        raise HookFailed

    TASK_WORKFLOW.hooks.append(fail)
    yield
    TASK_WORKFLOW.hooks.remove(fail)


def test_a_hook_runs_inside_the_step_and_the_step_falls_with_it(
    task: Task, officer: User, failing_hook: None
) -> None:
    with pytest.raises(HookFailed):
        TASK_WORKFLOW.step(Actor.of_user(officer), task, EventKind.ACCEPTED)
    task.refresh_from_db()
    assert task.status == Status.CHO_TIEP_NHAN
    assert not TaskEvent.objects.filter(task=task, kind=EventKind.ACCEPTED).exists()
    assert not AuditEntry.objects.filter(action="task.accept").exists()


def test_a_table_with_an_unregistered_audit_code_is_refused() -> None:
    with pytest.raises(ValueError, match=r"task\.vanish"):
        TASK_WORKFLOW.__class__(
            title="Nhiệm vụ",
            model=Task,
            prefix="task",
            event_model=TaskEvent,
            event_object="task",
            status_labels=dict(Status.choices),
            transitions=[
                Transition(
                    "vanish",
                    (Status.CHO_TIEP_NHAN,),
                    None,
                    TASK_WORKFLOW.transition(EventKind.ACCEPTED).perm,
                    "Biến mất",
                )
            ],
        )
