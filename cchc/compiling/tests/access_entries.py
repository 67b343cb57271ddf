"""The compiled report's URLs in the access matrix (cchc/tests/test_access_matrix.py) and the
object they are requested with: the province's compiled report of 2025-H1 (a draft, version
1), drafted from no unit report yet."""

from __future__ import annotations

from cchc.audit.log import Actor
from cchc.compiling.actions import start
from cchc.reporting.models import Period
from cchc.tests.matrix_entries import COORDINATION, READ_ALL_REPORTS, Entry
from conftest import Province

COMPILED = {"pk": "compiled"}
COMMENTING = frozenset({"coordinator", "leader", "admin"})
VERSION = {"version": "1"}

COMPILING_MATRIX: dict[str, Entry] = {
    "compiling:list": Entry(READ_ALL_REPORTS),
    "compiling:start": Entry(COORDINATION, method="post", data={"period": "2025-H1"}),
    "compiling:detail": Entry(READ_ALL_REPORTS, kwargs=COMPILED, query="tim=ke+hoach"),
    "compiling:save": Entry(COORDINATION, method="post", kwargs=COMPILED, data=VERSION),
    "compiling:autosave": Entry(COORDINATION, method="post", kwargs=COMPILED, data=VERSION),
    "compiling:redraft": Entry(COORDINATION, method="post", kwargs=COMPILED, data=VERSION),
    "compiling:signing": Entry(COORDINATION, method="post", kwargs=COMPILED, data=VERSION),
    "compiling:submit": Entry(COORDINATION, method="post", kwargs=COMPILED),
    "compiling:return": Entry(COORDINATION, method="post", kwargs=COMPILED),
    "compiling:comment": Entry(
        COMMENTING, method="post", kwargs=COMPILED, data={"section": "III", "text": "Bổ sung"}
    ),
    "compiling:issue": Entry(COORDINATION, method="post", kwargs=COMPILED),
    "compiling:docx": Entry(READ_ALL_REPORTS, kwargs=COMPILED),
}


def compiling_objects(province: Province) -> dict[str, str]:
    """The compiled report (the periods of 2025 are open: ``reporting_objects`` first)."""
    period = Period.objects.get(code="2025-H1")
    report = start(Actor.command("test"), period, province.root)
    return {"compiled": str(report.pk)}
