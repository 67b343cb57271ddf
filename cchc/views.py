from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc import dashboard as board
from cchc.access import Perm, requires, roles_of
from cchc.accounts.models import Role, User
from cchc.worklist import work_for


@requires(Perm.USE_APP)
def home(request: HttpRequest) -> HttpResponse:
    """ "Việc của tôi": the user's work now, per role; a leader's home is the dashboard."""
    user = request.user
    assert isinstance(user, User)
    today = timezone.localdate()
    leader_only = roles_of(user) == {Role.LEADER}
    return render(
        request,
        "home.html",
        {
            "memberships": user.memberships.select_related("unit"),
            "board": board.build(today) if leader_only else None,
            "sections": [] if leader_only else work_for(user, today),
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
@requires(Perm.VIEW_SYNTHESIS)
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "dashboard.html", {"board": board.build(timezone.localdate())})
