"""Bulk inserts whose rows are made ready before the write transaction opens.

Django's ``bulk_create`` turns objects into SQL inside the transaction: for tens of thousands of
rows that is seconds of Python while SQLite's write lock is held (IMMEDIATE transactions take it
at BEGIN), and every officer's save waits. Here the objects become database values first
(``prepare``), outside any transaction; inside it, ``insert`` only gives the rows new ids and
runs one ``executemany`` per table. Columns that depend on rows written in the same transaction
(a foreign key to them) are filled in between with ``fill``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models


@dataclass
class Prepared:
    """Rows of one table as database values, in the order of ``columns`` (the id aside)."""

    model: type[models.Model]
    fields: list[models.Field[object, object]]
    rows: list[list[Any]]

    def column(self, name: str) -> int:
        """The position of field ``name`` (its attname: ``task_id``) in each row."""
        return next(i for i, field in enumerate(self.fields) if field.attname == name)


def prepare(model: type[models.Model], objects: Iterable[models.Model]) -> Prepared:
    """``objects`` (unsaved) as rows of database values, defaults and auto_now_add applied."""
    fields: list[models.Field[object, object]] = [
        field for field in model._meta.concrete_fields if not field.primary_key
    ]
    rows = [
        [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
        for obj in objects
    ]
    return Prepared(model, fields, rows)


def fill(prepared: Prepared, name: str, value: Callable[[int], object]) -> None:
    """Set field ``name`` of row ``i`` to ``value(i)`` (a raw database value: an id)."""
    position = prepared.column(name)
    for index, row in enumerate(prepared.rows):
        row[position] = value(index)


def insert(prepared: Prepared) -> Sequence[int]:
    """Insert the rows with new ids, inside the caller's transaction; returns the ids in the
    rows' order. The ids come from the table's sequence (PostgreSQL) or follow the largest
    ever given (SQLite, whose write lock the transaction holds)."""
    meta = prepared.model._meta
    table, pk = meta.db_table, meta.pk.column
    count = len(prepared.rows)
    if count == 0:
        return []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            ids: Sequence[int] = [row[0] for row in cursor.fetchall()]
        else:
            cursor.execute(f"SELECT COALESCE(MAX({quote(pk)}), 0) FROM {quote(table)}")
            largest = cursor.fetchone()[0]
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            used = cursor.fetchone()
            start = max(largest, used[0] if used else 0) + 1
            ids = range(start, start + count)
        columns = ", ".join(quote(name) for name in [pk, *(f.column for f in prepared.fields)])
        marks = ", ".join(["%s"] * (len(prepared.fields) + 1))
        cursor.executemany(
            f"INSERT INTO {quote(table)} ({columns}) VALUES ({marks})",
            [(ident, *row) for ident, row in zip(ids, prepared.rows, strict=True)],
        )
    return ids
