"""Refusing to serve with DEBUG off and the public development key.

The test suite runs with that key (it serves nothing); ``manage.py`` commands run this as a
system check, and the WSGI application (gunicorn) refuses to load.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

MESSAGE = (
    "SECRET_KEY (hoặc SECRET_KEY_FILE) chưa được đặt: không chạy máy chủ với khóa phát triển "
    "công khai khi DJANGO_DEBUG tắt (README, phần Vận hành)."
)


def uses_development_key() -> bool:
    return not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY


@register("security")
def development_key_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    return [Error(MESSAGE, id="cchc.E001")] if uses_development_key() else []


def refuse_development_key() -> None:
    if uses_development_key():
        raise ImproperlyConfigured(MESSAGE)
