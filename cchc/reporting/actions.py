"""Writes to periodic reporting. Each checks permission, runs in a transaction, is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cchc.access import Perm, can_act_for_unit, require, require_object
from cchc.audit.log import Actor, record
from cchc.documents.models import Document
from cchc.orgs.models import Unit, UnitQuerySet
from cchc.reporting.config import Config
from cchc.reporting.models import (
    ADHOC_KIND,
    Indicator,
    OnestopCode,
    OnestopImport,
    OnestopValue,
    Period,
    PeriodKind,
    Report,
    ReportEvent,
    ReportForm,
    ReportValue,
    Status,
    ValidationRule,
    ValueType,
)
from cchc.reporting.onestop import ImportPlan, StatsFile, plan_import
from cchc.reporting.periods import due_date, period_code, period_title, previous_period, window
from cchc.reporting.validation import Finding, check_rules
from cchc.tasks.stats import plan_figures


class ReportingError(Exception):
    """An action that cannot be done now; the message is for the user, in Vietnamese."""


class SaveConflict(ReportingError):
    """Someone saved the report after this copy was opened; nothing was overwritten."""


class SubmitRefused(ReportingError):
    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(_("Báo cáo còn số liệu chưa hợp lệ; chưa gửi được."))
        self.findings = findings


EDITABLE = (Status.DRAFT, Status.RETURNED)


def load_config(actor: Actor, config: Config) -> dict[str, int]:
    """Create or update period kinds and forms from checked configuration."""
    require(actor, Perm.MANAGE_REPORTING)
    with transaction.atomic():
        for position, kind in enumerate(config.period_kinds):
            PeriodKind.objects.update_or_create(
                code=kind["code"],
                defaults={
                    "title": kind["title"],
                    "start_day": kind["start"]["day"],
                    "start_month": kind["start"]["month"],
                    "start_previous_year": bool(kind["start"].get("previous_year")),
                    "end_day": kind["end"]["day"],
                    "end_month": kind["end"]["month"],
                    "due_days": int(kind.get("due_days", config.due_days)),
                    "open_by_default": bool(kind.get("open_by_default", True)),
                    "position": position,
                },
            )
        for data in config.forms:
            _load_form(data)
        codes = _load_onestop_codes(config.onestop_codes)
        record(
            actor,
            "reporting.config",
            note=", ".join(f"{f['code']}@{f['version']}" for f in config.forms),
        )
    return {"period_kinds": len(config.period_kinds), "forms": len(config.forms), **codes}


def _load_onestop_codes(codes: list[dict[str, str]]) -> dict[str, int]:
    """The units' codes on the one-stop system; a code of a unit not in the tree (yet) is
    skipped and counted, so that the configuration loads before the units."""
    units = {u.code: u for u in Unit.objects.filter(code__in=[c["unit"] for c in codes])}
    loaded = 0
    for item in codes:
        unit = units.get(item["unit"])
        if unit is not None:
            OnestopCode.objects.update_or_create(code=item["code"], defaults={"unit": unit})
            loaded += 1
    return {"onestop_codes": loaded, "onestop_codes_skipped": len(codes) - loaded}


def _load_form(data: dict[str, Any]) -> ReportForm:
    form, _created = ReportForm.objects.update_or_create(
        code=data["code"],
        version=int(data["version"]),
        defaults={
            "title": data["title"],
            "is_adhoc": bool(data.get("adhoc")),
            "period_kinds": list(data.get("period_kinds") or []),
            "unit_kinds": list(data.get("unit_kinds") or []),
            "sections": [{"code": str(s["code"]), "title": s["title"]} for s in data["sections"]],
        },
    )
    for position, item in enumerate(data["indicators"]):
        Indicator.objects.update_or_create(
            form=form,
            code=item["code"],
            defaults={
                "section": str(item["section"]),
                "name": item["name"],
                "unit_of_measure": item["unit"],
                "value_type": item["type"],
                "aggregation": item["aggregation"],
                "weight_code": item.get("weight", ""),
                "numerator_codes": list(item.get("numerator") or []),
                "denominator_codes": list(item.get("denominator") or []),
                "unit_kinds": list(item.get("kinds") or []),
                "carry_over": bool(item.get("carry_over")),
                "position": position,
            },
        )
    rule_codes = [rule["code"] for rule in data.get("rules") or []]
    for rule in data.get("rules") or []:
        ValidationRule.objects.update_or_create(
            form=form,
            code=rule["code"],
            defaults={
                "condition": rule["check"],
                "severity": rule["severity"],
                "message": rule["message"],
            },
        )
    form.rules.exclude(code__in=rule_codes).delete()
    return form


def current_form(year: int, *, adhoc: bool = False) -> ReportForm:
    """The newest version of the regular (or ad hoc) form that applies in ``year``."""
    form = ReportForm.objects.filter(is_adhoc=adhoc, version__lte=year).order_by("-version").first()
    if form is None:
        raise ReportingError(
            _("Chưa có biểu mẫu báo cáo cho năm %(year)d; hãy nạp cấu hình.") % {"year": year}
        )
    return form


def open_periods(actor: Actor, year: int, kinds: list[str] | None = None) -> list[Period]:
    """Open the year's periods (by default those marked open_by_default); existing ones stay."""
    require(actor, Perm.MANAGE_REPORTING)
    form = current_form(year)
    chosen = PeriodKind.objects.all()
    chosen = chosen.filter(code__in=kinds) if kinds else chosen.filter(open_by_default=True)
    opened = []
    with transaction.atomic():
        for kind in chosen:
            if kind.code not in form.period_kinds:
                continue
            start, end = window(kind, year)
            period, created = Period.objects.get_or_create(
                code=period_code(kind.code, year),
                defaults={
                    "kind": kind.code,
                    "year": year,
                    "title": period_title(kind.title, year),
                    "start": start,
                    "end": end,
                    "due_date": due_date(kind, year),
                    "form": form,
                },
            )
            if created:
                record(actor, "period.open", period, after=_period_state(period))
                opened.append(period)
    return opened


