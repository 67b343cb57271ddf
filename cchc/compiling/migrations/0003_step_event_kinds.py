"""The status steps' events take their transition's name (``COMPILED_WORKFLOW``): the kinds
recorded before the kernel are renamed; their audit codes keep the old spelling."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

RENAMED = {"submitted": "submit", "returned": "return", "issued": "issue"}


def rename(apps: Apps, names: dict[str, str]) -> None:
    events = apps.get_model("compiling", "CompiledEvent")
    for old, new in names.items():
        events.objects.filter(kind=old).update(kind=new)


def forwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    rename(apps, RENAMED)


def backwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    rename(apps, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("compiling", "0002_compiled_workflow_kernel"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
