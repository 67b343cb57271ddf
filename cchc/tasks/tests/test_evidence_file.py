"""Evidence files (/nhiem-vu/tep/<pk>/): streamed to those who may read the task only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.tasks.actions import accept_task, add_progress
from cchc.tasks.models import Evidence, Task
from cchc.testing import Clients


@pytest.fixture
def evidence(task: Task) -> Evidence:
    command = Actor.command("test")
    accept_task(command, task)
    event = add_progress(
        command, task, "Đã làm", [SimpleUploadedFile("biên bản họp.pdf", b"%PDF bien ban")]
    )
    return event.evidence.get()


def test_the_lead_unit_and_the_coordinator_download_the_file_under_its_name(
    evidence: Evidence, officer: User, coordinator: User, client_for: Clients
) -> None:
    for user in (officer, coordinator):
        response = client_for(user).get(reverse("tasks:evidence_file", args=[evidence.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF bien ban"  # type: ignore[attr-defined]
        assert "attachment" in response["Content-Disposition"]
        assert "bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf" in response["Content-Disposition"]


def test_another_unit_is_refused_the_file_and_the_refusal_is_recorded(
    evidence: Evidence, snv_officer: User, outsider: User, client_for: Clients
) -> None:
    url = reverse("tasks:evidence_file", args=[evidence.pk])
    assert client_for(snv_officer).get(url).status_code == 403
    assert AuditEntry.objects.filter(action="access.denied", note="view_task").count() == 1
    assert client_for(outsider).get(url).status_code == 403
    assert Client().get(url).status_code == 302


def test_the_files_are_not_under_a_public_url(
    evidence: Evidence, officer: User, client_for: Clients
) -> None:
    assert evidence.file.name.startswith("tasks/")
    assert client_for(officer).get(f"/media/{evidence.file.name}").status_code == 404
