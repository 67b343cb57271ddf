from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from cchc.access import Perm, requires
from cchc.lib.search import search_filter
from cchc.orgs.forms import UnitFilters
from cchc.orgs.models import Unit


@requires(Perm.VIEW_UNITS)
def unit_tree(request: HttpRequest) -> HttpResponse:
    """The province's units in tree order; a search keeps each match's ancestors for context."""
    filters = UnitFilters(request.GET)
    query = filters.values.get("q", "")
    current_only = filters.values.get("hien_hanh") == "1"
    today = timezone.localdate()
    units = Unit.objects.prefetch_related("successors")
    if current_only:
        units = units.active_on(today)
    matched_ids: set[int] = set()
    if query:
        matches = list(units.filter(search_filter(query)).only("id", "path"))
        matched_ids = {unit.pk for unit in matches}
        shown_ids = {int(pk) for unit in matches for pk in unit.path.strip("/").split("/")}
        units = units.filter(pk__in=shown_ids)
    return render(
        request,
        "orgs/unit_tree.html",
        {
            "units": list(units),
            "filters": filters,
            "query": query,
            "current_only": current_only,
            "matched_ids": matched_ids,
            "today": today,
        },
    )


@requires(Perm.VIEW_UNITS)
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit, code=code)
    return render(
        request,
        "orgs/unit_detail.html",
        {
            "unit": unit,
            "ancestors": Unit.objects.filter(pk__in=_ancestor_ids(unit)),
            "children": unit.children.all(),
            "successors": unit.successors.all(),
            "predecessors": unit.predecessors.all(),
            "today": timezone.localdate(),
        },
    )


def _ancestor_ids(unit: Unit) -> list[int]:
    return [int(pk) for pk in unit.path.strip("/").split("/")[:-1]]
