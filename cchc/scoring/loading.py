"""The scoring frameworks' configuration: reading and checking the YAML files, then writing
them to the database (``load_frameworks``).

One file per year and kind of unit, named ``KIND-YEAR.yaml`` (``department-2024.yaml``)::

    year: 2024
    unit_kind: department
    unit_kinds: [department, office]      # assessed and ranked together (default: unit_kind)
    title: Bộ Chỉ số cải cách hành chính …
    self_assessment_due: 2025-01-10
    answer_due: 2025-02-20
    survey_conducted: true
    areas:
      - code: "1"                         # codes are quoted: 1.10 is not 1.1
        text: Công tác chỉ đạo, điều hành cải cách hành chính
        max: 10
        criteria:                         # criteria, and below them sub-criteria
          - code: "1.1"
            text: …
            max: 0.5
            levels:                       # a leaf's allowed scores; none: any from 0 to max
              - {label: "Ban hành đúng thời hạn", points: 0.5}
              - {label: "Ban hành chậm hoặc không ban hành", points: 0}
            evidence_required: true
            method: self                  # self (default), computed or survey
            not_applicable_if: …          # when a unit may mark the leaf not applicable
            unit_kinds: [department]      # only these kinds (default: every assessed kind)
          - code: "1.2"
            method: computed
            rule: {source: reports_on_time, bands: [{min: 100, points: 1}, {min: 0, points: 0}]}

Every error names the file and the criterion, in Vietnamese; all errors are collected.

Then the file is the source: loading makes the framework and its criteria match it (created or
updated by year and kind, and by code), and deletes the criteria no longer in it. What units
have already scored is protected: a criterion with scores is not deleted, and one with scores
already sent for appraisal keeps its maximum, its method and its being a leaf. A published
framework is not changed at all. Any refusal leaves every file unloaded.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.access import Perm, require
from cchc.audit.log import Actor, record
from cchc.orgs.models import Kind
from cchc.scoring.models import Criterion, Framework, ItemScore, Method, Status
from cchc.scoring.points import points_text, stored_points

CONFIG_DIR = Path(__file__).resolve().parent / "config"
# cchc.orgs.models.Kind and cchc.scoring.models.Method (a test keeps them equal); written here
# so that checking a file needs no Django.
UNIT_KINDS = ("province", "office", "department", "district", "commune")
METHODS = ("self", "computed", "survey")
# The sources of cchc.scoring.rules (a test keeps them equal).
RULE_SOURCES = ("reports_on_time", "tasks_on_time")
HUNDRED = Decimal(100)
MAX_DEPTH = 3
FILE_NAME = re.compile(r"^(?P<kind>[a-z]+)-(?P<year>\d{4})\.yaml$")
NODE_KEYS = {
    "code",
    "text",
    "max",
    "criteria",
    "levels",
    "evidence_required",
    "method",
    "rule",
    "not_applicable_if",
    "unit_kinds",
}


class ConfigError(ValueError):
    """The configuration is wrong; ``errors`` say where, in Vietnamese."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class CriterionSpec:
    """One node of the tree, checked; ``levels`` and ``rule`` hold points as strings ("0.5")."""

    code: str
    text: str
    max_points: Decimal
    parent_code: str | None
    is_leaf: bool
    method: str = "self"
    levels: list[dict[str, str]] = field(default_factory=list)
    rule: dict[str, Any] = field(default_factory=dict)
    evidence_required: bool = False
    unit_kinds: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FrameworkSpec:
    """A checked framework file; ``criteria`` in file order, every parent before its children."""

    source: str  # the file name, for messages
    year: int
    unit_kind: str
    title: str
    unit_kinds: list[str]
    survey_conducted: bool
    self_assessment_due: dt.date | None
    answer_due: dt.date | None
    criteria: list[CriterionSpec]

    @property
    def leaves(self) -> list[CriterionSpec]:
        return [c for c in self.criteria if c.is_leaf]


def framework_files(directory: Path = CONFIG_DIR) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


def read_frameworks(paths: list[Path] | None = None) -> list[FrameworkSpec]:
    """Read and check the files (default: every file in ``CONFIG_DIR``); ConfigError lists
    every problem found in any of them, and then nothing is returned."""
    errors: list[str] = []
    specs = []
    for path in framework_files() if paths is None else paths:
        spec = _read(path, errors)
        if spec is not None:
            specs.append(spec)
    seen: dict[tuple[int, str], str] = {}
    for spec in specs:
        key = (spec.year, spec.unit_kind)
        if key in seen:
            errors.append(
                f"{spec.source}: trùng năm {spec.year} và loại đơn vị «{spec.unit_kind}» "
                f"với {seen[key]}."
            )
        seen.setdefault(key, spec.source)
    if errors:
        raise ConfigError(errors)
    return specs


