from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
