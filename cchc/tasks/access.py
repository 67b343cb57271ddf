"""Who may read and work on which task: the object rules of tasks, on top of ``cchc.access``.

An officer or head reads only the tasks their unit leads or cooperates on and works only on
those their unit leads; coordinators, leaders and administrators read every task.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.db.models import Q

from cchc.access import Perm, acting_unit_ids, acts_for, can_act_for_unit, has_perm
from cchc.tasks.models import Task, TaskQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cchc.accounts.models import User
    from cchc.orgs.models import Unit

Tasks = TypeVar("Tasks", bound=TaskQuerySet)


def visible_tasks(user: User | AnonymousUser | None, tasks: Tasks) -> Tasks:
    """The tasks of ``tasks`` the user may read: all for coordinators, leaders and
    administrators; for an officer or head, those their unit leads or cooperates on."""
    if has_perm(user, Perm.VIEW_ALL_TASKS):
        return tasks
    if not has_perm(user, Perm.VIEW_TASKS):
        return tasks.none()
    units = acting_unit_ids(user)
    cooperating = Task.cooperating_units.through.objects.filter(unit_id__in=units)
    return tasks.filter(Q(lead_unit_id__in=units) | Q(pk__in=cooperating.values("task_id")))


def can_view_task(user: User | AnonymousUser | None, task: Task) -> bool:
    if has_perm(user, Perm.VIEW_ALL_TASKS):
        return True
    if not has_perm(user, Perm.VIEW_TASKS):
        return False
    units = acting_unit_ids(user)
    return task.lead_unit_id in units or task.cooperating_units.filter(pk__in=units).exists()


def can_view_unit_tasks(user: User | AnonymousUser | None, unit: Unit) -> bool:
    """The page of a unit's tasks: for those who read every task and for the unit itself."""
    return has_perm(user, Perm.VIEW_ALL_TASKS) or can_act_for_unit(user, unit)


def can_work_on_task(user: User | AnonymousUser | None, task: Task) -> bool:
    """Accept, report progress or completion, ask for an adjustment: the lead unit only."""
    return has_perm(user, Perm.WORK_ON_TASKS) and acts_for(user, task.lead_unit_id)
