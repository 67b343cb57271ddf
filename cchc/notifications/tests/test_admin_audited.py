"""The notification rows the admin may delete (a reminder's claim, a notice, an e-mail) are
audited like every admin write: deleting a reminder's claim lets it be sent again."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.models import AuditEntry
from cchc.notifications.models import EmailDelivery, Kind, ReminderSent
from conftest import Province


def test_deleting_a_reminder_claim_in_the_admin_is_audited(
    admin_user: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    claim = ReminderSent.objects.create(
        kind=Kind.REPORT_REMINDER, subject="2025-H1", unit=province.stp, threshold="due"
    )
    url = reverse("admin:notifications_remindersent_delete", args=[claim.pk])
    response = client_for(admin_user).post(url, {"post": "yes"})
    assert response.status_code == 302, response.content.decode()
    assert not ReminderSent.objects.filter(pk=claim.pk).exists()
    entry = AuditEntry.objects.get(action="remindersent.delete")
    assert entry.actor == admin_user
    assert entry.object_id == str(claim.pk)


def test_sending_mails_again_from_the_admin_is_audited(
    admin_user: User, client_for: Callable[[User], Client]
) -> None:
    mail = EmailDelivery.objects.create(
        to=["chuyenvien@stp.example"], subject="Nhắc báo cáo", body="…", kind=Kind.REPORT_REMINDER
    )
    response = client_for(admin_user).post(
        reverse("admin:notifications_emaildelivery_changelist"),
        {"action": "send_again", "_selected_action": [str(mail.pk)]},
    )
    assert response.status_code == 302, response.content.decode()
    entry = AuditEntry.objects.get(action="notifications.mail_resend")
    assert entry.actor == admin_user
    assert entry.object_id == str(mail.pk)
