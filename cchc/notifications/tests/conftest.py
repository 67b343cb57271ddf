"""Fixtures of the notification tests: the demo-like users with e-mail addresses, and the
reporting configuration with the periods of 2025.

Who is told what (see cchc/*/notices.py): a unit's officers and head about what Sở Nội vụ
decides on its work; Sở Nội vụ's coordinators about what units send; the one who gave a task
(else every coordinator) about what the lead unit does with it. The actor is never told.
"""

from __future__ import annotations

import pytest
from huey.contrib.djhuey import HUEY

from cchc.accounts.models import User
from cchc.reporting.tests.conftest import h1_2025, reporting, stp_draft

__all__ = ["h1_2025", "reporting", "stp_draft"]


@pytest.fixture
def addressed(officer: User, head: User, coordinator: User) -> None:
    for user, email in (
        (officer, "chuyenvien@stp.example"),
        (head, "giamdoc@stp.example"),
        (coordinator, "dieuphoi@snv.example"),
    ):
        user.email = email
        user.save(update_fields=["email"])


@pytest.fixture(autouse=True)
def no_scheduled_jobs() -> None:
    """Retries scheduled by one test are not left for the next."""
    HUEY.flush()
