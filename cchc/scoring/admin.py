"""The PAR Index in the admin, every write audited (``AuditedAdmin``).

Frameworks and their criteria are data a province edits here or in the YAML files
(``load_scoring_config``): the text, points, levels and rules of a criterion; the tree itself
(codes, parents, leaves) changes only through the files, which check it whole. A criterion
whose scores were already sent keeps its maximum and method, and a published framework is
read-only. Assessments and their item scores move through their workflow
(``cchc.scoring.actions``): here they are read, and only the texts of an item can be corrected.
National indices are recorded on their page or here.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.audit.admin import AuditedAdmin, ReadOnlyAdmin, ReadOnlyInline
from cchc.orgs.admin import UnitKindsAdminMixin
from cchc.scoring.loading import leaf_problems, tree_problems
from cchc.scoring.models import (
    Assessment,
    Criterion,
    Framework,
    ItemScore,
    Method,
    NationalIndex,
    Status,
)
from cchc.scoring.points import stored_points

TREE_FIELDS = ("code", "text", "max_points", "is_leaf", "method", "evidence_required")
ITEM_FIELDS = (
    "criterion",
    "not_applicable",
    "self_score",
    "appraised_score",
    "deduction_reason",
    "answer",
)


def framework_problems(framework: Framework) -> list[str]:
    rows = [
        (c.code, c.parent.code if c.parent else None, c.max_points, c.is_leaf)
        for c in framework.criteria.select_related("parent")
    ]
    return tree_problems(rows)


class CriterionInline(ReadOnlyInline):
    """The tree at a glance; each criterion is edited on its own page."""

    model = Criterion
    show_change_link = True
    fields = readonly_fields = TREE_FIELDS


@admin.register(Framework)
class FrameworkAdmin(UnitKindsAdminMixin, AuditedAdmin[Framework]):
    list_display = [
        "title",
        "year_text",
        "unit_kind",
        "survey_conducted",
        "self_assessment_due",
        "answer_due",
        "published_at",
        "tree_check",
    ]
    list_filter = ["year", "unit_kind"]
    search_fields = ["title"]
    readonly_fields = ["year_text", "unit_kind", "published_at", "decision", "tree_check"]
    fields = [
        "year_text",
        "unit_kind",
        "title",
        "unit_kinds",
        "survey_conducted",
        "self_assessment_due",
        "answer_due",
        "published_at",
        "decision",
        "tree_check",
    ]
    inlines = [CriterionInline]

    @admin.display(description=gettext_lazy("kiểm tra tổng điểm"))
    def tree_check(self, obj: Framework) -> str:
        problems = framework_problems(obj)
        return " ".join(problems) if problems else _("Đúng: các lĩnh vực cộng lại 100 điểm.")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A framework comes with its whole tree, from a file (load_scoring_config).
        return False

    def has_change_permission(self, request: HttpRequest, obj: Framework | None = None) -> bool:
        return obj is None or not obj.is_published


class CriterionForm(forms.ModelForm[Criterion]):
    class Meta:
        model = Criterion
        fields = [
            "text",
            "max_points",
            "method",
            "levels",
            "rule",
            "evidence_required",
            "unit_kinds",
            "position",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        criterion = self.instance
        if self.errors:
            return data
        sent = (
            ItemScore.objects.filter(criterion=criterion)
            .exclude(assessment__status=Status.DRAFT)
            .exists()
        )
        guarded = [n for n in ("max_points", "method") if data[n] != getattr(criterion, n)]
        if sent and guarded:
            for name in guarded:
                self.add_error(
                    name,
                    _("Đơn vị đã gửi điểm tự đánh giá cho tiêu chí này; không đổi được."),
                )
            return data
        if criterion.is_leaf:
            for problem in leaf_problems(
                self._as_file_node(data), criterion.framework.assessed_kinds
            ):
                self.add_error(None, problem)
        elif data["method"] != Method.SELF or data["levels"] or data["rule"]:
            self.add_error(
                None, _("Chỉ tiêu chí chấm điểm (không có mục con) mới có mức điểm, quy tắc.")
            )
        return data

    def _as_file_node(self, data: dict[str, Any]) -> dict[str, Any]:
        """The leaf as a framework file writes it, to check it by the same rules."""
        rule = dict(data["rule"] or {})
        node: dict[str, Any] = {
            "code": self.instance.code,
            "text": data["text"],
            "max": stored_points(data["max_points"]),
            "method": data["method"],
            "evidence_required": data["evidence_required"],
        }
        if data["levels"]:
            node["levels"] = data["levels"]
        if "not_applicable_if" in rule:
            node["not_applicable_if"] = rule.pop("not_applicable_if")
        if rule:
            node["rule"] = rule
        if data["unit_kinds"]:
            node["unit_kinds"] = data["unit_kinds"]
        return node


@admin.register(Criterion)
class CriterionAdmin(UnitKindsAdminMixin, AuditedAdmin[Criterion]):
    form = CriterionForm
    list_display = ["code", "text", "max_points", "is_leaf", "method", "framework"]
    list_filter = ["framework", "method", "is_leaf"]
    search_fields = ["code", "text"]
    list_select_related = ["framework"]
    readonly_fields = ["framework", "code", "parent", "is_leaf"]
    fields = [
        "framework",
        "code",
        "parent",
        "is_leaf",
        "text",
        "max_points",
        "method",
        "levels",
        "rule",
        "evidence_required",
        "unit_kinds",
        "position",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Criterion]:
        return super().get_queryset(request).order_by("framework", "position")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Criterion | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Criterion | None = None) -> bool:
        return obj is None or not obj.framework.is_published

    def save_model(self, request: HttpRequest, obj: Criterion, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        for problem in framework_problems(obj.framework):
            messages.warning(request, f"{obj.framework.title}: {problem}")


class ItemScoreInline(ReadOnlyInline):
    model = ItemScore
    show_change_link = True
    fields = readonly_fields = ITEM_FIELDS

    def get_queryset(self, request: HttpRequest) -> QuerySet[ItemScore]:
        return super().get_queryset(request).select_related("criterion")


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin, AuditedAdmin[Assessment]):
    list_display = ["unit", "framework", "status", "submitted_at", "appraised_at", "finalised_at"]
    list_filter = ["framework", "status"]
    search_fields = ["unit__name", "unit__code"]
    list_select_related = ["unit", "framework"]
    inlines = [ItemScoreInline]


@admin.register(ItemScore)
class ItemScoreAdmin(AuditedAdmin[ItemScore]):
    """Corrections of wording only (a typo in a reason); scores change through the workflow."""

    list_display = ["criterion", "assessment", "self_score", "appraised_score", "not_applicable"]
    list_filter = ["assessment__framework", "assessment__status"]
    search_fields = ["assessment__unit__name", "criterion__code"]
    list_select_related = ["criterion", "assessment__unit", "assessment__framework"]
    fields = [
        "assessment",
        "criterion",
        "not_applicable",
        "self_score",
        "explanation",
        "appraised_score",
        "deduction_reason",
        "answer",
        "appraised_at",
        "answered_at",
        "remediation_task",
    ]
    readonly_fields = [
        "assessment",
        "criterion",
        "not_applicable",
        "self_score",
        "appraised_score",
        "appraised_at",
        "answered_at",
        "remediation_task",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ItemScore, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Someone may have the assessment open: their next save must see it changed.
        Assessment.objects.filter(pk=obj.assessment_id).update(version=F("version") + 1)


@admin.register(NationalIndex)
class NationalIndexAdmin(AuditedAdmin[NationalIndex]):
    list_display = ["index", "year_text", "score", "rank", "ranked_of", "note"]
    list_filter = ["index"]
    ordering = ["index", "-year"]
