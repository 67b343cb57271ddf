"""Child process: ``python -m cchc.lib.xlsxchild FILE MAX_ROWS`` prints the cell values of every
sheet of an .xlsx as JSON, {"sheets": [[row, …], …]} or {"error": code, "detail": …}. Started by
cchc.lib.xlsx.open_workbook under cchc.lib.bounded's limits. Formulas give their saved values,
never themselves; dates and times are tagged ["dt"|"d"|"t", iso], durations ["td", seconds]."""

from __future__ import annotations

import datetime as dt
import json
import sys
import zipfile

from cchc.lib.ziparchive import ForbiddenMarkup, UnsafeArchive, checked_members


def _cell(value: object) -> object:
    if isinstance(value, dt.datetime):
        return ["dt", value.isoformat()]
    if isinstance(value, dt.date):
        return ["d", value.isoformat()]
    if isinstance(value, dt.time):
        return ["t", value.isoformat()]
    if isinstance(value, dt.timedelta):
        return ["td", value.total_seconds()]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def read(path: str, max_rows: int) -> dict[str, object]:
    try:
        checked_members(path)
    except ForbiddenMarkup:
        return {"error": "doctype"}
    except UnsafeArchive:
        return {"error": "bomb"}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        return {"error": "invalid", "detail": str(e)[:200]}
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds on broken parts
        return {"error": "invalid", "detail": f"{type(e).__name__}: {e}"[:200]}
    try:
        sheets = []
        for sheet in workbook.worksheets:
            rows: list[list[object]] = []
            for row in sheet.iter_rows(values_only=True):
                if len(rows) >= max_rows:
                    return {"error": "too_many_rows"}
                rows.append([_cell(value) for value in row])
            while rows and all(value is None for value in rows[-1]):
                rows.pop()
            sheets.append(rows)
        return {"sheets": sheets}
    except Exception as e:
        return {"error": "invalid", "detail": f"{type(e).__name__}: {e}"[:200]}
    finally:
        workbook.close()


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        sys.stdout.write(json.dumps({"error": "invalid", "detail": "usage: FILE MAX_ROWS"}))
        return 2
    try:
        result = read(argv[1], int(argv[2]))
    except MemoryError:
        result = {"error": "memory"}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
