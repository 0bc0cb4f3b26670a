"""The access log (NEN 7513): append-only, hash-chained rows for every access to client data."""

import hashlib
import json
from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.audit.keys import known_key
from vangnet.audit.purposes import purpose_label

GENESIS_HASH = "0" * 64


class AuditEvent(models.TextChoices):
    CREATE = "create", _("created")
    READ = "read", _("viewed")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    PRINT = "print", _("printed")
    EXPORT = "export", _("exported")
    SEARCH = "search", _("searched")


class AccessPoint(models.TextChoices):
    WEB = "web", _("web")
    API = "api", _("API")
    CLI = "cli", _("command line")
    TASK = "task", _("background task")


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove a row of the access log."""


class AccessLogQuerySet(models.QuerySet["AccessLogEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")

    def for_client(self, client_id: int) -> "AccessLogQuerySet":
        return self.filter(client_id=client_id)

    def emergency_attempts(self) -> "AccessLogQuerySet":
        """Every attempt at emergency access: uses (with an older person) and refusals."""
        return self.filter(break_glass=True, purpose="break_glass")

    def emergency_uses_unreviewed(self) -> "AccessLogQuerySet":
        """Uses of emergency access that no coordinator has reviewed yet."""
        reviewed = BreakGlassReview.objects.values("log_entry_id")
        return self.emergency_attempts().filter(client_id__isnull=False).exclude(pk__in=reviewed)


class AccessLogEntry(models.Model):
    """One access to client data: who, whom, what, when, why.

    The row carries ids and labels, never foreign keys, so it outlives an erased
    client as a pseudonymised trace. ``entry_hash`` chains each row to the one
    before it; ``vangnet auditlog verify`` recomputes the chain.
    """

    event = models.CharField(_("event"), max_length=16, choices=AuditEvent.choices)
    occurred_at = models.DateTimeField(_("time (UTC)"), db_index=True)
    client_id = models.BigIntegerField(_("client number"), null=True, blank=True, db_index=True)
    user_id = models.BigIntegerField(_("user number"), null=True, blank=True, db_index=True)
    user_label = models.CharField(_("user"), max_length=200, blank=True)
    role_label = models.CharField(_("role"), max_length=200, blank=True)
    responsible_user_id = models.BigIntegerField(
        _("responsible user number"), null=True, blank=True
    )
    responsible_user_label = models.CharField(_("on behalf of"), max_length=200, blank=True)
    organisation_label = models.CharField(_("organisation"), max_length=200, blank=True)
    access_point = models.CharField(_("access point"), max_length=8, choices=AccessPoint.choices)
    data_category = models.CharField(_("data"), max_length=32, blank=True)
    objects_involved = models.JSONField(_("objects involved"), default=list, blank=True)
    purpose = models.CharField(_("purpose"), max_length=32, blank=True)
    break_glass = models.BooleanField(_("emergency access"), default=False)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    previous_hash = models.CharField(_("previous hash"), max_length=64)
    entry_hash = models.CharField(_("hash"), max_length=64, unique=True)
    # Which key sealed the row (see vangnet/audit/keys.py); empty for rows from before keying.
    key_id = models.CharField(_("key"), max_length=16, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ("-pk",)
        default_permissions = ("view",)
        # Emergency access is rare; its review list and count read only these rows.
        indexes = [
            models.Index(
                fields=["purpose"],
                condition=models.Q(break_glass=True),
                name="access_log_break_glass",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.event} {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or kwargs.get("force_update"):
            raise AppendOnlyError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")

    def get_purpose_display(self) -> str:
        """The purpose in words; the column stores codes from more than one list."""
        return purpose_label(self.purpose)

    def canonical(self) -> str:
        """The row's content in one fixed text form; this is what the hash covers."""
        content: dict[str, object] = {
            "event": self.event,
            "occurred_at": self.occurred_at.isoformat(),
            "client_id": self.client_id,
            "user_id": self.user_id,
            "user_label": self.user_label,
            "role_label": self.role_label,
            "responsible_user_id": self.responsible_user_id,
            "responsible_user_label": self.responsible_user_label,
            "organisation_label": self.organisation_label,
            "access_point": self.access_point,
            "data_category": self.data_category,
            "objects_involved": self.objects_involved,
            "purpose": self.purpose,
            "break_glass": self.break_glass,
            "reason": self.reason,
        }
        if self.key_id:
            content["key_id"] = self.key_id
        return json.dumps(content, sort_keys=True, ensure_ascii=True, separators=(",", ":"))

    def compute_hash(self, previous_hash: str) -> str | None:
        """HMAC-SHA256 of the previous hash and this row under the row's key.

        ``None`` when this server does not hold that key. Rows from before the log
        was keyed (no ``key_id``) use plain SHA-256; verification accepts those only
        up to the point a signed checkpoint recorded when keying began.
        """
        message = previous_hash + self.canonical()
        if not self.key_id:
            return hashlib.sha256(message.encode()).hexdigest()
        key = known_key(self.key_id)
        return key.seal(message) if key is not None else None


class ChainHead(models.Model):
    """The newest row of the chain; locking this single row serialises appends.

    A database trigger lets the head move only forward, to the newest row
    (``dbtriggers``), and signed checkpoints copy it outside the database.
    """

    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    last_id = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("chain head")
        default_permissions = ()

    def __str__(self) -> str:
        return self.last_hash


class BreakGlassReview(models.Model):
    """A coordinator's review of one emergency access; the log row itself never changes."""

    log_entry_id = models.BigIntegerField(_("log entry"), unique=True)
    reviewed_by = models.ForeignKey(
        "accounts.User", verbose_name=_("reviewed by"), on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), auto_now_add=True)
    justified = models.BooleanField(_("justified"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("review of emergency access")
        verbose_name_plural = _("reviews of emergency access")

    def __str__(self) -> str:
        return f"#{self.log_entry_id}"
