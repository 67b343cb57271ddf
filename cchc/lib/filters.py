"""A list page's filters read from its query string, as a Django form.

A bad value is reported, never silently dropped: ``values`` holds the cleaned values of the
valid fields only (the list is not filtered by a bad one) and ``problems`` one Vietnamese
sentence per bad field, which ``components/filter_problems.html`` shows above the list::

    class DocumentFilters(PagedFilterForm):
        nam = forms.IntegerField(label=gettext_lazy("Năm"), required=False)

    filters = DocumentFilters(request.GET)
    if filters.values.get("nam"):
        documents = documents.filter(date__year=filters.values["nam"])
    page = filters.page(documents, PAGE_SIZE)
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django.core.paginator import _SupportsPagination

T = TypeVar("T")


class FilterForm(forms.Form):
    """Always bound (to the query string); never refuses the page, only reports."""

    def __init__(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)

    @cached_property
    def values(self) -> dict[str, Any]:
        """The valid fields' cleaned values; a field with a bad value is absent."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}

    @property
    def problems(self) -> list[str]:
        """One sentence per bad field: where, what was typed, what is wrong, and that the list
        is not filtered by it ("Năm: «20255» không phải là một năm; …")."""
        self.is_valid()
        return [
            _("%(field)s: «%(value)s» %(error)s Danh sách dưới đây chưa lọc theo mục này.")
            % {
                "value": Truncator(self.data.get(name, "")).chars(40),
                "field": self.fields[name].label or name,
                "error": " ".join(str(error) for error in errors),
            }
            for name, errors in self.errors.items()
        ]


class PagedFilterForm(FilterForm):
    """A filter form whose list is paged by ``trang`` (the pager keeps the other filters with
    ``{% querystring %}``); a page past the end shows the last one."""

    trang = forms.IntegerField(
        label=gettext_lazy("Trang"),
        min_value=1,
        required=False,
        error_messages={
            key: gettext_lazy("không phải là số trang; hãy ghi 1, 2, 3…")
            for key in ("invalid", "min_value")
        },
    )

    def page(self, items: _SupportsPagination[T], per_page: int) -> Page[T]:
        return Paginator(items, per_page).get_page(self.values.get("trang"))


def page_of(request: HttpRequest, items: _SupportsPagination[T], per_page: int) -> Page[T]:
    """The page ``?trang=`` asks for, on a list with no other filter form; a bad number is
    said (a message) and the first page shown, a number past the end shows the last page."""
    paging = PagedFilterForm(request.GET)
    for problem in paging.problems:
        messages.warning(request, problem)
    return paging.page(items, per_page)
