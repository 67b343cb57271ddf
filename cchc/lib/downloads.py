"""A generated file (.docx, .xlsx) sent to the browser as a download."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    """``data`` as a download named ``filename`` (a name outside ASCII is encoded as RFC 6266
    says, rather than garbled)."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return response
