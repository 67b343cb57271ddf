"""Who is told about a step of a periodic report, and what they read."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from cchc.audit.log import Actor
from cchc.notifications.models import Kind
from cchc.notifications.notify import coordinators, notify, unit_people
from cchc.reporting.models import Report, Status


def report_moved(actor: Actor, report: Report, comment: str = "") -> None:
    """A report was sent (Sở Nội vụ is told), accepted, returned or reopened (the unit is)."""
    link = reverse("reporting:report", args=[report.period.code, report.unit.code])
    values = {"unit": report.unit.name, "period": report.period.title, "reason": comment}
    if report.status == Status.SUBMITTED:
        text = _("%(unit)s đã gửi báo cáo %(period)s; chờ Sở Nội vụ tiếp nhận.") % values
        notify(Kind.REPORT_SUBMITTED, coordinators(), text, link, actor=actor)
        return
    if report.status == Status.ACCEPTED:
        kind, text = (
            Kind.REPORT_ACCEPTED,
            _("Sở Nội vụ đã tiếp nhận báo cáo %(period)s của %(unit)s."),
        )
    else:
        kind, text = (
            Kind.REPORT_RETURNED,
            _("Báo cáo %(period)s của %(unit)s bị trả lại để sửa. Lý do: %(reason)s"),
        )
    notify(kind, unit_people(report.unit_id), text % values, link, actor=actor)
