"""The completeness page's "Nhắc các đơn vị chưa gửi": who gets it, then sending it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.access import Perm, requires
from cchc.audit.log import Actor
from cchc.reporting.models import Period
from cchc.reporting.reminders import due_reminders, send_reminders


@requires(Perm.MANAGE_REPORTING)
def period_remind(request: HttpRequest, period: str) -> HttpResponse:
    chosen = get_object_or_404(Period, code=period)
    today = timezone.localdate()
    if request.method == "POST":
        sent = send_reminders(Actor.from_request(request), today, 0, period=chosen)
        count = sum(1 for reminder in sent if reminder.recipients)
        if count:
            messages.success(request, _("Đã gửi thư nhắc %(n)d đơn vị.") % {"n": count})
        else:
            messages.info(request, _("Không có thư nhắc nào mới: hôm nay các đơn vị đã được nhắc."))
        return redirect("period_completeness", chosen.code)
    reminders = due_reminders(today, 0, chosen) if chosen.start <= today else []
    return render(
        request,
        "reporting/remind.html",
        {
            "period": chosen,
            "reachable": [r for r in reminders if r.recipients],
            "unreachable": [r for r in reminders if not r.recipients],
        },
    )
