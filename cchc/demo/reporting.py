"""The demo province's periodic CCHC reports for 2024 and 2025, filed through the actions.

The figures are generated from a fixed seed, scaled by the unit's kind and the period's share
of the year, and always satisfy the form's rules. The story of 2025-H1: most units accepted,
some late, some missing, and Sở Tư pháp's report returned for correction.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from cchc.audit.log import Actor
from cchc.demo.narratives import narrative
from cchc.lib.vnformat import format_int
from cchc.orgs.models import Kind, Unit
from cchc.reporting.actions import (
    accept_report,
    expected_units,
    load_config,
    open_periods,
    return_report,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.loading import read_config
from cchc.reporting.models import Period, ReportForm
from cchc.tasks.stats import plan_figures

YEARS = (2024, 2025)
SHARE_OF_YEAR = {"Q1": 0.25, "H1": 0.5, "9M": 0.75, "Y": 1.0}
SCALE = {Kind.OFFICE: 1.6, Kind.DEPARTMENT: 1.0, Kind.DISTRICT: 2.4, Kind.COMMUNE: 0.5}
RETURNED_UNIT = "QNG-STP"
RETURN_COMMENT = (
    "Đề nghị bổ sung số hồ sơ giải quyết quá hạn, nêu rõ nguyên nhân và giải pháp khắc phục."
)
# 2025-H1: who did not send (one left a draft), and who sent after 19/06/2025.
H1_MISSING = {"QNG-H-MINHLONG", "QNG-H-SONTAY", "QNG-SDTTG"}
H1_DRAFT_ONLY = {"QNG-SDTTG"}
H1_LATE = {"QNG-SXD", "QNG-H-BATO", "QNG-H-TRABONG", "QNG-SYT", "QNG-X-BINHCHANH"}
H1_NOT_YET_ACCEPTED = {"QNG-SCT", "QNG-H-NGHIAHANH"}

NARRATIVES = {
    "I": (
        "{unit} đã ban hành Kế hoạch cải cách hành chính năm {year}, xác định {tasks} nhiệm vụ, "
        "phân công cụ thể cho từng phòng, đơn vị; tổ chức {inspections} cuộc kiểm tra công tác "
        "cải cách hành chính; đăng tải {news} tin, bài tuyên truyền trên Trang thông tin điện tử."
    ),
    "II.1": (
        "Công tác xây dựng, rà soát văn bản quy phạm pháp luật được thực hiện đúng quy định; "
        "trong kỳ đã rà soát {reviewed} văn bản, kịp thời đề xuất sửa đổi, bổ sung những quy "
        "định không còn phù hợp."
    ),
    "II.2": (
        "Tiếp nhận {received} hồ sơ thủ tục hành chính, trong đó {online} hồ sơ trực tuyến; "
        "đã giải quyết {resolved} hồ sơ. Duy trì việc tiếp nhận, trả kết quả qua Trung tâm "
        "Phục vụ hành chính công tỉnh và dịch vụ bưu chính công ích."
    ),
    "II.3": (
        "Tiếp tục rà soát, sắp xếp tổ chức bộ máy theo hướng tinh gọn; thực hiện tinh giản "
        "biên chế theo lộ trình được phê duyệt."
    ),
    "II.4": (
        "Tổ chức {classes} lớp đào tạo, bồi dưỡng với {participants} lượt cán bộ, công chức "
        "tham gia; thực hiện chuyển đổi vị trí công tác định kỳ theo quy định."
    ),
    "II.5": "Thực hiện nghiêm quy chế chi tiêu nội bộ; công khai dự toán, quyết toán ngân sách.",
    "II.6": (
        "Sử dụng hiệu quả hệ thống quản lý văn bản và điều hành; {electronic} văn bản đi được "
        "gửi dưới dạng điện tử, có chữ ký số."
    ),
    "III": (
        "Công tác cải cách hành chính được lãnh đạo quan tâm chỉ đạo, đạt kết quả tích cực. "
        "Tuy nhiên, một số hồ sơ còn giải quyết quá hạn; tỷ lệ hồ sơ trực tuyến toàn trình "
        "chưa cao."
    ),
    "IV": (
        "Tiếp tục đẩy mạnh cải cách thủ tục hành chính, nâng cao tỷ lệ hồ sơ trực tuyến; "
        "hoàn thành các nhiệm vụ còn lại của Kế hoạch cải cách hành chính năm {year}."
    ),
    "V": "Đề nghị Sở Nội vụ tiếp tục tổ chức tập huấn nghiệp vụ cải cách hành chính.",
}


def load_reports(actor: Actor) -> int:
    """Configuration, periods and reports; periods that already have reports are left alone."""
    if not ReportForm.objects.exists():
        load_config(actor, read_config())
    for year in YEARS:
        open_periods(actor, year)
    filed = 0
    for period in Period.objects.filter(year__in=YEARS, requested_by=None).order_by("end"):
        if period.reports.exists():
            continue
        for index, unit in enumerate(expected_units(period)):
            filed += _file(actor, period, unit, random.Random(_seed(period, unit)), index)
    return filed


def _seed(period: Period, unit: Unit) -> str:
    """One seed per unit and year for the cumulative periods (Quý I, 6 tháng, 9 tháng, năm):
    their flows are then the same draws scaled by the share of the year, so that 6 tháng ≤
    9 tháng ≤ năm as in real reports; another seed for each other period."""
    if period.kind in SHARE_OF_YEAR:
        return f"{period.year}/{unit.code}"
    return f"{period.code}/{unit.code}"


def _file(actor: Actor, period: Period, unit: Unit, rng: random.Random, index: int) -> int:
    story = _story(period, unit, index)
    if story == "missing":
        return 0
    report = start_report(actor, period, unit)
    figures = _figures(unit, period, rng)
    # A unit that leads tasks of the plan reports the figures the task data gives.
    planned = plan_figures(unit, period.start, period.end, as_of=period.end)
    if planned["plan_tasks_set"]:
        figures.update({code: Decimal(n) for code, n in planned.items()})
    report = save_draft(actor, report, report.version, _narrative(unit, period, figures), figures)
    if story == "draft":
        return 1
    sent_on = period.due_date + dt.timedelta(days=rng.randint(3, 9) if story == "late" else -2)
    report = submit_report(actor, report, at=_at(sent_on, rng))
    if story == "returned":
        return_report(actor, report, RETURN_COMMENT, at=_at(sent_on + dt.timedelta(days=2), rng))
    elif story != "submitted":
        accept_report(actor, report, at=_at(sent_on + dt.timedelta(days=rng.randint(1, 4)), rng))
    return 1


def _story(period: Period, unit: Unit, index: int) -> str:
    if period.code != "2025-H1":
        return "late" if index % 11 == 5 else "accepted"
    if unit.code in H1_DRAFT_ONLY:
        return "draft"
    if unit.code in H1_MISSING:
        return "missing"
    if unit.code == RETURNED_UNIT:
        return "returned"
    if unit.code in H1_NOT_YET_ACCEPTED:
        return "submitted"
    return "late" if unit.code in H1_LATE else "accepted"


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    moment = dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _figures(unit: Unit, period: Period, rng: random.Random) -> dict[str, Decimal | None]:
    share = SHARE_OF_YEAR.get(period.kind, 0.25) * (1.1 if period.year == 2025 else 1.0)
    scale = SCALE.get(Kind(unit.kind), 1.0)

    def flow(low: int, high: int) -> int:
        return round(rng.randint(low, high) * scale * share)

    received = flow(600, 3000)
    online = round(received * rng.uniform(0.55, 0.8))
    post = round(received * rng.uniform(0.01, 0.05))
    resolved = round(received * rng.uniform(0.85, 0.95))
    late = round(resolved * rng.uniform(0.0, 0.02))
    early = round(resolved * rng.uniform(0.1, 0.3))
    pending = received - resolved
    pending_overdue = round(pending * rng.uniform(0.0, 0.05))
    tasks = rng.randint(20, 45)
    found = rng.randint(0, 6)
    classes = max(1, flow(2, 8))
    sent = flow(800, 2400)
    petitions = flow(10, 80)
    complaints = round(petitions * rng.uniform(0.1, 0.3))
    denunciations = round(petitions * rng.uniform(0.0, 0.1))
    subunits_before = rng.randint(6, 12)
    visits = flow(10, 60)
    values: dict[str, int | float] = {
        "plan_tasks_set": tasks,
        "plan_tasks_done": min(tasks, round(tasks * share * rng.uniform(0.85, 1.0))),
        "inspections_held": max(0, flow(1, 6)),
        "units_inspected": max(0, flow(2, 8)),
        "problems_found": found,
        "problems_fixed": rng.randint(0, found),
        "news_items": flow(10, 60),
        "initiatives": rng.randint(0, 3),
        "legal_docs_issued": rng.randint(0, 4),
        "legal_docs_reviewed": rng.randint(2, 20),
        "regulation_feedback_received": (feedback := rng.randint(0, 6)),
        "regulation_feedback_handled": rng.randint(0, feedback),
        "dossiers_received": received,
        "dossiers_received_online": online,
        "dossiers_received_post": post,
        "dossiers_received_in_person": received - online - post,
        "dossiers_carried_over": 0,
        "dossiers_resolved": resolved,
        "dossiers_resolved_early": early,
        "dossiers_resolved_late": late,
        "dossiers_resolved_on_time": resolved - early - late,
        "dossiers_pending_within": pending - pending_overdue,
        "dossiers_pending_overdue": pending_overdue,
        "satisfaction_ratings": round(received * rng.uniform(0.2, 0.6)),
        "satisfaction_rate": round(rng.uniform(95.0, 99.9), 2),
        "subunits_before": subunits_before,
        "subunits_after": rng.randint(max(1, subunits_before - 4), subunits_before),
        "staff_cut": rng.randint(0, 3),
        "staff_rotated": rng.randint(0, 6),
        "training_classes": classes,
        "training_participants": classes * rng.randint(30, 120),
        "staff_disciplined": rng.choice([0, 0, 0, 1]),
        "self_financing_units": rng.randint(0, 4),
        "digital_signatures": rng.randint(20, 150),
        "documents_sent_total": sent,
        "documents_sent_electronic": round(sent * rng.uniform(0.92, 0.995)),
        "citizen_reception_visits": visits,
        "citizen_reception_people": visits + rng.randint(0, 20),
        "citizen_reception_delegations": rng.randint(0, 2),
        "petitions_received": petitions,
        "petitions_eligible": round(petitions * rng.uniform(0.6, 0.9)),
        "petitions_complaints": complaints,
        "petitions_denunciations": denunciations,
        "petitions_proposals": round((petitions - complaints - denunciations) * 0.8),
        "petitions_forwarded": round(petitions * rng.uniform(0.1, 0.3)),
    }
    if unit.kind in (Kind.OFFICE, Kind.DEPARTMENT):
        values.update(
            tthc_announced_new=rng.randint(0, 15),
            tthc_amended=rng.randint(0, 20),
            tthc_replaced=rng.randint(0, 5),
            tthc_abolished=rng.randint(0, 8),
            tthc_time_cut=rng.randint(0, 10),
            online_services_full=rng.randint(5, 60),
            online_services_partial=rng.randint(0, 30),
        )
    return {code: Decimal(str(value)) for code, value in values.items()}


def _narrative(unit: Unit, period: Period, figures: dict[str, Decimal | None]) -> dict[str, str]:
    def number(code: str) -> str:
        value = figures.get(code)
        return format_int(int(value)) if value is not None else "0"

    fields = {
        "unit": unit.name,
        "year": str(period.year),
        "tasks": number("plan_tasks_set"),
        "inspections": number("inspections_held"),
        "news": number("news_items"),
        "reviewed": number("legal_docs_reviewed"),
        "received": number("dossiers_received"),
        "online": number("dossiers_received_online"),
        "resolved": number("dossiers_resolved"),
        "classes": number("training_classes"),
        "participants": number("training_participants"),
        "electronic": number("documents_sent_electronic"),
    }
    if period.year == 2025:
        return narrative(unit, period, fields)
    return {code: text.format(**fields) for code, text in NARRATIVES.items()}
