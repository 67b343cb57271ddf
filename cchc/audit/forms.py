from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from cchc.audit import events
from cchc.lib.filters import PagedFilterForm


class AuditFilters(PagedFilterForm):
    """The log's filters: an action code or its prefix ("document."), words of the user name,
    words of the object's name."""

    hanh_dong = forms.CharField(label=gettext_lazy("Hành động"), max_length=64, required=False)
    tai_khoan = forms.CharField(label=gettext_lazy("Tài khoản"), max_length=150, required=False)
    doi_tuong = forms.CharField(label=gettext_lazy("Đối tượng"), max_length=255, required=False)

    def clean_hanh_dong(self) -> str:
        code: str = self.cleaned_data["hanh_dong"]
        if code and not (events.is_known(code) or any(a.startswith(code) for a in events.ACTIONS)):
            raise forms.ValidationError(
                gettext_lazy("không phải là một hành động mà nhật ký ghi."), code="unknown"
            )
        return code
