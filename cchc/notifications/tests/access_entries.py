"""The notifications' objects and admin models for the access matrix (test_access_matrix)."""

from __future__ import annotations

from cchc.accounts.models import User
from cchc.notifications.models import (
    EmailDelivery,
    Kind,
    Notification,
    Preference,
    ReminderSent,
)
from conftest import Province

NOTIFICATIONS_ADMIN_MODELS: dict[str, tuple[str, frozenset[str]]] = {
    "notifications_emaildelivery": ("email_delivery", frozenset({"add"})),
    "notifications_notification": ("notice", frozenset({"add"})),
    "notifications_preference": ("preference", frozenset()),
    "notifications_remindersent": ("reminder_sent", frozenset()),
}


def notification_objects(province: Province, coordinator: User) -> dict[str, str]:
    """A notice of the coordinator's (another role opening it is sent to its own list), a
    failed e-mail, a preference and a reminder sent."""
    notice = Notification.objects.create(
        recipient=coordinator,
        kind=Kind.REPORT_SUBMITTED,
        text="Sở Tư pháp đã gửi báo cáo",
        link="/",
    )
    mail = EmailDelivery.objects.create(
        to=["a@example.org"], subject="[CCHC] thử", body="x", kind=Kind.REPORT_SUBMITTED
    )
    preference = Preference.objects.create(
        user=coordinator, kind=Kind.TASK_REMINDER, delivery="app"
    )
    reminder = ReminderSent.objects.create(
        kind=Kind.REPORT_REMINDER, subject="2025-H1", unit=province.stp, threshold="due-soon"
    )
    return {
        "notice": str(notice.pk),
        "email_delivery": str(mail.pk),
        "preference": str(preference.pk),
        "reminder_sent": str(reminder.pk),
    }
