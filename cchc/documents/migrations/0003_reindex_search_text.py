from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from cchc.lib.text import index_text


def reindex(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Search now matches word starts: rebuild the stored index text in its new form."""
    Document = apps.get_model("documents", "Document")
    for document in Document.objects.all():
        document.search_text = index_text(
            document.doc_type,
            "số",
            document.symbol,
            document.symbol_written,
            document.subject,
            document.issuer_code,
        )
        document.save(update_fields=["search_text"])
    Unit = apps.get_model("orgs", "Unit")
    for unit in Unit.objects.all():
        unit.search_text = index_text(unit.name, unit.code, unit.short_code)
        unit.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_alter_document_options"),
        ("orgs", "0001_initial"),
    ]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
