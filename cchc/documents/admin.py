from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext as _

from cchc.audit.admin import AuditedAdmin
from cchc.documents.actions import search_text_of
from cchc.documents.models import Document


class DocumentAdminForm(forms.ModelForm[Document]):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        document = self.instance
        twins = Document.objects.filter(
            symbol_key=document.symbol_key, date=cleaned.get("date")
        ).exclude(pk=document.pk)
        if document.number is not None and twins.exists():
            self.add_error("date", _("Văn bản cùng số, ký hiệu và ngày này đã có trong sổ."))
        return cleaned


@admin.register(Document)
class DocumentAdmin(AuditedAdmin[Document]):
    form = DocumentAdminForm
    list_display = ["symbol", "date", "doc_type", "issuer_code", "subject"]
    list_filter = ["doc_type"]
    search_fields = ["symbol", "subject", "search_text"]
    autocomplete_fields = ["issuing_unit", "cites"]
    readonly_fields = [
        "symbol_written",
        "symbol",
        "doc_type",
        "type_code",
        "number",
        "year_text",
        "issuer_code",
        "drafting_unit_code",
        "registered_at",
        "registered_by",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # New documents go through the register page, which parses and checks the symbol.
        return False

    def save_model(self, request: HttpRequest, obj: Document, form: Any, change: bool) -> None:
        obj.search_text = search_text_of(obj)
        super().save_model(request, obj, form, change)
