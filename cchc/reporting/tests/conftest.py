from __future__ import annotations

from pathlib import Path

import pytest
from pytest_django import Settings

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.reporting.actions import load_config, open_periods, start_report
from cchc.reporting.loading import read_config
from cchc.reporting.models import Period, Report
from conftest import Province


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> None:
    """Files kept with reports (and registered documents) go to a directory of the test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def reporting(db: None) -> None:
    """The shipped configuration, loaded as `load_reporting_config` does."""
    load_config(Actor.command("test"), read_config())


@pytest.fixture
def h1_2025(reporting: None) -> Period:
    open_periods(Actor.command("test"), 2025)
    return Period.objects.get(code="2025-H1")


@pytest.fixture
def stp_draft(h1_2025: Period, officer: User, province: Province) -> Report:
    """Sở Tư pháp's 2025-H1 report, started by its officer (a draft, version 1)."""
    return start_report(Actor.of_user(officer), h1_2025, province.stp)
