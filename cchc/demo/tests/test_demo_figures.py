"""Numbers a leader reads on the demo: the provisional PAR ranking of 2025 compares like with
like and lists no abolished department; the overview compares 2025 with 2024 over the same
units (one change recomputed here by hand from the successor links)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.orgs.models import Unit
from cchc.reporting.models import ADHOC_KIND, Period, Report, Status
from cchc.scoring import sheet
from cchc.scoring.models import Framework, ItemScore

ABOLISHED = dt.date(2025, 2, 28)


def client_as(client: Client, username: str) -> Client:
    client.force_login(User.objects.get(username=username))
    return client


def test_the_provisional_2025_ranking_compares_like_with_like_and_lists_no_abolished_unit(
    demo: str,
    client: Client,
) -> None:
    abolished = Unit.objects.filter(kind="department", valid_to=ABOLISHED)
    assert abolished.count() == 7
    framework = Framework.objects.get(year=2025, unit_kind="department")
    response = client_as(client, "dieuphoi").get(
        reverse("scoring:par_ranking", args=[2025, "department"]), {"tam_tinh": "1"}
    )
    html = response.content.decode()
    # Only one unit's survey is entered and one unit is appraised: every unit's own scores,
    # without the survey, rescaled to 100 the same way — and the title says so.
    assert (
        "Tạm tính theo điểm tự đánh giá, chưa gồm điểm điều tra xã hội học (chưa nhập đủ cho "
        "các đơn vị), quy đổi về thang điểm 100"
    ) in html
    rows = [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in html[html.index("<tbody>") : html.index("</tbody>")].split("<tr>")[1:]
    ]
    assert len(rows) == 7
    criteria = list(framework.criteria.all())
    listed = framework.assessments.filter(status__in=("da_gui", "da_tham_dinh", "da_chot"))
    for assessment in listed.select_related("unit"):
        name = assessment.unit.name
        row = next(r for r in rows if f" {name} " in f" {r} ")
        items = {i.criterion_id: i for i in ItemScore.objects.filter(assessment=assessment)}
        own = sheet.totals(framework, criteria, items, survey=False)[0]
        assert f"{own.total:.2f}".replace(".", ",") in row, name
        # No change of rank against 2024 in provisional standings.
        assert "bậc" not in row
    for unit in abolished:
        assert unit.name not in html
    units_page = client.get(reverse("scoring:par_framework", args=[2025, "department"])).content
    for unit in abolished:
        assert unit.name not in units_page.decode()


def lineages() -> dict[int, frozenset[int]]:
    """Each unit's lineage: the units reachable through successor links either way."""
    links: dict[int, set[int]] = {}
    for unit in Unit.objects.prefetch_related("successors"):
        for successor in unit.successors.all():
            links.setdefault(unit.pk, set()).add(successor.pk)
            links.setdefault(successor.pk, set()).add(unit.pk)
    found: dict[int, frozenset[int]] = {}
    for start in Unit.objects.values_list("pk", flat=True):
        if start in found:
            continue
        seen, todo = {start}, [start]
        while todo:
            for other in links.get(todo.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        for pk in seen:
            found[pk] = frozenset(seen)
    return found


def test_the_overviews_change_against_2024_is_on_the_same_units(
    demo: str,
    client: Client,
) -> None:
    # The demo goes on past 2025 (its current year is the year it is loaded in): ask for the
    # last period of 2025 with reports, the first year after the reorganisation.
    latest_2025 = (
        Period.objects.filter(year=2025, reports__status__in=(Status.SUBMITTED, Status.ACCEPTED))
        .exclude(kind=ADHOC_KIND)
        .order_by("-end")
        .first()
    )
    assert latest_2025 is not None
    response = client_as(client, "lanhdao").get(
        reverse("reporting:reporting_summary"), {"ky": latest_2025.code}
    )
    period = response.context["period"]
    comparison = response.context["comparison"]
    last = comparison.last_year_period
    assert (period.year, last.year, last.kind) == (2025, 2024, period.kind)
    card = next(c for c in response.context["cards"] if c.indicator.code == "dossiers_received")

    def received(year_period: Period) -> dict[int, Decimal]:
        reports = Report.objects.filter(
            period=year_period, status__in=(Status.SUBMITTED, Status.ACCEPTED)
        )
        return {
            unit_id: value
            for unit_id, value in reports.filter(
                values__indicator__code="dossiers_received"
            ).values_list("unit_id", "values__value")
        }

    now, before = received(period), received(last)
    lineage = lineages()
    compared = {lineage[pk] for pk in now if any(p in before for p in lineage[pk])}
    today = sum((v for pk, v in now.items() if lineage[pk] in compared), Decimal(0))
    then = sum((v for pk, v in before.items() if lineage[pk] in compared), Decimal(0))
    assert comparison.last_year.current["dossiers_received"] == today
    assert comparison.last_year.past["dossiers_received"] == then
    change = today - then
    assert card.last_year_change.startswith(
        f"{'+' if change > 0 else '-'}{abs(change):,.0f}".replace(",", ".")
    )
    # A department that took others over on 01/03/2025 is compared with the sum of its
    # predecessors' 2024 (and its own, when it existed then).
    merged = next(
        u for u in Unit.objects.filter(kind="department", predecessors__isnull=False) if u.pk in now
    )
    predecessors = list(merged.predecessors.all())
    assert predecessors and all(p.pk in before for p in predecessors)
    assert lineage[merged.pk] in compared
    assert {p.pk for p in predecessors} <= lineage[merged.pk]
