"""Reporting configuration in the admin (audited like every admin write), and reports read-only.

Forms, indicators, rules and period kinds are data a province edits here or in the YAML files.
Periods are opened by ``open_periods`` and the ad hoc request page, and reports move only
through their workflow (``cchc.reporting.actions``), so neither can be added here.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.audit import events
from cchc.audit.admin import AuditedAdmin, ReadOnlyAdmin, ReadOnlyInline
from cchc.orgs.admin import UnitKindsAdminMixin
from cchc.reporting.models import (
    Indicator,
    OnestopCode,
    Period,
    PeriodKind,
    Report,
    ReportEvent,
    ReportForm,
    ReportValue,
    ValidationRule,
)
from cchc.reporting.rules import RuleSyntaxError, parse_check
from cchc.reporting.workflows import REPORT_WORKFLOW


class IndicatorInline(UnitKindsAdminMixin, admin.TabularInline[Indicator, ReportForm]):
    model = Indicator
    extra = 0
    fields = [
        "position",
        "code",
        "section",
        "name",
        "unit_of_measure",
        "value_type",
        "aggregation",
        "weight_code",
        "numerator_codes",
        "denominator_codes",
        "unit_kinds",
        "carry_over",
        "required",
        "required_kinds",
    ]


class ValidationRuleForm(forms.ModelForm[ValidationRule]):
    class Meta:
        model = ValidationRule
        fields = ["code", "condition", "severity", "message"]

    def clean_condition(self) -> str:
        condition: str = self.cleaned_data["condition"]
        try:
            parse_check(condition)
        except RuleSyntaxError as e:
            raise forms.ValidationError(
                _("Điều kiện không đọc được: %(error)s") % {"error": e}
            ) from e
        return condition


class ValidationRuleInline(admin.TabularInline[ValidationRule, ReportForm]):
    model = ValidationRule
    form = ValidationRuleForm
    extra = 0


@admin.register(ReportForm)
class ReportFormAdmin(UnitKindsAdminMixin, AuditedAdmin[ReportForm]):
    list_display = ["title", "code", "version", "is_adhoc"]
    list_filter = ["is_adhoc"]
    search_fields = ["code", "title"]
    inlines = [IndicatorInline, ValidationRuleInline]

    def audit_state(self, obj: ReportForm) -> dict[str, Any]:
        # The indicators and rules are edited on the same page: keep them in the audit entry.
        state = super().audit_state(obj)
        state["indicators"] = [
            [i.code, i.section, i.name, i.value_type, i.aggregation] for i in obj.indicators.all()
        ]
        state["rules"] = [[r.code, r.condition, r.severity, r.message] for r in obj.rules.all()]
        return state


@admin.register(PeriodKind)
class PeriodKindAdmin(AuditedAdmin[PeriodKind]):
    list_display = ["title", "code", "start_day", "start_month", "end_day", "end_month", "due_days"]


@admin.register(OnestopCode)
class OnestopCodeAdmin(AuditedAdmin[OnestopCode]):
    """The units' codes on the one-stop system (config/onestop.yaml), for ``import_tthc_stats``."""

    list_display = ["code", "unit"]
    search_fields = ["code", "unit__name", "unit__code"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit"]


@admin.register(Period)
class PeriodAdmin(AuditedAdmin[Period]):
    list_display = ["title", "code", "start", "end", "due_date", "form"]
    list_filter = ["kind", "year"]
    search_fields = ["code", "title"]
    list_select_related = ["form"]
    readonly_fields = ["code", "kind", "year_text", "form", "requested_by"]
    fields = [
        "code",
        "kind",
        "year_text",
        "title",
        "start",
        "end",
        "due_date",
        "form",
        "requested_by",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class ReportValueInline(ReadOnlyInline):
    model = ReportValue
    fields = ["indicator", "value"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReportValue]:
        # Each row shows its indicator's name: one query for all of them, not one a row.
        return super().get_queryset(request).select_related("indicator")


class ReportEventInline(ReadOnlyInline):
    model = ReportEvent
    fields = readonly_fields = ("at", "step", "who", "statuses", "note")

    @admin.display(description=gettext_lazy("việc"))
    def step(self, event: ReportEvent) -> str:
        return REPORT_WORKFLOW.label(event.kind)

    @admin.display(description=gettext_lazy("người thực hiện"))
    def who(self, event: ReportEvent) -> str:
        return str(event.actor) if event.actor else events.actor_label(event.actor_label)

    @admin.display(description=gettext_lazy("trạng thái"))
    def statuses(self, event: ReportEvent) -> str:
        before = REPORT_WORKFLOW.status_label(event.from_status)
        return f"{before} → {REPORT_WORKFLOW.status_label(event.to_status)}"


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin, AuditedAdmin[Report]):
    list_display = ["unit", "period", "status", "first_submitted_at", "updated_at"]
    list_filter = ["status", "period"]
    search_fields = ["unit__name", "unit__code", "period__code"]
    list_select_related = ["unit", "period"]
    inlines = [ReportValueInline, ReportEventInline]
