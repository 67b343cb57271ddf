"""The statistics page's "Nhắc các đơn vị có nhiệm vụ quá hạn": who gets it, then sending."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cchc.access import Perm, requires
from cchc.audit.log import Actor
from cchc.notifications.reminders import announce_sent, by_reach
from cchc.tasks.reminders import digests, send_reminders


@requires(Perm.MANAGE_TASKS)
def overdue_remind(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    if request.method == "POST":
        sent = send_reminders(Actor.from_request(request), today, 0, overdue_only=True)
        announce_sent(request, sent)
        return redirect("task_stats")
    return render(request, "tasks/remind.html", by_reach(digests(today, 0, overdue_only=True)))
