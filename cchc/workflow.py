"""The workflow kernel: one way for a report, a task, an adjustment request, a PAR
self-assessment and the compiled report to move from one status to the next.

A workflow is a table of ``Transition`` rows (name, from, to, permission, object rule, guard,
Vietnamese label). The table is the one source of

- the action's checks: ``Workflow.step`` refuses a user without the permission or the object
  rule (recorded in the audit log, as ``access.require`` does), an object in another status
  (``StatusError``), a copy opened before someone else's save (``ConflictError``);
- the buttons a page shows: ``Workflow.available(user, obj)``;
- the history's wording: the event's ``kind`` is the transition's name, labelled by the table;
- the transitions tables in the README: ``Workflow.markdown()``.

Every step runs in a transaction on the locked row, bumps ``version``, writes one event row
(a model built on ``WorkflowEvent``) and one audit entry (``<prefix>.<name>``), runs the
workflow's ``within_step`` hooks in that transaction: the notices are written with the step
and roll back with it, and their e-mails leave only once the transaction commits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from cchc.access import Perm, has_perm, require
from cchc.audit import events
from cchc.audit.log import Actor, record
from cchc.lib.modelfields import user_reference

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cchc.accounts.models import User

Obj = TypeVar("Obj", bound=models.Model)


class WorkflowError(Exception):
    """A step that cannot be done now; the message is for the user, in Vietnamese, and
    ``details`` the lines that follow it (what is missing…). Each app's error class derives
    from it, so that one view helper (``step_view``) reports them all."""

    def __init__(self, message: StrOrPromise = "", details: Sequence[str] = ()) -> None:
        super().__init__(str(message))
        self.details = list(details)


class StatusError(WorkflowError):
    """The object is in a status the transition does not start from."""


class ConflictError(WorkflowError):
    """Someone changed the object after this copy was opened; nothing was overwritten."""


class Versioned(models.Model):
    """A lockable object saved under optimistic versioning: every change bumps ``version``,
    and a change made on an older version is refused (``ConflictError``)."""

    version = models.PositiveIntegerField(gettext_lazy("phiên bản"), default=1, editable=False)

    class Meta:
        abstract = True


class WorkflowEvent(models.Model):
    """One step in an object's history: which transition (``kind``), who, when, the status
    before and after, and the note (the reason for a return, a progress update…). Each
    workflow's event model adds the foreign key to its object and what it keeps besides."""

    kind = models.CharField(gettext_lazy("việc"), max_length=30)
    at = models.DateTimeField(gettext_lazy("thời điểm"), default=timezone.now)
    actor = user_reference(gettext_lazy("người thực hiện"))
    actor_label = models.CharField(gettext_lazy("người thực hiện"), max_length=150)
    from_status = models.CharField(gettext_lazy("trạng thái trước"), max_length=20, blank=True)
    to_status = models.CharField(gettext_lazy("trạng thái sau"), max_length=20, blank=True)
    note = models.TextField(gettext_lazy("ghi chú"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]


Rule = Callable[[Any, Any], bool]
Guard = Callable[[Any], "StrOrPromise | None"]


@dataclass(frozen=True)
class Transition:
    """One row of a workflow's table.

    ``sources``: the statuses it starts from; ``target``: the status it ends in (``None``: the
    status stays, the step is only recorded). ``perm``: the role permission; ``rule``: the
    object-level rule ``rule(user, obj)`` (a unit acts for itself only…), named ``rule_name``
    in a recorded refusal. ``guard(obj)``: a refusal message when the object's state forbids
    the step beyond its status (an open adjustment request…), else ``None``. ``needs_note``:
    the message when the step requires a note (a return's reason) and none is given.
    ``done``: the message after the step. ``audit``: the audit code, when it is not the
    workflow's ``<prefix>.<name>`` (codes recorded before the kernel keep their spelling).
    """

    name: str
    sources: tuple[str, ...]
    target: str | None
    perm: Perm
    label: StrOrPromise
    rule: Rule | None = None
    rule_name: str = ""
    guard: Guard | None = None
    needs_note: StrOrPromise = ""
    done: StrOrPromise = ""
    audit: str = ""


@dataclass(frozen=True)
class Step(Generic[Obj]):
    """What a step did: the object as saved (locked copy, new version) and its event row."""

    obj: Obj
    event: WorkflowEvent
    transition: Transition


StepHook = Callable[[Actor, Step[Any]], None]


@dataclass
class Workflow(Generic[Obj]):
    """A model's workflow: its transitions table and how its steps are stored.

    ``prefix``: the audit code's prefix (``report`` → ``report.submit``). ``event_model`` and
    ``event_object``: the event table and its foreign key; ``event_owner(obj)``: what that key
    points to, when not the object itself (an adjustment request's steps are in its task's
    history). ``status_labels``: the status choices, for messages and the README. ``locked``:
    the queryset a step locks (with the relations its rules read). ``event_labels``: the
    history's wording of events that are no transition (the object's creation). ``snapshot``:
    what the audit entry keeps of the object (default: its status). ``error``,
    ``status_error`` and ``conflict_error``: the classes a refusal is raised as, when the app
    has its own family (each derives from the kernel's class of the same role; ``error``: a
    missing note or a guard's refusal). ``status_message(obj, transition)`` and
    ``conflict_message(obj)``: the refusals' wording, when not the kernel's.
    """

    title: StrOrPromise
    model: type[Obj]
    prefix: str
    event_model: type[WorkflowEvent]
    event_object: str
    status_labels: Mapping[str, StrOrPromise]
    transitions: Sequence[Transition]
    status_field: str = "status"
    event_owner: Callable[[Obj], models.Model] | None = None
    locked: Callable[[], models.QuerySet[Obj]] | None = None
    conflict_message: Callable[[Obj], str] | None = None
    status_message: Callable[[Obj, Transition], str] | None = None
    snapshot: Callable[[Obj], dict[str, Any]] | None = None
    hooks: list[StepHook] = field(default_factory=list)
    event_labels: Mapping[str, StrOrPromise] = field(default_factory=dict)
    error: type[WorkflowError] = WorkflowError
    status_error: type[StatusError] = StatusError
    conflict_error: type[ConflictError] = ConflictError

    def __post_init__(self) -> None:
        names = [t.name for t in self.transitions]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.prefix}: a transition name appears twice")
        codes = [self.audit_code(t) for t in self.transitions]
        unregistered = [code for code in codes if code not in events.ACTIONS]
        if unregistered:
            raise ValueError(f"{self.prefix}: audit codes not in cchc.audit.events: {unregistered}")
        self._by_name = {t.name: t for t in self.transitions}

    # Reading the table

    def transition(self, name: str) -> Transition:
        return self._by_name[name]

    def audit_code(self, t: Transition) -> str:
        """The code a step of ``t`` records: ``t.audit``, else ``<prefix>.<name>``."""
        return t.audit or f"{self.prefix}.{t.name}"

    def status_of(self, obj: Obj) -> str:
        return str(getattr(obj, self.status_field))

    def status_label(self, status: str) -> str:
        return str(self.status_labels.get(status, status))

    def label(self, name: str) -> str:
        """The history's wording of an event kind: its transition's label."""
        found = self._by_name.get(name)
        if found is not None:
            return str(found.label)
        return str(self.event_labels.get(name, name))

    def allows(self, user: User | AnonymousUser | None, obj: Obj, name: str) -> bool:
        """Whether ``user`` may take transition ``name`` on ``obj`` now: the same checks as
        ``step`` makes, short of the version."""
        t = self._by_name[name]
        return (
            self.status_of(obj) in t.sources
            and has_perm(user, t.perm)
            and (t.rule is None or t.rule(user, obj))
            and (t.guard is None or t.guard(obj) is None)
        )

    def available(self, user: User | AnonymousUser | None, obj: Obj) -> list[Transition]:
        """The transitions ``user`` may take on ``obj`` now, in table order: the buttons."""
        return [t for t in self.transitions if self.allows(user, obj, t.name)]

    def can(self, user: User | AnonymousUser | None, obj: Obj) -> dict[str, bool]:
        """``{name: allowed}`` for every transition, for templates (``can.submit``)."""
        return {t.name: self.allows(user, obj, t.name) for t in self.transitions}

    def markdown(self) -> str:
        """The table as the README prints it (``cchc/tests/test_workflow_tables.py`` keeps
        the README in step with the code)."""
        lines = [
            f"| {_('Bước')} | {_('Mã')} | {_('Từ trạng thái')} | {_('Sang')} | {_('Quyền')} |",
            "|---|---|---|---|---|",
        ]
        for t in self.transitions:
            sources = ", ".join(self.status_label(s) for s in t.sources)
            target = self.status_label(t.target) if t.target is not None else _("(giữ nguyên)")
            lines.append(f"| {t.label} | `{t.name}` | {sources} | {target} | `{t.perm}` |")
        return "\n".join(lines)

    # Taking a step

    def check(self, actor: Actor, obj: Obj, name: str) -> Transition:
        """Refuse (and record) an actor without the transition's permission or object rule.
        Done before the step's transaction opens, so that the recorded refusal stays."""
        t = self._by_name[name]
        require(actor, t.perm)
        if t.rule is not None and not actor.is_command and not t.rule(actor.user, obj):
            record(actor, "access.denied", self._owner(obj), note=t.rule_name or t.name)
            raise PermissionDenied(t.rule_name or t.name)
        return t

    def step(
        self,
        actor: Actor,
        obj: Obj,
        name: str,
        *,
        note: str = "",
        version: int | None = None,
        change: Callable[[Obj], Iterable[str]] | None = None,
        event: Mapping[str, Any] | Callable[[Obj], Mapping[str, Any]] | None = None,
        at: Any = None,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> Step[Obj]:
        """Take transition ``name`` on ``obj`` for ``actor``.

        Checks permission and rule (``check``), then in one transaction: locks the row,
        checks its status, that the rule still holds on the locked row (else someone changed
        it meanwhile: ``ConflictError``), the guard and (when given) that it is still at
        ``version``, calls ``change(locked)`` for the step's own field changes (it returns
        the names of the fields it set), sets the status, bumps the version, writes the event
        (``event``: extra fields of the event row, or the owner's own statuses when the event
        is in another object's history; a function of the locked object when they are read
        from it) and the audit entry, and runs the ``within_step`` hooks. ``before`` and
        ``after``: the audit entry's states, when not the workflow's snapshot; ``after`` and
        ``event`` are read once ``change`` has run, so that ``change`` may fill them in from
        the locked row. Returns the saved object and its event.
        """
        t = self.check(actor, obj, name)
        note = note.strip()
        if t.needs_note and not note:
            raise self.error(str(t.needs_note))
        with transaction.atomic():
            current = self.lock(obj)
            source = self.status_of(current)
            self.expect(current, name)
            if t.rule is not None and not actor.is_command and not t.rule(actor.user, current):
                raise self.conflict_error(self._conflict(current))
            if t.guard is not None and (refusal := t.guard(current)) is not None:
                raise self.error(str(refusal))
            self.at_version(current, version)
            state_before = before if before is not None else self._snapshot(current)
            fields = list(change(current)) if change is not None else []
            if t.target is not None:
                setattr(current, self.status_field, t.target)
                fields.append(self.status_field)
            save_new_version(current, fields)
            row = self.record_event(
                actor,
                current,
                t.name,
                note=note,
                at=at,
                **{
                    "from_status": source,
                    "to_status": self.status_of(current),
                    **((event(current) if callable(event) else event) or {}),
                },
            )
            record(
                actor,
                self.audit_code(t),
                current,
                before=state_before,
                after=after if after is not None else self._snapshot(current),
                note=note,
            )
            done = Step(obj=current, event=row, transition=t)
            for hook in self.hooks:
                hook(actor, done)
        return done

    def record_event(
        self, actor: Actor, obj: Obj, kind: str, *, note: str = "", at: Any = None, **fields: Any
    ) -> WorkflowEvent:
        """Write a row of ``obj``'s history (in its owner's): a step's, or that of a write that
        is no step (a creation, an edit), whose ``kind`` is then one of ``event_labels``.
        ``fields``: the row's other fields (its statuses…)."""
        return self.event_model.objects.create(  # type: ignore[attr-defined, no-any-return]
            **{
                self.event_object: self._owner(obj),
                "kind": kind,
                "at": at or timezone.now(),
                "actor": actor.user,
                "actor_label": actor.label[:150],
                "note": note,
                **fields,
            }
        )

    def expect(self, obj: Obj, name: str) -> None:
        """Refuse (``status_error``) an object in a status transition ``name`` does not start
        from; for an app's own write that takes no step (a save) but follows the table."""
        t = self._by_name[name]
        if self.status_of(obj) not in t.sources:
            raise self.status_error(self._status_refusal(obj, t))

    def within_step(self, hook: StepHook) -> StepHook:
        """Register ``hook(actor, step)`` to run inside every step's transaction, once its
        event is written (decorator). What it writes stands or falls with the step; what it
        sends out waits for the commit (``transaction.on_commit``), as the notices do:
        ``cchc.notifications.notify`` writes them in the step and queues their e-mail on commit."""
        self.hooks.append(hook)
        return hook

    def lock(self, obj: Obj) -> Obj:
        """``obj`` read again and locked for the rest of the transaction (with the relations
        of ``locked``); for an app's own write that takes no step (a save)."""
        queryset = self.locked() if self.locked is not None else self.model._default_manager.all()
        return queryset.select_for_update(of=("self",)).get(pk=obj.pk)

    def at_version(self, current: Obj, version: int | None) -> None:
        """Refuse (``conflict_error``) a locked object saved since the user's copy was opened
        at ``version`` (``None``: no check); for an app's own write that takes no step."""
        if version is not None and current.version != version:  # type: ignore[attr-defined]
            raise self.conflict_error(self._conflict(current))

    def _owner(self, obj: Obj) -> models.Model:
        """The object whose history holds the steps (and a refusal) of ``obj``."""
        return self.event_owner(obj) if self.event_owner is not None else obj

    def _status_refusal(self, current: Obj, t: Transition) -> str:
        if self.status_message is not None:
            return self.status_message(current, t)
        return _("%(what)s đang ở trạng thái «%(status)s»; không thể %(doing)s.") % {
            "what": self.title,
            "status": self.status_label(self.status_of(current)),
            "doing": str(t.label).lower(),
        }

    def _snapshot(self, obj: Obj) -> dict[str, Any]:
        if self.snapshot is not None:
            return self.snapshot(obj)
        return {self.status_field: self.status_of(obj)}

    def _conflict(self, current: Obj) -> str:
        if self.conflict_message is not None:
            return self.conflict_message(current)
        return _(
            "Người khác đã cập nhật %(what)s sau khi bạn mở trang; chưa lưu gì. Hãy tải lại "
            "trang rồi làm lại."
        ) % {"what": str(self.title).lower()}


def save_new_version(obj: models.Model, fields: Iterable[str]) -> None:
    """Save ``fields`` of a versioned object (``Versioned``) and raise its version, read back.
    Every step saves through here, and so does every write to a workflow's object that is no
    step (a save of a report's content): a copy opened before it is then refused."""
    obj.version = F("version") + 1  # type: ignore[attr-defined]
    obj.save(update_fields=[*dict.fromkeys(fields), "version"])
    obj.refresh_from_db(fields=["version"])


def step_view(
    request: HttpRequest,
    attempt: Callable[[Actor], object],
    *,
    done: StrOrPromise,
    back: str,
    typed: str = "",
) -> HttpResponse:
    """The one view helper for a workflow step posted from a button: run ``attempt(actor)``
    and go back to ``back`` saying how it went. A refusal (any ``WorkflowError``) becomes
    messages; text the user ``typed`` (a reason) is repeated, since the form that held it
    is not shown again when the object has moved on."""
    try:
        attempt(Actor.from_request(request))
    except WorkflowError as e:
        messages.error(request, str(e))
        for detail in e.details:
            messages.error(request, detail)
        if typed.strip():
            messages.info(request, _("Nội dung bạn đã nhập: %(text)s") % {"text": typed})
    else:
        messages.success(request, str(done))
    return redirect(back)
