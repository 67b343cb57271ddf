"""Writes to periodic reporting. Each checks permission, runs in a transaction, is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any, Protocol

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cchc.access import Perm, can_act_for_unit, require, require_object
from cchc.audit.log import Actor, record
from cchc.documents.models import Document
from cchc.orgs.models import Unit, UnitQuerySet
from cchc.reporting.access import can_fill_unit_report
from cchc.reporting.filling import FileReading
from cchc.reporting.loading import Config
from cchc.reporting.models import (
    ADHOC_KIND,
    FigureSource,
    Indicator,
    OnestopCode,
    OnestopImport,
    OnestopValue,
    Period,
    PeriodKind,
    Report,
    ReportEvent,
    ReportFile,
    ReportForm,
    ReportValue,
    Status,
    ValidationRule,
)
from cchc.reporting.onestop import ImportPlan, StatsFile, plan_import
from cchc.reporting.periods import due_date, period_code, period_title, previous_period, window
from cchc.reporting.validation import Finding, check_rules, cumulative_findings, missing_items
from cchc.reporting.workflows import EDITABLE, REPORT_WORKFLOW, ReportingError
from cchc.tasks.stats import plan_figures
from cchc.workflow import ConflictError, StatusError, save_new_version


class SaveConflict(ReportingError, ConflictError):
    """Someone saved the report after this copy was opened; nothing was overwritten."""


class NotEditable(ReportingError, StatusError):
    """The report is sent or accepted: its content is not changed."""


class SubmitRefused(ReportingError):
    """Sending refused: the blocking findings, their messages as the error's details."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(
            _(
                "Chưa gửi được: báo cáo còn %(n)d mục trống hoặc chưa hợp lệ (ghi nội dung, số "
                "liệu, hoặc chọn «Không phát sinh»):"
            )
            % {"n": len(findings)},
            [finding.message for finding in findings],
        )
        self.findings = findings


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
            "sections": [
                {"code": str(s["code"]), "title": s["title"], **required_of(s, default=True)}
                for s in data["sections"]
            ],
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
                **required_of(item, default=False),
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


def required_of(item: Mapping[str, Any], *, default: bool) -> dict[str, Any]:
    """The YAML's ``required``: true, false, or the unit kinds it is required of."""
    required = item.get("required", default)
    if isinstance(required, list):
        return {"required": True, "required_kinds": [str(kind) for kind in required]}
    return {"required": bool(required), "required_kinds": []}


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
    return _get_or_create_report(actor, period, unit)


def start_report_for_import(actor: Actor, period: Period, unit: Unit) -> Report:
    """The unit's report, created as a draft (prefilled) if it has none, to import a file
    into: for the unit, or for Sở Nội vụ importing a report the unit sent as a file."""
    require(actor, Perm.VIEW_REPORTS)
    require_object(actor, can_fill_unit_report(actor.user, unit), unit, "can_fill_unit_report")
    return _get_or_create_report(actor, period, unit)


def _get_or_create_report(actor: Actor, period: Period, unit: Unit) -> Report:
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
    *,
    nil_values: Collection[str] = (),
    nil_sections: Collection[str] | None = None,
) -> Report:
    """Save what was typed, unless someone saved since ``version`` was read (SaveConflict).

    Figures are stored even when a rule fails: the officer fixes them before submitting.
    ``nil_values``: figures of ``values`` marked "không phát sinh" (stored as 0, marked);
    ``nil_sections``: the sections so marked (None: as stored). A figure typed over one read
    from a file loses its source.
    """
    require(actor, Perm.EDIT_REPORTS)
    require_object(actor, can_act_for_unit(actor.user, report.unit), report, "can_act_for_unit")
    with transaction.atomic():
        current = REPORT_WORKFLOW.lock(report)
        _editable(current)
        if current.version != version:
            raise SaveConflict(conflict_message(current))
        before = report_state(current)
        indicators = {i.code: i for i in current.period.form.indicators.all()}
        _store_values(current, indicators, values, set(nil_values))
        sections = {s["code"] for s in current.period.form.sections}
        current.narrative = {k: v for k, v in narrative.items() if k in sections}
        if nil_sections is not None:
            current.nil_sections = sorted(set(nil_sections) & sections)
        current.updated_at = timezone.now()
        current.updated_by = actor.user
        save_new_version(current, ["narrative", "nil_sections", "updated_at", "updated_by"])
        record(actor, "report.save", current, before=before, after=report_state(current))
    return current


