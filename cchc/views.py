from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

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


@requires(Perm.VIEW_SYNTHESIS)
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "dashboard.html", {"board": board.build(timezone.localdate())})
