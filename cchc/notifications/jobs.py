"""Jobs of the notifications: send one recorded e-mail (retried), and the daily digests."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from cchc.notifications.models import EmailDelivery, MailState, Notification
from cchc.notifications.notify import digest_body, queue_email

# A delivery that fails is tried again this many times, this many seconds apart.
RETRIES = 3
RETRY_DELAY = 300


@db_task(retries=RETRIES, retry_delay=RETRY_DELAY)
def deliver_email(delivery_id: int) -> None:
    """Send the recorded e-mail unless it went already; a failure is recorded (visible in the
    admin) and raised again so that the runner retries it."""
    mail = EmailDelivery.objects.filter(pk=delivery_id).first()
    if mail is None or mail.state == MailState.SENT:
        return
    mail.attempts += 1
    try:
        EmailMessage(subject=mail.subject, body=mail.body, to=mail.to).send()
    except Exception as error:
        mail.state, mail.last_error = MailState.FAILED, f"{type(error).__name__}: {error}"
        mail.save(update_fields=["state", "attempts", "last_error"])
        raise
    mail.state, mail.sent_at, mail.last_error = MailState.SENT, timezone.now(), ""
    mail.save(update_fields=["state", "attempts", "sent_at", "last_error"])


@db_periodic_task(crontab(hour="7", minute="0"))
def send_digests() -> int:
    """Every morning, one e-mail per user with the notices they chose to get as a digest."""
    return send_digests_now()


def send_digests_now() -> int:
    sent = 0
    waiting = (
        Notification.objects.filter(in_digest=True)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "id")
    )
    by_user: dict[int, list[Notification]] = {}
    for notice in waiting:
        by_user.setdefault(notice.recipient_id, []).append(notice)
    for notices in by_user.values():
        user = notices[0].recipient
        with transaction.atomic():
            # Claim the notices first: a second runner finds nothing left to send.
            claimed = Notification.objects.filter(
                pk__in=[n.pk for n in notices], in_digest=True
            ).update(in_digest=False)
            if claimed != len(notices) or not user.email:
                continue
            subject, body = digest_body(user, notices)
            queue_email("", [user.email], subject, body)
            sent += 1
    return sent
