"""Aggregation by each indicator's rule: sums, weighted means, ratios recomputed from parts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cchc.orgs.models import Unit
from cchc.reporting.aggregate import aggregate, values_by_unit
from cchc.reporting.comparison import compare
from cchc.reporting.models import Indicator, Period, Report, ReportValue, Status
from conftest import Province


def file_report(period: Period, unit: Unit, status: str, **values: int | str) -> Report:
    report = Report.objects.create(period=period, unit=unit, status=status)
    indicators = {i.code: i for i in period.form.indicators.all()}
    ReportValue.objects.bulk_create(
        ReportValue(report=report, indicator=indicators[code], value=Decimal(str(value)))
        for code, value in values.items()
    )
    return report


@pytest.fixture
def filed(h1_2025: Period, province: Province) -> Period:
    file_report(
        h1_2025, province.stp, Status.ACCEPTED,
        dossiers_received=1000, dossiers_received_online=600, dossiers_resolved=900,
        dossiers_resolved_early=100, dossiers_resolved_on_time=790, dossiers_resolved_late=10,
        satisfaction_rate="90", satisfaction_ratings=100, subunits_after=8,
    )  # fmt: skip
    file_report(
        h1_2025, province.snv, Status.SUBMITTED,
        dossiers_received=3000, dossiers_received_online=600, dossiers_resolved=2000,
        dossiers_resolved_early=0, dossiers_resolved_on_time=1900, dossiers_resolved_late=100,
        satisfaction_rate="70", satisfaction_ratings=300, subunits_after=5,
    )  # fmt: skip
    # Neither a draft nor a returned report counts.
    file_report(h1_2025, province.district, Status.DRAFT, dossiers_received=99999)
    file_report(h1_2025, province.old_commune, Status.RETURNED, dossiers_received=77777)
    return h1_2025


def test_sums_add_up_the_sent_reports_only(filed: Period) -> None:
    totals = aggregate(filed)
    assert totals["dossiers_received"] == 4000
    assert totals["subunits_after"] == 13
    assert totals["news_items"] is None


def test_a_rate_is_weighted_by_its_weight_not_averaged(filed: Period) -> None:
    # (90 × 100 + 70 × 300) / 400 = 75, where a plain mean would say 80.
    assert aggregate(filed)["satisfaction_rate"] == Decimal("75.00")


def test_ratios_are_recomputed_from_the_summed_parts(filed: Period) -> None:
    totals = aggregate(filed)
    # (100 + 790 + 0 + 1900) / (900 + 2000) = 96,21 %; the mean of the units' 98,89 and 95 differs.
    assert totals["dossiers_on_time_rate"] == Decimal("96.21")
    assert totals["online_dossier_rate"] == Decimal("30.00")


def test_a_subtree_aggregates_its_own_units(filed: Period, province: Province) -> None:
    assert aggregate(filed, province.stp)["dossiers_received"] == 1000
    assert aggregate(filed, province.root)["dossiers_received"] == 4000


def test_each_units_figures_carry_their_own_ratios(filed: Period, province: Province) -> None:
    by_unit = values_by_unit(filed)
    assert set(by_unit) == {province.stp.pk, province.snv.pk}
    assert by_unit[province.stp.pk]["online_dossier_rate"] == Decimal("60.00")


def test_the_period_is_compared_with_the_previous_one_and_last_year(
    filed: Period, province: Province
) -> None:
    q1 = Period.objects.get(code="2025-Q1")
    file_report(q1, province.stp, Status.ACCEPTED, dossiers_received=400)
    comparison = compare(filed)
    assert comparison.previous_period == q1
    assert comparison.previous.past["dossiers_received"] == 400
    assert comparison.last_year_period is None
    assert comparison.last_year.past == {} and not comparison.last_year.comparable


def test_aggregating_a_period_takes_a_fixed_number_of_queries(
    filed: Period, django_assert_max_num_queries: object
) -> None:
    weighted = Indicator.objects.filter(form=filed.form, aggregation="weighted_mean").count()
    with django_assert_max_num_queries(2 + weighted):  # type: ignore[operator]
        aggregate(filed)
