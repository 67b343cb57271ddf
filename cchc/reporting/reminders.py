"""Reminders: one e-mail per unit and period whose report is due soon or overdue and not sent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from cchc.access import Perm, require, unit_mail_recipients
from cchc.audit.log import Actor, record
from cchc.lib.vnformat import format_date
from cchc.orgs.models import Unit
from cchc.reporting.actions import expected_units
from cchc.reporting.models import Period, Report


@dataclass
class Reminder:
    """A unit that has not sent its report for a period, and who in the unit is told."""

    period: Period
    unit: Unit
    report: Report | None
    # Days past the due date (> 0), or left until it (<= 0 means due today or later).
    days_late: int
    recipients: list[str] = field(default_factory=list)

    @property
    def overdue(self) -> bool:
        return self.days_late > 0

    @property
    def path(self) -> str:
        return reverse("report", args=[self.period.code, self.unit.code])


def due_reminders(as_of: dt.date, days: int) -> list[Reminder]:
    """For every period due on or before ``as_of`` + ``days`` (overdue ones included), each
    expected unit whose report has not been sent; addressed to the unit's officers and heads."""
    horizon = as_of + dt.timedelta(days=days)
    reminders = []
    periods = Period.objects.filter(start__lte=as_of, due_date__lte=horizon).select_related(
        "form", "requested_by"
    )
    for period in periods.order_by("due_date", "code"):
        reports = {r.unit_id: r for r in Report.objects.filter(period=period)}
        for unit in expected_units(period):
            report = reports.get(unit.pk)
            if report is None or report.first_submitted_at is None:
                days_late = (as_of - period.due_date).days
                reminders.append(Reminder(period, unit, report, days_late))
    emails = unit_mail_recipients({reminder.unit.pk for reminder in reminders})
    for reminder in reminders:
        reminder.recipients = list(emails.get(reminder.unit.pk, []))
    return reminders


def send_reminders(actor: Actor, as_of: dt.date, days: int) -> list[Reminder]:
    """Send each reminder that has recipients and record it in the audit log; returns every
    reminder (those without recipients were not sent)."""
    require(actor, Perm.MANAGE_REPORTING)
    found = due_reminders(as_of, days)
    messages = []
    for reminder in found:
        if not reminder.recipients:
            continue
        messages.append(_message(reminder))
        record(
            actor,
            "report.reminder",
            reminder.unit,
            note=_("%(period)s, hạn nộp %(due)s; gửi %(to)s")
            % {
                "period": reminder.period.code,
                "due": format_date(reminder.period.due_date),
                "to": ", ".join(reminder.recipients),
            },
        )
    if messages:
        get_connection().send_messages(messages)
    return found


def _message(reminder: Reminder) -> EmailMessage:
    values = {
        "period": reminder.period.title,
        "unit": reminder.unit.name,
        "due": format_date(reminder.period.due_date),
    }
    if reminder.overdue:
        subject = _("[CCHC] %(unit)s: báo cáo %(period)s đã quá hạn nộp (%(due)s)") % values
    else:
        subject = _("[CCHC] %(unit)s: nhắc nộp báo cáo %(period)s, hạn %(due)s") % values
    body = render_to_string(
        "reporting/reminder_email.txt", {"reminder": reminder, "site_url": settings.SITE_URL}
    )
    return EmailMessage(subject=subject, body=body, to=reminder.recipients)
