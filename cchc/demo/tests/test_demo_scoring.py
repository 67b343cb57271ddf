"""The demo's PAR Index (cchc/demo/scoring.py): 2023 and 2024 finished and published, 2025
open, the national indices; loading again adds nothing. One test, as loading the demo takes
seconds."""

from __future__ import annotations

import datetime as dt
import io
from itertools import product

from django.core.management import call_command
from django.utils import timezone

from cchc.scoring.actions import assessed_units
from cchc.scoring.models import (
    Assessment,
    Criterion,
    Framework,
    ItemScore,
    NationalIndex,
    Status,
)
from cchc.tasks.models import Status as TaskStatus
from cchc.tasks.models import Task


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Framework, Criterion, Assessment, ItemScore, NationalIndex)
    )


def test_the_demo_has_2023_and_2024_published_and_2025_open_and_loads_only_once(
    demo: str,
) -> None:
    output = demo
    assert "Chỉ số CCHC: thêm 6 bộ chỉ số" in output
    loaded = counts()
    assert "Chỉ số CCHC: thêm 0 bộ chỉ số, 0 kết quả chấm điểm của đơn vị, 0 kết quả" in (
        load_demo()
    )
    assert counts() == loaded
    remediation = Task.objects.filter(plan__code="KP-CCHC-2024-SO")
    remediation_count = remediation.count()

    # year: (decision, published on, self-assessments sent on, finalised on)
    finished = {
        2023: ("268/QĐ-UBND", dt.date(2024, 3, 22), dt.date(2024, 1, 9), dt.date(2024, 3, 8)),
        2024: ("245/QĐ-UBND", dt.date(2025, 3, 15), dt.date(2025, 1, 8), dt.date(2025, 3, 5)),
    }
    for (year, (symbol, published, sent, finalised)), kind in product(
        finished.items(), ("department", "commune")
    ):
        framework = Framework.objects.get(year=year, unit_kind=kind)
        assessments = list(framework.assessments.all())
        assert len(assessments) == assessed_units(framework).count() > 0
        assert {a.status for a in assessments} == {Status.FINALISED}
        assert framework.decision is not None and framework.decision.symbol == symbol
        assert framework.decision.date == published
        assert framework.published_at is not None
        assert timezone.localdate(framework.published_at) == published
        for assessment in assessments:
            assert assessment.submitted_at is not None and assessment.finalised_at is not None
            assert timezone.localdate(assessment.submitted_at) == sent
            assert timezone.localdate(assessment.finalised_at) == finalised
    # Each year its own scores: the same unit's items differ between 2023 and 2024.
    for kind in ("department", "commune"):
        by_year = {
            year: {
                (i.assessment.unit_id, i.criterion.code): i.score
                for i in ItemScore.objects.filter(
                    assessment__framework__year=year, assessment__framework__unit_kind=kind
                ).select_related("assessment", "criterion")
            }
            for year in (2023, 2024)
        }
        shared = by_year[2023].keys() & by_year[2024].keys()
        differing = [key for key in shared if by_year[2023][key] != by_year[2024][key]]
        assert len(differing) > len(shared) // 10
    items_2024 = ItemScore.objects.filter(assessment__framework__year=2024)
    deducted = [item for item in items_2024.exclude(deduction_reason="") if item.is_deducted]
    assert len(deducted) >= 20
    assert items_2024.exclude(answer="").count() >= 5
    assert items_2024.filter(criterion__rule__source="reports_on_time", self_score__gt=0).exists()

    open_2025 = Assessment.objects.filter(framework__year=2025)
    assert {a.status for a in open_2025} == {Status.DRAFT, Status.SUBMITTED, Status.APPRAISED}
    [appraised] = open_2025.filter(status=Status.APPRAISED)
    assert appraised.unit.code == "QNG-SXD"
    assert open_2025.filter(unit__code="QNG-STP", status=Status.DRAFT).exists()
    for framework in Framework.objects.filter(year=2025):
        assert not framework.is_published
        assert framework.answer_due is not None and framework.answer_due > timezone.localdate()

    # Remediation of the 2024 deductions: a task per lost item for three departments, made
    # once; Sở Tư pháp's partly done. Loading again made none.
    assert remediation_count == remediation.count()
    for code in ("QNG-STP", "QNG-SXD", "QNG-TTT"):
        lost = ItemScore.objects.filter(
            assessment__framework__year=2024, assessment__unit__code=code
        ).exclude(remediation_task=None)
        assert lost.count() == remediation.filter(lead_unit__code=code).count() > 0
    stp_statuses = set(
        remediation.filter(lead_unit__code="QNG-STP").values_list("status", flat=True)
    )
    assert {TaskStatus.DA_HOAN_THANH, TaskStatus.DANG_THUC_HIEN} <= stp_statuses

    assert NationalIndex.objects.count() == 28
    par_2024 = NationalIndex.objects.get(index="par_index", year=2024)
    assert (str(par_2024.score), par_2024.rank, par_2024.ranked_of) == ("86.08", 27, 63)
    assert set(NationalIndex.objects.filter(year=2025).values_list("ranked_of", flat=True)) == {34}
