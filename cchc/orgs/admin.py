from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext as _

from cchc.audit.admin import AuditedAdmin
from cchc.orgs.models import Kind, ProvinceIdentity, Unit
from cchc.orgs.tree import place, search_text_of, would_create_cycle


class UnitAdminForm(forms.ModelForm[Unit]):
    class Meta:
        model = Unit
        fields = [
            "code",
            "name",
            "short_code",
            "kind",
            "parent",
            "valid_from",
            "valid_to",
            "successors",
        ]

    def clean_parent(self) -> Unit | None:
        parent: Unit | None = self.cleaned_data.get("parent")
        if would_create_cycle(self.instance, parent):
            raise forms.ValidationError(_("Không thể chọn đơn vị cấp dưới làm đơn vị cấp trên."))
        return parent


@admin.register(Unit)
class UnitAdmin(AuditedAdmin[Unit]):
    form = UnitAdminForm
    list_display = ["name", "code", "short_code", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "short_code"]
    filter_horizontal = ["successors"]
    list_select_related = ["parent"]

    def save_model(self, request: HttpRequest, obj: Unit, form: Any, change: bool) -> None:
        obj.search_text = search_text_of(obj)
        super().save_model(request, obj, form, change)
        place(obj)


@admin.register(ProvinceIdentity)
class ProvinceIdentityAdmin(AuditedAdmin[ProvinceIdentity]):
    """One row: the province's identity (``load_province`` creates it)."""

    list_display = ["__str__", "people_committee", "home_affairs"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not ProvinceIdentity.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class UnitKindsField(forms.TypedMultipleChoiceField):
    """A list of unit kinds (a JSON list of codes in the database) as ticked boxes with the
    kinds' Vietnamese names, never the codes."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("max_length", None)
        super().__init__(
            choices=Kind.choices, widget=forms.CheckboxSelectMultiple, required=False, **kwargs
        )


class UnitKindsAdminMixin:
    """For admins of models with a ``unit_kinds`` list: ticked boxes of the kinds' names."""

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "unit_kinds":
            return UnitKindsField(
                label=str(db_field.verbose_name).capitalize(), help_text=db_field.help_text
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
