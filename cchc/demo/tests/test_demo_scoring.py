"""The demo's PAR Index (cchc/demo/scoring.py): 2024 finished and published, 2025 open, the
national indices; loading again adds nothing. One test, as loading the demo takes seconds."""

from __future__ import annotations

import datetime as dt
import io

import pytest
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


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Framework, Criterion, Assessment, ItemScore, NationalIndex)
    )


@pytest.mark.django_db
def test_the_demo_has_2024_published_and_2025_open_and_loads_only_once() -> None:
    output = load_demo()
    assert "Chỉ số CCHC: thêm 4 bộ chỉ số" in output
    loaded = counts()
    assert "Chỉ số CCHC: thêm 0 bộ chỉ số, 0 kết quả chấm điểm của đơn vị, 0 kết quả" in (
        load_demo()
    )
    assert counts() == loaded

    for kind in ("department", "commune"):
        framework = Framework.objects.get(year=2024, unit_kind=kind)
        statuses = list(framework.assessments.values_list("status", flat=True))
        assert len(statuses) == assessed_units(framework).count() > 0
        assert set(statuses) == {Status.FINALISED}
        assert framework.decision is not None and framework.decision.symbol == "245/QĐ-UBND"
        assert framework.decision.date == dt.date(2025, 3, 15)
        assert framework.published_at is not None
        assert timezone.localdate(framework.published_at) == dt.date(2025, 3, 15)
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

    assert NationalIndex.objects.count() == 28
    par_2024 = NationalIndex.objects.get(index="par_index", year=2024)
    assert (str(par_2024.score), par_2024.rank, par_2024.ranked_of) == ("86.08", 27, 63)
    assert set(NationalIndex.objects.filter(year=2025).values_list("ranked_of", flat=True)) == {34}
