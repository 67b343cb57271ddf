from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    pass


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit entries cannot be deleted")


class ActorKind(models.TextChoices):
    """Who acted: a person through the web (signed in or not), a management command run on
    the server, or the system's own scheduled jobs."""

    USER = "user", _("người dùng")
    COMMAND = "command", _("lệnh trên máy chủ")
    SYSTEM = "system", _("hệ thống")


class AuditEntry(models.Model):
    """One recorded action: who, what, when, from where, and the state before and after.

    Append-only: saving an existing entry or deleting any raises AppendOnlyError.
    """

    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    # The user name (or the command) at the time, kept when the user is later renamed or removed.
    actor_label = models.CharField(_("tài khoản"), max_length=150, db_index=True)
    actor_kind = models.CharField(
        _("loại người thực hiện"), max_length=10, choices=ActorKind, default=ActorKind.USER
    )
    action = models.CharField(_("hành động"), max_length=64, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=64, blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký hệ thống")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["action", "at"], name="audit_action_at")]

    def __str__(self) -> str:
        from cchc.audit import events

        who = events.actor_label(self.actor_label, self.actor_kind)
        what = events.action_label(self.action)
        return f"{self.at:%d/%m/%Y %H:%M} {who}: {what} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit entries cannot be deleted")
