"""Writing checked framework files (``cchc.scoring.config``) to the database.

The file is the source: loading makes the framework and its criteria match it (created or
updated by year and kind, and by code), and deletes the criteria no longer in it. What units
have already scored is protected: a criterion with scores is not deleted, and one with scores
already sent for appraisal keeps its maximum, its method and its being a leaf. A published
framework is not changed at all. Any refusal leaves every file unloaded.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cchc.access import Perm, require
from cchc.audit.log import Actor, record
from cchc.orgs.models import Kind
from cchc.scoring.config import CriterionSpec, FrameworkSpec, node_label, points_text
from cchc.scoring.models import Criterion, Framework, ItemScore, Method, Status

FRAMEWORK_FIELDS = (
    "title",
    "unit_kinds",
    "survey_conducted",
    "self_assessment_due",
    "answer_due",
)
CRITERION_FIELDS = (
    "text",
    "max_points",
    "is_leaf",
    "method",
    "levels",
    "rule",
    "evidence_required",
    "unit_kinds",
    "position",
)
# Changing these under scores already sent would change what was appraised.
GUARDED = {"max_points", "is_leaf", "method"}


class LoadRefused(Exception):
    """A change to a framework that must not be made; ``problems`` say why, in Vietnamese."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Loaded:
    framework: Framework
    source: str
    framework_created: bool
    created: list[str]
    updated: list[str]
    deleted: list[str]

    @property
    def changed(self) -> bool:
        return self.framework_created or bool(self.created or self.updated or self.deleted)


def load_frameworks(actor: Actor, frameworks: Sequence[FrameworkSpec]) -> list[Loaded]:
    """Create or update each framework from its checked file, all or nothing (LoadRefused)."""
    require(actor, Perm.APPRAISE)
    problems: list[str] = []
    with transaction.atomic():
        loaded = [_load(actor, spec, problems) for spec in frameworks]
        if problems:
            raise LoadRefused(problems)
    return loaded


def framework_name(spec: FrameworkSpec) -> str:
    return f"{spec.source} ({Kind(spec.unit_kind).label.lower()}, năm {spec.year})"


def _framework_values(spec: FrameworkSpec) -> dict[str, Any]:
    return {name: getattr(spec, name) for name in FRAMEWORK_FIELDS}


def _criterion_values(spec: CriterionSpec, position: int) -> dict[str, Any]:
    return {
        "text": spec.text,
        "max_points": spec.max_points,
        "is_leaf": spec.is_leaf,
        "method": spec.method if spec.is_leaf else Method.SELF,
        "levels": spec.levels,
        "rule": spec.rule,
        "evidence_required": spec.evidence_required,
        "unit_kinds": spec.unit_kinds,
        "position": position,
    }


def _state(framework: Framework) -> dict[str, Any]:
    return {name: getattr(framework, name) for name in FRAMEWORK_FIELDS}


def _load(actor: Actor, spec: FrameworkSpec, problems: list[str]) -> Loaded:
    values = _framework_values(spec)
    framework = Framework.objects.filter(year=spec.year, unit_kind=spec.unit_kind).first()
    created = framework is None
    before = None if framework is None else _state(framework)
    if framework is None:
        framework = Framework.objects.create(year=spec.year, unit_kind=spec.unit_kind, **values)
    changed_fields = [name for name, value in values.items() if getattr(framework, name) != value]
    for name in changed_fields:
        setattr(framework, name, values[name])
    plan = _plan(framework, spec)
    if framework.is_published and (changed_fields or plan.changes):
        problems.append(
            f"{framework_name(spec)}: kết quả đã được công bố; không thay đổi bộ chỉ số được."
        )
    problems.extend(f"{framework_name(spec)}, {p}" for p in plan.problems)
    if problems:
        return Loaded(framework, spec.source, created, [], [], [])
    if changed_fields:
        framework.save(update_fields=changed_fields)
    _apply(framework, spec, plan)
    result = Loaded(framework, spec.source, created, plan.created, plan.updated, plan.deleted)
    if result.changed or changed_fields:
        record(
            actor,
            "scoring.load_framework",
            framework,
            before=before,
            after={
                **_state(framework),
                "criteria_created": plan.created,
                "criteria_updated": plan.updated,
                "criteria_deleted": plan.deleted,
            },
            note=spec.source,
        )
    return result


