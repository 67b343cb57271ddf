"""Admin pages: the audit log read-only, and the bases every app's admin builds on: one that
audits every admin write, and the read-only page and inline of what the admin only shows."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cchc.audit import events
from cchc.audit.log import Actor, record, snapshot
from cchc.audit.models import AuditEntry


class ReadOnlyAdmin:
    """Rows the admin shows and never adds, changes or deletes: the audit log, and what moves
    through its workflow (reports, assessments) or is written by the system. A mixin before
    the admin or inline class."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(ReadOnlyAdmin, admin.TabularInline[Any, Any]):
    """A read-only list of an object's rows (its values, its history, its items)."""

    extra = 0
    can_delete = False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin, admin.ModelAdmin[AuditEntry]):
    list_display = ["at", "who", "what", "object_repr", "ip"]
    fields = ("at", "who", "what", "object_repr", "ip", "note")
    readonly_fields = fields
    search_fields = ["actor_label", "object_repr", "action"]
    list_filter = ["actor_kind"]
    date_hierarchy = "at"

    @admin.display(description=_("người thực hiện"), ordering="actor_label")
    def who(self, entry: AuditEntry) -> str:
        return events.actor_label(entry.actor_label, entry.actor_kind)

    @admin.display(description=_("hành động"), ordering="action")
    def what(self, entry: AuditEntry) -> str:
        return events.action_label(entry.action)


M = TypeVar("M", bound=models.Model)


class AuditedAdmin(admin.ModelAdmin[M]):
    """Records each add, change and delete made in the admin, with the state before and after.

    The admin already wraps each save in a transaction and lets only system administrators in
    (``CchcAdminSite.has_permission``); the entries are written inside that transaction, after
    related objects are saved, so many-to-many changes are in the "after" state.
    """

    @admin.display(description=_("năm"), ordering="year")
    def year_text(self, obj: M) -> str:
        """The ``year`` field as written, "2025" (the admin would show a number: "2.025")."""
        year = getattr(obj, "year", None)
        return "" if year is None else str(year)

    def audit_state(self, obj: M) -> dict[str, Any]:
        fields = [f.name for f in obj._meta.concrete_fields]
        state = snapshot(obj, fields)
        for m2m in obj._meta.many_to_many:
            state[m2m.name] = sorted(str(o) for o in getattr(obj, m2m.name).all())
        return state

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> M | None:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and request.method == "POST":
            request._audit_before = self.audit_state(obj)  # type: ignore[attr-defined]
        return obj

    def log_addition(self, request: HttpRequest, obj: M, message: Any) -> Any:
        record(
            Actor.from_request(request), self._action("create"), obj, after=self.audit_state(obj)
        )
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: M, message: Any) -> Any:
        before = getattr(request, "_audit_before", None)
        after = self.audit_state(obj)
        if before != after:
            record(
                Actor.from_request(request), self._action("update"), obj, before=before, after=after
            )
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: QuerySet[M]) -> Any:
        actor = Actor.from_request(request)
        for obj in queryset:
            record(actor, self._action("delete"), obj, before=self.audit_state(obj))
        return super().log_deletions(request, queryset)

    def _action(self, verb: str) -> str:
        return f"{self.model._meta.model_name}.{verb}"
