from __future__ import annotations

from functools import partial

from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cchc.audit.admin import AuditedAdmin
from cchc.audit.log import Actor, record
from cchc.notifications.models import (
    EmailDelivery,
    MailState,
    Notification,
    Preference,
    ReminderSent,
)


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(AuditedAdmin[EmailDelivery]):
    """Failed deliveries are listed first by the filter; the job runner retries them."""

    list_display = ["subject", "recipients", "state", "attempts", "created_at", "last_error"]
    list_filter = ["state", "kind"]
    search_fields = ["subject"]
    actions = ["send_again"]
    readonly_fields = [f.name for f in EmailDelivery._meta.fields]

    @admin.display(description=_("gửi đến"))
    def recipients(self, obj: EmailDelivery) -> str:
        return ", ".join(obj.to)

    def has_add_permission(self, request: object) -> bool:
        return False

    @admin.action(description=_("Gửi lại các thư đã chọn"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[EmailDelivery]) -> None:
        from cchc.notifications.jobs import deliver_email

        actor = Actor.from_request(request)
        with transaction.atomic():
            for mail in queryset.exclude(state=MailState.SENT):
                record(actor, "notifications.mail_resend", mail)
                transaction.on_commit(partial(deliver_email, mail.pk))
        self.message_user(request, _("Đã đưa các thư vào hàng đợi gửi lại."))


@admin.register(Notification)
class NotificationAdmin(AuditedAdmin[Notification]):
    list_display = ["text", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(Preference)
class PreferenceAdmin(AuditedAdmin[Preference]):
    list_display = ["user", "kind", "delivery"]
    list_filter = ["kind", "delivery"]


@admin.register(ReminderSent)
class ReminderSentAdmin(AuditedAdmin[ReminderSent]):
    """Deleting a row lets that reminder be sent again: audited, as every admin write."""

    list_display = ["kind", "subject", "unit", "threshold", "sent_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in ReminderSent._meta.fields]
