"""The compiled report (báo cáo tổng hợp) as a work object: one per period, scope and issuer,
drafted from what cchc knows, edited section by section, sent for signing and issued.

``sections`` holds, per section code of the period's form (and ``OPENING``):
``{"text": str, "edited": bool, "generated": [{"text": str, "sources": [str, …]}, …]}``:
``text`` the paragraphs as they stand (blank lines between paragraphs), ``edited`` whether the
officer changed them since they were drafted, ``generated`` the sentences last drafted with
what each came from (shown on the page on demand).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.lib.modelfields import user_reference
from cchc.workflow import Versioned, WorkflowEvent

OPENING = "mo-dau"


class Status(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SIGNING = "signing", _("Trình ký")
    ISSUED = "issued", _("Đã ban hành")


class IssuerKind(models.TextChoices):
    SNV = "snv", _("Sở Nội vụ báo cáo UBND tỉnh")
    UBND = "ubnd", _("UBND tỉnh báo cáo Bộ Nội vụ")


class CompiledReport(Versioned):
    period = models.ForeignKey(
        "reporting.Period",
        on_delete=models.PROTECT,
        related_name="compiled_reports",
        verbose_name=_("kỳ báo cáo"),
    )
    root = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("phạm vi (đơn vị gốc)"),
    )
    issuer = models.CharField(
        _("cơ quan ban hành"), max_length=10, choices=IssuerKind.choices, default=IssuerKind.SNV
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    sections = models.JSONField(_("nội dung"), default=dict, blank=True)
    signer = user_reference(_("người ký"))
    signer_name = models.CharField(_("họ tên người ký"), max_length=150, blank=True)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    # The month and year of the date line while the day is left for signing.
    planned_date = models.DateField(_("dự kiến ban hành"), default=timezone.localdate)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản đã ban hành"),
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)
    updated_at = models.DateTimeField(_("lưu lúc"), default=timezone.now)
    updated_by = user_reference(_("người lưu"))

    class Meta:
        verbose_name = _("báo cáo tổng hợp")
        verbose_name_plural = _("báo cáo tổng hợp")
        ordering = ["-period__end", "root__path", "issuer"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "root", "issuer"], name="compiled_period_root_issuer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} – {self.root} ({self.get_issuer_display()})"

    def section_text(self, code: str) -> str:
        return str((self.sections.get(code) or {}).get("text") or "")

    def is_edited(self, code: str) -> bool:
        return bool((self.sections.get(code) or {}).get("edited"))


class EventKind(models.TextChoices):
    """The history's entries that are not status steps (those are ``COMPILED_WORKFLOW``'s
    transitions, named and labelled by its table)."""

    CREATED = "created", _("Tạo dự thảo")
    DRAFTED = "drafted", _("Soạn lại")
    SAVED = "saved", _("Lưu nội dung")
    SETTINGS = "settings", _("Sửa người ký, nơi nhận")


class CompiledEvent(WorkflowEvent):
    """A step of the compiled report's history: a transition of ``COMPILED_WORKFLOW`` or an
    edit (``EventKind``); ``previous_text`` keeps an edited section's text that a regeneration
    replaced."""

    report = models.ForeignKey(CompiledReport, on_delete=models.CASCADE, related_name="events")
    section = models.CharField(_("phần"), max_length=20, blank=True)
    previous_text = models.TextField(_("nội dung trước đó"), blank=True)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("lịch sử báo cáo tổng hợp")
        verbose_name_plural = _("lịch sử báo cáo tổng hợp")

    def __str__(self) -> str:
        return f"{self.report}: {self.kind}"


class CompiledComment(models.Model):
    """A leader's (or the coordinator's) comment on a section of the compiled report."""

    report = models.ForeignKey(CompiledReport, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(_("phần"), max_length=20)
    author = user_reference(_("người góp ý"))
    author_label = models.CharField(_("người góp ý"), max_length=150)
    text = models.TextField(_("ý kiến"))
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        verbose_name = _("ý kiến về báo cáo tổng hợp")
        verbose_name_plural = _("ý kiến về báo cáo tổng hợp")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.report} [{self.section}]: {self.author_label}"
