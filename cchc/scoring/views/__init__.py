"""The PAR Index pages, one module per feature: the overview, a unit's score sheet, the
results, the survey, a unit's remediation, the national indices."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from cchc.scoring.models import Framework, Status

# The statuses in which the unit reads its appraisal.
SHOWN_APPRAISAL = (Status.APPRAISED, Status.FINALISED)


def framework_or_404(year: int, kind: str) -> Framework:
    return get_object_or_404(Framework, year=year, unit_kind=kind)
