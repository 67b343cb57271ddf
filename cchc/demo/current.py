"""The demo province as of a given day: the years after the recorded history (2026 on) are
built relative to that day, so that the demo opened on any date shows a province in the
middle of its work.

For every year from 2026 to the day's year: its reporting periods and its CCHC plan
(``KH-CCHC-<year>``). The periods already due are filed (the last one with late and missing
units and reports awaiting review), the period being reported now is open with drafts, early
sendings and Sở Tư pháp's report returned; the current plan's tasks fall due around the day
(overdue, due within days, waiting to be accepted, reported done, returned). Every time
stamped is on or before the day. The PAR Index cycle under way is the 2025 one
(cchc.demo.scoring), its deadlines set after the day.
"""

from __future__ import annotations

import datetime as dt
import random
from contextlib import nullcontext
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from cchc.audit.log import Actor
from cchc.demo.reporting import RETURN_COMMENT, RETURNED_UNIT, _at, _figures, _narrative
from cchc.notifications.notify import muted
from cchc.orgs.models import Unit
from cchc.reporting.actions import (
    accept_report,
    expected_units,
    open_periods,
    return_report,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.models import Period
from cchc.tasks.actions import DocumentRef, TaskRow, import_plan, report_done, return_task
from cchc.tasks.models import Plan, Status, Task
from cchc.tasks.stats import plan_figures

FIRST_YEAR = 2026
# The last period already due: who did not send, who sent late, who waits for review.
MISSING = {"QNG-H-MINHLONG", "QNG-H-SONTAY", "QNG-SDTTG", "QNG-X-TUNGHIA"}
LATE = {"QNG-SXD", "QNG-SYT", "QNG-X-BINHSON", "QNG-SCT"}
AWAITING_REVIEW = {"QNG-SGDDT", "QNG-X-NGHIALO"}
# The period being reported: who has sent already, who is drafting (the rest has not begun).
SENT_EARLY = {"QNG-VP", "QNG-SNV", "QNG-STC", "QNG-SCT", "QNG-X-CAMTHANH", "QNG-X-LYSON"}
DRAFTING = {"QNG-SXD", "QNG-SYT", "QNG-SGDDT", "QNG-X-BINHSON", "QNG-X-DUCPHO"}
RETURN_REASON = "Đề nghị bổ sung số hồ sơ giải quyết quá hạn và nguyên nhân."


@dataclass(frozen=True)
class PlanTask:
    content: str
    lead: str
    # Days from the day the demo is built to the deadline.
    offset: int
    status: str
    output: str = ""
    # Reported done, then returned by Sở Nội vụ with a reason.
    returned: bool = False


PLAN = [
    PlanTask(
        "Rà soát, đánh giá quy định hành chính thuộc lĩnh vực tư pháp",
        "QNG-STP",
        -24,
        Status.DANG_THUC_HIEN,
        "Báo cáo rà soát",
    ),
    PlanTask(
        "Cập nhật, công khai thủ tục hành chính trên Cổng dịch vụ công",
        "QNG-STP",
        -6,
        Status.DANG_THUC_HIEN,
        "TTHC được công khai",
    ),
    PlanTask(
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính lĩnh vực hộ tịch",
        "QNG-STP",
        3,
        Status.DANG_THUC_HIEN,
        "Dữ liệu số hóa",
    ),
    PlanTask(
        "Tự kiểm tra công tác cải cách hành chính tại các phòng chuyên môn",
        "QNG-STP",
        6,
        Status.CHO_TIEP_NHAN,
        "Báo cáo kiểm tra",
    ),
    PlanTask(
        "Tổ chức đối thoại với người dân về giải quyết thủ tục hành chính",
        "QNG-STP",
        20,
        Status.DANG_THUC_HIEN,
        "Biên bản đối thoại",
        returned=True,
    ),
    PlanTask(
        "Báo cáo kết quả thực hiện Đề án 06 lĩnh vực tư pháp",
        "QNG-STP",
        -3,
        Status.CHO_KET_THUC,
        "Báo cáo",
    ),
    PlanTask(
        "Tập huấn nghiệp vụ kiểm soát thủ tục hành chính",
        "QNG-STP",
        -40,
        Status.DA_HOAN_THANH,
        "Lớp tập huấn",
    ),
    PlanTask(
        "Xây dựng báo cáo cải cách hành chính năm của tỉnh",
        "QNG-SNV",
        12,
        Status.DANG_THUC_HIEN,
        "Báo cáo UBND tỉnh",
    ),
    PlanTask(
        "Khảo sát sự hài lòng của người dân (SIPAS) cấp tỉnh",
        "QNG-SNV",
        -10,
        Status.DANG_THUC_HIEN,
        "Kết quả khảo sát",
    ),
    PlanTask(
        "Công khai tài chính, ngân sách trên Cổng thông tin điện tử",
        "QNG-STC",
        -15,
        Status.DANG_THUC_HIEN,
        "Báo cáo công khai",
    ),
    PlanTask(
        "Rà soát chức năng, nhiệm vụ các đơn vị sự nghiệp",
        "QNG-STC",
        30,
        Status.CHO_TIEP_NHAN,
        "Đề án",
    ),
    PlanTask(
        "Cắt giảm thời gian giải quyết thủ tục cấp phép xây dựng",
        "QNG-SXD",
        -30,
        Status.DANG_THUC_HIEN,
        "Quyết định công bố",
    ),
    PlanTask(
        "Triển khai hồ sơ sức khỏe điện tử",
        "QNG-SYT",
        2,
        Status.DANG_THUC_HIEN,
        "Hệ thống vận hành",
    ),
    PlanTask(
        "Chuyển đổi số trong quản lý trường học",
        "QNG-SGDDT",
        -5,
        Status.CHO_KET_THUC,
        "Báo cáo kết quả",
    ),
    PlanTask(
        "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh",
        "QNG-VP",
        45,
        Status.DANG_THUC_HIEN,
        "Hệ thống nâng cấp",
    ),
    PlanTask(
        "Kiểm tra công tác cải cách hành chính tại 10 xã, phường",
        "QNG-VP",
        -20,
        Status.DA_HOAN_THANH,
        "Thông báo kết luận",
    ),
]


def load_current(actor: Actor, today: dt.date) -> dict[str, int]:
    """Build the years from 2026 to ``today``'s relative to ``today``; what exists stays.
    Returns how many periods, reports and tasks were added."""
    added = {"periods": 0, "reports": 0, "tasks": 0}
    last_year = today.year + (1 if today >= dt.date(today.year, 12, 15) else 0)
    for year in range(FIRST_YEAR, last_year + 1):
        added["periods"] += len(open_periods(actor, year))
        if year <= today.year:
            with nullcontext() if year == today.year else muted():
                added["tasks"] += _plan(actor, year, today)
    added["reports"] += _reports(actor, today)
    return added


def _reports(actor: Actor, today: dt.date) -> int:
    periods = list(
        Period.objects.filter(year__gte=FIRST_YEAR, requested_by=None, start__lte=today)
        .select_related("form")
        .order_by("due_date")
    )
    due = [p for p in periods if p.due_date < today]
    current = next((p for p in periods if p.due_date >= today), None)
    filed = 0
    for period in [*due, *([current] if current else [])]:
        if period.reports.exists():
            continue
        if period == current:
            stage = "current"
        elif due and period == due[-1]:
            stage = "last"
        else:
            stage = "past"
        # Only the period being reported is news; the earlier ones are history.
        with nullcontext() if stage == "current" else muted():
            for index, unit in enumerate(expected_units(period)):
                rng = random.Random(f"{period.code}/{unit.code}")
                filed += _file(actor, period, unit, _story(stage, unit, index), today, rng)
    return filed


def _story(stage: str, unit: Unit, index: int) -> str:
    if stage == "past":
        return "late" if index % 11 == 5 else "accepted"
    if stage == "last":
        if unit.code in MISSING:
            return "missing"
        if unit.code in AWAITING_REVIEW:
            return "submitted"
        return "late" if unit.code in LATE else "accepted"
    if unit.code == RETURNED_UNIT:
        return "returned"
    if unit.code in SENT_EARLY:
        return "early"
    return "draft" if unit.code in DRAFTING else "missing"


def _file(
    actor: Actor, period: Period, unit: Unit, story: str, today: dt.date, rng: random.Random
) -> int:
    if story == "missing":
        return 0
    report = start_report(actor, period, unit)
    figures = _figures(unit, period, rng)
    planned = plan_figures(unit, period.start, period.end, as_of=min(period.end, today))
    if planned["plan_tasks_set"]:
        figures.update({code: Decimal(n) for code, n in planned.items()})
    report = save_draft(actor, report, report.version, _narrative(unit, period, figures), figures)
    if story == "draft":
        return 1
    yesterday = today - dt.timedelta(days=1)
    if story in ("early", "returned"):
        sent_on = today - dt.timedelta(
            days=rng.randint(4, 9) if story == "returned" else rng.randint(1, 6)
        )
    elif story == "late":
        sent_on = period.due_date + dt.timedelta(days=rng.randint(2, 9))
    else:
        sent_on = period.due_date - dt.timedelta(days=rng.randint(0, 3))
    sent_on = max(min(sent_on, yesterday), period.start)
    report = submit_report(actor, report, at=_at(sent_on, rng))
    reviewed_on = sent_on + dt.timedelta(days=rng.randint(1, 3))
    if story == "returned":
        return_report(actor, report, RETURN_COMMENT, at=_at(min(reviewed_on, yesterday), rng))
    elif story != "submitted" and reviewed_on <= yesterday:
        accept_report(actor, report, at=_at(reviewed_on, rng))
    return 1


def _plan(actor: Actor, year: int, today: dt.date) -> int:
    code = f"KH-CCHC-{year}"
    if Plan.objects.filter(code=code).exists():
        return 0
    # A past year's plan is as it stood at its year's end: done but for two tasks carried over.
    anchor = today if year == today.year else dt.date(year, 12, 20)
    units = {u.code: u for u in Unit.objects.filter(code__in={t.lead for t in PLAN})}
    rows = []
    for line, item in enumerate(PLAN, start=1):
        deadline = anchor + dt.timedelta(days=item.offset)
        status = item.status
        if year != today.year:
            status = Status.DANG_THUC_HIEN if line in (1, 12) else Status.DA_HOAN_THANH
        completed = None
        if status in (Status.DA_HOAN_THANH, Status.CHO_KET_THUC):
            completed = min(deadline, today) - dt.timedelta(days=2)
        rows.append(
            TaskRow(
                line=line,
                content=item.content,
                lead_unit=units[item.lead],
                cooperating_units=(),
                deadline=deadline,
                expected_output=item.output,
                item_number=str(line),
                status=status,
                completed_on=completed,
            )
        )
    result = import_plan(
        actor,
        code=code,
        title=f"Kế hoạch cải cách hành chính năm {year}",
        document=DocumentRef(f"{200 + year % 100}/KH-UBND", dt.date(year - 1, 12, 26)),
        rows=rows,
        origin=f"Kế hoạch mẫu năm {year}",
    )
    if year == today.year:
        for task, item in zip(result.tasks, PLAN, strict=True):
            if item.returned:
                _report_then_return(actor, task, today)
    return len(result.tasks)


def _report_then_return(actor: Actor, task: Task, today: dt.date) -> None:
    # Reported done before the day (and not after the real date, which report_done checks).
    done_on = min(today, timezone.localdate()) - dt.timedelta(days=3)
    report_done(actor, task, done_on, "Đã tổ chức 02 buổi đối thoại tại Trung tâm phục vụ.")
    return_task(actor, task, RETURN_REASON)
