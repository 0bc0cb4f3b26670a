"""The PostgreSQL privileges that keep the application from rewriting its own access log.

Two roles: an owner that runs ``vangnet migrate`` and owns every table, and the
application's role that the web servers and the worker log in with. The
application may read and write its tables, but on the access log only SELECT
and INSERT, and on the chain head no DELETE or TRUNCATE; not owning the tables,
it cannot drop or disable their triggers either. See docs/operations.md.
"""

import re

from vangnet.audit.dbtriggers import HEAD, LOG

ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def quoted_role(name: str) -> str:
    """The role name quoted for SQL; ``ValueError`` for anything but a plain lower-case name."""
    if not ROLE_NAME.fullmatch(name):
        raise ValueError(f"{name!r} is not a plain role name (a-z, 0-9 and _)")
    return f'"{name}"'


def app_role_grants(app_role: str, *, owner_role: str) -> list[str]:
    """SQL, run by the owner after every migration, that gives ``app_role`` what it needs."""
    app = quoted_role(app_role)
    owner = quoted_role(owner_role)
    return [
        f"GRANT USAGE ON SCHEMA public TO {app}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {LOG} FROM {app}",
        f"REVOKE DELETE, TRUNCATE, REFERENCES, TRIGGER ON {HEAD} FROM {app}",
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON django_migrations FROM {app}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT USAGE, SELECT ON SEQUENCES TO {app}",
    ]
