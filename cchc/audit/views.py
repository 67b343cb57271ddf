from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cchc.access import Perm, requires
from cchc.audit.models import AuditEntry

PAGE_SIZE = 100


@requires(Perm.VIEW_AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.all()
    action = request.GET.get("hanh_dong", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    who = request.GET.get("tai_khoan", "").strip()
    if who:
        entries = entries.filter(actor_label__icontains=who)
    about = request.GET.get("doi_tuong", "").strip()
    if about:
        entries = entries.filter(object_repr__icontains=about)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("trang"))
    filters = request.GET.copy()
    filters.pop("trang", None)
    return render(
        request,
        "audit/audit_log.html",
        {
            "page": page,
            "action": action,
            "who": who,
            "about": about,
            "actions": AuditEntry.objects.values_list("action", flat=True)
            .distinct()
            .order_by("action"),
            "filters": filters.urlencode(),
        },
    )
