"""Entries recorded before the kind was stored: a command's label is "lệnh <name>" and it
has no user; every other entry was a person's (signed in, a failed login, a user since
removed), which is the field's default."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def mark_commands(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    entry = apps.get_model("audit", "AuditEntry")
    entry.objects.filter(actor__isnull=True, actor_label__startswith="lệnh ").update(
        actor_kind="command"
    )


def unmark_commands(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    entry = apps.get_model("audit", "AuditEntry")
    entry.objects.update(actor_kind="user")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_actor_kind")]

    operations = [migrations.RunPython(mark_commands, unmark_commands)]
