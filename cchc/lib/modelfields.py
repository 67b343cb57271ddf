"""Model fields that several apps declare alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django_stubs_ext import StrOrPromise

if TYPE_CHECKING:
    from cchc.accounts.models import User


def user_reference(verbose_name: StrOrPromise) -> models.ForeignKey[User | None, User | None]:
    """The user who did something (created, requested, decided…): optional, and emptied
    rather than deleted with the user, whose name the audit log and the history keep."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )
