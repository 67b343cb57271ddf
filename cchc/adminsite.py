"""The Django admin, for system administrators only, behind the product's own sign-in page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cchc.access import Perm, has_perm, require
from cchc.audit.log import Actor
from cchc.lib.filters import FilterForm


class LoginTarget(FilterForm):
    """Where the sign-in leads back to (the sign-in page keeps it to this site)."""

    next = forms.CharField(required=False)


class CchcAdminSite(admin.AdminSite):
    site_header = _("Quản trị hệ thống cải cách hành chính")
    site_title = _("Quản trị CCHC")
    index_title = _("Dữ liệu và cấu hình")

    def has_permission(self, request: HttpRequest) -> bool:
        return has_perm(request.user, Perm.USE_ADMIN)

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Anonymous visitors sign in on the product's page; other users are refused (403)."""
        if request.user.is_authenticated:
            require(Actor.from_request(request), Perm.USE_ADMIN)
        wanted = LoginTarget(request.GET).values.get("next")
        return redirect_to_login(wanted or reverse("admin:index"), reverse("accounts:login"))
