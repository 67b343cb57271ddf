"""Reminders: one e-mail per unit and period whose report is due soon or overdue and not sent,
sent once per threshold (due soon; each week overdue) however many runners run it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from cchc.access import Perm, require
from cchc.accounts.addressing import unit_mail_recipients
from cchc.audit.log import Actor
from cchc.lib.vnformat import format_date
from cchc.notifications.models import EmailDelivery, Kind
from cchc.notifications.reminders import claim, deliver, remind_unit
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
        return reverse("reporting:report", args=[self.period.code, self.unit.code])


def due_reminders(as_of: dt.date, days: int, period: Period | None = None) -> list[Reminder]:
    """For every period due on or before ``as_of`` + ``days`` (overdue ones included), or for
    ``period`` alone, each expected unit whose report has not been sent; addressed to the
    unit's officers and heads."""
    horizon = as_of + dt.timedelta(days=days)
    reminders = []
    periods = Period.objects.filter(start__lte=as_of).select_related("form", "requested_by")
    periods = periods.filter(pk=period.pk) if period else periods.filter(due_date__lte=horizon)
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


def send_reminders(
    actor: Actor, as_of: dt.date, days: int, *, period: Period | None = None
) -> list[Reminder]:
    """Send each reminder that has recipients and was not sent before at its threshold
    (``threshold``), with a notice in the app, and record it in the audit log. Returns the
    reminders sent now and those that have no recipients (not sent). With ``period`` (the
    button of the completeness page) the period's missing units are reminded, once a day."""
    require(actor, Perm.MANAGE_REPORTING)
    found = []
    mails: list[EmailDelivery | None] = []
    for reminder in due_reminders(as_of, days, period):
        if not reminder.recipients:
            found.append(reminder)
            continue
        mark = f"manual-{as_of.isoformat()}" if period else threshold(reminder)
        with transaction.atomic():
            if not claim(Kind.REPORT_REMINDER, reminder.period.code, reminder.unit, mark):
                continue
            found.append(reminder)
            message = _message(reminder)
            mails.append(
                remind_unit(
                    actor,
                    Kind.REPORT_REMINDER,
                    reminder.unit,
                    reminder.recipients,
                    (message.subject, message.body, reminder.path),
                    "report.reminder",
                    (
                        _("%(period)s, hạn nộp %(due)s; gửi %(to)s"),
                        {
                            "period": reminder.period.code,
                            "due": format_date(reminder.period.due_date),
                        },
                    ),
                )
            )
    deliver(mails)
    return found


def threshold(reminder: Reminder) -> str:
    """Due soon once; overdue on the first day late, then once a week while still missing."""
    if not reminder.overdue:
        return "due-soon"
    return f"overdue-week-{(reminder.days_late - 1) // 7}"


@dataclass
class Message:
    subject: str
    body: str


def _message(reminder: Reminder) -> Message:
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
    return Message(subject, body)
