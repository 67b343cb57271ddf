from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from cchc.lib.filters import FilterForm


class UnitFilters(FilterForm):
    """The tree's filters: words of a unit's name or code, and whether to keep only the units
    active today (the checkbox sends "1")."""

    q = forms.CharField(label=gettext_lazy("Tìm đơn vị"), max_length=200, required=False)
    hien_hanh = forms.ChoiceField(
        label=gettext_lazy("Chỉ đơn vị đang hoạt động"),
        choices=[("1", gettext_lazy("có"))],
        required=False,
    )
