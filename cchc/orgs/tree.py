"""Keeping the materialised path of units (``Unit.path``) right."""

from __future__ import annotations

from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from cchc.lib.text import index_text
from cchc.orgs.models import Unit

# Fixed-width segments make ordering by path list siblings in the order they were added.
PATH_DIGITS = 7


def search_text_of(unit: Unit) -> str:
    return index_text(unit.name, unit.code, unit.short_code)


def place(unit: Unit) -> None:
    """Set ``unit.path`` from its parent after a save, moving its subtree along if it changed.

    The caller holds the transaction; ``unit`` must already have a primary key. Both paths are
    read from the database: an earlier move in the same transaction may have changed them
    under objects held in memory.
    """
    stored = dict(Unit.objects.filter(pk__in=[unit.pk, unit.parent_id]).values_list("pk", "path"))
    parent_path = stored[unit.parent_id] if unit.parent_id is not None else "/"
    new_path = f"{parent_path}{unit.pk:0{PATH_DIGITS}d}/"
    old_path = stored[unit.pk]
    if new_path == old_path:
        return
    if old_path:
        # Descendants (not the unit itself) keep their tail below the old prefix.
        Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
            path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1))
        )
    unit.path = new_path
    unit.save(update_fields=["path"])


def would_create_cycle(unit: Unit, new_parent: Unit | None) -> bool:
    return (
        new_parent is not None
        and unit.pk is not None
        and bool(unit.path)
        and new_parent.path.startswith(unit.path)
    )
