"""The object-level task rules of cchc/access.py."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from cchc.access import can_act_for_unit, require_object
from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.tasks.access import can_view_task, can_view_unit_tasks, can_work_on_task, visible_tasks
from cchc.tasks.models import Task
from cchc.tasks.tests.conftest import MakeTask
from conftest import Province


@pytest.fixture
def tasks(make_task: MakeTask, province: Province) -> dict[str, Task]:
    cooperated = make_task(content="STP chủ trì, SNV phối hợp", cooperating_units=(province.snv,))
    return {
        "stp": make_task(content="STP chủ trì"),
        "cooperated": cooperated,
        "snv": make_task(content="SNV chủ trì", lead_unit=province.snv),
    }


def test_who_reads_which_tasks(
    tasks: dict[str, Task],
    officer: User,
    snv_officer: User,
    coordinator: User,
    leader: User,
    admin_user: User,
    outsider: User,
) -> None:
    def seen(user: User) -> set[str]:
        return {t.content for t in visible_tasks(user, Task.objects.all())}

    everything = {t.content for t in tasks.values()}
    assert seen(coordinator) == seen(leader) == seen(admin_user) == everything
    assert seen(officer) == {"STP chủ trì", "STP chủ trì, SNV phối hợp"}
    assert seen(snv_officer) == {"SNV chủ trì", "STP chủ trì, SNV phối hợp"}
    assert seen(outsider) == set()
    for user in (officer, snv_officer, coordinator, leader, outsider):
        for task in tasks.values():
            assert can_view_task(user, task) == (task.content in seen(user)), (user, task)


def test_only_the_lead_unit_and_the_administrator_work_on_a_task(
    tasks: dict[str, Task],
    officer: User,
    head: User,
    snv_officer: User,
    coordinator: User,
    leader: User,
    admin_user: User,
) -> None:
    task = tasks["cooperated"]
    assert can_work_on_task(officer, task) and can_work_on_task(head, task)
    assert can_work_on_task(admin_user, task)
    for user in (snv_officer, coordinator, leader):
        assert not can_work_on_task(user, task)


def test_unit_pages_are_for_the_unit_and_for_those_who_read_everything(
    province: Province, officer: User, snv_officer: User, leader: User
) -> None:
    assert can_act_for_unit(officer, province.stp)
    assert not can_act_for_unit(officer, province.snv)
    assert can_view_unit_tasks(leader, province.stp)
    assert not can_view_unit_tasks(snv_officer, province.stp)


def test_an_object_refusal_is_recorded_and_a_server_command_is_trusted(
    tasks: dict[str, Task], outsider: User
) -> None:
    with pytest.raises(PermissionDenied):
        require_object(Actor.of_user(outsider, "10.1.1.1"), False, tasks["stp"], "view_task")
    entry = AuditEntry.objects.get(action="access.denied")
    assert (entry.note, entry.object_type, entry.ip) == ("view_task", "tasks.task", "10.1.1.1")
    require_object(Actor.command("test"), False, tasks["stp"], "view_task")
