"""The completeness page's "Nhắc các đơn vị chưa gửi": who gets it, then sending it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from cchc.access import Perm, requires
from cchc.audit.log import Actor
from cchc.notifications.reminders import announce_sent, by_reach
from cchc.reporting.models import Period
from cchc.reporting.reminders import due_reminders, send_reminders


@requires(Perm.MANAGE_REPORTING)
def period_remind(request: HttpRequest, period: str) -> HttpResponse:
    chosen = get_object_or_404(Period, code=period)
    today = timezone.localdate()
    if request.method == "POST":
        sent = send_reminders(Actor.from_request(request), today, 0, period=chosen)
        announce_sent(request, sent)
        return redirect("period_completeness", chosen.code)
    reminders = due_reminders(today, 0, chosen) if chosen.start <= today else []
    return render(request, "reporting/remind.html", {"period": chosen, **by_reach(reminders)})
