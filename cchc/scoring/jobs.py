"""Scheduled job: PAR Index deadline reminders, every morning (the job runner starts it)."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from cchc.audit.log import Actor
from cchc.scoring.reminders import send_par_reminders


@db_periodic_task(crontab(hour="7", minute="40"))
def par_reminders() -> int:
    return send_par_reminders(Actor.system("nhac_chi_so_tu_dong"), timezone.localdate())
