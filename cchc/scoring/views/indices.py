"""The province's place in the national indices (PAR INDEX, SIPAS, PAPI, PCI) over the years:
read by every role, recorded by the coordinator."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.access import Perm, requires
from cchc.audit.log import Actor
from cchc.scoring import chart, indices
from cchc.scoring.forms import NationalIndexForm
from cchc.scoring.models import NationalIndex


@requires(Perm.VIEW_SCORING)
def national_indices(request: HttpRequest) -> HttpResponse:
    return _indices_response(request, NationalIndexForm())


@requires(Perm.APPRAISE)
@require_POST
def national_index_record(request: HttpRequest) -> HttpResponse:
    form = NationalIndexForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = indices.record_index(
                Actor.from_request(request),
                data["index"],
                data["year"],
                data["score"],
                data["rank"],
                data["ranked_of"],
                data["note"],
            )
        except indices.NationalIndexError as e:
            form.add_error(None, str(e))
        else:
            messages.success(
                request,
                _("Đã ghi %(index)s năm %(year)d: hạng %(rank)d/%(of)d.")
                % {
                    "index": entry.get_index_display(),
                    "year": entry.year,
                    "rank": entry.rank,
                    "of": entry.ranked_of,
                },
            )
            return redirect(reverse("scoring:national_indices"))
    return _indices_response(request, form)


def _indices_response(request: HttpRequest, form: NationalIndexForm) -> HttpResponse:
    tables = indices.index_tables(NationalIndex.objects.all())
    svg = chart.rank_chart(
        indices.chart_series(tables), _("Thứ hạng của tỉnh qua các năm (hạng 1 ở trên cùng)")
    )
    return render(
        request,
        "scoring/indices.html",
        {
            "tables": tables,
            # chart.rank_chart escapes every text it writes.
            "chart": mark_safe(svg),
            "form": form,
        },
    )
