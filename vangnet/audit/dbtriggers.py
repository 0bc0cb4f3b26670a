"""Database triggers that keep the access log append-only, below the application.

The log table refuses UPDATE, DELETE and (on PostgreSQL) TRUNCATE. The chain
head refuses DELETE and TRUNCATE, and moves only forward, to the newest row of
the log with that row's hash, so it cannot be set back to hide a cut tail.

A trigger binds only those who cannot drop or disable it: on PostgreSQL the
application's database role must not own these tables (``dbroles`` and
docs/operations.md). Removing old rows after the retention period goes through
``vangnet auditlog purge``, run as the owner, which suspends the log's trigger
for that one transaction.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

from vangnet.audit.models import GENESIS_HASH

LOG = "audit_accesslogentry"
HEAD = "audit_chainhead"

PG_INSTALL = [
    """
    CREATE OR REPLACE FUNCTION vangnet_audit_append_only() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION USING MESSAGE = 'The access log is append-only: ' || TG_OP || ' refused';
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"""
    CREATE OR REPLACE FUNCTION vangnet_audit_head_forward_only() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION USING MESSAGE = 'The chain head cannot be removed';
      END IF;
      IF TG_OP = 'UPDATE' AND NEW.last_id = OLD.last_id AND NEW.last_hash = OLD.last_hash THEN
        RETURN NEW;
      END IF;
      IF TG_OP = 'UPDATE' AND NEW.last_id < OLD.last_id THEN
        RAISE EXCEPTION USING MESSAGE = 'The chain head may only move forward';
      END IF;
      IF NEW.last_id = 0 THEN
        IF NEW.last_hash <> '{GENESIS_HASH}' OR EXISTS (SELECT 1 FROM {LOG}) THEN
          RAISE EXCEPTION USING MESSAGE = 'The chain head must point to the newest row';
        END IF;
        RETURN NEW;
      END IF;
      IF NOT EXISTS (SELECT 1 FROM {LOG} WHERE id = NEW.last_id AND entry_hash = NEW.last_hash)
         OR EXISTS (SELECT 1 FROM {LOG} WHERE id > NEW.last_id) THEN
        RAISE EXCEPTION USING MESSAGE = 'The chain head must point to the newest row';
      END IF;
      RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,  # noqa: S608 - table names are this module's constants
    f"DROP TRIGGER IF EXISTS {LOG}_append_only ON {LOG};",
    f"""
    CREATE TRIGGER {LOG}_append_only BEFORE UPDATE OR DELETE ON {LOG}
    FOR EACH ROW EXECUTE FUNCTION vangnet_audit_append_only();
    """,
    f"DROP TRIGGER IF EXISTS {LOG}_no_truncate ON {LOG};",
    f"""
    CREATE TRIGGER {LOG}_no_truncate BEFORE TRUNCATE ON {LOG}
    FOR EACH STATEMENT EXECUTE FUNCTION vangnet_audit_append_only();
    """,
    f"DROP TRIGGER IF EXISTS {HEAD}_forward_only ON {HEAD};",
    f"""
    CREATE TRIGGER {HEAD}_forward_only BEFORE INSERT OR UPDATE OR DELETE ON {HEAD}
    FOR EACH ROW EXECUTE FUNCTION vangnet_audit_head_forward_only();
    """,
    f"DROP TRIGGER IF EXISTS {HEAD}_no_truncate ON {HEAD};",
    f"""
    CREATE TRIGGER {HEAD}_no_truncate BEFORE TRUNCATE ON {HEAD}
    FOR EACH STATEMENT EXECUTE FUNCTION vangnet_audit_append_only();
    """,
]
PG_REMOVE = [
    f"DROP TRIGGER IF EXISTS {LOG}_append_only ON {LOG};",
    f"DROP TRIGGER IF EXISTS {LOG}_no_truncate ON {LOG};",
    f"DROP TRIGGER IF EXISTS {HEAD}_forward_only ON {HEAD};",
    f"DROP TRIGGER IF EXISTS {HEAD}_no_truncate ON {HEAD};",
    "DROP FUNCTION IF EXISTS vangnet_audit_append_only();",
    "DROP FUNCTION IF EXISTS vangnet_audit_head_forward_only();",
]
SQLITE_LOG_TRIGGERS = [f"{LOG}_no_update", f"{LOG}_no_delete"]
SQLITE_HEAD_TRIGGERS = [f"{HEAD}_no_delete", f"{HEAD}_forward_only", f"{HEAD}_first_row"]
SQLITE_LOG_INSTALL = [
    f"""CREATE TRIGGER {LOG}_no_update BEFORE UPDATE ON {LOG}
    BEGIN SELECT RAISE(ABORT, 'The access log is append-only'); END;""",
    f"""CREATE TRIGGER {LOG}_no_delete BEFORE DELETE ON {LOG}
    BEGIN SELECT RAISE(ABORT, 'The access log is append-only'); END;""",
]
SQLITE_HEAD_INSTALL = [
    f"""CREATE TRIGGER {HEAD}_no_delete BEFORE DELETE ON {HEAD}
    BEGIN SELECT RAISE(ABORT, 'The chain head cannot be removed'); END;""",
    f"""CREATE TRIGGER {HEAD}_forward_only BEFORE UPDATE ON {HEAD}
    WHEN NEW.last_id IS NOT OLD.last_id OR NEW.last_hash IS NOT OLD.last_hash
    BEGIN
      SELECT RAISE(ABORT, 'The chain head may only move forward to the newest row')
      WHERE NEW.last_id < OLD.last_id
         OR NOT EXISTS (SELECT 1 FROM {LOG} WHERE id = NEW.last_id AND entry_hash = NEW.last_hash)
         OR EXISTS (SELECT 1 FROM {LOG} WHERE id > NEW.last_id);
    END;""",  # noqa: S608
    f"""CREATE TRIGGER {HEAD}_first_row BEFORE INSERT ON {HEAD}
    WHEN NEW.last_id <> 0 OR NEW.last_hash <> '{GENESIS_HASH}' OR EXISTS (SELECT 1 FROM {LOG})
    BEGIN SELECT RAISE(ABORT, 'The chain head must point to the newest row'); END;""",  # noqa: S608
]


def _run(connection: BaseDatabaseWrapper, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _sqlite_drop(names: list[str]) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name};" for name in names]


def install(connection: BaseDatabaseWrapper, *, head: bool = True) -> None:
    """Install the triggers; ``head=False`` only for the migration that predates the head's id."""
    if connection.vendor == "postgresql":
        _run(connection, PG_INSTALL if head else PG_INSTALL[:1] + PG_INSTALL[2:6])
    elif connection.vendor == "sqlite":
        names = SQLITE_LOG_TRIGGERS + SQLITE_HEAD_TRIGGERS
        statements = SQLITE_LOG_INSTALL + (SQLITE_HEAD_INSTALL if head else [])
        _run(connection, _sqlite_drop(names) + statements)


def remove(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        _run(connection, PG_REMOVE)
    elif connection.vendor == "sqlite":
        _run(connection, _sqlite_drop(SQLITE_LOG_TRIGGERS + SQLITE_HEAD_TRIGGERS))


def log_triggers_suspend(connection: BaseDatabaseWrapper) -> None:
    """Lift the log's row triggers inside the current transaction; only the owner may."""
    if connection.vendor == "postgresql":
        _run(connection, [f"ALTER TABLE {LOG} DISABLE TRIGGER {LOG}_append_only;"])
    elif connection.vendor == "sqlite":
        _run(connection, _sqlite_drop(SQLITE_LOG_TRIGGERS))


def log_triggers_resume(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        _run(connection, [f"ALTER TABLE {LOG} ENABLE TRIGGER {LOG}_append_only;"])
    elif connection.vendor == "sqlite":
        _run(connection, _sqlite_drop(SQLITE_LOG_TRIGGERS) + SQLITE_LOG_INSTALL)
