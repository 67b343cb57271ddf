"""What an entry of the access matrix says (see test_access_matrix.py), shared by the
modules that list their URLs' entries (cchc/scoring/tests/access_entries.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ["anonymous", "outsider", "officer", "head", "coordinator", "leader", "admin"]
EVERY_ROLE = frozenset(ROLES[2:])
PUBLIC = frozenset(ROLES)
# The task of the ``objects`` fixture is led by the officer's and the head's unit.
LEAD_UNIT = frozenset({"officer", "head", "admin"})
COORDINATION = frozenset({"coordinator", "admin"})
# The report of the ``objects`` fixture is the officer's and the head's unit's (a draft).
REPORT = {"period": "period_code", "unit": "unit_code"}
READ_ALL_REPORTS = frozenset({"coordinator", "leader", "admin"})


@dataclass(frozen=True)
class Entry:
    allowed: frozenset[str]
    method: str = "get"
    query: str = ""
    # Admin pages that exist but that even a system administrator may not use (403).
    nobody: bool = False
    # URL arguments: a key of the ``objects`` fixture, or a literal value.
    kwargs: dict[str, str] = field(default_factory=dict)
    # Form data sent with the request.
    data: dict[str, str] = field(default_factory=dict)