def open_adhoc_period(
    actor: Actor,
    document: Document,
    title: str,
    start: dt.date,
    end: dt.date,
    due: dt.date,
) -> Period:
    """An ad hoc report that ``document`` (in the register) requests of every unit."""
    require(actor, Perm.MANAGE_REPORTING)
    if start > end:
        raise ReportingError(_("Ngày bắt đầu số liệu phải trước ngày kết thúc."))
    form = current_form(end.year, adhoc=True)
    with transaction.atomic():
        number = Period.objects.filter(kind=ADHOC_KIND, year=end.year).count() + 1
        period = Period.objects.create(
            code=f"{end.year}-{ADHOC_KIND}{number}",
            kind=ADHOC_KIND,
            year=end.year,
            title=title,
            start=start,
            end=end,
            due_date=due,
            form=form,
            requested_by=document,
        )
        record(actor, "period.open", period, after=_period_state(period))
    return period


def _period_state(period: Period) -> dict[str, Any]:
    return {
        "code": period.code,
        "start": period.start,
        "end": period.end,
        "due_date": period.due_date,
        "form": f"{period.form.code}@{period.form.version}",
        "requested_by": period.requested_by.symbol if period.requested_by else None,
    }


def units_expected_to_file(period: Period) -> UnitQuerySet:
    """Units that must file: of a kind the form asks, in existence on the window's last day."""
    return Unit.objects.filter(kind__in=period.form.unit_kinds).active_on(period.end)


def is_expected(period: Period, unit: Unit) -> bool:
    """Whether ``unit`` is one of ``units_expected_to_file(period)``, without a query."""
    return unit.kind in period.form.unit_kinds and unit.is_active_on(period.end)


def expected_units(period: Period) -> list[Unit]:
    return list(units_expected_to_file(period).order_by("path"))


def start_report(actor: Actor, period: Period, unit: Unit) -> Report:
    """The unit's report for the period, created as a draft (prefilled) if it has none."""
    require(actor, Perm.EDIT_REPORTS)
    require_object(actor, can_act_for_unit(actor.user, unit), unit, "can_act_for_unit")
    with transaction.atomic():
        report, created = Report.objects.get_or_create(
            period=period, unit=unit, defaults={"updated_by": actor.user}
        )
        if created:
            prefilled = _prefill(report)
            record(actor, "report.create", report, after={"prefilled": sorted(prefilled)})
    return report


