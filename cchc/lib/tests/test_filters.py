"""The filter form (lib/filters.py): bad values are kept out of the filter and reported."""

from __future__ import annotations

from django import forms
from django.http import QueryDict

from cchc.lib.filters import PagedFilterForm


class Filters(PagedFilterForm):
    nam = forms.IntegerField(label="Năm", required=False)
    q = forms.CharField(label="Tìm", required=False)


def test_valid_values_are_cleaned_and_nothing_is_reported() -> None:
    filters = Filters(QueryDict("nam=2025&q=+quyet+dinh+&trang=2"))
    assert filters.values == {"nam": 2025, "q": "quyet dinh", "trang": 2}
    assert filters.problems == []


def test_a_bad_value_is_left_out_and_reported_by_field() -> None:
    filters = Filters(QueryDict("nam=hai&q=quyet"))
    assert filters.values == {"q": "quyet", "trang": None}
    [problem] = filters.problems
    assert problem.startswith("Năm: «hai» ")
    assert problem.endswith("Danh sách dưới đây chưa lọc theo mục này.")


def test_a_page_past_the_end_shows_the_last_and_a_bad_one_the_first() -> None:
    items = list(range(25))
    assert list(Filters(QueryDict("trang=9")).page(items, 10)) == [20, 21, 22, 23, 24]
    assert list(Filters(QueryDict("trang=-1")).page(items, 10)) == list(range(10))


def test_a_long_bad_value_is_cut_in_the_message() -> None:
    [problem] = Filters(QueryDict("nam=" + "x" * 300)).problems
    assert problem.startswith("Năm: «" + "x" * 39 + "…» ")
