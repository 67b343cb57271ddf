from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cchc.access import Perm, requires, roles_of
from cchc.documents.models import Document
from cchc.orgs.models import Unit


@requires(Perm.USE_APP)
def home(request: HttpRequest) -> HttpResponse:
    memberships = request.user.memberships.select_related("unit")  # type: ignore[union-attr]
    return render(
        request,
        "home.html",
        {
            "memberships": memberships,
            "roles": roles_of(request.user),
            "unit_count": Unit.objects.count(),
            "document_count": Document.objects.count(),
            "recent_documents": Document.objects.order_by("-registered_at", "-id")[:8],
        },
    )


# The error pages, in Vietnamese (404 and 403 are Django's own views with our templates).
error_log = logging.getLogger("cchc.errors")


@login_not_required
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "400.html", 400)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, with the request's id for the person who reads the log."""
    return _error_page(request, "500.html", 500)


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    error_log.warning("CSRF refused: %s %s", request.path, reason)
    return _error_page(request, "403_csrf.html", 403)


def _error_page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    context = {"request_id": getattr(request, "request_id", "")}
    try:
        return render(request, template, context, status=status)
    except Exception:  # the page's own frame needs the database, which may be what failed
        error_log.exception("error page %s could not be rendered", template)
        text = _("Đã có lỗi (%(status)d). Mã yêu cầu: %(id)s") % {
            "status": status,
            "id": context["request_id"],
        }
        return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