def _prefill(report: Report) -> dict[str, Decimal]:
    """Carry-over figures from the unit's previous report, and plan figures from its tasks."""
    values: dict[str, Decimal] = {}
    indicators = {i.code: i for i in report.period.form.indicators.all()}
    before = previous_period(report.period)
    if before is not None:
        carried = ReportValue.objects.filter(
            report__period=before,
            report__unit=report.unit,
            indicator__code__in=[c for c, i in indicators.items() if i.carry_over],
        ).values_list("indicator__code", "value")
        values.update(dict(carried))
    values.update(_plan_figures(report, indicators))
    ReportValue.objects.bulk_create(
        ReportValue(report=report, indicator=indicators[code], value=value)
        for code, value in values.items()
    )
    return values


def _plan_figures(report: Report, indicators: Mapping[str, Indicator]) -> dict[str, Decimal]:
    figures = plan_figures(report.unit, report.period.start, report.period.end)
    if not figures.get("plan_tasks_set"):
        return {}
    return {code: Decimal(n) for code, n in figures.items() if code in indicators}


def save_draft(
    actor: Actor,
    report: Report,
    version: int,
    narrative: Mapping[str, str],
    values: Mapping[str, Decimal | None],
) -> Report:
    """Save what was typed, unless someone saved since ``version`` was read (SaveConflict).

    Figures are stored even when a rule fails: the officer fixes them before submitting.
    """
    require(actor, Perm.EDIT_REPORTS)
    require_object(actor, can_act_for_unit(actor.user, report.unit), report, "can_act_for_unit")
    with transaction.atomic():
        # Lock the report row only: PostgreSQL cannot lock the outer-joined (nullable) user.
        current = (
            Report.objects.select_for_update(of=("self",))
            .select_related("updated_by")
            .get(pk=report.pk)
        )
        if current.status not in EDITABLE:
            raise ReportingError(
                _("Báo cáo đang ở trạng thái «%(status)s», không sửa được.")
                % {"status": current.get_status_display()}
            )
        if current.version != version:
            raise SaveConflict(conflict_message(current))
        before = report_state(current)
        indicators = {i.code: i for i in current.period.form.indicators.all()}
        _store_values(current, indicators, values)
        sections = {s["code"] for s in current.period.form.sections}
        current.narrative = {k: v for k, v in narrative.items() if k in sections}
        current.updated_at = timezone.now()
        current.updated_by = actor.user
        current.version = F("version") + 1
        current.save(update_fields=["narrative", "updated_at", "updated_by", "version"])
        current.refresh_from_db(fields=["version"])
        record(actor, "report.save", current, before=before, after=report_state(current))
    return current


def conflict_message(current: Report) -> str:
    return _(
        "%(who)s đã lưu báo cáo này lúc %(when)s, sau khi bạn mở nó. Nội dung bạn vừa nhập "
        "chưa được lưu và vẫn còn trên trang: hãy mở bản mới trong thẻ khác, đối chiếu rồi lưu lại."
    ) % {
        "who": current.updated_by or _("Người khác"),
        "when": date_format(timezone.localtime(current.updated_at), "SHORT_DATETIME_FORMAT"),
    }


def _store_values(
    report: Report, indicators: Mapping[str, Indicator], values: Mapping[str, Decimal | None]
) -> None:
    typed = {
        code: value
        for code, value in values.items()
        if code in indicators and not indicators[code].is_computed
    }
    cleared = [code for code, value in typed.items() if value is None]
    report.values.filter(indicator__code__in=cleared).delete()
    existing = {v.indicator.code: v for v in report.values.select_related("indicator")}
    added: list[ReportValue] = []
    changed: list[ReportValue] = []
    for code, value in typed.items():
        if value is None:
            continue
        if code not in existing:
            added.append(ReportValue(report=report, indicator=indicators[code], value=value))
        elif existing[code].value != value:
            existing[code].value = value
            changed.append(existing[code])
    ReportValue.objects.bulk_create(added)
    ReportValue.objects.bulk_update(changed, ["value"])
    # A figure changed by hand no longer comes from the one-stop system.
    OnestopValue.objects.filter(value__in=changed).delete()


def report_values(report: Report) -> dict[str, Decimal | None]:
    return dict(report.values.values_list("indicator__code", "value"))


def report_state(report: Report) -> dict[str, Any]:
    return {
        "status": report.status,
        "narrative": report.narrative,
        "values": {code: str(value) for code, value in report_values(report).items()},
    }


def findings_of(report: Report) -> list[Finding]:
    return check_rules(report.period.form.rules.all(), report_values(report))


