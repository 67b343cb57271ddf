"""Background jobs of the audit app (huey; imported by AuditConfig.ready): the daily backup."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from cchc.audit.backup import make_backup, prune_backups

log = logging.getLogger("cchc.jobs")


@db_periodic_task(crontab(hour=str(settings.BACKUP_HOUR), minute="15"))
def daily_backup() -> None:
    """A backup every night into BACKUP_DIR; archives older than BACKUP_KEEP_DAYS go."""
    if not settings.BACKUP_DIR:
        return
    out = Path(settings.BACKUP_DIR)
    archive = make_backup(out)
    deleted = prune_backups(out, settings.BACKUP_KEEP_DAYS)
    log.info("backup %s written, %d old archives deleted", archive.name, len(deleted))
