"""Options that several management commands share: ``--as-of`` and the reminders' ``--days``."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django.utils import timezone


def add_as_of(parser: ArgumentParser) -> None:
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="tính đến ngày (mặc định: hôm nay)")


def add_reminder_window(parser: ArgumentParser, default_days: int) -> None:
    parser.add_argument(
        "--days",
        type=int,
        default=default_days,
        metavar="N",
        help=f"số ngày tới (mặc định {default_days})",
    )
    add_as_of(parser)


def as_of(options: dict[str, Any]) -> dt.date:
    """The ``--as-of`` day, or today in the project's time zone."""
    if not options.get("as_of"):
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(options["as_of"])
    except ValueError as e:
        raise CommandError(f"--as-of phải là ngày YYYY-MM-DD: {options['as_of']}") from e


def reminder_window(options: dict[str, Any]) -> tuple[dt.date, int]:
    days: int = options["days"]
    if days < 0:
        raise CommandError("--days phải từ 0 trở lên.")
    return as_of(options), days
