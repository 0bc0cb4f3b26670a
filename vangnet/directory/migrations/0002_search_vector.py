# Full-text search on PostgreSQL: a stored 'dutch' search vector per searchable table,
# kept current by a trigger (so bulk imports are covered too) and indexed with GIN.
# On SQLite the column stays empty and search falls back to icontains.

import django.contrib.postgres.search
from django.db import migrations

# table -> (column, weight) pairs that make up the vector
SEARCHED = {
    "directory_organisation": [("name", "A"), ("description", "B"), ("city", "C")],
    "directory_person": [("name", "A"), ("replace(NEW.discipline, '_', ' ')", "B")],
    "directory_service": [
        ("name", "A"),
        ("description", "B"),
        ("audience", "C"),
        ("how_to_access", "D"),
    ],
}


def _column_expression(column: str) -> str:
    return column if column.startswith("replace(") else f"NEW.{column}"


def _columns(table: str) -> list[str]:
    return [c if not c.startswith("replace(") else "discipline" for c, _ in SEARCHED[table]]


def create_search_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, parts in SEARCHED.items():
        vector = " || ".join(
            f"setweight(to_tsvector('pg_catalog.dutch', coalesce({_column_expression(c)}, '')), '{w}')"
            for c, w in parts
        )
        columns = _columns(table)
        schema_editor.execute(
            f"""
            CREATE OR REPLACE FUNCTION {table}_search_vector_update() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                NEW.search_vector := {vector};
                RETURN NEW;
            END
            $$;
            """
        )
        schema_editor.execute(
            f"""
            CREATE TRIGGER {table}_search_vector
            BEFORE INSERT OR UPDATE OF {", ".join(columns)} ON {table}
            FOR EACH ROW EXECUTE FUNCTION {table}_search_vector_update();
            """
        )
        schema_editor.execute(
            f"CREATE INDEX {table}_search_gin ON {table} USING gin (search_vector);"
        )
        # Fill the vector for rows that exist already.
        schema_editor.execute(f"UPDATE {table} SET {columns[0]} = {columns[0]};")
    # Search by need ("eenzaam" -> loneliness) is jsonb containment on the needs list.
    schema_editor.execute(
        "CREATE INDEX directory_service_needs_gin ON directory_service "
        "USING gin (needs jsonb_path_ops);"
    )


def drop_search_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS directory_service_needs_gin;")
    for table in SEARCHED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_gin;")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table};")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_search_vector_update();")


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='organisation',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='person',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='service',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_search_triggers, drop_search_triggers),
    ]
