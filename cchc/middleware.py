"""Project-wide middleware: a request id with the server's own timing, security headers, the
limits on what one request may send, and the audit of downloads.

- ``RequestIdMiddleware``: every request gets an id (shown on the 500 page, in every log line,
  in the X-Request-ID header) and a ``Server-Timing: app;dur=…`` header measured around the view
  (what bench/ reads); one line per request goes to the ``cchc.request`` log.
- ``SecurityHeadersMiddleware``: a Content-Security-Policy that the pages satisfy (no inline
  script or style) and ``Cache-Control: no-store`` on every page shown to a signed-in user.
- ``RequestLimitsMiddleware``: per request, the number and total size of files and the length of
  every text field; per user, files per hour. A refusal says why in Vietnamese (JSON to
  autosaves) and keeps nothing of the request.
- ``DownloadAuditMiddleware``: every attachment sent to a signed-in user (stored files,
  exports) is recorded in the audit log.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.audit.log import Actor, record
from cchc.audit.models import AuditEntry
from cchc.lib.requestid import request_id_var
from cchc.lib.vnformat import format_int

request_log = logging.getLogger("cchc.request")
security_log = logging.getLogger("cchc.security")

Handler = Callable[[HttpRequest], HttpResponse]
_GIVEN_ID = re.compile(r"[A-Za-z0-9-]{8,64}")
UPLOAD_ACTION = "upload.file"
DOWNLOAD_ACTION = "download"


class RequestIdMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The reverse proxy's id (nginx $request_id) when it sends one, so both logs agree.
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _GIVEN_ID.fullmatch(given) else uuid.uuid4().hex[:16]
        request.request_id = request_id  # type: ignore[attr-defined]
        # Left set after the response: Django logs a 4xx after the middleware has returned;
        # the next request on this thread sets its own.
        request_id_var.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response["X-Request-ID"] = request_id
        response["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"
        user = getattr(request, "user", None)
        request_log.info(
            "%s %s %s %.1fms user=%s",
            request.method,
            request.path,
            response.status_code,
            elapsed_ms,
            user.get_username() if user is not None and user.is_authenticated else "-",
        )
        return response


def content_security_policy(path: str) -> str:
    # The admin site's own templates carry style attributes; its scripts are files too.
    style = "'self' 'unsafe-inline'" if path.startswith("/quan-tri/") else "'self'"
    return (
        "default-src 'self'; script-src 'self'; "
        f"style-src {style}; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", content_security_policy(request.path))
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response


class RequestLimitsMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            refusal = self._refusal(request)
            if refusal is not None:
                security_log.warning(
                    "request refused: %s %s (%s)", request.path, refusal[0], refusal[1]
                )
                return _refused(request, refusal[1], refusal[0])
        return self.get_response(request)

    def _refusal(self, request: HttpRequest) -> tuple[int, str] | None:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.MAX_REQUEST_UPLOAD_SIZE:
            # Refused before the body is read.
            return 413, _too_large_request(length)
        try:
            files = [upload for name in request.FILES for upload in request.FILES.getlist(name)]
            fields = request.POST
        except TooManyFilesSent:
            return 413, _too_many_files()
        except RequestDataTooBig:
            return 413, _("Nội dung gửi lên quá dài; hãy rút gọn rồi gửi lại.")
        for name in fields:
            for value in fields.getlist(name):
                if len(value) > settings.MAX_TEXT_FIELD_CHARS:
                    return 413, _(
                        "Nội dung một ô quá dài (%(length)s ký tự); mỗi ô tối đa %(limit)s ký "
                        "tự. Hãy rút gọn hoặc đưa phần chi tiết vào tệp đính kèm."
                    ) % {
                        "length": format_int(len(value)),
                        "limit": format_int(settings.MAX_TEXT_FIELD_CHARS),
                    }
        if not files:
            return None
        if len(files) > settings.MAX_FILES_PER_REQUEST:
            return 413, _too_many_files()
        return self._user_quota(request, len(files))

    def _user_quota(self, request: HttpRequest, count: int) -> tuple[int, str] | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        since = timezone.now() - dt.timedelta(hours=1)
        recent = AuditEntry.objects.filter(actor=user, action=UPLOAD_ACTION, at__gte=since)
        if recent.count() + count > settings.MAX_UPLOAD_FILES_PER_HOUR:
            return 429, _(
                "Bạn đã tải lên %(limit)s tệp trong một giờ qua, là mức tối đa; hãy thử lại "
                "sau ít phút hoặc liên hệ quản trị hệ thống."
            ) % {"limit": format_int(settings.MAX_UPLOAD_FILES_PER_HOUR)}
        actor = Actor.from_request(request)
        for name in request.FILES:
            for upload in request.FILES.getlist(name):
                record(
                    actor,
                    UPLOAD_ACTION,
                    note=f"{request.path} {upload.size} byte",
                    object_repr=upload.name or "",
                )
        return None


def _too_many_files() -> str:
    return _(
        "Mỗi lần chỉ gửi được tối đa %(count)d tệp, tổng cộng không quá %(size)s; hãy chia "
        "thành nhiều lần."
    ) % {
        "count": settings.MAX_FILES_PER_REQUEST,
        "size": filesizeformat(settings.MAX_REQUEST_UPLOAD_SIZE),
    }


def _too_large_request(length: int) -> str:
    return _("Dữ liệu gửi lên quá lớn (%(size)s); tối đa %(limit)s mỗi lần, %(count)d tệp.") % {
        "size": filesizeformat(length),
        "limit": filesizeformat(settings.MAX_REQUEST_UPLOAD_SIZE),
        "count": settings.MAX_FILES_PER_REQUEST,
    }


def _refused(request: HttpRequest, message: str, status: int) -> HttpResponse:
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"error": message}, status=status)
    return render(request, "refused.html", {"message": message}, status=status)


class MethodNotAllowedPageMiddleware:
    """A page in words for a button's address opened as a page (405: the browser stayed on a
    refused form's address and it was reloaded or bookmarked), instead of Django's empty body."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.content:
            return response
        page = _refused(
            request,
            _(
                "Địa chỉ này chỉ nhận thao tác gửi từ nút trên trang. Hãy quay lại trang trước "
                "(hoặc mở lại trang của hồ sơ) rồi bấm nút."
            ),
            405,
        )
        if "Allow" in response:
            page["Allow"] = response["Allow"]
        return page


class DownloadAuditMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        disposition = response.get("Content-Disposition", "")
        user = getattr(request, "user", None)
        if (
            response.status_code == 200
            and disposition.startswith("attachment")
            and user is not None
            and user.is_authenticated
        ):
            record(
                Actor.from_request(request),
                DOWNLOAD_ACTION,
                note=request.get_full_path()[:500],
                object_repr=disposition[:255],
            )
        return response
