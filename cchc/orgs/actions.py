"""Writes to the organisation tree. Each checks permission, runs in a transaction, is audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cchc.access import Perm, require
from cchc.audit.log import Actor, record
from cchc.orgs.models import Kind, Unit
from cchc.orgs.tree import place, search_text_of


@dataclass(frozen=True)
class UnitData:
    """A unit as given by a form or a CSV row; references other units by code."""

    code: str
    name: str
    kind: str
    short_code: str = ""
    parent_code: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successor_codes: tuple[str, ...] = field(default_factory=tuple)
    # The line of the CSV file the row came from, for error messages.
    line: int | None = None


class UnitImportError(Exception):
    """Rows that could not be imported; nothing was written. ``errors`` are Vietnamese lines."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


EDITABLE_FIELDS = [
    "name",
    "short_code",
    "kind",
    "parent",
    "valid_from",
    "valid_to",
    "search_text",
]
# The longest values the database columns hold.
MAX_LENGTHS = {"code": 40, "short_code": 40, "name": 255}


def unit_state(unit: Unit) -> dict[str, Any]:
    """What the audit log keeps of a unit."""
    return {
        "code": unit.code,
        "name": unit.name,
        "short_code": unit.short_code,
        "kind": unit.kind,
        "parent": unit.parent.code if unit.parent_id else None,  # type: ignore[union-attr]
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "successors": sorted(unit.successors.values_list("code", flat=True)) if unit.pk else [],
    }


@dataclass
class ImportResult:
    """Codes of the units created and of those changed; the others were already as given."""

    created: set[str] = field(default_factory=set)
    updated: set[str] = field(default_factory=set)


def import_units(actor: Actor, rows: list[UnitData]) -> ImportResult:
    """Create or update units by code, all or nothing.

    Parents and successors may be other rows or units already in the tree. Raises
    UnitImportError listing every problem (by row, counting the header as row 1).
    """
    require(actor, Perm.MANAGE_UNITS)
    with transaction.atomic():
        existing = {unit.code: unit for unit in Unit.objects.select_related("parent")}
        errors = _check_rows(rows, existing)
        if errors:
            raise UnitImportError(errors)
        result = ImportResult()
        units = dict(existing)
        for data in _parents_first(rows):
            _save_row(actor, data, units, result)
        for data in rows:
            _set_successors(actor, units[data.code], data.successor_codes, units, result)
    return result


def _check_rows(rows: list[UnitData], existing: dict[str, Unit]) -> list[str]:
    errors: list[str] = []
    seen: dict[str, int] = {}
    known = set(existing) | {data.code for data in rows}
    for index, data in enumerate(rows, start=2):
        line = data.line or index
        where = _("Dòng %(line)d") % {"line": line}
        for column, limit in MAX_LENGTHS.items():
            if len(getattr(data, column)) > limit:
                errors.append(
                    _("%(where)s, cột %(column)s: dài quá %(limit)d ký tự.")
                    % {"where": where, "column": column, "limit": limit}
                )
        if data.code in data.successor_codes:
            errors.append(
                _("%(where)s, cột successor_code: đơn vị không thể kế thừa chính nó.")
                % {"where": where}
            )
        if data.code in seen:
            errors.append(
                _("%(where)s, cột code: mã «%(code)s» đã có ở dòng %(other)d.")
                % {"where": where, "code": data.code, "other": seen[data.code]}
            )
        seen[data.code] = line
        if data.kind not in Kind.values:
            errors.append(
                _("%(where)s, cột kind: «%(kind)s» không phải một loại đơn vị (%(kinds)s).")
                % {"where": where, "kind": data.kind, "kinds": ", ".join(Kind.values)}
            )
        if data.parent_code and data.parent_code not in known:
            errors.append(
                _("%(where)s, cột parent_code: không có đơn vị mã «%(code)s».")
                % {"where": where, "code": data.parent_code}
            )
        if data.parent_code == data.code:
            errors.append(
                _("%(where)s, cột parent_code: đơn vị không thể trực thuộc chính nó.")
                % {"where": where}
            )
        for code in data.successor_codes:
            if code not in known:
                errors.append(
                    _("%(where)s, cột successor_code: không có đơn vị mã «%(code)s».")
                    % {"where": where, "code": code}
                )
        if data.valid_from and data.valid_to and data.valid_to < data.valid_from:
            errors.append(
                _("%(where)s, cột valid_to: ngày kết thúc trước ngày bắt đầu hiệu lực.")
                % {"where": where}
            )
    if not errors:
        errors.extend(_cycle_errors(rows, existing))
    return errors


def _cycle_errors(rows: list[UnitData], existing: dict[str, Unit]) -> list[str]:
    parent_of = {code: (u.parent.code if u.parent_id else None) for code, u in existing.items()}  # type: ignore[union-attr]
    parent_of.update({data.code: data.parent_code for data in rows})
    errors = []
    for index, data in enumerate(rows, start=2):
        line = data.line or index
        seen = {data.code}
        parent = parent_of.get(data.code)
        while parent is not None:
            if parent in seen:
                errors.append(
                    _("Dòng %(line)d, cột parent_code: cấp trên của «%(code)s» tạo vòng lặp.")
                    % {"line": line, "code": data.code}
                )
                break
            seen.add(parent)
            parent = parent_of.get(parent)
    return errors


def _parents_first(rows: list[UnitData]) -> list[UnitData]:
    by_code = {data.code: data for data in rows}
    ordered: list[UnitData] = []
    done: set[str] = set()

    def visit(data: UnitData) -> None:
        if data.code in done:
            return
        done.add(data.code)
        if data.parent_code in by_code:
            visit(by_code[data.parent_code])
        ordered.append(data)

    for data in rows:
        visit(data)
    return ordered


def _save_row(actor: Actor, data: UnitData, units: dict[str, Unit], result: ImportResult) -> None:
    unit = units.get(data.code)
    before = unit_state(unit) if unit is not None else None
    if unit is None:
        unit = Unit(code=data.code)
    parent = units[data.parent_code] if data.parent_code else None
    unit.name = data.name
    unit.short_code = data.short_code
    unit.kind = data.kind
    unit.parent = parent
    unit.valid_from = data.valid_from
    unit.valid_to = data.valid_to
    unit.search_text = search_text_of(unit)
    if before is None:
        unit.save()
    else:
        # Not the path: place() keeps it, and the copy in memory may be stale.
        unit.save(update_fields=EDITABLE_FIELDS)
    place(unit)
    units[unit.code] = unit
    after = unit_state(unit)
    if before is None:
        result.created.add(unit.code)
        record(actor, "unit.create", unit, after=after)
    elif before != after:
        result.updated.add(unit.code)
        record(actor, "unit.update", unit, before=before, after=after)


def _set_successors(
    actor: Actor,
    unit: Unit,
    codes: tuple[str, ...],
    units: dict[str, Unit],
    result: ImportResult,
) -> None:
    current = sorted(unit.successors.values_list("code", flat=True))
    wanted = sorted(set(codes))
    if current == wanted:
        return
    unit.successors.set([units[code] for code in wanted])
    if unit.code not in result.created:
        result.updated.add(unit.code)
    record(
        actor,
        "unit.successors",
        unit,
        before={"successors": current},
        after={"successors": wanted},
    )
