"""Computed criteria (cchc/scoring/rules.py): the bands on their own, then the shares of reports
filed on time and of tasks done on time, from reports and tasks made through their actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.utils import timezone

from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, register_document
from cchc.orgs.models import Unit
from cchc.reporting.actions import load_config, open_periods, start_report, submit_report
from cchc.reporting.loading import read_config
from cchc.reporting.models import Period
from cchc.reporting.tests.complete import fill_completely
from cchc.scoring.models import Assessment, Criterion, Framework
from cchc.scoring.rules import Computed, band_points, computed_items
from cchc.scoring.tests.factories import BANDS, small_framework
from cchc.tasks.actions import (
    TaskData,
    accept_task,
    confirm_completion,
    create_plan,
    create_task,
    decide_adjustment,
    report_done,
    request_adjustment,
)
from cchc.tasks.models import Task
from conftest import Province

COMMAND = Actor.command("test")
MakeTask = Callable[..., Task]


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(15)))


@pytest.mark.parametrize(
    ("percent", "points"),
    [
        ("100", "1"),
        ("99.99", "0.5"),
        ("80", "0.5"),
        ("79.99", "0"),
        ("0", "0"),
    ],
)
def test_a_percentage_gets_the_points_of_the_first_band_it_reaches(
    percent: str, points: str
) -> None:
    assert band_points(BANDS, Decimal(percent)) == Decimal(points)


def test_a_percentage_below_every_band_gets_nothing() -> None:
    assert band_points([{"min": 50, "points": "2"}], Decimal("49.9")) == 0


@pytest.fixture
def framework(db: None) -> Framework:
    return small_framework(2025)


@pytest.fixture
def stp_assessment(framework: Framework, province: Province) -> Assessment:
    return Assessment.objects.create(framework=framework, unit=province.stp)


def leaf(framework: Framework, source: str) -> Criterion:
    return Criterion.objects.get(framework=framework, rule__source=source)


def reports_item(assessment: Assessment, now: dt.datetime) -> Computed:
    return computed_items(assessment, now)[leaf(assessment.framework, "reports_on_time").pk]


def tasks_item(assessment: Assessment, now: dt.datetime) -> Computed:
    return computed_items(assessment, now)[leaf(assessment.framework, "tasks_on_time").pk]


@pytest.fixture
def periods_2025(db: None) -> dict[str, Period]:
    """Quý I, 6 tháng, 9 tháng and năm 2025, due 19/3, 19/6, 19/9 and 19/12/2025."""
    load_config(COMMAND, read_config())
    open_periods(COMMAND, 2025)
    return {period.kind: period for period in Period.objects.filter(year=2025)}


def file_report(period: Period, province: Province, day: dt.date) -> None:
    report = fill_completely(COMMAND, start_report(COMMAND, period, province.stp))
    submit_report(COMMAND, report, at=at(day))


def test_every_computed_leaf_of_the_framework_is_computed(
    stp_assessment: Assessment, periods_2025: dict[str, Period]
) -> None:
    items = computed_items(stp_assessment, at(dt.date(2026, 1, 10)))
    assert set(items) == {
        leaf(stp_assessment.framework, "reports_on_time").pk,
        leaf(stp_assessment.framework, "tasks_on_time").pk,
    }


def test_reports_count_on_time_by_their_first_submission_and_missing_ones_as_late(
    stp_assessment: Assessment, periods_2025: dict[str, Period], province: Province
) -> None:
    file_report(periods_2025["Q1"], province, dt.date(2025, 3, 19))  # the due day itself
    file_report(periods_2025["H1"], province, dt.date(2025, 6, 20))  # a day late
    file_report(periods_2025["9M"], province, dt.date(2025, 9, 16))
    start_report(COMMAND, periods_2025["Y"], province.stp)  # drafted, never sent
    item = reports_item(stp_assessment, at(dt.date(2026, 1, 10)))
    assert item == Computed(
        Decimal("0"), "2/4 báo cáo định kỳ gửi đúng hạn (50,0 %): 0 điểm.", False
    )


def test_a_period_not_yet_due_counts_only_once_filed(
    stp_assessment: Assessment, periods_2025: dict[str, Period], province: Province
) -> None:
    for kind in ("Q1", "H1", "9M"):
        file_report(periods_2025[kind], province, periods_2025[kind].due_date)
    item = reports_item(stp_assessment, at(dt.date(2025, 10, 1)))
    assert item.score == Decimal("1")
    assert item.explanation.startswith("3/3 báo cáo định kỳ gửi đúng hạn (100,0 %)")
    file_report(periods_2025["Y"], province, dt.date(2025, 10, 2))
    assert reports_item(stp_assessment, at(dt.date(2025, 10, 3))).explanation.startswith("4/4")


def test_ad_hoc_requests_are_not_periodic_reports(
    stp_assessment: Assessment, periods_2025: dict[str, Period], province: Province
) -> None:
    for kind in ("Q1", "H1", "9M", "Y"):
        file_report(periods_2025[kind], province, periods_2025[kind].due_date)
    Period.objects.create(
        code="2025-DX1",
        kind="DX",
        year=2025,
        title="Báo cáo đột xuất",
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 5, 31),
        due_date=dt.date(2025, 6, 5),
        form=periods_2025["Q1"].form,
    )
    item = reports_item(stp_assessment, at(dt.date(2026, 1, 10)))
    assert item.explanation == "4/4 báo cáo định kỳ gửi đúng hạn (100,0 %): 1 điểm."


def test_reports_of_a_unit_that_did_not_yet_exist_are_not_expected(
    periods_2025: dict[str, Period], province: Province, framework: Framework
) -> None:
    # Xã Bình Sơn exists from 01/07/2025: only the 9-month and the year reports are its own.
    assessment = Assessment.objects.create(
        framework=Framework.objects.create(year=2025, unit_kind="commune", title="Xã 2025"),
        unit=province.new_commune,
    )
    Criterion.objects.create(
        framework=assessment.framework,
        code="1",
        text="Báo cáo đúng hạn",
        max_points=Decimal(1),
        method="computed",
        rule={"source": "reports_on_time", "bands": BANDS},
    )
    [item] = computed_items(assessment, at(dt.date(2026, 1, 10))).values()
    assert item.explanation.startswith("0/2 báo cáo")


def test_without_any_period_due_the_reports_leaf_does_not_apply(
    stp_assessment: Assessment,
) -> None:
    item = reports_item(stp_assessment, at(dt.date(2026, 1, 10)))
    assert item == Computed(
        None, "Không có kỳ báo cáo định kỳ nào đến hạn trong năm 2025.", not_applicable=True
    )


@pytest.fixture
def make_task(province: Province) -> MakeTask:
    document = register_document(
        COMMAND, DocumentData("35/QĐ-UBND", dt.date(2025, 1, 10), "Kế hoạch CCHC năm 2025")
    )
    plan = create_plan(COMMAND, "KH-CCHC-2025", "Kế hoạch CCHC năm 2025", document)

    def make(deadline: dt.date, lead_unit: Unit = province.stp) -> Task:
        return create_task(
            COMMAND,
            TaskData(
                content="Rà soát thủ tục hành chính",
                source_document=document,
                lead_unit=lead_unit,
                deadline=deadline,
                expected_output="Báo cáo",
                item_number="1",
                plan=plan,
            ),
        )

    return make


def finish(task: Task, day: dt.date, *, confirm: bool = True) -> None:
    accept_task(COMMAND, task)
    report_done(COMMAND, task, day, "Đã hoàn thành")
    if confirm:
        confirm_completion(COMMAND, task)


def test_tasks_count_confirmed_completions_by_the_deadline(
    stp_assessment: Assessment, make_task: MakeTask, province: Province
) -> None:
    finish(make_task(dt.date(2025, 6, 30)), dt.date(2025, 6, 30))
    finish(make_task(dt.date(2025, 6, 30)), dt.date(2025, 5, 2))
    finish(make_task(dt.date(2025, 3, 31)), dt.date(2025, 4, 2))  # late
    finish(make_task(dt.date(2025, 9, 30)), dt.date(2025, 9, 1), confirm=False)
    make_task(dt.date(2025, 12, 31))  # never done
    dropped = make_task(dt.date(2025, 8, 31))
    decide_adjustment(
        COMMAND, request_adjustment(COMMAND, dropped, "khong_thuc_hien", "Trùng"), approve=True
    )
    make_task(dt.date(2024, 12, 31))  # another year
    make_task(dt.date(2025, 5, 31), lead_unit=province.snv)  # another unit
    item = tasks_item(stp_assessment, at(dt.date(2026, 1, 10)))
    assert item == Computed(
        Decimal("0"),
        "2/5 nhiệm vụ hoàn thành đúng hạn (40,0 %); 1 nhiệm vụ đã báo cáo hoàn thành, "
        "chờ xác nhận: 0 điểm.",
        False,
    )


def test_tasks_at_the_eighty_percent_band_get_half_the_points(
    stp_assessment: Assessment, make_task: MakeTask
) -> None:
    for n in range(4):
        finish(make_task(dt.date(2025, 6, 30)), dt.date(2025, 6, 1 + n))
    finish(make_task(dt.date(2025, 6, 30)), dt.date(2025, 7, 1))
    item = tasks_item(stp_assessment, at(dt.date(2026, 1, 10)))
    assert (item.score, item.explanation) == (
        Decimal("0.5"),
        "4/5 nhiệm vụ hoàn thành đúng hạn (80,0 %): 0,5 điểm.",
    )


def test_tasks_of_the_units_subordinate_units_count_as_its_own(
    province: Province, make_task: MakeTask
) -> None:
    framework = small_framework(2025, "district")
    assessment = Assessment.objects.create(framework=framework, unit=province.district)
    finish(make_task(dt.date(2025, 3, 1), lead_unit=province.old_commune), dt.date(2025, 2, 1))
    item = tasks_item(assessment, at(dt.date(2026, 1, 10)))
    assert item.explanation == "1/1 nhiệm vụ hoàn thành đúng hạn (100,0 %): 1 điểm."


def test_without_any_task_due_the_tasks_leaf_does_not_apply(
    stp_assessment: Assessment, make_task: MakeTask
) -> None:
    make_task(dt.date(2024, 12, 31))
    item = tasks_item(stp_assessment, at(dt.date(2026, 1, 10)))
    assert item.not_applicable and item.score is None
    assert "trong năm 2025" in item.explanation


def test_a_leaf_for_other_unit_kinds_is_left_out(stp_assessment: Assessment) -> None:
    Criterion.objects.filter(rule__source="tasks_on_time").update(unit_kinds=["commune"])
    items = computed_items(stp_assessment, at(dt.date(2026, 1, 10)))
    assert list(items) == [leaf(stp_assessment.framework, "reports_on_time").pk]
