"""The province's PAR Index: frameworks as data, unit assessments, the national indices.

A framework (``Framework``) is one year's scoring structure for one kind of unit, loaded from
the YAML files in ``cchc/scoring/config`` by ``load_scoring_config`` and editable in the admin:
areas → criteria → sub-criteria (``Criterion``, a tree by ``parent``); the leaves are scored.

Each unit's ``Assessment`` holds one ``ItemScore`` per leaf: the unit's self-assessed score
with its explanation and ``Evidence``, the appraised score with the reason for a deduction, and
the unit's one answer. A leaf's method says where its score comes from: the unit (self), cchc's
own data by the rule in the framework (computed) or the social survey (survey: the score is
entered by Sở Nội vụ, never by the unit). Totals are computed from the item scores
(``cchc.scoring.compute``), never stored.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.lib.modelfields import user_reference
from cchc.orgs.models import Kind
from cchc.workflow import Versioned, WorkflowEvent


class Framework(models.Model):
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    unit_kind = models.CharField(_("loại đơn vị"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("tên bộ chỉ số"), max_length=255)
    # Which unit kinds are assessed (and ranked together) under it; empty: ``unit_kind`` only.
    unit_kinds = models.JSONField(_("các loại đơn vị áp dụng"), default=list, blank=True)
    survey_conducted = models.BooleanField(
        _("có điều tra xã hội học"),
        default=True,
        help_text=_("Khi không điều tra, điểm các tiêu chí còn lại được quy đổi về thang 100."),
    )
    self_assessment_due = models.DateField(_("hạn gửi tự đánh giá"), null=True, blank=True)
    answer_due = models.DateField(_("hạn giải trình kết quả thẩm định"), null=True, blank=True)
    published_at = models.DateTimeField(_("ngày công bố"), null=True, blank=True)
    decision = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quyết định công bố"),
    )

    class Meta:
        verbose_name = _("bộ chỉ số CCHC")
        verbose_name_plural = _("bộ chỉ số CCHC")
        ordering = ["-year", "unit_kind"]
        constraints = [
            models.UniqueConstraint(fields=["year", "unit_kind"], name="framework_year_kind")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def reference_date(self) -> dt.date:
        """The day the framework's units are taken as of: the last day of its year. A unit
        abolished before it (merged away on 28/02/2025) is not assessed, nor ranked, that
        year; its successor is."""
        return dt.date(self.year, 12, 31)

    @property
    def assessed_kinds(self) -> list[str]:
        return list(self.unit_kinds) or [self.unit_kind]


class Method(models.TextChoices):
    SELF = "self", _("Tự đánh giá")
    COMPUTED = "computed", _("Tính từ dữ liệu của hệ thống")
    SURVEY = "survey", _("Điều tra xã hội học")


class Criterion(models.Model):
    """An area (no parent), a criterion or a sub-criterion; only leaves carry scores.

    ``levels``: the allowed scores of a leaf, ``[{"label": "Hoàn thành 100 %", "points": "1"},
    …]``; empty means any score from 0 to the maximum. ``rule``: for a computed leaf, the
    source and the bands, ``{"source": "reports_on_time", "bands": [{"min": 100, "points":
    "1"}, {"min": 80, "points": "0.5"}, {"min": 0, "points": "0"}]}`` (see ``cchc.scoring.rules``).
    """

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("bộ chỉ số")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("thuộc"),
    )
    code = models.CharField(_("mã"), max_length=20)
    text = models.TextField(_("nội dung"))
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    is_leaf = models.BooleanField(_("tiêu chí chấm điểm"), default=True)
    method = models.CharField(
        _("cách chấm"), max_length=10, choices=Method.choices, default=Method.SELF
    )
    levels = models.JSONField(_("các mức điểm"), default=list, blank=True)
    rule = models.JSONField(_("quy tắc tính điểm"), default=dict, blank=True)
    evidence_required = models.BooleanField(_("phải có tài liệu kiểm chứng"), default=False)
    # Empty: every kind the framework assesses.
    unit_kinds = models.JSONField(_("loại đơn vị áp dụng"), default=list, blank=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="criterion_code"),
            models.CheckConstraint(condition=Q(max_points__gte=0), name="criterion_max_points"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text}"

    @property
    def depth(self) -> int:
        """1 for an area, 2 for a criterion, 3 for a sub-criterion (codes "1", "1.2", "1.2.3")."""
        return self.code.count(".") + 1

    def applies_to(self, unit_kind: str) -> bool:
        return not self.unit_kinds or unit_kind in self.unit_kinds

    def allowed_points(self) -> list[Decimal]:
        return [Decimal(str(level["points"])) for level in self.levels]


class Status(models.TextChoices):
    DRAFT = "tu_danh_gia", _("Đang tự đánh giá")
    SUBMITTED = "da_gui", _("Đã gửi, chờ thẩm định")
    APPRAISED = "da_tham_dinh", _("Đã thẩm định, chờ giải trình")
    FINALISED = "da_chot", _("Đã chốt điểm")


class Assessment(Versioned):
    """A unit's assessment for a framework. ``version`` grows with every save (stale saves)."""

    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("bộ chỉ số")
    )
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="assessments", verbose_name=_("đơn vị")
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)
    submitted_at = models.DateTimeField(_("ngày gửi tự đánh giá"), null=True, blank=True)
    submitted_by = user_reference(_("người gửi"))
    appraised_at = models.DateTimeField(_("ngày gửi kết quả thẩm định"), null=True, blank=True)
    appraised_by = user_reference(_("người thẩm định"))
    finalised_at = models.DateTimeField(_("ngày chốt điểm"), null=True, blank=True)
    finalised_by = user_reference(_("người chốt điểm"))

    class Meta:
        verbose_name = _("kết quả chấm điểm")
        verbose_name_plural = _("kết quả chấm điểm")
        ordering = ["framework", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "unit"], name="assessment_framework_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.framework}"


