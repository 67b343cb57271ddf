"""Refusing to serve with DEBUG off and the public development key.

The test suite and maintenance commands (migrate, makemigrations, backup…) run with that key:
they serve nothing. The servers refuse it: ``manage.py runserver`` and ``run_huey`` through a
system check, the WSGI application (gunicorn) when it loads.
"""

from __future__ import annotations

import sys
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


SERVING_COMMANDS = frozenset({"runserver", "run_huey"})


@register("security")
def development_key_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    serving = len(sys.argv) > 1 and sys.argv[1] in SERVING_COMMANDS
    return [Error(MESSAGE, id="cchc.E001")] if serving and uses_development_key() else []


def refuse_development_key() -> None:
    if uses_development_key():
        raise ImproperlyConfigured(MESSAGE)
