"""The province's figures: any indicator over any subtree and period beside the previous
period and last year, the leaders' summary, and the figures as a spreadsheet."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cchc.access import (
    Perm,
    requires,
)
from cchc.lib.downloads import attachment
from cchc.lib.vnformat import format_decimal
from cchc.lib.xlsx import XLSX_TYPE
from cchc.orgs.models import Unit
from cchc.reporting import exports
from cchc.reporting.aggregate import COUNTED
from cchc.reporting.comparison import Comparison, SameUnits, compare
from cchc.reporting.entry import (
    figure_text,
)
from cchc.reporting.forms import PeriodFilter, SynthesisFilter
from cchc.reporting.models import (
    ADHOC_KIND,
    Indicator,
    Period,
)
from cchc.reporting.monitoring import completeness
from cchc.reporting.views.scope import (
    listed_periods,
    read_filters,
    subtree_choices,
)

# The figures on the leaders' summary, by indicator code, when the period's form has them.
KEY_FIGURES = (
    "dossiers_received",
    "dossiers_on_time_rate",
    "online_dossier_rate",
    "satisfaction_rate",
    "training_participants",
    "plan_tasks_done_rate",
)


# The province's figures


def _latest_reported(periods: QuerySet[Period]) -> Period | None:
    """The newest period with a sent report, or else the newest period."""
    return periods.filter(reports__status__in=COUNTED).distinct().first() or periods.first()


def change_text(indicator: Indicator, current: Decimal | None, before: Decimal | None) -> str:
    """+120 (+5,26%) for a count; +1,25 điểm % for a rate; empty when a side is missing."""
    if current is None or before is None:
        return ""
    difference = current - before
    sign = "+" if difference > 0 else "-" if difference < 0 else ""
    text = sign + figure_text(indicator, abs(difference))
    if indicator.unit_of_measure == "%":
        return text + _(" điểm %")
    if before and difference:
        text += f" ({sign}{format_decimal(abs(100 * difference / before))}%)"
    return text


@dataclass(frozen=True)
class SynthesisRow:
    """An indicator's aggregate beside the previous period's and last year's, as text."""

    indicator: Indicator
    value: str
    previous: str
    previous_change: str
    last_year: str
    last_year_change: str
    # This period's figure over the units compared, when it is not ``value`` (some left out).
    previous_base: str = ""
    last_year_base: str = ""


def synthesis_row(indicator: Indicator, comparison: Comparison) -> SynthesisRow:
    """The changes are over the same units (``cchc.reporting.comparison``): the past figure is
    that of the units compared, and so is the present one the change starts from."""
    code = indicator.code
    previous, last_year = comparison.previous, comparison.last_year
    return SynthesisRow(
        indicator,
        figure_text(indicator, comparison.current.get(code)),
        figure_text(indicator, previous.past.get(code)),
        change_text(indicator, previous.current.get(code), previous.past.get(code)),
        figure_text(indicator, last_year.past.get(code)),
        change_text(indicator, last_year.current.get(code), last_year.past.get(code)),
        _base(indicator, previous),
        _base(indicator, last_year),
    )


def _base(indicator: Indicator, same: SameUnits) -> str:
    return figure_text(indicator, same.current.get(indicator.code)) if same.left_out else ""


@requires(Perm.VIEW_SYNTHESIS)
def synthesis(request: HttpRequest) -> HttpResponse:
    """Any indicator over any subtree and period, by each indicator's aggregation rule, beside
    the previous period and the same period last year."""
    periods = listed_periods()
    chosen = read_filters(request, SynthesisFilter(request.GET, periods=periods))
    period, root = chosen["ky"] or _latest_reported(periods), chosen["don_vi"]
    context: dict[str, Any] = {"periods": periods, "period": period, "root": root}
    if period is not None:
        comparison = compare(period, root)
        table = completeness(period, root)
        indicators = list(period.form.indicators.all())
        rows = {i.code: synthesis_row(i, comparison) for i in indicators}
        context.update(
            comparison=comparison,
            sections=[
                (s, [rows[i.code] for i in indicators if i.section == s["code"]])
                for s in period.form.sections
            ],
            table=table,
            # Returned reports were sent but are not counted in the figures.
            counted=sum(r.report is not None and r.report.status in COUNTED for r in table.rows),
            units=subtree_choices(period),
            query=_query(period, root),
        )
    return render(request, "reporting/synthesis.html", context)


def _query(period: Period, root: Unit | None) -> str:
    return urlencode({"ky": period.code, **({"don_vi": root.code} if root is not None else {})})


@requires(Perm.VIEW_SYNTHESIS)
def reporting_summary(request: HttpRequest) -> HttpResponse:
    """The leaders' page: a period's key figures (by default the latest reported), its
    completeness, who is late."""
    periods = listed_periods().exclude(kind=ADHOC_KIND)
    chosen = read_filters(request, PeriodFilter(request.GET, periods=periods))["ky"]
    period = chosen or _latest_reported(periods)
    context: dict[str, Any] = {"period": period}
    if period is not None:
        comparison = compare(period)
        indicators = {i.code: i for i in period.form.indicators.all()}
        table = completeness(period)
        context.update(
            comparison=comparison,
            cards=[
                synthesis_row(indicators[code], comparison)
                for code in KEY_FIGURES
                if code in indicators
            ],
            table=table,
            missing=[row for row in table.rows if not row.sent],
            late=[row for row in table.rows if row.late],
        )
    return render(request, "reporting/summary.html", context)


def _synthesis_scope(request: HttpRequest) -> tuple[Period, Unit | None, str]:
    """The download's period and subtree: a file is not made of a scope not understood."""
    form = SynthesisFilter(request.GET, periods=listed_periods())
    if not form.is_valid() or form.cleaned_data["ky"] is None:
        raise Http404
    period, root = form.cleaned_data["ky"], form.cleaned_data["don_vi"]
    name = f"tong-hop-{period.code}" + (f"-{root.code}" if root is not None else "")
    return period, root, name


@requires(Perm.VIEW_SYNTHESIS)
def synthesis_xlsx(request: HttpRequest) -> HttpResponse:
    period, root, name = _synthesis_scope(request)
    return attachment(exports.synthesis_xlsx(period, root), XLSX_TYPE, f"{name}.xlsx")
