"""The data migration that gives the entries recorded before the kind was stored theirs: a
command's ("lệnh …", no user) is a command, every other one a person's."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cchc.accounts.models import User
from cchc.audit.models import ActorKind, AuditEntry

BEFORE = [("audit", "0002_actor_kind")]
AFTER = [("audit", "0003_actor_kind_of_commands")]


@pytest.mark.django_db(transaction=True)
def test_old_entries_of_commands_become_commands_and_the_rest_stay_people() -> None:
    user = User.objects.create_user("chuyenvien")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("audit", "AuditEntry")
    command = old.objects.create(actor_label="lệnh load_demo", action="unit.create")
    person = old.objects.create(actor_id=user.pk, actor_label="chuyenvien", action="auth.login")
    failed = old.objects.create(actor_label="khach", action="auth.login_failed")
    # A user whose name looks like a command's label stays a person.
    lookalike = old.objects.create(
        actor_id=user.pk, actor_label="lệnh load_demo", action="auth.login"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    kinds = dict(AuditEntry.objects.values_list("pk", "actor_kind"))
    assert kinds == {
        command.pk: ActorKind.COMMAND,
        person.pk: ActorKind.USER,
        failed.pk: ActorKind.USER,
        lookalike.pk: ActorKind.USER,
    }