def read_framework(path: Path) -> FrameworkSpec:
    return read_frameworks([path])[0]


def _read(path: Path, errors: list[str]) -> FrameworkSpec | None:
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        errors.append(f"{name}: không đọc được ({e}).")
        return None
    if not isinstance(data, dict):
        errors.append(f"{name}: nội dung phải là một bảng khóa–giá trị.")
        return None
    before = len(errors)
    checker = _Checker(name, errors)
    spec = checker.framework(data)
    return spec if len(errors) == before else None


class _Checker:
    def __init__(self, source: str, errors: list[str]) -> None:
        self.source = source
        self.errors = errors
        self.codes: set[str] = set()
        self.kinds: list[str] = []
        self.criteria: list[CriterionSpec] = []

    def error(self, message: str, node: str | None = None) -> None:
        where = ", ".join(part for part in (self.source, node) if part)
        self.errors.append(f"{where}: {message}")

    def framework(self, data: dict[str, Any]) -> FrameworkSpec | None:
        year, unit_kind = data.get("year"), data.get("unit_kind")
        if not isinstance(year, int) or not 2000 <= year <= 2100:
            self.error("«year» phải là một năm (ví dụ 2024).")
        if unit_kind not in UNIT_KINDS:
            self.error(f"«unit_kind» phải là một trong {', '.join(UNIT_KINDS)}.")
        match = FILE_NAME.match(self.source)
        if match and (match["kind"], match["year"]) != (unit_kind, str(year)):
            self.error(
                f"tên tệp không khớp nội dung (year {year}, unit_kind {unit_kind}); "
                f"tệp phải tên {unit_kind}-{year}.yaml."
            )
        elif not match:
            self.error("tên tệp phải có dạng LOẠI-NĂM.yaml, ví dụ department-2024.yaml.")
        title = data.get("title")
        if not isinstance(title, str) or not title.strip():
            self.error("thiếu «title» (tên bộ chỉ số).")
        self.kinds = self._kinds(data.get("unit_kinds"), None) or [str(unit_kind)]
        if unit_kind not in self.kinds:
            self.error(f"«unit_kinds» phải gồm cả «{unit_kind}».")
        survey = data.get("survey_conducted", True)
        if not isinstance(survey, bool):
            self.error("«survey_conducted» phải là true hoặc false.")
        due = self._date(data, "self_assessment_due")
        answer_due = self._date(data, "answer_due")
        if due and answer_due and answer_due <= due:
            self.error("«answer_due» phải sau «self_assessment_due».")
        areas = data.get("areas")
        if not isinstance(areas, list) or not areas:
            self.error("thiếu «areas» (danh sách lĩnh vực).")
            return None
        total = self._children(areas, None)
        if total != HUNDRED:
            self.error(f"tổng điểm tối đa các lĩnh vực {points_text(total)} khác 100.")
        if not any(c.method == "survey" for c in self.criteria):
            self.error("không có tiêu chí nào chấm qua điều tra xã hội học (method: survey).")
        if not isinstance(year, int) or not isinstance(title, str):
            return None
        return FrameworkSpec(
            source=self.source,
            year=year,
            unit_kind=str(unit_kind),
            title=title.strip(),
            unit_kinds=self.kinds if data.get("unit_kinds") else [],
            survey_conducted=bool(survey),
            self_assessment_due=due,
            answer_due=answer_due,
            criteria=self.criteria,
        )

    def _date(self, data: dict[str, Any], key: str) -> dt.date | None:
        value = data.get(key)
        if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
            return value
        self.error(f"«{key}» phải là một ngày dạng YYYY-MM-DD.")
        return None

    def _kinds(self, value: Any, node: str | None) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(kind in UNIT_KINDS for kind in value):
            self.error(f"«unit_kinds» chỉ gồm các loại: {', '.join(UNIT_KINDS)}.", node)
            return []
        return [str(kind) for kind in value]

    def _children(self, nodes: list[Any], parent: str | None) -> Decimal:
        """Check each node and return the sum of their maxima."""
        total = Decimal(0)
        for index, node in enumerate(nodes, start=1):
            if not isinstance(node, dict):
                where = (
                    f"mục thứ {index} của {node_label(parent)}" if parent else f"lĩnh vực {index}"
                )
                self.error("phải là một bảng khóa–giá trị (code, text, max…).", where)
                continue
            total += self._node(node, parent)
        return total

    def _node(self, node: dict[str, Any], parent: str | None) -> Decimal:
        code = self._code(node.get("code"), parent)
        label = node_label(code)
        unknown = sorted(set(node) - NODE_KEYS)
        if unknown:
            self.error(f"khóa không dùng được: {', '.join(unknown)}.", label)
        text = node.get("text")
        if not isinstance(text, str) or not text.strip():
            self.error("thiếu nội dung («text»).", label)
            text = ""
        maximum = self._points(node.get("max"), "điểm tối đa («max»)", label)
        children = node.get("criteria")
        is_leaf = children is None
        if is_leaf:
            self.criteria.append(self._leaf(node, code, text.strip(), maximum, parent))
            return maximum
        self.criteria.append(CriterionSpec(code, text.strip(), maximum, parent, is_leaf=False))
        for key in ("levels", "rule", "method", "not_applicable_if", "evidence_required"):
            if key in node:
                self.error(f"«{key}» chỉ dùng cho tiêu chí chấm điểm (không có mục con).", label)
        if code.count(".") + 1 >= MAX_DEPTH:
            self.error("tiêu chí thành phần không được có mục con.", label)
        if not isinstance(children, list) or not children:
            self.error("«criteria» phải là danh sách các mục con.", label)
            return maximum
        total = self._children(children, code)
        if total != maximum:
            self.error(
                f"tổng điểm {_children_label(code)} {points_text(total)} khác điểm tối đa "
                f"{points_text(maximum)}.",
                label,
            )
        return maximum

    def _code(self, value: Any, parent: str | None) -> str:
        if not isinstance(value, str):
            where = f"mã {value!r}" if value is not None else f"một mục của {node_label(parent)}"
            self.error('mã («code») phải là chuỗi trong ngoặc kép, ví dụ "1.2".', where)
            return str(value)
        expected = rf"^{re.escape(parent)}\.[1-9]\d*$" if parent else r"^[1-9]\d*$"
        if not re.match(expected, value):
            should = f"{parent}.N" if parent else "một số (1, 2, …)"
            self.error(
                f"mã phải có dạng {should} (nằm dưới {node_label(parent)}).", node_label(value)
            )
        elif value in self.codes:
            self.error("mã bị trùng.", node_label(value))
        self.codes.add(value)
        return value

    def _points(self, value: Any, what: str, label: str) -> Decimal:
        try:
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                raise InvalidOperation
            points = Decimal(str(value))
        except InvalidOperation:
            self.error(f"{what} phải là một số.", label)
            return Decimal(0)
        if not points.is_finite() or points < 0 or points != points.quantize(Decimal("0.01")):
            self.error(f"{what} phải là số không âm, tối đa hai chữ số thập phân.", label)
            return Decimal(0)
        return points

    def _leaf(
        self, node: dict[str, Any], code: str, text: str, maximum: Decimal, parent: str | None
    ) -> CriterionSpec:
        label = node_label(code)
        method = node.get("method", "self")
        if method not in METHODS:
            self.error(f"cách chấm «{method}» không hợp lệ; dùng {', '.join(METHODS)}.", label)
        levels = self._levels(node.get("levels"), maximum, label)
        rule: dict[str, Any] = {}
        if method == "computed":
            rule = self._rule(node.get("rule"), maximum, label)
            if levels:
                self.error("tiêu chí tính từ dữ liệu dùng «rule», không dùng «levels».", label)
        elif "rule" in node:
            self.error("«rule» chỉ dùng cho tiêu chí tính từ dữ liệu (method: computed).", label)
        condition = node.get("not_applicable_if")
        if condition is not None:
            if not isinstance(condition, str) or not condition.strip():
                self.error("«not_applicable_if» phải nêu khi nào tiêu chí không áp dụng.", label)
            elif method == "computed":
                self.error(
                    "tiêu chí tính từ dữ liệu tự xác định khi nào không áp dụng; "
                    "bỏ «not_applicable_if».",
                    label,
                )
            else:
                rule["not_applicable_if"] = condition.strip()
        evidence = node.get("evidence_required", False)
        if not isinstance(evidence, bool):
            self.error("«evidence_required» phải là true hoặc false.", label)
        kinds = self._kinds(node.get("unit_kinds"), label)
        outside = [kind for kind in kinds if kind not in self.kinds]
        if outside:
            self.error(
                f"loại đơn vị {', '.join(outside)} không thuộc bộ chỉ số này "
                f"({', '.join(self.kinds)}).",
                label,
            )
        return CriterionSpec(
            code=code,
            text=text,
            max_points=maximum,
            parent_code=parent,
            is_leaf=True,
            method=str(method),
            levels=levels,
            rule=rule,
            evidence_required=evidence is True,
            unit_kinds=kinds,
        )

    def _levels(self, value: Any, maximum: Decimal, label: str) -> list[dict[str, str]]:
        if value is None:
            return []
        if not isinstance(value, list) or not value:
            self.error("«levels» phải là danh sách các mức {label, points}.", label)
            return []
        levels = []
        for index, level in enumerate(value, start=1):
            if not isinstance(level, dict) or not str(level.get("label") or "").strip():
                self.error(f"mức thứ {index} cần «label» và «points».", label)
                continue
            points = self._points(level.get("points"), f"điểm của mức thứ {index}", label)
            if points > maximum:
                self.error(
                    f"mức «{level['label']}» {points_text(points)} điểm vượt điểm tối đa "
                    f"{points_text(maximum)}.",
                    label,
                )
            levels.append({"label": str(level["label"]).strip(), "points": stored_points(points)})
        top = max((Decimal(level["points"]) for level in levels), default=maximum)
        if top != maximum:
            self.error(
                f"mức cao nhất {points_text(top)} điểm phải bằng điểm tối đa "
                f"{points_text(maximum)}.",
                label,
            )
        return levels

    def _rule(self, value: Any, maximum: Decimal, label: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.error("tiêu chí tính từ dữ liệu cần «rule» (source, bands).", label)
            return {}
        source = value.get("source")
        if source not in RULE_SOURCES:
            self.error(f"nguồn dữ liệu «{source}» không có; dùng {', '.join(RULE_SOURCES)}.", label)
        bands = value.get("bands")
        if not isinstance(bands, list) or not bands:
            self.error("«bands» phải là danh sách các khoảng {min, points}.", label)
            return {}
        checked = []
        for index, band in enumerate(bands, start=1):
            if not isinstance(band, dict):
                self.error(f"khoảng thứ {index} cần «min» và «points».", label)
                return {}
            low = self._points(band.get("min"), f"«min» của khoảng thứ {index}", label)
            points = self._points(band.get("points"), f"điểm của khoảng thứ {index}", label)
            if low > HUNDRED:
                self.error(f"«min» của khoảng thứ {index} vượt 100 %.", label)
            checked.append((low, points))
        mins = [low for low, _ in checked]
        if any(a <= b for a, b in itertools.pairwise(mins)):
            self.error("các khoảng phải xếp theo «min» giảm dần, không trùng nhau.", label)
        if mins[-1] != 0:
            self.error("khoảng cuối cùng phải có «min: 0» (mọi tỷ lệ đều được tính).", label)
        points_list = [points for _, points in checked]
        if any(a < b for a, b in itertools.pairwise(points_list)):
            self.error("tỷ lệ thấp hơn không được nhiều điểm hơn.", label)
        if points_list[0] != maximum:
            self.error(
                f"khoảng cao nhất {points_text(points_list[0])} điểm phải bằng điểm tối đa "
                f"{points_text(maximum)}.",
                label,
            )
        return {
            "source": source,
            "bands": [
                {"min": stored_points(low), "points": stored_points(points)}
                for low, points in checked
            ],
        }


def leaf_problems(node: dict[str, Any], assessed_kinds: list[str]) -> list[str]:
    """The problems of one leaf edited on its own (in the admin), as in a file: ``node`` has
    the keys of a file's leaf (code, text, max, method, levels, rule, not_applicable_if,
    evidence_required, unit_kinds). The sums are not checked here (see ``tree_problems``)."""
    errors: list[str] = []
    checker = _Checker("", errors)
    checker.kinds = assessed_kinds
    maximum = checker._points(node.get("max"), "điểm tối đa", node_label(node["code"]))
    checker._leaf(node, node["code"], str(node.get("text", "")), maximum, None)
    return errors


def tree_problems(rows: list[tuple[str, str | None, Decimal, bool]]) -> list[str]:
    """Sums that do not hold in a stored tree of (code, parent code, maximum, is leaf): each
    parent against its children, the areas against 100."""
    children: dict[str | None, Decimal] = {}
    for _code, parent, maximum, _leaf in rows:
        children[parent] = children.get(parent, Decimal(0)) + maximum
    problems = []
    for code, _parent, maximum, is_leaf in rows:
        if not is_leaf and children.get(code, Decimal(0)) != maximum:
            problems.append(
                f"{node_label(code)}: tổng điểm {_children_label(code)} "
                f"{points_text(children.get(code, Decimal(0)))} khác điểm tối đa "
                f"{points_text(maximum)}."
            )
    if rows and children.get(None, Decimal(0)) != HUNDRED:
        problems.append(
            f"tổng điểm tối đa các lĩnh vực {points_text(children.get(None, Decimal(0)))} khác 100."
        )
    return problems


def node_label(code: str | None) -> str:
    """«lĩnh vực 1», «tiêu chí 1.2», «tiêu chí thành phần 1.2.3»."""
    if code is None:
        return "bộ chỉ số"
    depth = code.count(".") + 1
    return {1: "lĩnh vực", 2: "tiêu chí"}.get(depth, "tiêu chí thành phần") + f" {code}"


def _children_label(code: str) -> str:
    return "các tiêu chí" if "." not in code else "các tiêu chí thành phần"


# Writing the checked files to the database

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
