from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cchc.access import Perm, requires
from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.lib.filters import page_of
from cchc.notifications.actions import NotificationError, mark_read, set_preferences
from cchc.notifications.forms import PreferencesForm
from cchc.notifications.models import DEFAULT_DELIVERY, Delivery, Kind, Notification

PAGE_SIZE = 30


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@requires(Perm.USE_APP)
def notification_list(request: HttpRequest) -> HttpResponse:
    notices = Notification.objects.filter(recipient=_user(request))
    page = page_of(request, notices, PAGE_SIZE)
    return render(request, "notifications/list.html", {"page": page})


@requires(Perm.USE_APP)
def notification_unread(request: HttpRequest) -> JsonResponse:
    """The bell's count (asked for by the page's script)."""
    count = Notification.objects.filter(recipient=_user(request), read_at__isnull=True).count()
    label = ngettext("Thông báo: %(n)d chưa đọc", "Thông báo: %(n)d chưa đọc", count) % {"n": count}
    return JsonResponse({"unread": count, "label": label})


@requires(Perm.USE_APP)
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notice read and go where its work is done; another user's notice (a link
    passed on) leads to one's own list, telling nothing about it."""
    notice = Notification.objects.filter(pk=pk, recipient=_user(request)).first()
    if notice is None:
        return redirect("notifications:notification_list")
    if notice.read_at is None:
        mark_read(Actor.from_request(request), _user(request), [notice.pk])
    safe = url_has_allowed_host_and_scheme(notice.link, allowed_hosts=None)
    return redirect(notice.link if notice.link and safe else "notifications:notification_list")


@require_POST
@requires(Perm.USE_APP)
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = mark_read(Actor.from_request(request), _user(request))
    messages.success(request, _("Đã đánh dấu %(n)d thông báo là đã đọc.") % {"n": count})
    return redirect("notifications:notification_list")


@requires(Perm.USE_APP)
def notification_settings(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = PreferencesForm(request.POST or None)
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise NotificationError(_("Lựa chọn không hợp lệ; chưa lưu."))
            set_preferences(Actor.from_request(request), user, form.choices())
        except NotificationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Đã lưu cách nhận thông báo."))
            return redirect("notifications:notification_settings")
    saved = dict(user.notification_preferences.values_list("kind", "delivery"))
    rows = [(value, label, saved.get(value, DEFAULT_DELIVERY)) for value, label in Kind.choices]
    return render(
        request,
        "notifications/settings.html",
        {"rows": rows, "deliveries": Delivery.choices, "has_email": bool(user.email)},
    )
