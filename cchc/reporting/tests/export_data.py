"""The reports of 2025-H1 that the export tests read (the province of conftest.py):

- Sở Tư pháp: accepted, sent on 18/06/2025 (on time), with narrative and figures;
- Sở Nội vụ: submitted on 25/06/2025 (late), with figures;
- UBND huyện Bình Sơn: sent on time, then returned for correction: not counted;
- UBND xã Bình Chánh: nothing sent.

Sở Tư pháp also reported 2024-H1 (10.973 dossiers), for the change against last year.
Together: 12.345 dossiers (6.789 online), 11.000 resolved, 98,64 % on time (gồm trước hạn),
24 training classes with 2.319 participants, satisfaction 75,00 % (weighted by ratings).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from docx.shared import Length

from cchc.audit.log import Actor
from cchc.orgs.models import Unit
from cchc.reporting.actions import open_periods
from cchc.reporting.models import Period, Report, ReportValue, Status
from conftest import Province

STP_NARRATIVE = {
    "I": "Sở đã ban hành Kế hoạch cải cách hành chính năm 2025.\n\n"
    "Sở đã tổ chức 02 cuộc kiểm tra nội bộ.",
    "II.2": "Sở tiếp tục tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh.",
    "III": "Công tác cải cách hành chính có nhiều chuyển biến.",
}


@dataclass(frozen=True)
class Filed:
    period: Period
    last_year: Period
    stp: Report
    snv: Report
    returned: Report


def cm(length: Length | None) -> float:
    """A page measure in centimetres, to two places."""
    assert length is not None
    return round(float(length.cm), 2)


def sent_on(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def file_report(
    period: Period,
    unit: Unit,
    status: str,
    sent: dt.date | None = None,
    narrative: dict[str, str] | None = None,
    **values: int | str,
) -> Report:
    moment = sent_on(sent) if sent else None
    report = Report.objects.create(
        period=period,
        unit=unit,
        status=status,
        narrative=narrative or {},
        first_submitted_at=moment,
        submitted_at=moment,
    )
    indicators = {i.code: i for i in period.form.indicators.all()}
    ReportValue.objects.bulk_create(
        ReportValue(report=report, indicator=indicators[code], value=Decimal(str(value)))
        for code, value in values.items()
    )
    return report


def file_h1_2025(period: Period, province: Province) -> Filed:
    open_periods(Actor.command("test"), 2024)
    last_year = Period.objects.get(code="2024-H1")
    file_report(
        last_year, province.stp, Status.ACCEPTED, dt.date(2024, 6, 18), dossiers_received=10973
    )
    stp = file_report(
        period, province.stp, Status.ACCEPTED, dt.date(2025, 6, 18), STP_NARRATIVE,
        dossiers_received=10000, dossiers_received_online=5789,
        dossiers_received_in_person=4000, dossiers_received_post=211,
        dossiers_resolved=9000, dossiers_resolved_early=1000, dossiers_resolved_on_time=7900,
        dossiers_resolved_late=100, staff_rotated=5, training_classes=20,
        training_participants=2000, satisfaction_rate="90", satisfaction_ratings=100,
        tthc_announced_new=102, tthc_amended=63, tthc_replaced=38, tthc_abolished=9,
    )  # fmt: skip
    snv = file_report(
        period, province.snv, Status.SUBMITTED, dt.date(2025, 6, 25),
        {"I": "Sở Nội vụ đã tham mưu Kế hoạch cải cách hành chính năm 2025 của tỉnh."},
        dossiers_received=2345, dossiers_received_online=1000,
        dossiers_received_in_person=1345, dossiers_received_post=0,
        dossiers_resolved=2000, dossiers_resolved_early=0, dossiers_resolved_on_time=1950,
        dossiers_resolved_late=50, training_classes=4, training_participants=319,
        satisfaction_rate="70", satisfaction_ratings=300,
    )  # fmt: skip
    returned = file_report(
        period, province.district, Status.RETURNED, dt.date(2025, 6, 17),
        {"I": "Nội dung bị trả lại để sửa."}, dossiers_received=99999,
    )  # fmt: skip
    return Filed(period, last_year, stp, snv, returned)
