"""Notifications in the app, the user's choice of delivery per kind, e-mails with their
delivery state, and the reminders already sent (claimed once, whatever the number of workers)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notification is about: the closed list users choose their delivery for."""

    REPORT_SUBMITTED = "report_submitted", _("Báo cáo định kỳ được gửi")
    REPORT_ACCEPTED = "report_accepted", _("Báo cáo định kỳ được tiếp nhận")
    REPORT_RETURNED = "report_returned", _("Báo cáo định kỳ bị trả lại hoặc mở lại")
    REPORT_REMINDER = "report_reminder", _("Nhắc nộp báo cáo định kỳ")
    TASK_ASSIGNED = "task_assigned", _("Được giao nhiệm vụ")
    TASK_PROGRESS = "task_progress", _("Đơn vị tiếp nhận, báo cáo hoàn thành nhiệm vụ")
    TASK_DECIDED = "task_decided", _("Nhiệm vụ được xác nhận hoặc trả lại")
    TASK_ADJUSTMENT = "task_adjustment", _("Đề nghị điều chỉnh nhiệm vụ và quyết định")
    TASK_REMINDER = "task_reminder", _("Nhắc nhiệm vụ quá hạn, sắp đến hạn")
    PAR_CYCLE = "par_cycle", _("Chỉ số CCHC: tự đánh giá, thẩm định, giải trình, chốt điểm")
    PAR_PUBLISHED = "par_published", _("Chỉ số CCHC: công bố kết quả")
    PAR_REMINDER = "par_reminder", _("Chỉ số CCHC: nhắc hạn tự đánh giá, giải trình")


class Delivery(models.TextChoices):
    APP = "app", _("Chỉ trong ứng dụng")
    EMAIL = "email", _("Trong ứng dụng và qua thư điện tử")
    DIGEST = "digest", _("Trong ứng dụng và thư tổng hợp hằng ngày")


# Without a saved choice a user gets every kind in the app and by e-mail.
DEFAULT_DELIVERY = Delivery.EMAIL


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("người nhận"),
    )
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    text = models.CharField(_("nội dung"), max_length=500)
    link = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    # Waiting for the recipient's daily digest e-mail (their choice for this kind).
    in_digest = models.BooleanField(_("chờ thư tổng hợp"), default=False)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text


class Preference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("người dùng"),
    )
    kind = models.CharField(_("loại thông báo"), max_length=30, choices=Kind.choices)
    delivery = models.CharField(_("cách nhận"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("cách nhận thông báo")
        verbose_name_plural = _("cách nhận thông báo")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="preference_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_kind_display()}: {self.get_delivery_display()}"


class MailState(models.TextChoices):
    PENDING = "pending", _("Đang chờ gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không được")


class EmailDelivery(models.Model):
    """One e-mail to one or more addresses, sent by a job after the step commits; a failure
    is retried by the job runner and stays visible in the admin."""

    to = models.JSONField(_("gửi đến"), default=list)
    subject = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"))
    # Empty for the daily digest, which gathers several kinds.
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=MailState.choices, default=MailState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư điện tử")
        verbose_name_plural = _("thư điện tử")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class ReminderSent(models.Model):
    """A reminder claimed before it is sent: the unique row makes a second worker (or a
    second run) skip it. ``subject`` names the period, task or framework; ``threshold`` the
    step reached (due soon, overdue, overdue for n weeks…)."""

    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    subject = models.CharField(_("đối tượng"), max_length=100)
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("đơn vị")
    )
    threshold = models.CharField(_("mốc"), max_length=40)
    sent_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("lần nhắc đã gửi")
        verbose_name_plural = _("lần nhắc đã gửi")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject", "unit", "threshold"], name="reminder_sent_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.subject} – {self.threshold}"
