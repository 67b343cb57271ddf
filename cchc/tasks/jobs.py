"""Scheduled job: the task reminders, every morning (the job runner starts it by itself)."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from cchc.audit.log import Actor
from cchc.tasks.reminders import send_reminders

# Tasks due within this many days (and overdue ones) are reminded.
REMIND_DAYS = 7


@db_periodic_task(crontab(hour="7", minute="35"))
def task_reminders() -> int:
    return remind_tasks()


def remind_tasks() -> int:
    """Send the task reminders due today; each task once per threshold (ReminderSent)."""
    actor = Actor.command("nhac_nhiem_vu_tu_dong")
    sent = send_reminders(actor, timezone.localdate(), REMIND_DAYS)
    return sum(1 for digest in sent if digest.recipients)