@dataclass
class _Plan:
    created: list[str]
    updated: list[str]
    deleted: list[str]
    problems: list[str]
    existing: dict[str, Criterion]

    @property
    def changes(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def _plan(framework: Framework, spec: FrameworkSpec) -> _Plan:
    """What loading ``spec`` would change, and what it may not."""
    existing = {c.code: c for c in framework.criteria.all()} if framework.pk else {}
    scores = ItemScore.objects.filter(criterion__framework=framework)
    scored = Counter(scores.values_list("criterion__code", flat=True))
    sent = Counter(
        scores.exclude(assessment__status=Status.DRAFT).values_list("criterion__code", flat=True)
    )
    plan = _Plan([], [], [], [], existing)
    for position, item in enumerate(spec.criteria):
        current = existing.get(item.code)
        if current is None:
            plan.created.append(item.code)
            continue
        values = _criterion_values(item, position)
        differs = {name for name in CRITERION_FIELDS if getattr(current, name) != values[name]}
        if current.parent_id != _parent_id(existing, item):
            differs.add("parent")
        if differs:
            plan.updated.append(item.code)
        if differs & GUARDED and sent[item.code]:
            plan.problems.append(_guarded_problem(current, item, differs, sent[item.code]))
    in_file = {item.code for item in spec.criteria}
    for code in existing:
        if code in in_file:
            continue
        plan.deleted.append(code)
        if scored[code]:
            plan.problems.append(
                f"{node_label(code)}: đã có điểm của {scored[code]} đơn vị; không xóa được. "
                "Giữ tiêu chí trong tệp (có thể đổi nội dung) hoặc xóa điểm trước."
            )
    return plan


def _parent_id(existing: dict[str, Criterion], item: CriterionSpec) -> int | None:
    parent = existing.get(item.parent_code) if item.parent_code else None
    return parent.pk if parent is not None else None


def _guarded_problem(current: Criterion, item: CriterionSpec, differs: set[str], units: int) -> str:
    changes = []
    if "max_points" in differs:
        changes.append(
            f"điểm tối đa {points_text(current.max_points)} → {points_text(item.max_points)}"
        )
    if "method" in differs:
        changes.append(
            f"cách chấm «{Method(current.method).label}» → «{Method(item.method).label}»"
        )
    if "is_leaf" in differs:
        changes.append("thêm hoặc bỏ các tiêu chí thành phần")
    return (
        f"{node_label(current.code)}: {units} đơn vị đã gửi điểm tự đánh giá; không đổi được "
        f"{', '.join(changes)}."
    )


def _apply(framework: Framework, spec: FrameworkSpec, plan: _Plan) -> None:
    by_code = dict(plan.existing)
    for position, item in enumerate(spec.criteria):
        values = _criterion_values(item, position)
        parent = by_code[item.parent_code] if item.parent_code else None
        current = by_code.get(item.code)
        if current is None:
            by_code[item.code] = Criterion.objects.create(
                framework=framework, code=item.code, parent=parent, **values
            )
            continue
        if item.code not in plan.updated:
            continue
        for name, value in values.items():
            setattr(current, name, value)
        current.parent = parent
        current.save(update_fields=[*CRITERION_FIELDS, "parent"])
    if plan.deleted:
        framework.criteria.filter(code__in=plan.deleted).delete()


def set_deadlines(
    actor: Actor, framework: Framework, self_assessment_due: dt.date, answer_due: dt.date
) -> Framework:
    """Move the framework's deadlines (sending the self-assessment, answering the appraisal),
    e.g. when UBND tỉnh extends them. Refused for published results and when the answers
    would be due before the self-assessments."""
    require(actor, Perm.APPRAISE)
    if answer_due <= self_assessment_due:
        raise LoadRefused([_("Hạn giải trình phải sau hạn gửi tự đánh giá.")])
    with transaction.atomic():
        framework = Framework.objects.select_for_update().get(pk=framework.pk)
        if framework.is_published:
            raise LoadRefused([_("Kết quả đã được công bố; không đổi thời hạn được.")])
        before = _state(framework)
        framework.self_assessment_due = self_assessment_due
        framework.answer_due = answer_due
        framework.save(update_fields=["self_assessment_due", "answer_due"])
        record(actor, "scoring.deadlines", framework, before=before, after=_state(framework))
    return framework
