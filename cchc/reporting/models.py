"""Periodic reports: forms as data (sections, indicators, rules), periods, reports and values.

Forms, indicators, rules and period kinds are configuration: loaded from the YAML files in
``cchc/reporting/config`` by ``load_reporting_config`` and editable in the admin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.lib.modelfields import user_reference
from cchc.workflow import Versioned, WorkflowEvent


class ReportForm(models.Model):
    code = models.CharField(_("mã biểu mẫu"), max_length=60)
    version = models.PositiveSmallIntegerField(_("áp dụng từ năm"))
    title = models.CharField(_("tên biểu mẫu"), max_length=255)
    is_adhoc = models.BooleanField(_("báo cáo đột xuất"), default=False)
    # Period kinds (Q1, H1, …) this form is filed for; empty for an ad hoc form.
    period_kinds = models.JSONField(_("các kỳ báo cáo"), default=list, blank=True)
    unit_kinds = models.JSONField(_("loại đơn vị báo cáo"), default=list)
    # [{"code": "II.2", "title": "Cải cách thủ tục hành chính", "required": true,
    #   "required_kinds": []}, …] in the outline's order. A section is required unless
    # "required" is false; "required_kinds" (empty: every kind) narrows it to some unit kinds.
    sections = models.JSONField(_("các phần báo cáo"), default=list)

    class Meta:
        verbose_name = _("biểu mẫu báo cáo")
        verbose_name_plural = _("biểu mẫu báo cáo")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="reportform_code_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"

    def required_sections(self, unit_kind: str) -> list[dict[str, Any]]:
        """The sections a unit of this kind must fill (or mark "không phát sinh") to send."""
        return [
            section
            for section in self.sections
            if section.get("required", True)
            and (not section.get("required_kinds") or unit_kind in section["required_kinds"])
        ]


class ValueType(models.TextChoices):
    INTEGER = "integer", _("Số nguyên")
    DECIMAL = "decimal", _("Số thập phân")
    PERCENT = "percent", _("Tỷ lệ %")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Cộng")
    STOCK = "stock", _("Cộng theo đơn vị, không cộng theo thời gian")
    WEIGHTED_MEAN = "weighted_mean", _("Bình quân có trọng số")
    RATIO = "ratio", _("Tỷ lệ tính lại từ các thành phần")


class Indicator(models.Model):
    form = models.ForeignKey(
        ReportForm, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("biểu mẫu")
    )
    code = models.CharField(_("mã chỉ tiêu"), max_length=60)
    section = models.CharField(_("phần"), max_length=20)
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=40)
    value_type = models.CharField(_("kiểu giá trị"), max_length=10, choices=ValueType.choices)
    aggregation = models.CharField(_("cách tổng hợp"), max_length=20, choices=Aggregation.choices)
    weight_code = models.CharField(_("chỉ tiêu trọng số"), max_length=60, blank=True)
    numerator_codes = models.JSONField(_("tử số"), default=list, blank=True)
    denominator_codes = models.JSONField(_("mẫu số"), default=list, blank=True)
    # Empty: every unit kind that files the form.
    unit_kinds = models.JSONField(_("loại đơn vị báo cáo"), default=list, blank=True)
    carry_over = models.BooleanField(_("lấy từ kỳ trước"), default=False)
    # Required to send: a figure, or "không phát sinh". ``required_kinds`` empty: every kind
    # the indicator applies to.
    required = models.BooleanField(_("bắt buộc nhập"), default=False)
    required_kinds = models.JSONField(_("bắt buộc với loại đơn vị"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["form", "position"]
        constraints = [models.UniqueConstraint(fields=["form", "code"], name="indicator_code")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_computed(self) -> bool:
        return self.aggregation == Aggregation.RATIO

    def applies_to(self, unit_kind: str) -> bool:
        return not self.unit_kinds or unit_kind in self.unit_kinds

    def is_required_for(self, unit_kind: str) -> bool:
        return (
            self.required
            and not self.is_computed
            and self.applies_to(unit_kind)
            and (not self.required_kinds or unit_kind in self.required_kinds)
        )


class Severity(models.TextChoices):
    BLOCKING = "blocking", _("Chặn gửi")
    WARNING = "warning", _("Cảnh báo")


class ValidationRule(models.Model):
    form = models.ForeignKey(
        ReportForm, on_delete=models.CASCADE, related_name="rules", verbose_name=_("biểu mẫu")
    )
    code = models.CharField(_("mã quy tắc"), max_length=60)
    condition = models.CharField(
        _("điều kiện"), max_length=500, help_text=_("Ví dụ: plan_tasks_done <= plan_tasks_set")
    )
    severity = models.CharField(_("mức độ"), max_length=10, choices=Severity.choices)
    message = models.CharField(_("thông báo"), max_length=500)

    class Meta:
        verbose_name = _("quy tắc kiểm tra")
        verbose_name_plural = _("quy tắc kiểm tra")
        constraints = [models.UniqueConstraint(fields=["form", "code"], name="rule_code")]

    def __str__(self) -> str:
        return self.code


class PeriodKind(models.Model):
    """A kind of period and its default data window and due date (Công văn 581/BNV-CCHC)."""

    code = models.CharField(_("mã"), max_length=10, unique=True)
    title = models.CharField(_("tên kỳ"), max_length=60)
    start_day = models.PositiveSmallIntegerField(_("ngày bắt đầu"))
    start_month = models.PositiveSmallIntegerField(_("tháng bắt đầu"))
    start_previous_year = models.BooleanField(_("bắt đầu từ năm trước"), default=False)
    end_day = models.PositiveSmallIntegerField(_("ngày kết thúc"))
    end_month = models.PositiveSmallIntegerField(_("tháng kết thúc"))
    due_days = models.PositiveSmallIntegerField(_("hạn nộp (số ngày sau kỳ)"))
    open_by_default = models.BooleanField(_("mở mặc định"), default=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("loại kỳ báo cáo")
        verbose_name_plural = _("loại kỳ báo cáo")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title


ADHOC_KIND = "DX"


class Period(models.Model):
    """One reporting period ("2025-H1"), or an ad hoc request ("2025-DX1") by a document."""

    code = models.CharField(_("mã kỳ"), max_length=30, unique=True)
    kind = models.CharField(_("loại kỳ"), max_length=10)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kỳ"), max_length=255)
    start = models.DateField(_("số liệu từ ngày"))
    end = models.DateField(_("số liệu đến ngày"))
    due_date = models.DateField(_("hạn nộp"))
    form = models.ForeignKey(
        ReportForm, on_delete=models.PROTECT, related_name="periods", verbose_name=_("biểu mẫu")
    )
    requested_by = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_requests",
        verbose_name=_("văn bản yêu cầu"),
    )

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-end", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(start__lte=models.F("end")), name="period_window")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def submission_deadline(self) -> dt.datetime:
        """The end of the due date, local time: a report first sent before it is on time."""
        day_after = dt.datetime.combine(self.due_date + dt.timedelta(days=1), dt.time.min)
        return timezone.make_aware(day_after)


class Status(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


class Report(Versioned):
    """A unit's report for a period. ``version`` grows with every save, to refuse stale saves."""

    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="reports", verbose_name=_("kỳ báo cáo")
    )
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="reports", verbose_name=_("đơn vị")
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    narrative = models.JSONField(_("nội dung"), default=dict, blank=True)
    # Sections marked "không phát sinh" (nothing to report): a value, distinct from blank.
    nil_sections = models.JSONField(_("phần không phát sinh"), default=list, blank=True)
    # The first submission decides on time or late; later resubmissions do not change it.
    first_submitted_at = models.DateTimeField(_("gửi lần đầu"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("gửi lần cuối"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("lưu lúc"), default=timezone.now)
    updated_by = user_reference(_("người lưu"))

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="report_period_unit")
        ]
        indexes = [models.Index(fields=["period", "status"], name="report_period_status")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.period}"

    @property
    def is_on_time(self) -> bool | None:
        if self.first_submitted_at is None:
            return None
        return self.first_submitted_at < self.period.submission_deadline