def submit_report(actor: Actor, report: Report, *, at: dt.datetime | None = None) -> Report:
    """The unit head sends the report; blocking findings refuse it (SubmitRefused).

    ``at`` is the time of sending when history is brought in from elsewhere (default: now).
    """
    require(actor, Perm.SUBMIT_REPORTS)
    require_object(actor, can_act_for_unit(actor.user, report.unit), report, "can_act_for_unit")
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _expect(report, EDITABLE)
        blocking = [f for f in findings_of(report) if f.is_blocking]
        if blocking:
            raise SubmitRefused(blocking)
        now = at or timezone.now()
        report.first_submitted_at = report.first_submitted_at or now
        report.submitted_at = now
        return _move(
            actor, report, Status.SUBMITTED, "", ["first_submitted_at", "submitted_at"], now
        )


def accept_report(actor: Actor, report: Report, *, at: dt.datetime | None = None) -> Report:
    require(actor, Perm.REVIEW_REPORTS)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _expect(report, (Status.SUBMITTED,))
        report.accepted_at = at or timezone.now()
        return _move(actor, report, Status.ACCEPTED, "", ["accepted_at"], report.accepted_at)


def return_report(
    actor: Actor, report: Report, comment: str, *, at: dt.datetime | None = None
) -> Report:
    """Send a submitted report back to the unit with the reason, for correction."""
    return _back_to_unit(actor, report, comment, (Status.SUBMITTED,), at)


def reopen_report(actor: Actor, report: Report, comment: str) -> Report:
    """Unlock an accepted report so the unit can correct it."""
    return _back_to_unit(actor, report, comment, (Status.ACCEPTED,), None)


def _back_to_unit(
    actor: Actor,
    report: Report,
    comment: str,
    allowed: tuple[Status, ...],
    at: dt.datetime | None,
) -> Report:
    require(actor, Perm.REVIEW_REPORTS)
    if not comment.strip():
        raise ReportingError(_("Hãy ghi lý do để đơn vị biết cần sửa gì."))
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _expect(report, allowed)
        report.accepted_at = None
        return _move(actor, report, Status.RETURNED, comment.strip(), ["accepted_at"], at)


def _expect(report: Report, allowed: tuple[Status, ...]) -> None:
    if report.status not in allowed:
        raise ReportingError(
            _("Báo cáo đang ở trạng thái «%(status)s»; thao tác này không áp dụng.")
            % {"status": report.get_status_display()}
        )


def _move(
    actor: Actor,
    report: Report,
    to: Status,
    comment: str,
    fields: list[str],
    at: dt.datetime | None = None,
) -> Report:
    before = report.status
    report.status = to
    report.version = F("version") + 1
    report.save(update_fields=["status", "version", *fields])
    report.refresh_from_db(fields=["version"])
    ReportEvent.objects.create(
        report=report,
        at=at or timezone.now(),
        actor=actor.user,
        actor_label=actor.label,
        from_status=before,
        to_status=to,
        comment=comment,
    )
    record(
        actor,
        f"report.{to}",
        report,
        before={"status": before},
        after={"status": to},
        note=comment,
    )
    return report


def prefill_from_figures(
    actor: Actor, report: Report, figures: Iterable[Mapping[str, Any]]
) -> list[Indicator]:
    """Fill the draft's empty figures with those read from an existing report (cchc.ingest's
    {"indicator", "value"}); a figure already typed is never overwritten. Returns the filled
    indicators, for the officer to check before sending."""
    require(actor, Perm.EDIT_REPORTS)
    require_object(actor, can_act_for_unit(actor.user, report.unit), report, "can_act_for_unit")
    with transaction.atomic():
        current = Report.objects.select_for_update().get(pk=report.pk)
        _expect(current, EDITABLE)
        indicators = {
            i.code: i
            for i in current.period.form.indicators.all()
            if not i.is_computed and i.applies_to(report.unit.kind)
        }
        typed = set(current.values.values_list("indicator__code", flat=True))
        found: dict[str, Decimal] = {}
        for figure in figures:
            code = figure.get("indicator")
            value = _figure_value(figure.get("value"), indicators.get(str(code)))
            if value is not None and code not in typed and code not in found:
                found[str(code)] = value
        if not found:
            return []
        ReportValue.objects.bulk_create(
            ReportValue(report=current, indicator=indicators[code], value=value)
            for code, value in found.items()
        )
        current.updated_at = timezone.now()
        current.updated_by = actor.user
        current.version = F("version") + 1
        current.save(update_fields=["updated_at", "updated_by", "version"])
        record(actor, "report.prefill", current, after={k: str(v) for k, v in found.items()})
    return [indicators[code] for code in found]


