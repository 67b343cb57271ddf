"""Completeness and timeliness of a period's reports (DHIS2's reporting rate)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from django.db import models
from django.db.models import Count, FilteredRelation, Q
from django.db.models.base import ModelState
from django.utils import timezone

from cchc.orgs.models import Unit, UnitQuerySet
from cchc.reporting.actions import units_expected_to_file
from cchc.reporting.models import Period, Report, Status

# What the table, its pages and exports read of units and reports (not the narrative).
UNIT_FIELDS = ("id", "code", "name", "kind")
REPORT_FIELDS = ("id", "status", "first_submitted_at", "submitted_at", "accepted_at")


@dataclass(frozen=True, slots=True)
class UnitRow:
    unit: Unit
    report: Report | None

    @property
    def sent(self) -> bool:
        return self.report is not None and self.report.first_submitted_at is not None

    @property
    def on_time(self) -> bool:
        return self.report is not None and self.report.is_on_time is True

    @property
    def late(self) -> bool:
        return self.report is not None and self.report.is_on_time is False


class Completeness:
    """The units expected to file for ``period`` (``root``'s subtree of them, or all) and
    their reports of the period.

    The totals are counted by the database in one query, and the rows take one other query;
    each runs when first read, so a page that shows only the totals never builds the
    thousands of rows of a national table.
    """

    def __init__(self, period: Period, root: Unit | None = None) -> None:
        self.period = period
        units = units_expected_to_file(period)
        if root is not None:
            units = units.subtree(root)
        # Each expected unit beside its report of the period, if any (a unit has at most one).
        self._units: UnitQuerySet = units.annotate(
            report=FilteredRelation("reports", condition=Q(reports__period=period))
        )

    @cached_property
    def rows(self) -> list[UnitRow]:
        """One row per expected unit, in the tree's order, with its report if any. The units
        and reports have ``UNIT_FIELDS`` and ``REPORT_FIELDS`` loaded, and each report its
        unit and period; other fields load on first use, as usual."""
        period, db = self.period, self._units.db
        columns = (*UNIT_FIELDS, *(f"report__{name}" for name in REPORT_FIELDS))
        split = len(UNIT_FIELDS)
        rows = []
        for values in self._units.order_by("path").values_list(*columns):
            unit = _instance(Unit, db)
            unit.__dict__.update(zip(UNIT_FIELDS, values[:split], strict=True))
            report = None
            if values[split] is not None:  # the report's id
                report = _instance(Report, db)
                report.__dict__.update(
                    zip(REPORT_FIELDS, values[split:], strict=True),
                    unit_id=unit.pk,
                    period_id=period.pk,
                )
                report._state.fields_cache = {"unit": unit, "period": period}
            rows.append(UnitRow(unit, report))
        return rows

    @property
    def expected(self) -> int:
        return self._counts["expected"]

    @property
    def submitted(self) -> int:
        return self._counts["submitted"]

    @property
    def on_time(self) -> int:
        return self._counts["on_time"]

    @property
    def late(self) -> int:
        return self.submitted - self.on_time

    @property
    def missing(self) -> int:
        return self.expected - self.submitted

    @property
    def accepted(self) -> int:
        return self._counts["accepted"]

    @cached_property
    def _counts(self) -> dict[str, int]:
        """The expected units, their reports sent (first sent before the deadline: on time,
        as ``Report.is_on_time`` says) and accepted, counted in one query."""
        counts: dict[str, int] = self._units.aggregate(
            expected=Count("pk"),
            submitted=Count("report", filter=Q(report__first_submitted_at__isnull=False)),
            on_time=Count(
                "report", filter=Q(report__first_submitted_at__lt=self.period.submission_deadline)
            ),
            accepted=Count("report", filter=Q(report__status=Status.ACCEPTED)),
        )
        return counts

    @property
    def reporting_rate(self) -> float | None:
        return 100 * self.submitted / self.expected if self.expected else None

    @property
    def on_time_rate(self) -> float | None:
        return 100 * self.on_time / self.expected if self.expected else None

    @property
    def is_overdue(self) -> bool:
        return timezone.localdate() > self.period.due_date


def completeness(period: Period, root: Unit | None = None) -> Completeness:
    """The completeness of ``period``'s reports over ``root``'s subtree, or over all units;
    no query until its totals or rows are read."""
    return Completeness(period, root)


M = TypeVar("M", bound=models.Model)


def _instance(model: type[M], db: str) -> M:
    """A bare instance of ``model``, as loaded from ``db`` but with no field loaded: the
    caller puts the fields it read in its ``__dict__`` (by attribute name, ``unit_id`` for
    a foreign key), as ``only()`` would, and any related objects at hand in its
    ``_state.fields_cache``, as ``select_related()`` would. Made without ``Model.__init__``:
    several times faster, which tells on the thousands of rows of a national table. Fields
    not put there load on first use, as usual."""
    instance = model.__new__(model)
    state = instance._state = ModelState()
    state.adding = False
    state.db = db
    return instance
