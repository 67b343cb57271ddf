from __future__ import annotations

import hashlib

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm, UsernameField
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from cchc.accounts.models import Membership, User
from cchc.audit.admin import AuditedAdmin


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    extra = 1
    autocomplete_fields = ["unit"]


# Django's own forms name django.contrib.auth's User; these name the project's.
class CchcUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("username",)
        field_classes = {"username": UsernameField}


class CchcUserChangeForm(UserChangeForm[User]):
    class Meta:
        model = User
        fields = "__all__"
        field_classes = {"username": UsernameField}


@admin.register(User)
class UserAdmin(AuditedAdmin[User], DjangoUserAdmin[User]):
    add_form = CchcUserCreationForm
    form = CchcUserChangeForm
    inlines = [MembershipInline]
    list_display = ["username", "full_name", "email", "is_active", "is_superuser", "last_login"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin"), {"fields": ("full_name", "email")}),
        (_("Quyền"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )
    search_fields = ["username", "full_name", "email"]

    def audit_state(self, obj: User) -> dict[str, object]:
        # Never the password hash itself: a fingerprint of it shows that it changed.
        state = super().audit_state(obj)
        state["password_fingerprint"] = hashlib.sha256(state.pop("password").encode()).hexdigest()[
            :12
        ]
        state["memberships"] = sorted(str(m) for m in obj.memberships.all())
        return state


# Access goes by role memberships, not Django groups; hide them so nobody configures them.
admin.site.unregister(Group)
