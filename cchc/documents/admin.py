from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from cchc.audit.admin import AuditedAdmin
from cchc.documents.models import Document


@admin.register(Document)
class DocumentAdmin(AuditedAdmin[Document]):
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
        "year",
        "issuer_code",
        "drafting_unit_code",
        "registered_at",
        "registered_by",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # New documents go through the register page, which parses and checks the symbol.
        return False
