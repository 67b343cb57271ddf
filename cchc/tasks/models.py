"""Plans (kế hoạch), the tasks they and other documents assign, their history and requests.

A task's status moves only through the action functions in ``cchc.tasks.actions``; its
deadline status (trong hạn / quá hạn) is never stored but computed, see ``cchc.tasks.deadline``.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Case, CharField, DateField, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.lib.modelfields import user_reference
from cchc.tasks import deadline as rule
from cchc.workflow import Versioned, WorkflowEvent


class Status(models.TextChoices):
    CHO_TIEP_NHAN = rule.CHO_TIEP_NHAN, _("Chờ tiếp nhận")
    DANG_THUC_HIEN = rule.DANG_THUC_HIEN, _("Đang thực hiện")
    CHO_KET_THUC = rule.CHO_KET_THUC, _("Chờ kết thúc")
    DA_HOAN_THANH = rule.DA_HOAN_THANH, _("Đã hoàn thành")
    DA_HUY = rule.DA_HUY, _("Đã hủy")


DEADLINE_LABELS = {rule.WITHIN: _("Trong hạn"), rule.OVERDUE: _("Quá hạn")}


def deadline_status_expression(as_of: dt.date) -> Case:
    """``cchc.tasks.deadline.deadline_status`` as a database expression: "within",
    "overdue" or NULL (cancelled)."""
    completed = Coalesce(F("completed_on"), Value(as_of), output_field=DateField())
    return Case(
        When(Q(status__in=rule.OPEN, deadline__lt=Value(as_of)), then=Value(rule.OVERDUE)),
        When(Q(status__in=rule.DONE, deadline__lt=completed), then=Value(rule.OVERDUE)),
        When(status__in=rule.OPEN + rule.DONE, then=Value(rule.WITHIN)),
        default=Value(None),
        output_field=CharField(),
    )


class Plan(models.Model):
    """A plan such as "Kế hoạch CCHC năm 2025", issued by a document in the register."""

    code = models.CharField(
        _("mã kế hoạch"), max_length=40, unique=True, help_text=_("Ví dụ: KH-CCHC-2025")
    )
    title = models.CharField(_("tên kế hoạch"), max_length=255)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("văn bản ban hành"),
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)
    created_by = user_reference(_("người tạo"))

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tasks:plan_detail", args=[self.code])


class TaskQuerySet(models.QuerySet["Task"]):
    def by_urgency(self, as_of: dt.date) -> TaskQuerySet:
        """Overdue open tasks first, then by deadline (standing tasks last)."""
        overdue_first = Case(
            When(Q(status__in=rule.OPEN, deadline__lt=Value(as_of)), then=Value(0)),
            default=Value(1),
        )
        return self.annotate(urgency=overdue_first).order_by(
            "urgency", F("deadline").asc(nulls_last=True), "position", "id"
        )


class Task(Versioned):
    """A task (nhiệm vụ) assigned by a document, usually within a plan."""

    plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("kế hoạch"),
    )
    item_number = models.CharField(_("số thứ tự trong kế hoạch"), max_length=20, blank=True)
    # Order within the plan (the row of the import), since item numbers such as "1.2" or
    # "II.3" do not sort as text.
    position = models.PositiveIntegerField(default=0, editable=False)
    content = models.TextField(_("nội dung nhiệm vụ"))
    source_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("văn bản giao"),
    )
    lead_unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        related_name="led_tasks",
        verbose_name=_("đơn vị chủ trì"),
    )
    cooperating_units = models.ManyToManyField(
        "orgs.Unit",
        blank=True,
        related_name="cooperating_tasks",
        verbose_name=_("đơn vị phối hợp"),
    )
    deadline = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    # The deadline as the plan wrote it ("Quý II/2026", "Thường xuyên"), when not a plain date.
    deadline_text = models.CharField(
        _("thời gian hoàn thành (theo kế hoạch)"), max_length=100, blank=True
    )
    # The plan's group the task sits under ("Cải cách thủ tục hành chính"), from its annex.
    reform_area = models.CharField(_("lĩnh vực cải cách"), max_length=255, blank=True)
    # The deadline first given; ``deadline`` moves when an extension is approved.
    original_deadline = models.DateField(_("hạn ban đầu"), null=True, blank=True)
    expected_output = models.TextField(_("sản phẩm"), blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=Status.choices,
        default=Status.CHO_TIEP_NHAN,
        db_index=True,
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)
    created_by = user_reference(_("người tạo"))

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        # Plan tasks in plan order, then the tasks assigned by other documents.
        ordering = [F("plan_id").asc(nulls_last=True), "position", "id"]
        indexes = [
            models.Index(fields=["lead_unit", "status"], name="task_lead_status"),
            models.Index(fields=["deadline"], name="task_deadline"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=rule.DONE) | Q(completed_on__isnull=False),
                name="task_done_has_completion_date",
            ),
            models.CheckConstraint(
                condition=Q(status__in=rule.DONE) | Q(completed_on__isnull=True),
                name="task_completion_date_only_when_done",
            ),
        ]

    def __str__(self) -> str:
        label = self.content if len(self.content) <= 80 else self.content[:79] + "…"
        return f"{self.item_number}. {label}" if self.item_number else label

    def get_absolute_url(self) -> str:
        return reverse("tasks:task_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in rule.OPEN

    def deadline_status(self, as_of: dt.date) -> str | None:
        return rule.deadline_status(self.status, self.deadline, self.completed_on, as_of)

    @property
    def deadline_was_extended(self) -> bool:
        return self.original_deadline is not None and self.original_deadline != self.deadline


class EventKind(models.TextChoices):
    CREATED = "created", _("Giao nhiệm vụ")
    IMPORTED = "imported", _("Nhập dữ liệu")
    EDITED = "edited", _("Sửa thông tin")
    ACCEPTED = "accepted", _("Tiếp nhận")
    PROGRESS = "progress", _("Cập nhật tiến độ")
    REPORTED_DONE = "reported_done", _("Báo cáo hoàn thành")
    CONFIRMED = "confirmed", _("Xác nhận hoàn thành")
    RETURNED = "returned", _("Trả lại, chưa xác nhận hoàn thành")
    ADJUSTMENT_REQUESTED = "adjustment_requested", _("Đề nghị điều chỉnh")
    ADJUSTMENT_APPROVED = "adjustment_approved", _("Đồng ý điều chỉnh")
    ADJUSTMENT_REFUSED = "adjustment_refused", _("Không đồng ý điều chỉnh")


class TaskEvent(WorkflowEvent):
    """One step in a task's history (``cchc.workflow.WorkflowEvent``): the steps of the task's
    and its adjustment requests' workflows (``cchc.tasks.workflows``), and its creation, import
    and edits. The kinds and statuses keep their choices, for their labels."""

    task = models.ForeignKey(
        Task, on_delete=models.PROTECT, related_name="events", verbose_name=_("nhiệm vụ")
    )
    kind = models.CharField(_("việc"), max_length=30, choices=EventKind.choices)
    from_status = models.CharField(
        _("trạng thái trước"), max_length=20, choices=Status.choices, blank=True
    )
    to_status = models.CharField(
        _("trạng thái sau"), max_length=20, choices=Status.choices, blank=True
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("diễn biến nhiệm vụ")
        verbose_name_plural = _("diễn biến nhiệm vụ")

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_label} {self.get_kind_display()}"


class Evidence(models.Model):
    """A file attached to a progress update or a completion report (tài liệu kiểm chứng).

    Never served directly: ``cchc.tasks.views.task_page.evidence_file`` checks who asks.
    """

    event = models.ForeignKey(
        TaskEvent, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("diễn biến")
    )
    file = models.FileField(_("tệp"), upload_to="tasks/%Y/")
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"), default=0)

    class Meta:
        verbose_name = _("tài liệu kiểm chứng")
        verbose_name_plural = _("tài liệu kiểm chứng")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class AdjustmentKind(models.TextChoices):
    GIA_HAN = "gia_han", _("Gia hạn")
    KHONG_THUC_HIEN = "khong_thuc_hien", _("Không thực hiện nhiệm vụ")


class AdjustmentState(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã đồng ý")
    REFUSED = "refused", _("Không đồng ý")


class Adjustment(Versioned):
    """A lead unit's request to extend a task's deadline or to drop the task, and the decision."""

    task = models.ForeignKey(
        Task, on_delete=models.PROTECT, related_name="adjustments", verbose_name=_("nhiệm vụ")
    )
    kind = models.CharField(_("đề nghị"), max_length=20, choices=AdjustmentKind.choices)
    proposed_deadline = models.DateField(_("hạn đề nghị"), null=True, blank=True)
    reason = models.TextField(_("lý do"))
    state = models.CharField(
        _("kết quả"),
        max_length=10,
        choices=AdjustmentState.choices,
        default=AdjustmentState.PENDING,
        db_index=True,
    )
    requested_at = models.DateTimeField(_("ngày đề nghị"), default=timezone.now)
    requested_by = user_reference(_("người đề nghị"))
    decided_at = models.DateTimeField(_("ngày quyết định"), null=True, blank=True)
    decided_by = user_reference(_("người quyết định"))
    decision_note = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("đề nghị điều chỉnh")
        verbose_name_plural = _("đề nghị điều chỉnh")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["task"],
                condition=Q(state="pending"),
                name="adjustment_one_pending_per_task",
            ),
            models.CheckConstraint(
                condition=~Q(kind="gia_han") | Q(proposed_deadline__isnull=False),
                name="adjustment_extension_has_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.task}"


class ImportState(models.TextChoices):
    WAITING = "cho", _("Đang chờ")
    READING = "dang_doc", _("Đang đọc và kiểm tra tệp")
    WRITING = "dang_ghi", _("Đang ghi nhiệm vụ")
    DONE = "xong", _("Đã nhập xong")
    FAILED = "loi", _("Không nhập được")


class PlanImport(models.Model):
    """A large plan file imported in the background (cchc.tasks.jobs), with its progress:
    the page of the import shows the state until the plan is there or the errors are."""

    code = models.CharField(_("mã kế hoạch"), max_length=40)
    title = models.CharField(_("tên kế hoạch"), max_length=500)
    document = models.CharField(_("văn bản ban hành"), max_length=300)
    file = models.FileField(_("tệp"), upload_to="nhap-ke-hoach/%Y/")
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=ImportState.choices, default=ImportState.WAITING
    )
    rows = models.PositiveIntegerField(_("số dòng"), null=True, blank=True)
    # The first errors (ERROR_LIMIT) and how many there were in all.
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("số lỗi"), default=0)
    plan = models.ForeignKey(
        Plan, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("kế hoạch")
    )
    registered = models.JSONField(_("văn bản mới vào sổ"), default=list, blank=True)
    created_by = user_reference(_("người nhập"))
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    created_at = models.DateTimeField(_("lúc gửi"), default=timezone.now)
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)

    ERROR_LIMIT = 200

    class Meta:
        verbose_name = _("lượt nhập kế hoạch")
        verbose_name_plural = _("lượt nhập kế hoạch")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.code} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        return self.state in (ImportState.DONE, ImportState.FAILED)
