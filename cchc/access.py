"""Who may do what: the permission table, its roles, and the checks every view and action uses.

Roles come from a user's memberships (``accounts.Membership``) plus ``admin`` for a superuser.
A user with no membership and no superuser flag is an outsider and may do nothing.
Views declare the permission they need with ``@requires(Perm.X)``; action functions call
``require(actor, Perm.X)``. Both record a refused check in the audit log.

Some rules depend on the object as well as the role: an officer or head acts for their own
unit only (``can_act_for_unit``). The rules on an app's objects (``visible_tasks``,
``can_view_unit_reports``, ``can_view_assessment``…) live in that app's ``access.py`` and build
on the ones here; ``require_object`` refuses and records like ``require``. This module sits
just above ``audit`` in the layers: it imports no app model (roles are read through
``user.memberships``), so that ``accounts`` and ``orgs`` can call ``require`` too.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponseBase
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cchc.audit.log import Actor, record

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cchc.accounts.models import User
    from cchc.orgs.models import Unit

ADMIN = "admin"


class Role(models.TextChoices):
    """A user's role in a unit (``accounts.Membership.role``): the permission table's
    vocabulary, hence defined here."""

    OFFICER = "officer", _("Chuyên viên đầu mối")
    HEAD = "head", _("Lãnh đạo đơn vị")
    COORDINATOR = "coordinator", _("Điều phối CCHC (Sở Nội vụ)")
    LEADER = "leader", _("Lãnh đạo tỉnh")


class Perm(StrEnum):
    USE_APP = "use_app"
    VIEW_UNITS = "view_units"
    MANAGE_UNITS = "manage_units"
    VIEW_DOCUMENTS = "view_documents"
    REGISTER_DOCUMENTS = "register_documents"
    VIEW_AUDIT = "view_audit"
    USE_ADMIN = "use_admin"
    # Every role reads tasks; officers and heads only their own unit's (see visible_tasks).
    VIEW_TASKS = "view_tasks"
    VIEW_ALL_TASKS = "view_all_tasks"
    # Accept a task, report progress and completion, ask for an adjustment: for the lead unit.
    WORK_ON_TASKS = "work_on_tasks"
    # Create plans and tasks, import plans, confirm completion, decide on adjustments.
    MANAGE_TASKS = "manage_tasks"
    # Periodic reports: every role reads them, officers and heads only their own unit's.
    VIEW_REPORTS = "view_reports"
    VIEW_ALL_REPORTS = "view_all_reports"
    # Draft a report (officer or head of the unit) and send it (the head).
    EDIT_REPORTS = "edit_reports"
    SUBMIT_REPORTS = "submit_reports"
    # Accept, return or reopen reports; open periods and ad hoc requests; load the forms.
    REVIEW_REPORTS = "review_reports"
    MANAGE_REPORTING = "manage_reporting"
    # The province's aggregates, the compiled report and the leaders' summary.
    VIEW_SYNTHESIS = "view_synthesis"
    # The compiled report: draft, edit, send for signing and issue it (Sở Nội vụ); comment
    # on its sections (the province's leaders and Sở Nội vụ). Reading it is VIEW_SYNTHESIS.
    COMPILE_REPORTS = "compile_reports"
    COMMENT_COMPILED = "comment_compiled"
    # PAR Index: every role reads published rankings and its own unit's assessment.
    VIEW_SCORING = "view_scoring"
    # Every unit's assessment, before the results are published too.
    VIEW_ALL_ASSESSMENTS = "view_all_assessments"
    # Self-assess (officer or head of the unit) and submit it or answer the appraisal (head).
    SELF_ASSESS = "self_assess"
    SUBMIT_SELF_ASSESSMENT = "submit_self_assessment"
    # Appraise, finalise, enter the survey, publish, remediation tasks, national indices.
    APPRAISE = "appraise"


_EVERY_ROLE = frozenset({Role.OFFICER, Role.HEAD, Role.COORDINATOR, Role.LEADER, ADMIN})

RULES: dict[Perm, frozenset[str]] = {
    Perm.USE_APP: _EVERY_ROLE,
    Perm.VIEW_UNITS: _EVERY_ROLE,
    Perm.MANAGE_UNITS: frozenset({Role.COORDINATOR, ADMIN}),
    Perm.VIEW_DOCUMENTS: _EVERY_ROLE,
    Perm.REGISTER_DOCUMENTS: frozenset({Role.OFFICER, Role.HEAD, Role.COORDINATOR, ADMIN}),
    Perm.VIEW_AUDIT: frozenset({Role.COORDINATOR, ADMIN}),
    Perm.USE_ADMIN: frozenset({ADMIN}),
    Perm.VIEW_TASKS: _EVERY_ROLE,
    Perm.VIEW_ALL_TASKS: frozenset({Role.COORDINATOR, Role.LEADER, ADMIN}),
    Perm.WORK_ON_TASKS: frozenset({Role.OFFICER, Role.HEAD, ADMIN}),
    Perm.MANAGE_TASKS: frozenset({Role.COORDINATOR, ADMIN}),
    Perm.VIEW_REPORTS: _EVERY_ROLE,
    Perm.VIEW_ALL_REPORTS: frozenset({Role.COORDINATOR, Role.LEADER, ADMIN}),
    Perm.EDIT_REPORTS: frozenset({Role.OFFICER, Role.HEAD, ADMIN}),
    Perm.SUBMIT_REPORTS: frozenset({Role.HEAD, ADMIN}),
    Perm.REVIEW_REPORTS: frozenset({Role.COORDINATOR, ADMIN}),
    Perm.MANAGE_REPORTING: frozenset({Role.COORDINATOR, ADMIN}),
    Perm.VIEW_SYNTHESIS: frozenset({Role.COORDINATOR, Role.LEADER, ADMIN}),
    Perm.COMPILE_REPORTS: frozenset({Role.COORDINATOR, ADMIN}),
    Perm.COMMENT_COMPILED: frozenset({Role.COORDINATOR, Role.LEADER, ADMIN}),
    Perm.VIEW_SCORING: _EVERY_ROLE,
    Perm.VIEW_ALL_ASSESSMENTS: frozenset({Role.COORDINATOR, Role.LEADER, ADMIN}),
    Perm.SELF_ASSESS: frozenset({Role.OFFICER, Role.HEAD, ADMIN}),
    Perm.SUBMIT_SELF_ASSESSMENT: frozenset({Role.HEAD, ADMIN}),
    Perm.APPRAISE: frozenset({Role.COORDINATOR, ADMIN}),
}

# What a refusal was about, in words, for the audit log (``access.denied`` notes hold the
# permission's code or the name of the object-level rule).
DENIAL_LABELS: dict[str, str | Promise] = {
    Perm.USE_APP: _("dùng hệ thống"),
    Perm.VIEW_UNITS: _("xem đơn vị"),
    Perm.MANAGE_UNITS: _("quản lý đơn vị"),
    Perm.VIEW_DOCUMENTS: _("xem sổ văn bản"),
    Perm.REGISTER_DOCUMENTS: _("vào sổ văn bản"),
    Perm.VIEW_AUDIT: _("xem nhật ký hệ thống"),
    Perm.USE_ADMIN: _("vào trang quản trị"),
    Perm.VIEW_TASKS: _("xem nhiệm vụ"),
    Perm.VIEW_ALL_TASKS: _("xem nhiệm vụ của mọi đơn vị"),
    Perm.WORK_ON_TASKS: _("thực hiện nhiệm vụ"),
    Perm.MANAGE_TASKS: _("giao và quản lý nhiệm vụ"),
    Perm.VIEW_REPORTS: _("xem báo cáo"),
    Perm.VIEW_ALL_REPORTS: _("xem báo cáo của mọi đơn vị"),
    Perm.EDIT_REPORTS: _("soạn báo cáo"),
    Perm.SUBMIT_REPORTS: _("gửi báo cáo"),
    Perm.REVIEW_REPORTS: _("tiếp nhận, trả lại báo cáo"),
    Perm.MANAGE_REPORTING: _("quản lý kỳ báo cáo và biểu mẫu"),
    Perm.VIEW_SYNTHESIS: _("xem tổng hợp toàn tỉnh"),
    Perm.VIEW_SCORING: _("xem Chỉ số CCHC"),
    Perm.VIEW_ALL_ASSESSMENTS: _("xem kết quả chấm điểm của mọi đơn vị"),
    Perm.SELF_ASSESS: _("tự đánh giá"),
    Perm.SUBMIT_SELF_ASSESSMENT: _("gửi tự đánh giá"),
    Perm.APPRAISE: _("thẩm định, chốt điểm"),
    "can_act_for_unit": _("thao tác thay đơn vị khác"),
    "can_view_assessment": _("xem kết quả chấm điểm của đơn vị khác"),
    "can_view_results": _("xem kết quả chưa công bố"),
    "can_view_unit_reports": _("xem báo cáo của đơn vị khác"),
    "view_task": _("xem nhiệm vụ của đơn vị khác"),
    "view_unit_tasks": _("xem nhiệm vụ của đơn vị khác"),
    "work_on_task": _("thực hiện nhiệm vụ của đơn vị khác"),
}


def denial_label(note: str) -> str:
    """ "Không có quyền: quản lý kỳ báo cáo và biểu mẫu" for the note of ``access.denied``."""
    what = DENIAL_LABELS.get(note)
    return str(_("Không có quyền: %(what)s") % {"what": what}) if what else ""


# The roles that act for their own unit (and only for it).
UNIT_ROLES = (Role.OFFICER, Role.HEAD)


def _memberships(user: User | AnonymousUser | None) -> tuple[frozenset[str], frozenset[int]]:
    """The user's roles and the units they act for (officer or head), read in one query per
    user object and cached on it."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset(), frozenset()
    cached: tuple[frozenset[str], frozenset[int]] | None = getattr(user, "_cchc_access", None)
    if cached is None:
        pairs = list(user.memberships.values_list("role", "unit_id"))
        roles = {role for role, _unit in pairs}
        if user.is_superuser:
            roles.add(ADMIN)
        acting = frozenset(unit for role, unit in pairs if role in UNIT_ROLES)
        cached = (frozenset(roles), acting)
        user._cchc_access = cached  # type: ignore[attr-defined]
    return cached


