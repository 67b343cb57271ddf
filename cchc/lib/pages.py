"""One page of a long list: ``?trang=N`` read through a form, the links made by the pager
(``components/pager.html``, with Django's ``{% querystring %}``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.http import HttpRequest


class PageForm(forms.Form):
    trang = forms.IntegerField(min_value=1, required=False)


def page_of(request: HttpRequest, items: Any, size: int) -> Page[Any]:
    """The page of ``items`` the request asks for; the first for a number that is not one,
    the last for one past the end."""
    form = PageForm(request.GET)
    number = form.cleaned_data.get("trang") if form.is_valid() else None
    return Paginator(items, size).get_page(number or 1)
