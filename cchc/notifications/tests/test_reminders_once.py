"""Reminders are sent once per unit, subject and threshold: run again, by the button, or by
two workers at the same time on the same database."""

from __future__ import annotations

import datetime as dt
import email
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, register_document
from cchc.notifications.models import Kind, Notification, ReminderSent
from cchc.reporting.actions import load_config, open_periods
from cchc.reporting.loading import read_config
from cchc.reporting.models import Period
from cchc.reporting.reminders import send_reminders
from cchc.tasks.actions import TaskData, create_plan, create_task
from cchc.tasks.reminders import send_reminders as send_task_reminders
from conftest import Province

ROOT = Path(settings.BASE_DIR)
AS_OF = dt.date(2025, 6, 17)


def test_running_the_report_reminders_again_sends_nothing_new(
    h1_2025: Period, addressed: None, officer: User
) -> None:
    command = Actor.command("test")
    first = send_reminders(command, AS_OF, 3)
    sent = len(mail.outbox)
    assert sent == 2  # Sở Tư pháp, for Quý I (overdue) and 6 tháng (due soon)
    assert sorted(mail.outbox[0].to) == ["chuyenvien@stp.example", "giamdoc@stp.example"]
    assert len([r for r in first if r.recipients]) == 2
    again = send_reminders(command, AS_OF + dt.timedelta(days=1), 3)
    assert [r for r in again if r.recipients] == []
    assert len(mail.outbox) == sent
    # A week later both reports reach a new threshold (Quý I one more week late, 6 tháng
    # now overdue): one more reminder each.
    send_reminders(command, AS_OF + dt.timedelta(days=7), 3)
    assert len(mail.outbox) == sent + 2
    assert Notification.objects.filter(recipient=officer, kind=Kind.REPORT_REMINDER).count() == 4


def test_a_task_is_reminded_once_as_due_soon_and_once_as_overdue(
    province: Province, addressed: None, officer: User
) -> None:
    command = Actor.command("test")
    document = register_document(command, DocumentData("35/QĐ-UBND", None, "Kế hoạch"))
    plan = create_plan(command, "KH", "Kế hoạch", document)
    create_task(command, TaskData("Rà soát", document, province.stp, (), AS_OF, plan=plan))
    send_task_reminders(command, AS_OF - dt.timedelta(days=3), 7)
    send_task_reminders(command, AS_OF - dt.timedelta(days=2), 7)
    assert len(mail.outbox) == 1
    assert "1 nhiệm vụ đến hạn" in mail.outbox[0].subject
    send_task_reminders(command, AS_OF + dt.timedelta(days=1), 7)
    send_task_reminders(command, AS_OF + dt.timedelta(days=5), 7)
    assert len(mail.outbox) == 2
    assert "1 nhiệm vụ quá hạn" in mail.outbox[1].subject
    assert ReminderSent.objects.filter(kind=Kind.TASK_REMINDER).count() == 2


def test_the_completeness_button_previews_then_reminds_once_a_day(
    h1_2025: Period,
    addressed: None,
    coordinator: User,
    client_for: Callable[[User], Client],
) -> None:
    client = client_for(coordinator)
    url = reverse("reporting:period_remind", args=[h1_2025.code])
    completeness = client.get(reverse("reporting:period_completeness", args=[h1_2025.code]))
    assert url in completeness.content.decode()
    assert "Nhắc các đơn vị chưa gửi" in completeness.content.decode()
    preview = client.get(url).content.decode()
    assert "Sẽ gửi 1 đơn vị" in preview
    assert "chuyenvien@stp.example, giamdoc@stp.example" in preview
    assert "Ủy ban nhân dân xã Bình Chánh" in preview  # no address: listed apart
    assert mail.outbox == []
    response = client.post(url, follow=True)
    assert "Đã gửi thư nhắc 1 đơn vị." in response.content.decode()
    response = client.post(url, follow=True)
    assert "hôm nay các đơn vị đã được nhắc" in response.content.decode()
    assert len(mail.outbox) == 1


