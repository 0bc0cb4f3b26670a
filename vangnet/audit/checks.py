"""System checks for the access log's key."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from vangnet.audit.keys import MIN_KEY_LENGTH, key_checked


@register(Tags.security)
def audit_key_is_usable(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """A key that is set must be long enough; the log cannot be written without one."""
    values = [str(getattr(settings, "VANGNET_AUDIT_KEY", "") or "")]
    values += [str(v) for v in getattr(settings, "VANGNET_AUDIT_OLD_KEYS", ()) or ()]
    for value in filter(None, values):
        try:
            key_checked(value, "the settings")
        except ImproperlyConfigured:
            return [
                Error(
                    f"An access-log key is shorter than {MIN_KEY_LENGTH} characters.",
                    hint='Make one with: python3 -c "import secrets; print(secrets.token_hex(32))"',
                    id="audit.E001",
                )
            ]
    return []


@register(Tags.security, deploy=True)
def audit_key_shared_by_every_server(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Without VANGNET_AUDIT_KEY each server would make a key file of its own."""
    if getattr(settings, "VANGNET_AUDIT_KEY", ""):
        return []
    return [
        Warning(
            "VANGNET_AUDIT_KEY is not set; the access-log key is kept in a file on this server.",
            hint=(
                "Set VANGNET_AUDIT_KEY in the environment of every web server and worker, "
                "the same on each, and keep a copy apart from the database backups "
                "(docs/operations.md)."
            ),
            id="audit.W001",
        )
    ]
