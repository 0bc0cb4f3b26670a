"""Recording and revoking consent, and what a consent covers.

Alice coordinates; Bob, a district nurse, is in the older person's care team;
Charlie works elsewhere and must be covered by nothing he was not named in.
"""

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import ClientFactory, in_care_team, person_for
from vangnet.consent.actions import ConsentTerms, consent_record, consent_revoke
from vangnet.consent.models import (
    Consent,
    ConsentMethod,
    DataCategory,
    GivenBy,
    Purpose,
    RecipientScope,
)
from vangnet.directory.models import Discipline, Person

pytestmark = pytest.mark.django_db


CARE_TEAM_TERMS = ConsentTerms(
    categories=[DataCategory.IDENTITY, DataCategory.PLAN],
    purposes=[Purpose.CARE_PLAN],
    scope=RecipientScope.CARE_TEAM,
    given_by=GivenBy.CLIENT,
    method=ConsentMethod.SPOKEN,
)


def _care_team_terms(**changes: Any) -> ConsentTerms:
    return replace(CARE_TEAM_TERMS, **changes)


def _sees_the_plan(consent: Consent, person: Person, *, in_care_team: bool = False) -> bool:
    return consent.covers(
        person=person, category="plan", purpose="care_plan", in_care_team=in_care_team
    )


@pytest.fixture
def older(bob: User) -> Client:
    client: Client = ClientFactory.create()
    in_care_team(client, bob)
    return client


def test_it_records_a_consent_and_logs_it(alice: User, older: Client) -> None:
    consent = consent_record(actor=Actor(alice), client_id=older.pk, terms=_care_team_terms())
    assert consent.recorded_by == alice and consent.given_on == timezone.localdate()
    row = AccessLogEntry.objects.get(objects_involved=[f"consent:{consent.pk}"])
    assert (row.event, row.client_id, row.user_id) == (AuditEvent.CREATE, older.pk, alice.pk)
    assert row.purpose == Purpose.CARE_PLAN


def test_the_log_names_why_it_was_recorded(alice: User, older: Client) -> None:
    consent_record(
        actor=Actor(alice), client_id=older.pk, terms=_care_team_terms(), purpose=Purpose.REFERRAL
    )
    assert AccessLogEntry.objects.get().purpose == Purpose.REFERRAL


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"categories": []}, "categories"),
        ({"categories": ["everything"]}, "categories"),
        ({"purposes": ["marketing"]}, "purposes"),
        ({"scope": RecipientScope.PERSON}, "recipient_person"),
        ({"scope": RecipientScope.ORGANISATION}, "recipient_organisation"),
        ({"given_by": GivenBy.REPRESENTATIVE}, "representative_name"),
        (
            {"given_on": timezone.localdate(), "valid_until": timezone.localdate() - timedelta(1)},
            "valid_until",
        ),
    ],
)
def test_it_refuses_incomplete_terms_and_writes_nothing(
    alice: User, older: Client, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        consent_record(actor=Actor(alice), client_id=older.pk, terms=_care_team_terms(**changes))
    assert field in error.value.message_dict
    assert not Consent.objects.exists()
    assert not AccessLogEntry.objects.exists()


def test_revoking_ends_the_consent_at_once_and_logs_it(alice: User, older: Client) -> None:
    consent = consent_record(actor=Actor(alice), client_id=older.pk, terms=_care_team_terms())
    assert Consent.objects.active().filter(pk=consent.pk).exists()
    revoked = consent_revoke(actor=Actor(alice), consent=consent, note="wil het niet meer")
    assert revoked.revoked_by == alice and revoked.revocation_note == "wil het niet meer"
    assert not Consent.objects.active().filter(pk=consent.pk).exists()
    row = AccessLogEntry.objects.filter(event=AuditEvent.UPDATE).get()
    assert row.objects_involved == [f"consent:{consent.pk}", "revoked"]


def test_revoking_twice_keeps_the_first_revocation(alice: User, bob: User, older: Client) -> None:
    consent = consent_record(actor=Actor(alice), client_id=older.pk, terms=_care_team_terms())
    first = consent_revoke(actor=Actor(alice), consent=consent, note="eerste")
    again = consent_revoke(actor=Actor(bob), consent=consent, note="tweede")
    assert (again.revoked_at, again.revoked_by, again.revocation_note) == (
        first.revoked_at,
        alice,
        "eerste",
    )
    assert AccessLogEntry.objects.filter(event=AuditEvent.UPDATE).count() == 1


def test_a_consent_covers_only_what_whom_and_why_it_names(
    bob: User, charlie: User, older: Client
) -> None:
    nurse = person_for(bob)
    stranger = person_for(charlie, Discipline.PHYSIOTHERAPIST)
    consent = consent_record(actor=Actor(bob), client_id=older.pk, terms=_care_team_terms())
    covers = consent.covers
    assert covers(person=nurse, category="plan", purpose="care_plan", in_care_team=True)
    assert not covers(person=nurse, category="screening", purpose="care_plan", in_care_team=True)
    assert not covers(person=nurse, category="plan", purpose="mdo", in_care_team=True)
    assert not covers(person=stranger, category="plan", purpose="care_plan", in_care_team=False)


@pytest.mark.parametrize(
    ("scope", "target"),
    [
        (RecipientScope.PERSON, "person"),
        (RecipientScope.ORGANISATION, "organisation"),
        (RecipientScope.DISCIPLINE, "discipline"),
    ],
)
def test_a_named_recipient_is_covered_and_nobody_else(
    bob: User, charlie: User, older: Client, scope: str, target: str
) -> None:
    nurse = person_for(bob)
    stranger = person_for(charlie, Discipline.PHYSIOTHERAPIST)
    recipients: dict[str, dict[str, Any]] = {
        "person": {"recipient_person": nurse},
        "organisation": {"recipient_organisation": nurse.organisation},
        "discipline": {"recipient_discipline": nurse.discipline},
    }
    recipient = recipients[target]
    consent = consent_record(
        actor=Actor(bob), client_id=older.pk, terms=_care_team_terms(scope=scope, **recipient)
    )
    assert _sees_the_plan(consent, nurse)
    assert not _sees_the_plan(consent, stranger)


def test_a_consent_counts_only_from_its_date_until_its_end(bob: User, older: Client) -> None:
    nurse = person_for(bob)
    today = timezone.localdate()
    later = consent_record(
        actor=Actor(bob), client_id=older.pk, terms=_care_team_terms(given_on=today + timedelta(1))
    )
    ended = consent_record(
        actor=Actor(bob),
        client_id=older.pk,
        terms=_care_team_terms(given_on=today - timedelta(30), valid_until=today - timedelta(1)),
    )
    assert not _sees_the_plan(later, nurse, in_care_team=True)
    assert not _sees_the_plan(ended, nurse, in_care_team=True)
    assert not Consent.objects.active().exists()
