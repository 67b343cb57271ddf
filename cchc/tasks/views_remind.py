"""The statistics page's "Nhắc các đơn vị có nhiệm vụ quá hạn": who gets it, then sending."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.access import Perm, requires
from cchc.audit.log import Actor
from cchc.tasks.reminders import digests, send_reminders


@requires(Perm.MANAGE_TASKS)
def overdue_remind(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    if request.method == "POST":
        sent = send_reminders(Actor.from_request(request), today, 0, overdue_only=True)
        count = sum(1 for digest in sent if digest.recipients)
        if count:
            messages.success(request, _("Đã gửi thư nhắc %(n)d đơn vị.") % {"n": count})
        else:
            messages.info(request, _("Không có thư nhắc nào mới: hôm nay các đơn vị đã được nhắc."))
        return redirect("task_stats")
    found = digests(today, 0, overdue_only=True)
    return render(
        request,
        "tasks/remind.html",
        {
            "reachable": [d for d in found if d.recipients],
            "unreachable": [d for d in found if not d.recipients],
        },
    )
