from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Document(models.Model):
    """A văn bản in the register, identified by its number-and-symbol and its date.

    The parsed parts of the symbol (type, number, year, issuer, drafting unit) are stored
    beside the symbol as written so that lists filter on them; ``symbol_key`` is the
    case-insensitive identity ("75/KH-SNGV" and "75/KH-SNgV" are one document).
    """

    doc_type = models.CharField(_("loại văn bản"), max_length=60)
    type_code = models.CharField(_("ký hiệu loại"), max_length=10, blank=True)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("năm trong ký hiệu"), null=True, blank=True)
    symbol_written = models.CharField(_("số, ký hiệu như trên văn bản"), max_length=200)
    symbol = models.CharField(_("số, ký hiệu"), max_length=200)
    symbol_key = models.CharField(max_length=200, db_index=True, editable=False)
    issuer_code = models.CharField(_("cơ quan ban hành (ký hiệu)"), max_length=60, db_index=True)
    drafting_unit_code = models.CharField(_("đơn vị soạn thảo"), max_length=60, blank=True)
    issuing_unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_documents",
        verbose_name=_("đơn vị ban hành"),
    )
    date = models.DateField(_("ngày ban hành"), null=True, blank=True, db_index=True)
    subject = models.TextField(_("trích yếu"), blank=True)
    file = models.FileField(_("tệp văn bản"), upload_to="documents/%Y/", blank=True)
    cites = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="cited_by",
        verbose_name=_("văn bản được viện dẫn"),
    )
    search_text = models.TextField(editable=False, default="")
    registered_at = models.DateTimeField(_("ngày vào sổ"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người vào sổ"),
    )

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        # Undated documents and unnumbered drafts last, on SQLite and PostgreSQL alike.
        ordering = [
            models.F("date").desc(nulls_last=True),
            models.F("number").desc(nulls_last=True),
            "-id",
        ]
        constraints = [
            # Unnumbered drafts ("Số: /BC-SNV") are not unique; numbered documents are.
            models.UniqueConstraint(
                fields=["symbol_key", "date"],
                condition=Q(number__isnull=False, date__isnull=False),
                name="document_unique_symbol_date",
            ),
            models.UniqueConstraint(
                fields=["symbol_key"],
                condition=Q(number__isnull=False, date__isnull=True),
                name="document_unique_symbol_undated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.doc_type} số {self.symbol}"

    def get_absolute_url(self) -> str:
        return reverse("documents:document_detail", args=[self.pk])
