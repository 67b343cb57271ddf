"""Reading and checking the reporting configuration files (YAML), before anything is written.

``config/periods.yaml`` holds the period kinds; ``config/forms/*.yaml`` one report form each;
``config/onestop.yaml`` (optional) the units' codes on the one-stop system.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cchc.orgs.models import Kind
from cchc.reporting.models import Aggregation, Severity, ValueType
from cchc.reporting.rules import RuleSyntaxError, parse_check

CONFIG_DIR = Path(__file__).resolve().parent / "config"
UNIT_KINDS = frozenset(Kind.values)


class ConfigError(ValueError):
    """The configuration is wrong; ``errors`` say where, in Vietnamese."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Config:
    due_days: int
    period_kinds: list[dict[str, Any]]
    forms: list[dict[str, Any]]
    # The units' codes on the one-stop system: [{"code": "000.00.05.H48", "unit": "QNG-STP"}].
    onestop_codes: list[dict[str, str]] = field(default_factory=list)


def read_config(directory: Path = CONFIG_DIR) -> Config:
    errors: list[str] = []
    periods = _load(directory / "periods.yaml", errors)
    forms = [
        (path.name, _load(path, errors)) for path in sorted((directory / "forms").glob("*.yaml"))
    ]
    kinds = periods.get("kinds") or []
    for index, kind in enumerate(kinds, start=1):
        _check_kind(f"periods.yaml, kỳ {index}", kind, errors)
    kind_codes = {kind.get("code") for kind in kinds}
    for name, form in forms:
        _check_form(name, form, kind_codes, errors)
    onestop: dict[str, Any] = {}
    if (directory / "onestop.yaml").is_file():
        onestop = _load(directory / "onestop.yaml", errors)
    codes = onestop.get("codes") or []
    for index, item in enumerate(codes, start=1):
        if not isinstance(item, dict) or not item.get("code") or not item.get("unit"):
            errors.append(f"onestop.yaml, mã {index}: cần «code» và «unit».")
    if errors:
        raise ConfigError(errors)
    return Config(
        due_days=int(periods.get("due_days", 5)),
        period_kinds=kinds,
        forms=[form for _, form in forms],
        onestop_codes=[{"code": str(c["code"]), "unit": str(c["unit"])} for c in codes],
    )


def _load(path: Path, errors: list[str]) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        errors.append(f"{path.name}: không đọc được ({e}).")
        return {}
    if not isinstance(data, dict):
        errors.append(f"{path.name}: nội dung phải là một bảng khóa–giá trị.")
        return {}
    return data


def _check_kind(where: str, kind: dict[str, Any], errors: list[str]) -> None:
    for key in ("code", "title", "start", "end"):
        if key not in kind:
            errors.append(f"{where}: thiếu «{key}».")
    for key in ("start", "end"):
        part = kind.get(key) or {}
        if not (1 <= int(part.get("day", 0)) <= 31 and 1 <= int(part.get("month", 0)) <= 12):
            errors.append(f"{where}: «{key}» cần day (1–31) và month (1–12).")


def _check_form(name: str, form: dict[str, Any], kinds: set[Any], errors: list[str]) -> None:
    for key in ("code", "version", "title", "sections", "indicators"):
        if key not in form:
            errors.append(f"{name}: thiếu «{key}».")
    for kind in form.get("period_kinds") or []:
        if kind not in kinds:
            errors.append(f"{name}: kỳ «{kind}» không có trong periods.yaml.")
    for kind in form.get("unit_kinds") or []:
        if kind not in UNIT_KINDS:
            errors.append(f"{name}: loại đơn vị «{kind}» không hợp lệ.")
    sections = {section.get("code") for section in form.get("sections") or []}
    for section in form.get("sections") or []:
        _check_required(f"{name}, phần «{section.get('code')}»", section, errors)
    indicators = form.get("indicators") or []
    codes = [indicator.get("code") for indicator in indicators]
    for code in {c for c in codes if codes.count(c) > 1}:
        errors.append(f"{name}: mã chỉ tiêu «{code}» bị trùng.")
    for indicator in indicators:
        _check_indicator(name, indicator, sections, set(codes), errors)
    for rule in form.get("rules") or []:
        _check_rule(name, rule, set(codes), errors)


def _check_indicator(
    name: str, indicator: dict[str, Any], sections: set[Any], codes: set[Any], errors: list[str]
) -> None:
    where = f"{name}, chỉ tiêu «{indicator.get('code')}»"
    for key in ("code", "name", "unit", "type", "aggregation", "section"):
        if key not in indicator:
            errors.append(f"{where}: thiếu «{key}».")
    if indicator.get("section") not in sections:
        errors.append(f"{where}: phần «{indicator.get('section')}» không có trong sections.")
    if indicator.get("type") not in ValueType.values:
        errors.append(f"{where}: kiểu «{indicator.get('type')}» không hợp lệ.")
    aggregation = indicator.get("aggregation")
    if aggregation not in Aggregation.values:
        errors.append(f"{where}: cách tổng hợp «{aggregation}» không hợp lệ.")
    if aggregation == Aggregation.WEIGHTED_MEAN and indicator.get("weight") not in codes:
        errors.append(f"{where}: bình quân có trọng số cần «weight» là một chỉ tiêu của biểu mẫu.")
    if aggregation == Aggregation.RATIO:
        parts = (indicator.get("numerator") or []) + (indicator.get("denominator") or [])
        if not indicator.get("numerator") or not indicator.get("denominator"):
            errors.append(f"{where}: tỷ lệ cần «numerator» và «denominator».")
        for code in parts:
            if code not in codes:
                errors.append(f"{where}: không có chỉ tiêu «{code}».")
    for kind in indicator.get("kinds") or []:
        if kind not in UNIT_KINDS:
            errors.append(f"{where}: loại đơn vị «{kind}» không hợp lệ.")
    _check_required(where, indicator, errors)
    if indicator.get("required") and aggregation == Aggregation.RATIO:
        errors.append(f"{where}: tỷ lệ tự tính, không thể «required».")


def _check_required(where: str, item: dict[str, Any], errors: list[str]) -> None:
    """``required``: true, false, or a list of unit kinds."""
    required = item.get("required", False)
    if isinstance(required, list):
        for kind in required:
            if kind not in UNIT_KINDS:
                errors.append(f"{where}: «required» có loại đơn vị «{kind}» không hợp lệ.")
    elif not isinstance(required, bool):
        errors.append(f"{where}: «required» phải là true, false hoặc danh sách loại đơn vị.")


def _check_rule(name: str, rule: dict[str, Any], codes: set[Any], errors: list[str]) -> None:
    where = f"{name}, quy tắc «{rule.get('code')}»"
    if rule.get("severity") not in Severity.values:
        errors.append(f"{where}: mức độ «{rule.get('severity')}» không hợp lệ.")
    if not rule.get("message"):
        errors.append(f"{where}: thiếu «message».")
    try:
        check = parse_check(str(rule.get("check", "")))
    except RuleSyntaxError as e:
        errors.append(f"{where}: điều kiện không đọc được ({e}).")
        return
    for code in check.codes - codes:
        errors.append(f"{where}: không có chỉ tiêu «{code}».")
