"""Figures read exactly from tables of figures (plain Python).

A .docx table reaches the reader as one line per row with " | " between the cells
(cchc.ingest.extract). A row names an indicator when one of its cells, folded and without
punctuation, equals one of the indicator's names (cchc's own unit-report annex writes the form's
names: "1 | Số hồ sơ giải quyết đúng hạn | hồ sơ | 822"); its value is the first cell after the
name that is a number written the Vietnamese way ("2.319", "86,08", "97,5 %"). The first row that
names an indicator wins; a later row naming it again is an alternative.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cchc.lib.text import fold

__all__ = ["TableFigure", "read_figure_tables"]

_CELL_NUMBER = re.compile(r"^([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,([0-9]+))?\s*%?$")
_NON_WORD = re.compile(r"[^0-9a-z%]+")


@dataclass(frozen=True)
class TableFigure:
    indicator: str
    value: int | float
    text: str  # the row, cells joined by " | "
    cell: str  # the cell the value was read from


def _key(text: str) -> str:
    return _NON_WORD.sub(" ", fold(text)).strip()


def cell_number(cell: str) -> int | float | None:
    match = _CELL_NUMBER.match(cell.strip())
    if match is None:
        return None
    whole = int(match.group(1).replace(".", ""))
    if match.group(2) is None:
        return whole
    return float(f"{whole}.{match.group(2)}")


def read_figure_tables(text: str, names: Mapping[str, Iterable[str]]) -> list[TableFigure]:
    """The table rows of ``text`` that name an indicator of ``names`` ({code: [names]}), with
    their number, in the order of the text."""
    by_name: dict[str, str] = {}
    for code, spellings in names.items():
        for name in spellings:
            by_name.setdefault(_key(name), code)
    figures = []
    for line in text.splitlines():
        if " | " not in line:
            continue
        cells = [cell.strip() for cell in line.split(" | ")]
        for position, cell in enumerate(cells):
            named = by_name.get(_key(cell))
            if named is None:
                continue
            for later in cells[position + 1 :]:
                value = cell_number(later)
                if value is not None:
                    figures.append(TableFigure(named, value, line.strip(), later))
                    break
            break
    return figures