def roles_of(user: User | AnonymousUser | None) -> frozenset[str]:
    """The user's roles, read once per request object and cached on it."""
    return _memberships(user)[0]


def has_perm(user: User | AnonymousUser | None, perm: Perm) -> bool:
    return bool(roles_of(user) & RULES[perm])


def acting_unit_ids(user: User | AnonymousUser | None) -> frozenset[int]:
    """The units the user is an officer or head of, read once and cached on the user object."""
    return _memberships(user)[1]


def can_act_for_unit(user: User | AnonymousUser | None, unit: Unit) -> bool:
    """An officer or head of ``unit`` (or a system administrator)."""
    return acts_for(user, unit.pk)


def acts_for(user: User | AnonymousUser | None, unit_id: int) -> bool:
    """``can_act_for_unit`` for a unit known by its id (``task.lead_unit_id``…)."""
    return ADMIN in roles_of(user) or unit_id in acting_unit_ids(user)


def require(actor: Actor, perm: Perm) -> None:
    """Raise PermissionDenied (and record the refusal) unless the actor holds ``perm``.

    Commands run on the server are trusted: whoever runs them already holds the server.
    """
    if actor.is_command or has_perm(actor.user, perm):
        return
    record(actor, "access.denied", note=str(perm))
    raise PermissionDenied(perm)


def require_object(actor: Actor, allowed: bool, obj: models.Model, rule: str) -> None:
    """Raise PermissionDenied (and record the refusal with the object) unless ``allowed``.

    ``allowed`` is one of the object-level rules above, evaluated by the caller; ``rule``
    names it in the audit log. Commands run on the server are trusted, as in ``require``.
    """
    if actor.is_command or allowed:
        return
    record(actor, "access.denied", obj, note=rule)
    raise PermissionDenied(rule)


View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def requires(perm: Perm) -> Callable[[View], View]:
    """View decorator: refuse (403, recorded) a signed-in user without ``perm``."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            require(Actor.from_request(request), perm)
            return view(request, *args, **kwargs)

        return cast(View, wrapped)

    return decorator


def context(request: HttpRequest) -> dict[str, Any]:
    """Template context: ``can.view_audit`` etc., for showing only the menus a user may open."""
    user = getattr(request, "user", None)
    return {"can": {perm.value: has_perm(user, perm) for perm in Perm}}
