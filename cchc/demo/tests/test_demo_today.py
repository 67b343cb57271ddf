"""The demo built relative to the day it is loaded (``load_demo --today``): an open current
period with drafts, returns and late units, tasks due around the day, a PAR year under way,
and nothing stamped after the day."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models
from django.db.models import Max
from django.utils import timezone

from cchc.accounts.models import User
from cchc.documents.models import Document
from cchc.notifications.models import Notification
from cchc.reporting.models import Period, Status
from cchc.reporting.monitoring import completeness
from cchc.scoring.models import Framework
from cchc.tasks.models import Plan, Task, TaskEvent
from cchc.worklist import current_period

# Dates that say when something happened (deadlines and period ends lie ahead).
HAPPENED_ON = [(Task, "completed_on"), (TaskEvent, "completed_on"), (Document, "date")]


def stamped_after(day: dt.date) -> list[str]:
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
    late = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateTimeField) and model._meta.app_label != "sessions":
                latest = model._default_manager.aggregate(latest=Max(field.name))["latest"]
                if latest is not None and latest >= end:
                    late.append(f"{model.__name__}.{field.name} = {latest}")
    for model, name in HAPPENED_ON:
        latest = model.objects.aggregate(latest=Max(name))["latest"]  # type: ignore[attr-defined]
        if latest is not None and latest > day:
            late.append(f"{model.__name__}.{name} = {latest}")
    return late


def check_current(day: dt.date) -> None:
    period = current_period(day)
    assert period is not None and period.start <= day <= period.due_date, period
    statuses = set(period.reports.values_list("status", flat=True))
    assert {Status.DRAFT, Status.RETURNED, Status.SUBMITTED} <= statuses
    assert completeness(period).missing > 0
    last = Period.objects.filter(requested_by=None, due_date__lt=day).order_by("-due_date")[0]
    table = completeness(last)
    assert table.late > 0 and table.missing > 0
    plan = Plan.objects.get(code=f"KH-CCHC-{day.year}")
    deadlines = [t.deadline for t in plan.tasks.all() if t.deadline is not None]
    open_tasks = plan.tasks.filter(status__in=["cho_tiep_nhan", "dang_thuc_hien"])
    assert any(t.deadline and t.deadline < day for t in open_tasks)
    assert any(t.deadline and day <= t.deadline <= day + dt.timedelta(days=7) for t in open_tasks)
    assert all(abs((d - day).days) <= 60 for d in deadlines)
    stp = plan.tasks.filter(lead_unit__code="QNG-STP")
    assert {"cho_tiep_nhan", "dang_thuc_hien", "cho_ket_thuc", "da_hoan_thanh"} <= set(
        stp.values_list("status", flat=True)
    )
    # A PAR Index year under way, its deadlines after the day.
    under_way = Framework.objects.filter(published_at=None)
    assert under_way.exists()
    assert all(f.self_assessment_due and f.self_assessment_due > day for f in under_way)
    assert stamped_after(day) == []
    assert all(User.objects.values_list("email", flat=True))
    # The returned report is news for Sở Tư pháp's officer; the history was not.
    officer = User.objects.get(username="chuyenvien")
    texts = list(Notification.objects.filter(recipient=officer).values_list("text", flat=True))
    assert any("bị trả lại" in text and period.title in text for text in texts), texts
    assert not any(str(day.year - 2) in text for text in texts), texts


@pytest.mark.django_db
def test_the_demo_loaded_for_10_march_2027_is_in_the_middle_of_its_work() -> None:
    out = io.StringIO()
    call_command("load_demo", "--today", "2027-03-10", stdout=out)
    assert "Tình hình đến ngày 10/03/2027" in out.getvalue()
    check_current(dt.date(2027, 3, 10))
    assert current_period(dt.date(2027, 3, 10)).code == "2027-Q1"  # type: ignore[union-attr]
    # Loading again adds nothing.
    tasks = Task.objects.count()
    call_command("load_demo", "--today", "2027-03-10", stdout=io.StringIO())
    assert Task.objects.count() == tasks


def test_the_demo_loaded_without_a_day_is_current_on_the_real_date(demo: str) -> None:
    check_current(timezone.localdate())


def test_a_day_before_2026_or_not_a_date_is_refused() -> None:
    with pytest.raises(CommandError, match="không sớm hơn 01/01/2026"):
        call_command("load_demo", "--today", "2025-06-01")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("load_demo", "--today", "10/03/2027")
