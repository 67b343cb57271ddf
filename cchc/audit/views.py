from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cchc.access import Perm, denial_label, requires
from cchc.audit import events
from cchc.audit.forms import AuditFilters
from cchc.audit.models import AuditEntry

PAGE_SIZE = 100


@requires(Perm.VIEW_AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    filters = AuditFilters(request.GET)
    wanted = filters.values
    entries = AuditEntry.objects.select_related("actor")
    if wanted.get("hanh_dong"):
        entries = entries.filter(action__startswith=wanted["hanh_dong"])
    if wanted.get("tai_khoan"):
        entries = entries.filter(actor_label__icontains=wanted["tai_khoan"])
    if wanted.get("doi_tuong"):
        entries = entries.filter(object_repr__icontains=wanted["doi_tuong"])
    page = filters.page(entries, PAGE_SIZE)
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
            "filters": filters,
            "actions": sorted(
                ((code, events.action_label(code)) for code in codes), key=lambda a: a[1]
            ),
        },
    )
