"""On PostgreSQL the application's own database role can only append to the access log.

The test creates the two roles of docs/operations.md inside its own transaction
(rolled back afterwards, roles included), switches to the application's role
and tries what an intruder with the application's credentials would try.
"""

import secrets
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from vangnet.accounts.models import User
from vangnet.audit import dbtriggers
from vangnet.audit.dbroles import app_role_grants, quoted_role
from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.audit.verification import verify_chain

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles are PostgreSQL's"),
]


def _execute(sql: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


@pytest.fixture
def app_role(bob: User) -> Iterator[str]:
    """Act as the application's role for the rest of the test; the owner made the tables."""
    name = f"vangnet_test_app_{secrets.token_hex(4)}"
    dbtriggers.install(connection)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        owner = cursor.fetchone()[0]
        cursor.execute(f"CREATE ROLE {quoted_role(name)} NOLOGIN")
        for sql in app_role_grants(name, owner_role=owner):
            cursor.execute(sql)
        cursor.execute(f"SET LOCAL ROLE {quoted_role(name)}")
    yield name
    _execute("RESET ROLE")


def test_the_application_role_can_append_and_read(app_role: str, bob: User) -> None:
    for n in range(3):
        log_access(actor=Actor(bob), event=AuditEvent.READ, client_id=n, purpose="care_plan")
    assert AccessLogEntry.objects.count() == 3
    assert verify_chain().ok


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_accesslogentry SET reason = 'x'",
        "DELETE FROM audit_accesslogentry",
        "TRUNCATE audit_accesslogentry",
        "ALTER TABLE audit_accesslogentry DISABLE TRIGGER audit_accesslogentry_append_only",
        "ALTER TABLE audit_accesslogentry DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_accesslogentry_append_only ON audit_accesslogentry",
        "DROP TABLE audit_accesslogentry",
        "DELETE FROM audit_chainhead",
        "TRUNCATE audit_chainhead",
        "UPDATE audit_chainhead SET last_id = 0",
        "ALTER TABLE audit_chainhead DISABLE TRIGGER audit_chainhead_forward_only",
        "CREATE OR REPLACE FUNCTION vangnet_audit_append_only() RETURNS trigger AS "
        "$$ BEGIN RETURN OLD; END; $$ LANGUAGE plpgsql",
    ],
)
def test_the_application_role_cannot_rewrite_the_log(app_role: str, bob: User, sql: str) -> None:
    log_access(actor=Actor(bob), event=AuditEvent.READ, client_id=1, purpose="care_plan")
    with pytest.raises(DatabaseError), transaction.atomic():
        _execute(sql)
    assert AccessLogEntry.objects.filter(reason="").count() == 1


def test_the_grants_command_prints_the_sql(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("auditlog", "grants", "vangnet_app")
    out = capsys.readouterr().out
    assert "REVOKE UPDATE, DELETE, TRUNCATE" in out and '"vangnet_app"' in out


def test_a_role_name_with_sql_in_it_is_refused() -> None:
    with pytest.raises(ValueError, match="not a plain role name"):
        app_role_grants('app"; DROP TABLE x; --', owner_role="owner")
