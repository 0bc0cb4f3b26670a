from django.db import migrations

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION vangnet_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION USING MESSAGE = 'The access log is append-only: ' || TG_OP || ' refused';
END;
$$ LANGUAGE plpgsql;
"""
PG_TRIGGER = """
CREATE TRIGGER audit_accesslogentry_append_only
BEFORE UPDATE OR DELETE ON audit_accesslogentry
FOR EACH ROW EXECUTE FUNCTION vangnet_audit_append_only();
CREATE TRIGGER audit_accesslogentry_no_truncate
BEFORE TRUNCATE ON audit_accesslogentry
FOR EACH STATEMENT EXECUTE FUNCTION vangnet_audit_append_only();
"""
PG_DROP = """
DROP TRIGGER IF EXISTS audit_accesslogentry_append_only ON audit_accesslogentry;
DROP TRIGGER IF EXISTS audit_accesslogentry_no_truncate ON audit_accesslogentry;
DROP FUNCTION IF EXISTS vangnet_audit_append_only();
"""
SQLITE_TRIGGERS = [
    """CREATE TRIGGER audit_accesslogentry_no_update BEFORE UPDATE ON audit_accesslogentry
    BEGIN SELECT RAISE(ABORT, 'The access log is append-only'); END;""",
    """CREATE TRIGGER audit_accesslogentry_no_delete BEFORE DELETE ON audit_accesslogentry
    BEGIN SELECT RAISE(ABORT, 'The access log is append-only'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_accesslogentry_no_update;",
    "DROP TRIGGER IF EXISTS audit_accesslogentry_no_delete;",
]


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION)
        schema_editor.execute(PG_TRIGGER)
    elif vendor == "sqlite":
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    elif vendor == "sqlite":
        for sql in SQLITE_DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