def _figure_value(value: object, indicator: Indicator | None) -> Decimal | None:
    """A parsed figure that fits the indicator (a whole number where one is expected)."""
    if indicator is None or not isinstance(value, int | float) or isinstance(value, bool):
        return None
    amount = Decimal(str(value))
    if amount < 0 or (indicator.value_type == ValueType.INTEGER and amount != int(amount)):
        return None
    return amount.quantize(Decimal("0.01"))


def import_onestop_stats(
    actor: Actor,
    period: Period,
    stats: StatsFile,
    *,
    sha256: str,
    overwrite: bool = False,
) -> tuple[OnestopImport, ImportPlan]:
    """Fill the dossier figures of the matched units' reports from the one-stop system's
    export (``cchc.reporting.onestop``), creating the drafts that do not exist yet.

    Empty figures and figures of an earlier import are filled; a figure the unit typed with
    another value is kept unless ``overwrite`` (the page asks first; the command lists them).
    Every filled figure records the import and the row of the file it came from.
    """
    require(actor, Perm.MANAGE_REPORTING)
    with transaction.atomic():
        plan = plan_import(period, stats)
        indicators = {i.code: i for i in period.form.indicators.all()}
        batch = OnestopImport.objects.create(
            period=period, file_name=stats.name[:255], sha256=sha256, imported_by=actor.user
        )
        for unit_plan in plan.units:
            if unit_plan.problem:
                continue
            figures = {**unit_plan.fill, **unit_plan.same}
            if overwrite:
                figures.update({c.indicator: c.incoming for c in unit_plan.conflicts})
            figures = {code: n for code, n in figures.items() if code in indicators}
            if not figures:
                continue
            report = unit_plan.report
            if report is None:
                report = Report.objects.create(
                    period=period, unit=unit_plan.unit, updated_by=actor.user
                )
                prefilled = _prefill(report)
                record(actor, "report.create", report, after={"prefilled": sorted(prefilled)})
                unit_plan.report = report
            report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
            stored = {
                v.indicator.code: v
                for v in report.values.filter(indicator__code__in=figures).select_related(
                    "indicator"
                )
            }
            before = {code: str(value.value) for code, value in stored.items()}
            changed = [v for c, v in stored.items() if v.value != figures[c]]
            for value in changed:
                value.value = Decimal(figures[value.indicator.code])
            ReportValue.objects.bulk_update(changed, ["value"])
            added = ReportValue.objects.bulk_create(
                ReportValue(report=report, indicator=indicators[c], value=Decimal(n))
                for c, n in figures.items()
                if c not in stored
            )
            values = [*stored.values(), *added]
            OnestopValue.objects.filter(value__in=values).delete()
            OnestopValue.objects.bulk_create(
                OnestopValue(value=value, batch=batch, row=unit_plan.row.line) for value in values
            )
            report.updated_at = timezone.now()
            report.updated_by = actor.user
            report.version = F("version") + 1
            report.save(update_fields=["updated_at", "updated_by", "version"])
            record(
                actor,
                "report.onestop",
                report,
                before=before,
                after={code: str(amount) for code, amount in figures.items()},
                note=f"{stats.name}, dòng {unit_plan.row.line}",
            )
        batch.summary = onestop_summary(plan, overwrite)
        batch.save(update_fields=["summary"])
        record(actor, "onestop.import", batch, after=batch.summary, note=stats.name)
    return batch, plan


def onestop_summary(plan: ImportPlan, overwrite: bool) -> dict[str, Any]:
    """What an import filled, per unit, and what it left: kept in the import's record."""
    return {
        "overwrite": overwrite,
        "units": [
            {
                "row": p.row.line,
                "unit": p.unit.code,
                "filled": p.fill,
                "same": p.same,
                "conflicts": {c.indicator: [str(c.typed), c.incoming] for c in p.conflicts},
                "problem": p.problem,
            }
            for p in plan.units
        ],
        "unmatched": [
            {"row": u.row.line, "name": u.row.label, "reason": u.reason} for u in plan.unmatched
        ],
        "balance": [asdict(line) for line in plan.balance(overwrite)],
    }
