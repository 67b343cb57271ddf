"""The units CSV of ``export_units`` and ``import_units``."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import Protocol

from django.utils.translation import gettext as _

from cchc.orgs.actions import UnitData, UnitImportError
from cchc.orgs.models import Unit

UNIT_COLUMNS = [
    "code",
    "name",
    "short_code",
    "kind",
    "parent_code",
    "valid_from",
    "valid_to",
    "successor_code",
]
# A unit split between several successors lists them all in one cell.
SUCCESSOR_SEPARATOR = ";"


class Writable(Protocol):
    def write(self, text: str, /) -> object: ...


def write_units_csv(out: Writable, units: Iterable[Unit]) -> None:
    """Units in tree order; ``units`` should come with parent and successors prefetched."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(UNIT_COLUMNS)
    for unit in units:
        writer.writerow(
            [
                unit.code,
                unit.name,
                unit.short_code,
                unit.kind,
                unit.parent.code if unit.parent else "",
                unit.valid_from.isoformat() if unit.valid_from else "",
                unit.valid_to.isoformat() if unit.valid_to else "",
                SUCCESSOR_SEPARATOR.join(sorted(s.code for s in unit.successors.all())),
            ]
        )


def read_units_csv(text: str) -> list[UnitData]:
    """Parse the CSV, or raise UnitImportError with every row's problems."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in UNIT_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise UnitImportError([_("Thiếu cột: %(columns)s.") % {"columns": ", ".join(missing)}])
    rows: list[UnitData] = []
    errors: list[str] = []
    for raw in reader:
        # The reader skips blank lines: its own count is the line of the file.
        line = reader.line_num
        cells = {key: (value or "").strip() for key, value in raw.items() if key}
        row_errors = [
            _("Dòng %(line)d, cột %(column)s: không được để trống.") % {"line": line, "column": c}
            for c in ("code", "name", "kind")
            if not cells[c]
        ]
        dates: dict[str, dt.date | None] = {}
        for column in ("valid_from", "valid_to"):
            try:
                dates[column] = dt.date.fromisoformat(cells[column]) if cells[column] else None
            except ValueError:
                dates[column] = None
                row_errors.append(
                    _("Dòng %(line)d, cột %(column)s: «%(value)s» không phải ngày YYYY-MM-DD.")
                    % {"line": line, "column": column, "value": cells[column]}
                )
        errors.extend(row_errors)
        if row_errors:
            continue
        successors = tuple(
            code.strip()
            for code in cells["successor_code"].split(SUCCESSOR_SEPARATOR)
            if code.strip()
        )
        rows.append(
            UnitData(
                code=cells["code"],
                name=cells["name"],
                kind=cells["kind"],
                short_code=cells["short_code"],
                parent_code=cells["parent_code"] or None,
                valid_from=dates["valid_from"],
                valid_to=dates["valid_to"],
                successor_codes=successors,
                line=line,
            )
        )
    if errors:
        raise UnitImportError(errors)
    return rows
