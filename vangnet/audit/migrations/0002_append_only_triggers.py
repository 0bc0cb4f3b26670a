from django.db import migrations

from vangnet.audit import dbtriggers


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    dbtriggers.install(schema_editor.connection, head=False)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    dbtriggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