class Edited(Protocol):
    """A record saved with who and when, as reports and compiled reports are."""

    @property
    def updated_at(self) -> dt.datetime: ...

    @property
    def updated_by(self) -> object: ...


def conflict_message(current: Edited) -> str:
    """Why a stale save is refused: who saved since the page was opened, and when."""
    return _(
        "%(who)s đã lưu báo cáo này lúc %(when)s, sau khi bạn mở nó. Nội dung bạn vừa nhập "
        "chưa được lưu và vẫn còn trên trang: hãy mở bản mới trong thẻ khác, đối chiếu rồi lưu lại."
    ) % {
        "who": current.updated_by or _("Người khác"),
        "when": date_format(timezone.localtime(current.updated_at), "SHORT_DATETIME_FORMAT"),
    }


def _store_values(
    report: Report,
    indicators: Mapping[str, Indicator],
    values: Mapping[str, Decimal | None],
    nil_values: set[str],
) -> None:
    typed = {
        code: Decimal(0) if code in nil_values else value
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
        nil = code in nil_values
        if code not in existing:
            added.append(
                ReportValue(report=report, indicator=indicators[code], value=value, nil=nil)
            )
        elif existing[code].value != value or existing[code].nil != nil:
            existing[code].value = value
            existing[code].nil = nil
            changed.append(existing[code])
    ReportValue.objects.bulk_create(added)
    ReportValue.objects.bulk_update(changed, ["value", "nil"])
    retyped = cleared + [value.indicator.code for value in changed]
    report.figure_sources.filter(indicator__code__in=retyped).delete()
    # A figure changed by hand no longer comes from the one-stop system.
    OnestopValue.objects.filter(value__in=changed).delete()


def report_values(report: Report) -> dict[str, Decimal | None]:
    return dict(report.values.values_list("indicator__code", "value"))


def nil_values_of(report: Report) -> set[str]:
    """The figures marked "không phát sinh"."""
    return set(report.values.filter(nil=True).values_list("indicator__code", flat=True))


def report_state(report: Report) -> dict[str, Any]:
    return {
        "status": report.status,
        "narrative": report.narrative,
        "nil_sections": list(report.nil_sections),
        "values": {code: str(value) for code, value in report_values(report).items()},
        "nil_values": sorted(nil_values_of(report)),
    }


def findings_of(
    report: Report, values: Mapping[str, Decimal | None] | None = None
) -> list[Finding]:
    """What the page shows and sending checks: required items still blank, the form's rules
    (a blank term named), and the cumulative figures against the unit's other periods."""
    form = report.period.form
    kind = report.unit.kind
    indicators = [i for i in form.indicators.all() if i.applies_to(kind)]
    values = report_values(report) if values is None else values
    names = {i.code: i.name for i in indicators}
    return [
        *missing_items(form, kind, report.narrative, report.nil_sections, indicators, values),
        *check_rules(form.rules.all(), values, names=names, reported=names),
        *cumulative_findings(report, indicators, values),
    ]


@dataclass(frozen=True)
class ChangesSinceReturn:
    """What the unit changed after Sở Nội vụ returned the report (with its reason)."""

    returned: ReportEvent
    sections: list[str]
    codes: list[str]

    @property
    def count(self) -> int:
        return len(self.sections) + len(self.codes)


def changes_since_return(report: Report) -> ChangesSinceReturn | None:
    """The sections and figures that differ from the report as it was when last returned
    (None when it was never returned, or returned before snapshots were kept)."""
    returned = report.events.filter(to_status=Status.RETURNED).order_by("-at", "-id").first()
    if returned is None or not returned.snapshot:
        return None
    then, now = returned.snapshot, report_state(report)
    sections = [
        str(s["code"])
        for s in report.period.form.sections
        if then["narrative"].get(s["code"], "") != now["narrative"].get(s["code"], "")
        or (s["code"] in then.get("nil_sections", [])) != (s["code"] in now["nil_sections"])
    ]
    codes = sorted(
        code
        for code in set(then["values"]) | set(now["values"])
        if then["values"].get(code) != now["values"].get(code)
        or (code in then.get("nil_values", [])) != (code in now["nil_values"])
    )
    return ChangesSinceReturn(returned, sections, codes)


def submit_report(actor: Actor, report: Report, *, at: dt.datetime | None = None) -> Report:
    """The unit head sends the report; blocking findings refuse it (SubmitRefused).

    ``at`` is the time of sending when history is brought in from elsewhere (default: now).
    """
    now = at or timezone.now()

    def sent(current: Report) -> list[str]:
        blocking = [f for f in findings_of(current) if f.is_blocking]
        if blocking:
            raise SubmitRefused(blocking)
        current.first_submitted_at = current.first_submitted_at or now
        current.submitted_at = now
        return ["first_submitted_at", "submitted_at"]

    return _step(actor, report, "submit", change=sent, at=now)


def accept_report(actor: Actor, report: Report, *, at: dt.datetime | None = None) -> Report:
    now = at or timezone.now()

    def accepted(current: Report) -> list[str]:
        current.accepted_at = now
        return ["accepted_at"]

    return _step(actor, report, "accept", change=accepted, at=now)


def return_report(
    actor: Actor, report: Report, comment: str, *, at: dt.datetime | None = None
) -> Report:
    """Send a submitted report back to the unit with the reason, for correction."""
    return _step(actor, report, "return", note=comment, change=_unaccepted, at=at)


def reopen_report(actor: Actor, report: Report, comment: str) -> Report:
    """Unlock an accepted report so the unit can correct it."""
    return _step(actor, report, "reopen", note=comment, change=_unaccepted)


def _unaccepted(current: Report) -> list[str]:
    current.accepted_at = None
    return ["accepted_at"]


def _step(
    actor: Actor,
    report: Report,
    name: str,
    *,
    change: Callable[[Report], list[str]],
    note: str = "",
    at: dt.datetime | None = None,
) -> Report:
    """Take a step of ``REPORT_WORKFLOW``: its event keeps the report's content as it was
    then (``report_state``, read on the locked row)."""
    event: dict[str, Any] = {}

    def changed(current: Report) -> list[str]:
        fields = change(current)
        target = REPORT_WORKFLOW.transition(name).target
        # Filled here, on the locked row; the kernel writes the event after this returns.
        event["snapshot"] = {**report_state(current), "status": target}
        return fields

    return REPORT_WORKFLOW.step(
        actor, report, name, note=note, change=changed, event=event, at=at
    ).obj


def _editable(report: Report) -> None:
    """Refuse a change to the content of a report the unit no longer edits."""
    if report.status not in EDITABLE:
        raise NotEditable(
            _("Báo cáo đang ở trạng thái «%(status)s», không sửa được.")
            % {"status": report.get_status_display()}
        )


@dataclass
class Filled:
    """What a file filled in a report: sections and figures, and those it left as typed."""

    file: ReportFile
    sections: list[str]
    figures: list[str]
    kept_sections: list[str]
    kept_figures: list[str]


def fill_from_file(
    actor: Actor,
    report: Report,
    reading: FileReading,
    *,
    upload: File[Any] | None = None,
    stored_name: str = "",
    sections: Collection[str] = (),
    overwrite: Collection[str] = (),
    document: Document | None = None,
) -> Filled:
    """Fill the report from a file read by ``cchc.reporting.filling``: the figures it gives
    (each with its source, marked until confirmed) and the narrative of ``sections``. What is
    already typed is kept unless its code (a section's or an indicator's) is in ``overwrite``.
    The file is kept with the report (``upload``, or an already stored ``stored_name``);
    ``document``: the register's entry when the officer chose to register it."""
    require(actor, Perm.VIEW_REPORTS)
    require_object(
        actor, can_fill_unit_report(actor.user, report.unit), report, "can_fill_unit_report"
    )
    with transaction.atomic():
        current = REPORT_WORKFLOW.lock(report)
        _editable(current)
        before = report_state(current)
        kept_file = ReportFile(
            report=current, name=reading.name, uploaded_by=actor.user, document=document
        )
        if upload is not None:
            kept_file.file.save(reading.name or "bao-cao", upload, save=False)
        else:
            kept_file.file.name = stored_name
        kept_file.save()
        indicators = {
            i.code: i
            for i in current.period.form.indicators.all()
            if not i.is_computed and i.applies_to(report.unit.kind)
        }
        typed = {v.indicator.code: v for v in current.values.select_related("indicator")}
        filled_figures, kept_figures = [], []
        for code, figure in reading.figures.items():
            if code not in indicators:
                continue
            existing = typed.get(code)
            if existing is not None and code not in overwrite:
                if existing.value != figure.value:
                    kept_figures.append(code)
                continue
            if existing is None:
                ReportValue.objects.create(
                    report=current, indicator=indicators[code], value=figure.value
                )
            else:
                existing.value, existing.nil = figure.value, False
                existing.save(update_fields=["value", "nil"])
            FigureSource.objects.update_or_create(
                report=current,
                indicator=indicators[code],
                defaults={
                    "value": figure.value,
                    "source_text": figure.text,
                    "source_kind": figure.kind,
                    "file": kept_file,
                    "file_name": reading.name,
                    "alternatives": figure.alternatives,
                    "read_at": timezone.now(),
                    "confirmed_at": None,
                    "confirmed_by": None,
                },
            )
            filled_figures.append(code)
        narrative = dict(current.narrative)
        filled_sections, kept_sections = [], []
        for code in sections:
            text = reading.split.texts.get(code, "").strip()
            if not text:
                continue
            if narrative.get(code, "").strip() and code not in overwrite:
                if narrative[code].strip() != text:
                    kept_sections.append(code)
                continue
            narrative[code] = text
            filled_sections.append(code)
        current.narrative = narrative
        current.nil_sections = [c for c in current.nil_sections if c not in filled_sections]
        current.updated_at = timezone.now()
        current.updated_by = actor.user
        save_new_version(current, ["narrative", "nil_sections", "updated_at", "updated_by"])
        record(
            actor,
            "report.fill_from_file",
            current,
            before=before,
            after=report_state(current),
            note=reading.name,
        )
    return Filled(kept_file, filled_sections, filled_figures, kept_sections, kept_figures)


def confirm_figure(actor: Actor, report: Report, code: str) -> FigureSource:
    """A person confirms a figure read from a file: the page stops marking it."""
    require(actor, Perm.VIEW_REPORTS)
    require_object(
        actor, can_fill_unit_report(actor.user, report.unit), report, "can_fill_unit_report"
    )
    with transaction.atomic():
        source = (
            FigureSource.objects.select_for_update()
            .filter(report=report, indicator__code=code)
            .first()
        )
        if source is None:
            raise ReportingError(_("Số liệu này không đọc từ tệp, không cần xác nhận."))
        source.confirmed_at = timezone.now()
        source.confirmed_by = actor.user
        source.save(update_fields=["confirmed_at", "confirmed_by"])
        record(actor, "report.confirm_figure", report, note=code)
    return source


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
            report = REPORT_WORKFLOW.lock(report)
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
            save_new_version(report, ["updated_at", "updated_by"])
            record(
                actor,
                "report.onestop",
                report,
                before=before,
                after={code: str(amount) for code, amount in figures.items()},
                note=_("%(file)s, dòng %(line)d")
                % {"file": stats.name, "line": unit_plan.row.line},
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
