"""Recording and revoking consent: the only places a consent is written.

Each is atomic and writes its access-log row in the same transaction. A consent
is never edited: a change is a new consent, and the old one is revoked.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AuditEvent
from vangnet.consent.models import Consent, DataCategory, Purpose
from vangnet.directory.models import Organisation, Person


@dataclass(frozen=True)
class ConsentTerms:
    """What the older person agreed to: what, for which purposes, with whom, how, until when."""

    categories: Sequence[str]
    purposes: Sequence[str]
    scope: str
    given_by: str
    method: str
    recipient_organisation: Organisation | None = None
    recipient_person: Person | None = None
    recipient_discipline: str = ""
    representative_name: str = ""
    given_on: date | None = None
    valid_until: date | None = None


def _log(*, actor: Actor, event: AuditEvent, consent: Consent, purpose: str, note: str) -> None:
    log_access(
        actor=actor,
        event=event,
        client_id=consent.client_id,
        data_category=DataCategory.IDENTITY,
        purpose=purpose,
        objects=[f"consent:{consent.pk}", *([note] if note else [])],
    )


def consent_record(
    *, actor: Actor, client_id: int, terms: ConsentTerms, purpose: str = Purpose.CARE_PLAN
) -> Consent:
    """Record a consent for one older person; ``purpose`` is why it is recorded, for the log."""
    with transaction.atomic():
        consent = Consent(
            client_id=client_id,
            categories=list(terms.categories),
            purposes=list(terms.purposes),
            scope=terms.scope,
            recipient_organisation=terms.recipient_organisation,
            recipient_person=terms.recipient_person,
            recipient_discipline=terms.recipient_discipline,
            given_by=terms.given_by,
            representative_name=terms.representative_name,
            method=terms.method,
            given_on=terms.given_on or timezone.localdate(),
            valid_until=terms.valid_until,
            recorded_by=actor.user,
        )
        consent.full_clean()
        consent.save()
        _log(actor=actor, event=AuditEvent.CREATE, consent=consent, purpose=purpose, note="")
    return consent


def consent_revoke(*, actor: Actor, consent: Consent, note: str = "") -> Consent:
    """Revoke at once: the next access already runs without this consent."""
    with transaction.atomic():
        locked = Consent.objects.select_for_update().get(pk=consent.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revoked_by = actor.user
            locked.revocation_note = note[:300]
            locked.save(update_fields=["revoked_at", "revoked_by", "revocation_note"])
            _log(
                actor=actor,
                event=AuditEvent.UPDATE,
                consent=locked,
                purpose=Purpose.CARE_PLAN,
                note="revoked",
            )
    return locked
