from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cchc import dashboard as board
from cchc.access import Perm, requires, roles_of
from cchc.accounts.models import Role, User
from cchc.worklist import work_for


@requires(Perm.USE_APP)
def home(request: HttpRequest) -> HttpResponse:
    """"Việc của tôi": the user's work now, per role; a leader's home is the dashboard."""
    user = request.user
    assert isinstance(user, User)
    roles = roles_of(user)
    if roles == {Role.LEADER}:
        return redirect("dashboard")
    return render(
        request,
        "home.html",
        {
            "memberships": user.memberships.select_related("unit"),
            "roles": roles,
            "sections": work_for(user, timezone.localdate()),
        },
    )


@requires(Perm.VIEW_SYNTHESIS)
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "dashboard.html", {"board": board.build(timezone.localdate())})
