"""Completeness and timeliness of a period's reports (DHIS2's reporting rate)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from django.db import models
from django.db.models.base import ModelState
from django.utils import timezone

from cchc.orgs.models import Unit
from cchc.reporting.actions import units_expected_to_file
from cchc.reporting.models import Period, Report, Status

SENT = (Status.SUBMITTED, Status.ACCEPTED)
# What the table, its pages and exports read of units and reports (not the narrative).
UNIT_FIELDS = ("id", "code", "name", "short_code", "kind", "parent_id", "path")
REPORT_FIELDS = ("id", "unit_id", "status", "first_submitted_at", "submitted_at", "accepted_at")


@dataclass(frozen=True)
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


@dataclass
class Completeness:
    period: Period
    rows: list[UnitRow] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return len(self.rows)

    @property
    def submitted(self) -> int:
        return self._counts["sent"]

    @property
    def on_time(self) -> int:
        return self._counts["on_time"]

    @property
    def late(self) -> int:
        return self._counts["late"]

    @property
    def missing(self) -> int:
        return self.expected - self.submitted

    @property
    def accepted(self) -> int:
        return self._counts["accepted"]

    @cached_property
    def _counts(self) -> dict[str, int]:
        """The rows' reports sent (on time, late) and accepted, counted once, in one pass."""
        deadline = self.period.submission_deadline
        sent = on_time = accepted = 0
        for row in self.rows:
            report = row.report
            if report is None:
                continue
            accepted += report.status == Status.ACCEPTED
            if report.first_submitted_at is not None:
                sent += 1
                on_time += report.first_submitted_at < deadline  # Report.is_on_time
        return {"sent": sent, "on_time": on_time, "late": sent - on_time, "accepted": accepted}

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
    """One row per expected unit (of ``root``'s subtree), with its report if any; two queries."""
    units = units_expected_to_file(period).order_by("path")
    reports = Report.objects.filter(period=period)
    if root is not None:
        units = units.subtree(root)
        reports = reports.filter(unit__path__startswith=root.path)
    by_unit = {report.unit_id: report for report in _loaded(reports, REPORT_FIELDS, period=period)}
    return Completeness(
        period, [UnitRow(unit, by_unit.get(unit.pk)) for unit in _loaded(units, UNIT_FIELDS)]
    )


M = TypeVar("M", bound=models.Model)


def _loaded(
    queryset: models.QuerySet[M], fields: tuple[str, ...], **related: models.Model
) -> Iterator[M]:
    """The objects with only ``fields`` (attribute names) loaded, as ``only()`` gives them,
    and the ``related`` objects (by foreign key name) already at hand, as ``select_related()``
    would give them, but made without ``Model.__init__``: several times faster, which tells on
    the thousands of rows of a national table. Other fields load on first use, as usual."""
    model, db = queryset.model, queryset.db
    keys = {}
    for name, obj in related.items():
        field = model._meta.get_field(name)
        if not isinstance(field, models.ForeignKey):
            raise TypeError(f"{name} is not a foreign key of {model.__name__}")
        keys[field.attname] = obj.pk
    for row in queryset.values_list(*fields):
        instance = model.__new__(model)
        instance.__dict__.update(zip(fields, row, strict=True), **keys)
        state = instance._state = ModelState()
        state.adding = False
        state.db = db
        if related:
            state.fields_cache = dict(related)
        yield instance
