"""Scheduled job: the report reminders, every morning (the job runner starts it by itself)."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from cchc.audit.log import Actor
from cchc.reporting.reminders import send_reminders

# Periods due within this many days (or overdue) are reminded.
REMIND_DAYS = 3


@db_periodic_task(crontab(hour="7", minute="30"))
def report_reminders() -> int:
    return remind_reports()


def remind_reports() -> int:
    """Send the report reminders due today; each is sent once (ReminderSent)."""
    actor = Actor.system("nhac_bao_cao_tu_dong")
    sent = send_reminders(actor, timezone.localdate(), REMIND_DAYS)
    return sum(1 for reminder in sent if reminder.recipients)