def test_the_statistics_button_reminds_units_with_overdue_tasks(
    province: Province,
    addressed: None,
    coordinator: User,
    client_for: Callable[[User], Client],
) -> None:
    command = Actor.command("test")
    document = register_document(command, DocumentData("35/QĐ-UBND", None, "Kế hoạch"))
    late = timezone.localdate() - dt.timedelta(days=3)
    create_task(command, TaskData("Quá hạn", document, province.stp, (), late))
    create_task(command, TaskData("Của Sở Nội vụ", document, province.snv, (), late))
    client = client_for(coordinator)
    stats = client.get(reverse("tasks:task_stats")).content.decode()
    assert "Nhắc các đơn vị có nhiệm vụ quá hạn" in stats
    preview = client.get(reverse("tasks:overdue_remind")).content.decode()
    assert "chuyenvien@stp.example, giamdoc@stp.example" in preview
    assert "Sở Nội vụ (1)" in preview  # its people have no address
    client.post(reverse("tasks:overdue_remind"))
    client.post(reverse("tasks:overdue_remind"))
    [message] = mail.outbox
    assert "1 nhiệm vụ quá hạn" in message.subject


def database_for_workers(tmp_path: Path) -> str:
    """A DATABASE_URL other processes reach the test data at: the test database itself on
    PostgreSQL; on SQLite (in memory for the tests) a copy of it in a file."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        return (
            f"postgres://{db['USER'] or ''}:{db['PASSWORD'] or ''}@{db['HOST'] or 'localhost'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
    path = tmp_path / "cchc.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{path}"


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_one_email_per_recipient_and_reminder(
    tmp_path: Path, officer: User, head: User, coordinator: User, province: Province
) -> None:
    for user, address in ((officer, "chuyenvien@stp.example"), (head, "giamdoc@stp.example")):
        user.email = address
        user.save(update_fields=["email"])
    command = Actor.command("test")
    load_config(command, read_config())
    open_periods(command, 2025)
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DATABASE_URL": database_for_workers(tmp_path),
        "JOBS_IMMEDIATE": "1",
        "JOBS_DB": str(tmp_path / "jobs.sqlite3"),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    }
    job = [sys.executable, "manage.py", "send_reminders", "--as-of", AS_OF.isoformat()]
    # A folder of mail per worker: the file backend names its files by the second and would
    # have both workers append to one file at once. A worker that sends several mails writes
    # them to one file, each after a line of dashes (hence the lstrip below).
    workers = [
        subprocess.Popen(
            job,
            cwd=ROOT,
            env={**env, "EMAIL_FILE_PATH": str(mail_dir / f"worker-{number}")},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for number in range(2)
    ]
    outputs = [worker.communicate(timeout=120) for worker in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    messages = [
        email.message_from_string(part.lstrip("\n"))
        for file in mail_dir.rglob("*.log")
        for part in file.read_text(encoding="utf-8").split("-" * 79)
        if part.strip()
    ]
    sent = Counter(
        (address.strip(), message["Subject"])
        for message in messages
        for address in message["To"].split(",")
    )
    # Sở Tư pháp's two reminders (Quý I overdue, 6 tháng due soon), each to its two people, once.
    assert len(sent) == 4, sent
    assert set(sent.values()) == {1}, sent
    assert {address for address, _subject in sent} == {
        "chuyenvien@stp.example",
        "giamdoc@stp.example",
    }


def test_the_job_runner_schedules_the_reminders_and_digests_every_morning() -> None:
    from huey.contrib.djhuey import HUEY

    periodic = {task.__name__ for task in HUEY._registry._periodic_tasks}
    assert {"report_reminders", "task_reminders", "par_reminders", "send_digests"} <= periodic


def test_the_scheduled_report_job_run_twice_reminds_once(
    province: Province, addressed: None, officer: User
) -> None:
    from cchc.reporting.jobs import report_reminders

    command = Actor.command("test")
    load_config(command, read_config())
    open_periods(command, timezone.localdate().year)
    first = report_reminders.call_local()
    assert first >= 1
    assert report_reminders.call_local() == 0
    assert len(mail.outbox) == first
