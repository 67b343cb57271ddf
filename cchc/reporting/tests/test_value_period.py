"""Every value repeats its report's period (for the national aggregates), however it is written."""

from __future__ import annotations

from decimal import Decimal

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.reporting.actions import save_draft, start_report
from cchc.reporting.aggregate import aggregate
from cchc.reporting.models import Indicator, Period, Report, ReportValue, Status
from conftest import Province


def periods_of(report: Report) -> set[int]:
    return set(ReportValue.objects.filter(report=report).values_list("period_id", flat=True))


def test_figures_saved_in_a_draft_carry_the_reports_period(
    h1_2025: Period, officer: User, province: Province
) -> None:
    report = start_report(Actor.of_user(officer), h1_2025, province.stp)
    save_draft(
        Actor.of_user(officer),
        report,
        report.version,
        {},
        {"dossiers_received": Decimal(10), "training_classes": Decimal(2)},
    )
    assert periods_of(report) == {h1_2025.pk}


def test_prefilled_figures_carry_the_new_reports_period(
    h1_2025: Period, officer: User, province: Province
) -> None:
    q1 = Period.objects.get(code="2025-Q1")
    before = start_report(Actor.of_user(officer), q1, province.stp)
    save_draft(Actor.of_user(officer), before, before.version, {}, {"subunits_after": Decimal(8)})
    report = start_report(Actor.of_user(officer), h1_2025, province.stp)
    assert ReportValue.objects.get(report=report).value == 8
    assert periods_of(report) == {h1_2025.pk}


def test_bulk_created_values_carry_their_reports_period(
    h1_2025: Period, province: Province
) -> None:
    q1 = Period.objects.get(code="2025-Q1")
    in_h1 = Report.objects.create(period=h1_2025, unit=province.stp)
    in_q1 = Report.objects.create(period=q1, unit=province.snv)
    received, resolved = Indicator.objects.filter(
        form=h1_2025.form, code__in=["dossiers_received", "dossiers_resolved"]
    ).order_by("code")
    ReportValue.objects.bulk_create(
        [
            ReportValue(report=in_h1, indicator=received, value=1),
            # Only the report's id at hand: its period is read from the database.
            ReportValue(report_id=in_q1.pk, indicator=received, value=2),
            ReportValue(report_id=in_q1.pk, indicator=resolved, value=1),
        ]
    )
    assert periods_of(in_h1) == {h1_2025.pk}
    assert periods_of(in_q1) == {q1.pk}


def test_a_value_created_alone_carries_its_reports_period(
    h1_2025: Period, province: Province
) -> None:
    report = Report.objects.create(period=h1_2025, unit=province.stp)
    indicator = Indicator.objects.get(form=h1_2025.form, code="news_items")
    ReportValue.objects.create(report_id=report.pk, indicator=indicator, value=3)
    assert periods_of(report) == {h1_2025.pk}


def test_an_indicator_only_drafts_gave_stays_empty_in_the_national_aggregate(
    h1_2025: Period, province: Province
) -> None:
    indicators = {i.code: i for i in h1_2025.form.indicators.all()}
    sent = Report.objects.create(period=h1_2025, unit=province.stp, status=Status.ACCEPTED)
    draft = Report.objects.create(period=h1_2025, unit=province.snv, status=Status.DRAFT)
    ReportValue.objects.bulk_create(
        [
            ReportValue(report=sent, indicator=indicators["news_items"], value=4),
            ReportValue(report=draft, indicator=indicators["news_items"], value=100),
            ReportValue(report=draft, indicator=indicators["initiatives"], value=7),
        ]
    )
    totals = aggregate(h1_2025)
    assert (totals["news_items"], totals["initiatives"]) == (Decimal(4), None)
