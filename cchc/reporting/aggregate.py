"""Aggregating figures over a subtree of units for a period, by each indicator's rule.

Counted reports are those the unit has sent (submitted or accepted); drafts and returned
reports are not. Sums and stocks add up; a weighted mean is Σ(rate × weight) / Σ weight over the
units that gave both; a ratio is recomputed from the sums of its parts, never averaged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, QuerySet, Sum, Value

from cchc.orgs.models import Unit
from cchc.reporting.models import Aggregation, Indicator, Period, ReportValue, Status

COUNTED = (Status.SUBMITTED, Status.ACCEPTED)
HUNDRED = Decimal(100)
Values = dict[str, Decimal | None]


def ratio(parts: Mapping[str, Decimal | None], indicator: Indicator) -> Decimal | None:
    numerator = _sum_of(parts, indicator.numerator_codes)
    denominator = _sum_of(parts, indicator.denominator_codes)
    if numerator is None or not denominator:
        return None
    return (HUNDRED * numerator / denominator).quantize(Decimal("0.01"))


def _sum_of(values: Mapping[str, Decimal | None], codes: Iterable[str]) -> Decimal | None:
    present = [value for c in codes if (value := values.get(c)) is not None]
    return sum(present, Decimal(0)) if present else None


def with_ratios(values: Mapping[str, Decimal | None], indicators: Iterable[Indicator]) -> Values:
    """The values, plus every ratio indicator computed from them."""
    result: Values = dict(values)
    for indicator in indicators:
        if indicator.aggregation == Aggregation.RATIO:
            result[indicator.code] = ratio(result, indicator)
    return result


def counted_values(
    period: Period, root: Unit | None, unit_ids: Collection[int] | None = None
) -> QuerySet[ReportValue]:
    """The values of the counted reports (of ``root``'s subtree, of the units ``unit_ids``),
    read from the reports side: the period's counted reports, then their values."""
    values = ReportValue.objects.filter(report__period=period, report__status__in=COUNTED)
    if root is not None:
        values = values.filter(report__unit__path__startswith=root.path)
    if unit_ids is not None:
        values = values.filter(report__unit_id__in=unit_ids)
    return values


def aggregate(
    period: Period, root: Unit | None = None, *, unit_ids: Collection[int] | None = None
) -> Values:
    """Every indicator of the period's form, aggregated over ``root``'s subtree (or all), or
    over the units ``unit_ids`` (``cchc.reporting.comparison``: the same units in two
    periods)."""
    indicators = list(period.form.indicators.all())
    codes = {indicator.pk: indicator.code for indicator in indicators}
    totals: Values = {indicator.code: None for indicator in indicators}
    for indicator_id, total in _sums(period, root, unit_ids).items():
        totals[codes[indicator_id]] = total
    weight_ids = {i.code: i.pk for i in indicators}
    for indicator in indicators:
        if indicator.aggregation == Aggregation.WEIGHTED_MEAN:
            totals[indicator.code] = _weighted_mean(
                period, root, indicator.pk, weight_ids.get(indicator.weight_code), unit_ids
            )
    return with_ratios(totals, indicators)


def _sums(
    period: Period, root: Unit | None, unit_ids: Collection[int] | None = None
) -> dict[int, Decimal]:
    """The sum of each indicator's values over the counted reports, by indicator id."""
    if root is not None or unit_ids is not None:
        rows = _signed_sums(counted_values(period, root, unit_ids), 1)
    else:
        # Over every unit, the period's values are summed in the order of the (period,
        # indicator) index, less those of the few reports not counted: reading each value's
        # report for its status, or sorting the values by indicator, costs several times more.
        uncounted = ReportValue.objects.filter(report__period=period).exclude(
            report__status__in=COUNTED
        )
        rows = _signed_sums(ReportValue.objects.filter(period=period), 1).union(
            _signed_sums(uncounted, -1), all=True
        )
    totals: dict[int, Decimal] = defaultdict(Decimal)
    counts: dict[int, int] = defaultdict(int)
    for indicator_id, total, count, sign in rows:
        totals[indicator_id] += sign * total
        counts[indicator_id] += sign * count
    return {pk: total for pk, total in totals.items() if counts[pk] > 0}


def _signed_sums(values: QuerySet[ReportValue], sign: int) -> QuerySet[ReportValue, Any]:
    """(indicator id, sum, count, sign) rows, one per indicator."""
    return (
        values.values_list("indicator_id")
        .annotate(total=Sum("value"), count=Count("value"), sign=Value(sign))
        .order_by()
    )


def _weighted_mean(
    period: Period,
    root: Unit | None,
    indicator_id: int,
    weight_id: int | None,
    unit_ids: Collection[int] | None = None,
) -> Decimal | None:
    """Σ(value × weight) / Σ weight over the counted reports that gave both, weight above 0."""
    if weight_id is None:
        return None
    values = ReportValue.objects.filter(period=period, report__status__in=COUNTED)
    if root is not None:
        values = values.filter(report__unit__path__startswith=root.path)
    if unit_ids is not None:
        values = values.filter(report__unit_id__in=unit_ids)
    # One filter() call: the weight is the same report's value of the weight indicator, and
    # the sums below use that same join. Both sides name the period, so that either can be
    # read from the (period, indicator) index.
    sums = values.filter(
        indicator_id=indicator_id,
        report__values__period=period,
        report__values__indicator_id=weight_id,
        report__values__value__gt=0,
    ).aggregate(
        weighted=Sum(F("value") * F("report__values__value")),
        weights=Sum("report__values__value"),
    )
    if not sums["weights"]:
        return None
    return (Decimal(sums["weighted"]) / Decimal(sums["weights"])).quantize(Decimal("0.01"))


def values_by_unit(period: Period, root: Unit | None = None) -> dict[int, Values]:
    """Each counted report's figures, ratios included, keyed by unit id."""
    indicators = list(period.form.indicators.all())
    codes = {indicator.pk: indicator.code for indicator in indicators}
    by_unit: dict[int, Values] = defaultdict(dict)
    rows = counted_values(period, root).values_list("report__unit_id", "indicator_id", "value")
    for unit_id, indicator_id, value in rows:
        by_unit[unit_id][codes[indicator_id]] = value
    return {unit_id: with_ratios(values, indicators) for unit_id, values in by_unit.items()}
