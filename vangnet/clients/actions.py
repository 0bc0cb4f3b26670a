"""Writes about an older person. Each is atomic and writes its own access-log row."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AuditEvent
from vangnet.clients.models import (
    CareTeamMember,
    Client,
    ContactPerson,
    EmergencyAccessPolicy,
    InformalCarer,
    LegalRepresentative,
)
from vangnet.consent.actions import ConsentTerms, consent_record
from vangnet.consent.models import (
    ConsentMethod,
    DataCategory,
    GivenBy,
    Purpose,
    RecipientScope,
)
from vangnet.directory.models import Network, Person, PostcodeArea


class NotAProfessional(Exception):
    """The acting account has no place on the social map, so it cannot hold a care relationship."""


def _log_identity(*, actor: Actor, event: AuditEvent, client_id: int, objects: list[str]) -> None:
    """Log a write to the client's own record (identity and contact, for the care plan)."""
    log_access(
        actor=actor,
        event=event,
        client_id=client_id,
        data_category=DataCategory.IDENTITY,
        purpose=Purpose.CARE_PLAN,
        objects=objects,
    )


def _person_of(user: User | None) -> Person:
    person = Person.objects.filter(user=user).first() if user else None
    if person is None:
        raise NotAProfessional
    return person


def client_register(
    *,
    actor: Actor,
    network: Network,
    data: dict[str, Any],
    given_by: GivenBy,
    method: ConsentMethod,
    representative_name: str = "",
) -> Client:
    """Register an older person who agreed that the registering professional records them.

    The registering professional joins the care team, and the agreement is kept
    as a consent for that one person: nobody else sees anything until the older
    person agrees to more.
    """
    person = _person_of(actor.user)
    with transaction.atomic():
        client = Client(network=network, registered_by=actor.user, **data)
        client.full_clean()
        client.neighbourhood = PostcodeArea.neighbourhood_for(client.postcode)
        client.save()
        CareTeamMember.objects.create(
            client=client,
            person=person,
            role=str(person.get_discipline_display()),
            added_by=actor.user,
        )
        consent_record(
            actor=actor,
            client_id=client.pk,
            terms=ConsentTerms(
                categories=[DataCategory.IDENTITY],
                purposes=[Purpose.EARLY_DETECTION, Purpose.CARE_PLAN],
                scope=RecipientScope.PERSON,
                recipient_person=person,
                given_by=given_by,
                representative_name=representative_name,
                method=method,
            ),
        )
        _log_identity(
            actor=actor,
            event=AuditEvent.CREATE,
            client_id=client.pk,
            objects=[f"client:{client.pk}"],
        )
    return client


def client_update(*, actor: Actor, client: Client, data: dict[str, Any]) -> Client:
    with transaction.atomic():
        changed = [name for name, value in data.items() if getattr(client, name) != value]
        for name, value in data.items():
            setattr(client, name, value)
        client.full_clean()
        client.neighbourhood = PostcodeArea.neighbourhood_for(client.postcode)
        client.save()
        _log_identity(
            actor=actor,
            event=AuditEvent.UPDATE,
            client_id=client.pk,
            objects=[f"client:{client.pk}", *(f"field:{name}" for name in sorted(changed))],
        )
    return client


def carer_save(
    *, actor: Actor, client: Client, carer: InformalCarer | None, data: dict[str, Any]
) -> InformalCarer:
    with transaction.atomic():
        created = carer is None
        carer = carer or InformalCarer(client=client)
        for name, value in data.items():
            setattr(carer, name, value)
        carer.full_clean()
        carer.save()
        _log_identity(
            actor=actor,
            event=AuditEvent.CREATE if created else AuditEvent.UPDATE,
            client_id=client.pk,
            objects=[f"carer:{carer.pk}"],
        )
    return carer


def carer_remove(*, actor: Actor, client: Client, carer: InformalCarer) -> None:
    with transaction.atomic():
        carer_id = carer.pk
        carer.delete()
        _log_identity(
            actor=actor,
            event=AuditEvent.DELETE,
            client_id=client.pk,
            objects=[f"carer:{carer_id}"],
        )


def representative_save(
    *, actor: Actor, client: Client, data: dict[str, Any]
) -> LegalRepresentative:
    with transaction.atomic():
        existing = LegalRepresentative.objects.filter(client=client).first()
        representative = existing or LegalRepresentative(client=client)
        for name, value in data.items():
            setattr(representative, name, value)
        representative.full_clean()
        representative.save()
        _log_identity(
            actor=actor,
            event=AuditEvent.UPDATE if existing else AuditEvent.CREATE,
            client_id=client.pk,
            objects=[f"representative:{representative.pk}"],
        )
    return representative


def care_team_add(
    *,
    actor: Actor,
    client: Client,
    person: Person,
    role: str,
    since: date,
    until: date | None = None,
    is_contact_person: bool = False,
) -> CareTeamMember:
    """Add a professional to the care team, optionally as the new contact person."""
    with transaction.atomic():
        member = CareTeamMember(
            client=client,
            person=person,
            role=role or str(person.get_discipline_display()),
            since=since,
            until=until,
            added_by=actor.user,
        )
        member.full_clean()
        member.save()
        _log_identity(
            actor=actor,
            event=AuditEvent.CREATE,
            client_id=client.pk,
            objects=[f"care-team-member:{member.pk}", f"person:{person.pk}"],
        )
        if is_contact_person:
            contact_person_set(actor=actor, client=client, person=person)
    return member


def contact_person_set(*, actor: Actor, client: Client, person: Person) -> ContactPerson:
    """Make ``person`` the one contact person; the previous one's row is closed, not removed."""
    with transaction.atomic():
        # Lock the client row so two people changing the contact person at once queue up.
        Client.objects.select_for_update().get(pk=client.pk)
        now = timezone.now()
        current = ContactPerson.objects.filter(client=client, until__isnull=True).first()
        if current is not None and current.person_id == person.pk:
            return current
        if current is not None:
            current.until = now
            current.save(update_fields=["until"])
        assignment = ContactPerson.objects.create(
            client=client, person=person, since=now, assigned_by=actor.user
        )
        _log_identity(
            actor=actor,
            event=AuditEvent.UPDATE,
            client_id=client.pk,
            objects=[f"contact-person:{assignment.pk}", f"person:{person.pk}"],
        )
    return assignment


def care_team_end(*, actor: Actor, client: Client, member: CareTeamMember, until: date) -> None:
    with transaction.atomic():
        member.until = max(until, member.since)
        # "Added by" is empty once the account that added the member is gone; still endable.
        member.full_clean(exclude={"added_by"})
        member.save(update_fields=["until"])
        _log_identity(
            actor=actor,
            event=AuditEvent.UPDATE,
            client_id=client.pk,
            objects=[f"care-team-member:{member.pk}"],
        )


def emergency_policy_save(
    *, actor: Actor, policy: EmergencyAccessPolicy, disciplines: list[str], identify_by: str
) -> EmergencyAccessPolicy:
    """A coordinator sets who in the network may use emergency access, and how people are found."""
    with transaction.atomic():
        policy.disciplines = sorted(set(disciplines))
        policy.identify_by = identify_by
        policy.updated_by = actor.user
        policy.full_clean()
        policy.save()
    return policy