class AssessmentEvent(WorkflowEvent):
    """A step in an assessment's history (``cchc.scoring.workflows``). ``criteria``: the codes
    of the leaves a save changed; ``late``: a self-assessment sent after its due date. The
    note of an evidence or answer step is "<code>: <what>"."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="events", verbose_name=_("kết quả")
    )
    criteria = models.TextField(_("tiêu chí"), blank=True)
    late = models.BooleanField(_("gửi sau hạn"), default=False)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("bước chấm điểm")
        verbose_name_plural = _("các bước chấm điểm")


class ItemScore(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="items", verbose_name=_("kết quả")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("tiêu chí")
    )
    # The criterion does not apply to this unit (e.g. it handles no administrative procedure):
    # left out of the total, which is rescaled to 100 (see cchc.scoring.compute).
    not_applicable = models.BooleanField(_("không áp dụng"), default=False)
    self_score = models.DecimalField(
        _("điểm tự đánh giá"), null=True, blank=True, max_digits=6, decimal_places=2
    )
    explanation = models.TextField(_("giải trình, thuyết minh"), blank=True)
    appraised_score = models.DecimalField(
        _("điểm thẩm định"), null=True, blank=True, max_digits=6, decimal_places=2
    )
    deduction_reason = models.TextField(_("lý do trừ điểm"), blank=True)
    appraised_at = models.DateTimeField(null=True, blank=True)
    appraised_by = user_reference(_("người thẩm định"))
    answer = models.TextField(_("ý kiến giải trình của đơn vị"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = user_reference(_("người giải trình"))
    remediation_task = models.ForeignKey(
        "tasks.Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nhiệm vụ khắc phục"),
    )

    class Meta:
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        ordering = ["assessment", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="item_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {'—' if self.score is None else self.score}"

    @property
    def score(self) -> Decimal | None:
        """The score that counts: the appraised one once set, else the unit's own."""
        return self.appraised_score if self.appraised_score is not None else self.self_score

    @property
    def is_deducted(self) -> bool:
        """The appraisal gave fewer points than the unit claimed (a reason is then required)."""
        return (
            self.appraised_score is not None
            and self.self_score is not None
            and self.appraised_score < self.self_score
        )


class Evidence(models.Model):
    """Tài liệu kiểm chứng: a document of the register or an uploaded file."""

    item = models.ForeignKey(
        ItemScore, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("tiêu chí")
    )
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản"),
    )
    file = models.FileField(_("tệp"), upload_to="kiem-chung/%Y/", blank=True)
    name = models.CharField(_("tên tài liệu"), max_length=255)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = user_reference(_("người thêm"))

    class Meta:
        verbose_name = _("tài liệu kiểm chứng")
        verbose_name_plural = _("tài liệu kiểm chứng")
        ordering = ["item", "added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False) | ~Q(file=""), name="evidence_has_source"
            )
        ]

    def __str__(self) -> str:
        return self.name


class IndexKind(models.TextChoices):
    PAR_INDEX = "par_index", _("PAR INDEX")
    SIPAS = "sipas", _("SIPAS")
    PAPI = "papi", _("PAPI")
    PCI = "pci", _("PCI")


class NationalIndex(models.Model):
    """The province's place in a national index one year (e.g. PAR INDEX 86,08, 27/63)."""

    index = models.CharField(_("chỉ số"), max_length=10, choices=IndexKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    score = models.DecimalField(_("điểm"), max_digits=7, decimal_places=2)
    rank = models.PositiveSmallIntegerField(_("xếp hạng"))
    ranked_of = models.PositiveSmallIntegerField(
        _("số tỉnh được xếp hạng"), help_text=_("63 trước năm 2025, 34 từ năm 2025")
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("chỉ số cấp quốc gia")
        verbose_name_plural = _("chỉ số cấp quốc gia")
        ordering = ["index", "year"]
        constraints = [
            models.UniqueConstraint(fields=["index", "year"], name="national_index_year"),
            models.CheckConstraint(condition=Q(rank__lte=models.F("ranked_of")), name="rank_of"),
        ]

    def __str__(self) -> str:
        return f"{self.get_index_display()} {self.year}"
