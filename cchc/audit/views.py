from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cchc.access import Perm, denial_label, requires
from cchc.audit import events
from cchc.audit.models import AuditEntry

PAGE_SIZE = 100


@requires(Perm.VIEW_AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.select_related("actor")
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
    rows = [
        {
            "entry": e,
            "who": str(e.actor) if e.actor else events.actor_label(e.actor_label, e.actor_kind),
            "what": events.action_label(e.action),
            "note": denial_label(e.note) if e.action == "access.denied" else e.note,
            "changes": events.changes(e.object_type, e.before, e.after),
        }
        for e in page
    ]
    codes = AuditEntry.objects.values_list("action", flat=True).distinct().order_by("action")
    return render(
        request,
        "audit/audit_log.html",
        {
            "page": page,
            "rows": rows,
            "action": action,
            "who": who,
            "about": about,
            "actions": sorted(
                ((code, events.action_label(code)) for code in codes), key=lambda a: a[1]
            ),
            "filters": filters.urlencode(),
        },
    )
