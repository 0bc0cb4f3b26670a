"""Database triggers that make the access log append-only, below the application.

PostgreSQL refuses UPDATE and DELETE on the log table with a trigger; SQLite
with two triggers. TRUNCATE is not a row operation: on PostgreSQL, run the
application with a database role that does not own the table and has no
TRUNCATE privilege on it (see docs/operations.md).
"""

from django.db.backends.base.base import BaseDatabaseWrapper

PG_INSTALL = [
    """
    CREATE OR REPLACE FUNCTION vangnet_audit_append_only() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION USING MESSAGE = 'The access log is append-only: ' || TG_OP || ' refused';
    END;
    $$ LANGUAGE plpgsql;
    """,
    "DROP TRIGGER IF EXISTS audit_accesslogentry_append_only ON audit_accesslogentry;",
    """
    CREATE TRIGGER audit_accesslogentry_append_only
    BEFORE UPDATE OR DELETE ON audit_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION vangnet_audit_append_only();
    """,
]
PG_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_accesslogentry_append_only ON audit_accesslogentry;",
    "DROP TRIGGER IF EXISTS audit_accesslogentry_no_truncate ON audit_accesslogentry;",
    "DROP FUNCTION IF EXISTS vangnet_audit_append_only();",
]
SQLITE_INSTALL = [
    "DROP TRIGGER IF EXISTS audit_accesslogentry_no_update;",
    "DROP TRIGGER IF EXISTS audit_accesslogentry_no_delete;",
    """CREATE TRIGGER audit_accesslogentry_no_update BEFORE UPDATE ON audit_accesslogentry
    BEGIN SELECT RAISE(ABORT, 'The access log is append-only'); END;""",
    """CREATE TRIGGER audit_accesslogentry_no_delete BEFORE DELETE ON audit_accesslogentry
    BEGIN SELECT RAISE(ABORT, 'The access log is append-only'); END;""",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_accesslogentry_no_update;",
    "DROP TRIGGER IF EXISTS audit_accesslogentry_no_delete;",
]


def _run(connection: BaseDatabaseWrapper, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        _run(connection, PG_INSTALL)
    elif connection.vendor == "sqlite":
        _run(connection, SQLITE_INSTALL)


def remove(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        _run(connection, PG_REMOVE)
    elif connection.vendor == "sqlite":
        _run(connection, SQLITE_REMOVE)
