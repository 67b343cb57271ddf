"""Helpers for the tests of the assessment cycle: Sở Tư pháp's sheet under the small 2025
framework for departments (cchc/scoring/tests/factories.py), its URLs and its forms.

The small framework's leaves for a department: 1.1.1 (levels 3; 1,5; 0, evidence required),
1.1.2 and 1.2 (computed; with no reports and no tasks in the database they do not apply),
1.1.3 (up to 4), 1.3 (up to 11), 2.1 (up to 20, evidence required), 2.2 (up to 30), 3.1 (the
30-point survey, entered by Sở Nội vụ).
"""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.orgs.models import Unit
from cchc.scoring.actions import SelfEntry, save_self_assessment, start_assessment
from cchc.scoring.models import Assessment, Framework, ItemScore
from cchc.scoring.tests.factories import small_framework

# A complete self-assessment: 63 points of the 68 the unit scores itself.
COMPLETE = {
    "1.1.1": SelfEntry(Decimal(3), "Kế hoạch số 12/KH-STP ban hành ngày 10/01/2025."),
    "1.1.3": SelfEntry(Decimal(4), "Kiểm tra 4 phòng chuyên môn."),
    "1.3": SelfEntry(Decimal(10), "Tuyên truyền trên cổng thông tin."),
    "2.1": SelfEntry(Decimal(18), "Công bố 42 thủ tục."),
    "2.2": SelfEntry(Decimal(28), "98 % hồ sơ đúng hạn."),
}


def stp_sheet(unit: Unit, framework: Framework | None = None) -> Assessment:
    """The unit's draft (started by a server command) under ``framework`` (default: a new
    small 2025 framework for departments)."""
    return start_assessment(Actor.command("test"), framework or small_framework(), unit)


def completed(assessment: Assessment, officer: User) -> Assessment:
    """The draft with every self-scored leaf filled in (``COMPLETE``) by the officer."""
    return save_self_assessment(Actor.of_user(officer), assessment, assessment.version, COMPLETE)


def sheet_url(name: str, assessment: Assessment) -> str:
    """``assessment``, ``assessment_save``, … of an assessment."""
    framework = assessment.framework
    return reverse(name, args=[framework.year, framework.unit_kind, assessment.unit.code])


def fresh(assessment: Assessment) -> Assessment:
    return Assessment.objects.select_related("framework", "unit").get(pk=assessment.pk)


def item(assessment: Assessment, code: str) -> ItemScore:
    return ItemScore.objects.select_related("criterion", "assessment__unit").get(
        assessment=assessment, criterion__code=code
    )


def posted(assessment: Assessment, fields: dict[str, str]) -> dict[str, str]:
    """The sheet's form as a browser sends it: the version it was opened at and the fields by
    name (``score-1.1.1``, ``reason-2.1``, …)."""
    return {"version": str(fresh(assessment).version), **fields}