class ReportValueQuerySet(models.QuerySet["ReportValue"]):
    def bulk_create(
        self, objs: Iterable[ReportValue], *args: Any, **kwargs: Any
    ) -> list[ReportValue]:
        objs = list(objs)
        _copy_periods(objs)
        return super().bulk_create(objs, *args, **kwargs)


class ReportValue(models.Model):
    """One figure of a report.

    ``period`` repeats the report's period (a report never changes period): the national
    aggregate reads a period's values in the order of the (period, indicator) index without
    joining each of them to its report. ``save`` and ``bulk_create`` fill it in from the report.
    """

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="values", verbose_name=_("báo cáo")
    )
    period = models.ForeignKey(
        Period,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,
        verbose_name=_("kỳ báo cáo"),
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("chỉ tiêu")
    )
    value = models.DecimalField(_("giá trị"), max_digits=16, decimal_places=2)
    # "Không phát sinh": nothing to report, stored as 0 so that sums and rules count it.
    nil = models.BooleanField(_("không phát sinh"), default=False)

    objects = ReportValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="value_report_indicator")
        ]
        indexes = [
            # Covers the aggregates: the sums per indicator read nothing but this index.
            models.Index(
                fields=["period", "indicator", "report", "value"], name="value_period_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}={self.value}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        _copy_periods([self])
        super().save(*args, **kwargs)


def _copy_periods(values: list[ReportValue]) -> None:
    """Set each value's ``period`` from its report's: one query for the reports not at hand."""
    unset = [value for value in values if value.period_id is None]
    at_hand = {id(value) for value in unset if ReportValue.report.is_cached(value)}
    to_read = {value.report_id for value in unset if id(value) not in at_hand}
    periods = (
        dict(Report.objects.filter(pk__in=to_read).values_list("pk", "period_id"))
        if to_read
        else {}
    )
    for value in unset:
        if id(value) in at_hand:
            value.period_id = value.report.period_id
        elif value.report_id in periods:
            value.period_id = periods[value.report_id]


class ReportEvent(WorkflowEvent):
    """A step of a report's workflow (``cchc.reporting.workflows``): who moved it from which
    status to which, and why."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    # The report's narrative and figures at this step (report_state), to show what changed
    # since a return.
    snapshot = models.JSONField(_("nội dung lúc đó"), default=dict, blank=True)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("bước xử lý báo cáo")
        verbose_name_plural = _("lịch sử xử lý báo cáo")

    def __str__(self) -> str:
        labels = dict(Status.choices)
        before, after = labels.get(self.from_status, ""), labels.get(self.to_status, "")
        return f"{self.report}: {before} → {after}"


class OnestopCode(models.Model):
    """The code a unit has in the province's one-stop system (Hệ thống thông tin giải quyết
    TTHC), for matching the rows of its statistics export when the names differ. Loaded from
    ``config/onestop.yaml`` by ``load_reporting_config`` and editable in the admin."""

    code = models.CharField(_("mã trên Hệ thống một cửa"), max_length=60, unique=True)
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("đơn vị")
    )

    class Meta:
        verbose_name = _("mã đơn vị trên Hệ thống một cửa")
        verbose_name_plural = _("mã đơn vị trên Hệ thống một cửa")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class OnestopImport(models.Model):
    """One import of the one-stop system's dossier statistics (Biểu 06/VPCP/KSTT) for a
    period: the file, who imported it and what was filled, listed as the page showed it."""

    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="+", verbose_name=_("kỳ báo cáo")
    )
    file_name = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    imported_at = models.DateTimeField(_("nhập lúc"), default=timezone.now)
    imported_by = user_reference(_("người nhập"))
    summary = models.JSONField(_("kết quả"), default=dict)

    class Meta:
        verbose_name = _("lần nhập số liệu từ Hệ thống một cửa")
        verbose_name_plural = _("các lần nhập số liệu từ Hệ thống một cửa")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.period.code})"


class OnestopValue(models.Model):
    """Where a figure came from when the one-stop system's export filled it: the import and
    the row of the file. Removed when the unit changes the figure by hand."""

    value = models.OneToOneField(
        ReportValue, on_delete=models.CASCADE, related_name="onestop", verbose_name=_("số liệu")
    )
    batch = models.ForeignKey(
        OnestopImport, on_delete=models.CASCADE, related_name="values", verbose_name=_("lần nhập")
    )
    row = models.PositiveIntegerField(_("dòng trong tệp"))

    class Meta:
        verbose_name = _("nguồn số liệu từ Hệ thống một cửa")
        verbose_name_plural = _("nguồn số liệu từ Hệ thống một cửa")

    def __str__(self) -> str:
        return f"{self.batch.file_name}, dòng {self.row}"


class ReportFile(models.Model):
    """A file uploaded to fill a report, kept with the report. It enters the province's
    document register only when the officer asks ("vào sổ văn bản"): ``document`` then."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="files", verbose_name=_("báo cáo")
    )
    file = models.FileField(_("tệp"), upload_to="reports/%Y/")
    name = models.CharField(_("tên tệp"), max_length=255)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)
    uploaded_by = user_reference(_("người tải lên"))
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản trong sổ"),
    )

    class Meta:
        verbose_name = _("tệp của báo cáo")
        verbose_name_plural = _("tệp của báo cáo")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class FigureSource(models.Model):
    """Where a figure of a report was read from a file: the sentence or table cell, the other
    values the reader found for the same indicator, and who confirmed it (until then the page
    marks it). Typing another value over it removes the source."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="figure_sources", verbose_name=_("báo cáo")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("chỉ tiêu")
    )
    value = models.DecimalField(_("giá trị đọc được"), max_digits=16, decimal_places=2)
    source_text = models.TextField(_("câu hoặc ô nguồn"))
    # "table" (a cell of a table of figures, read exactly) or "text" (a sentence).
    source_kind = models.CharField(_("loại nguồn"), max_length=10, default="text")
    file = models.ForeignKey(
        ReportFile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="figures",
        verbose_name=_("tệp"),
    )
    file_name = models.CharField(_("tên tệp"), max_length=255)
    # [{"value": "93", "text": "…"}]: other readings of the same indicator in the file.
    alternatives = models.JSONField(_("các giá trị khác"), default=list, blank=True)
    read_at = models.DateTimeField(_("đọc lúc"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    confirmed_by = user_reference(_("người xác nhận"))

    class Meta:
        verbose_name = _("nguồn số liệu")
        verbose_name_plural = _("nguồn số liệu")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="figure_source_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.source_text[:60]}"
