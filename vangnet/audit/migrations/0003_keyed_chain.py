from django.db import migrations, models

from vangnet.audit import dbtriggers


def seal_the_unkeyed_start(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Point the head at the newest row, and record in a signed checkpoint where keying began.

    Rows written before this migration carry no key; verification accepts them
    only up to the row this checkpoint names.
    """
    from vangnet.audit.checkpoints import CheckpointKind, checkpoint_record

    entry = apps.get_model("audit", "AccessLogEntry")
    head = apps.get_model("audit", "ChainHead")
    newest = entry.objects.order_by("-pk").values("pk", "entry_hash").first()
    if newest is None:
        return
    head.objects.filter(pk=1).update(last_id=newest["pk"])
    checkpoint_record(
        kind=CheckpointKind.KEYED_FROM, last_id=newest["pk"], last_hash=newest["entry_hash"]
    )


def install_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    dbtriggers.install(schema_editor.connection)


def remove_head_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    dbtriggers.remove(schema_editor.connection)
    dbtriggers.install(schema_editor.connection, head=False)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only_triggers"),
    ]

    operations = [
        migrations.AddField(
            model_name="accesslogentry",
            name="key_id",
            field=models.CharField(blank=True, max_length=16, verbose_name="key"),
        ),
        migrations.AddField(
            model_name="chainhead",
            name="last_id",
            field=models.BigIntegerField(default=0),
        ),
        migrations.RunPython(seal_the_unkeyed_start, migrations.RunPython.noop),
        migrations.RunPython(install_triggers, remove_head_triggers),
    ]
