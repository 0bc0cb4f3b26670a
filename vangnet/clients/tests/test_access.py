"""The one door: care relationship plus consent, else 404; every granted access is logged."""

from datetime import timedelta

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.clients.access import access_client, accessible_clients, break_the_glass
from vangnet.clients.models import CareTeamMember, Client
from vangnet.clients.tests.factories import (
    ClientFactory,
    a_bsn,
    client_shared_with,
    consent_for_care_team,
    identity_of,
    in_care_team,
    in_network,
    person_for,
)
from vangnet.conftest import make_user
from vangnet.consent.actions import consent_revoke
from vangnet.consent.models import (
    Consent,
    ConsentMethod,
    DataCategory,
    GivenBy,
    Purpose,
    RecipientScope,
)

pytestmark = pytest.mark.django_db


def test_a_care_team_member_with_consent_gets_the_client_and_a_log_row(bob: User) -> None:
    client = client_shared_with(bob)
    got = access_client(
        Actor(bob), client.pk, category=DataCategory.IDENTITY, purpose=Purpose.CARE_PLAN
    )
    assert got == client
    row = AccessLogEntry.objects.get()
    assert (row.event, row.client_id, row.user_id) == (AuditEvent.READ, client.pk, bob.pk)
    assert row.purpose == Purpose.CARE_PLAN
    assert row.organisation_label == person_for(bob).organisation.name


def test_it_refuses_a_stranger_with_404(bob: User, charlie: User) -> None:
    client = client_shared_with(bob)
    person_for(charlie)
    with pytest.raises(Http404):
        access_client(
            Actor(charlie), client.pk, category=DataCategory.IDENTITY, purpose=Purpose.CARE_PLAN
        )
    assert not AccessLogEntry.objects.exists()


def test_missing_and_forbidden_look_the_same(bob: User, charlie: User) -> None:
    client = client_shared_with(bob)
    person_for(charlie)
    errors = []
    for client_id in (client.pk, client.pk + 1000):
        with pytest.raises(Http404) as caught:
            access_client(
                Actor(charlie), client_id, category=DataCategory.IDENTITY, purpose=Purpose.CARE_PLAN
            )
        errors.append(str(caught.value))
    assert errors[0] == errors[1]


def test_a_care_relationship_without_consent_is_not_enough(bob: User) -> None:
    client = ClientFactory.create()
    in_care_team(client, bob)
    with pytest.raises(Http404):
        access_client(
            Actor(bob), client.pk, category=DataCategory.IDENTITY, purpose=Purpose.CARE_PLAN
        )


def test_consent_without_a_care_relationship_is_not_enough(bob: User, charlie: User) -> None:
    client = client_shared_with(bob)
    charlie_person = person_for(charlie)
    Consent.objects.create(
        client=client,
        categories=[DataCategory.IDENTITY],
        purposes=[Purpose.CARE_PLAN],
        scope=RecipientScope.PERSON,
        recipient_person=charlie_person,
        given_by=GivenBy.CLIENT,
        method=ConsentMethod.SPOKEN,
    )
    with pytest.raises(Http404):
        access_client(
            Actor(charlie), client.pk, category=DataCategory.IDENTITY, purpose=Purpose.CARE_PLAN
        )


def test_consent_limits_the_kind_of_data_and_the_purpose(bob: User) -> None:
    client = ClientFactory.create()
    in_care_team(client, bob)
    consent_for_care_team(client, categories=[DataCategory.IDENTITY], purposes=[Purpose.REFERRAL])
    access_client(Actor(bob), client.pk, category=DataCategory.IDENTITY, purpose=Purpose.REFERRAL)
    with pytest.raises(Http404):
        access_client(Actor(bob), client.pk, category=DataCategory.PLAN, purpose=Purpose.REFERRAL)
    with pytest.raises(Http404):
        access_client(Actor(bob), client.pk, category=DataCategory.IDENTITY, purpose=Purpose.MDO)


def test_revoking_consent_takes_effect_on_the_next_access(alice: User, bob: User) -> None:
    client = client_shared_with(alice, bob)
    access_client(Actor(bob), client.pk, category=DataCategory.PLAN, purpose=Purpose.MDO)
    consent = Consent.objects.get(client=client)
    consent_revoke(actor=Actor(alice), consent=consent, note="wil het niet")
    with pytest.raises(Http404):
        access_client(Actor(bob), client.pk, category=DataCategory.PLAN, purpose=Purpose.MDO)
    consent.refresh_from_db()
    assert consent.revoked_by == alice


def test_an_expired_consent_no_longer_covers(bob: User) -> None:
    client = ClientFactory.create()
    in_care_team(client, bob)
    consent = consent_for_care_team(client)
    consent.valid_until = timezone.localdate() - timedelta(days=1)
    consent.given_on = timezone.localdate() - timedelta(days=30)
    consent.save()
    with pytest.raises(Http404):
        access_client(
            Actor(bob), client.pk, category=DataCategory.IDENTITY, purpose=Purpose.CARE_PLAN
        )


def test_an_ended_care_team_membership_ends_access(bob: User) -> None:
    client = client_shared_with(bob)
    member = CareTeamMember.objects.get(client=client)
    member.since = timezone.localdate() - timedelta(days=10)
    member.until = timezone.localdate() - timedelta(days=1)
    member.save()
    with pytest.raises(Http404):
        access_client(
            Actor(bob), client.pk, category=DataCategory.IDENTITY, purpose=Purpose.CARE_PLAN
        )


def test_consent_for_an_organisation_covers_its_people_in_a_care_relationship(bob: User) -> None:
    client = ClientFactory.create()
    in_care_team(client, bob)
    Consent.objects.create(
        client=client,
        categories=[DataCategory.IDENTITY],
        purposes=[Purpose.CARE_PLAN],
        scope=RecipientScope.ORGANISATION,
        recipient_organisation=person_for(bob).organisation,
        given_by=GivenBy.CLIENT,
        method=ConsentMethod.WRITTEN,
    )
    access_client(Actor(bob), client.pk, category=DataCategory.IDENTITY, purpose=Purpose.CARE_PLAN)


def test_a_read_only_user_may_read_but_not_write(db: None) -> None:
    from vangnet.accounts.models import Role

    reader = make_user("lezer@example.org", "Lena Lezer", Role.READ_ONLY)
    client = client_shared_with(reader)
    access_client(
        Actor(reader), client.pk, category=DataCategory.IDENTITY, purpose=Purpose.CARE_PLAN
    )
    with pytest.raises(Http404):
        access_client(
            Actor(reader),
            client.pk,
            category=DataCategory.IDENTITY,
            purpose=Purpose.CARE_PLAN,
            for_write=True,
        )


def test_an_account_without_a_place_on_the_social_map_gets_nothing(alice: User) -> None:
    client = ClientFactory.create()
    with pytest.raises(Http404):
        access_client(
            Actor(alice), client.pk, category=DataCategory.IDENTITY, purpose=Purpose.CARE_PLAN
        )


def _findable(*users: User) -> Client:
    """An older person with a BSN in a network that ``users`` work in."""
    client: Client = ClientFactory.create(bsn=a_bsn(1))
    for user in users:
        in_network(user, client.network)
    return client


def test_break_the_glass_opens_access_flagged_and_for_a_limited_time(
    bob: User, charlie: User
) -> None:
    client = _findable(charlie)
    in_care_team(client, bob)
    consent_for_care_team(client)
    result = break_the_glass(
        actor=Actor(charlie),
        identity=identity_of(client),
        reason="Valt niet te bereiken, buren bellen",
    )
    assert result.client == client
    access_client(Actor(charlie), client.pk, category=DataCategory.PLAN, purpose=Purpose.CARE_PLAN)
    flagged = AccessLogEntry.objects.filter(user_id=charlie.pk)
    assert flagged.count() == 2
    assert all(row.break_glass for row in flagged)
    assert "buren" in flagged.first().reason  # type: ignore[union-attr]
    with pytest.raises(Http404):
        access_client(
            Actor(charlie),
            client.pk,
            category=DataCategory.PLAN,
            purpose=Purpose.CARE_PLAN,
            for_write=True,
        )


def test_break_the_glass_needs_a_reason(charlie: User) -> None:
    client = _findable(charlie)
    with pytest.raises(Http404):
        break_the_glass(actor=Actor(charlie), identity=identity_of(client), reason="   ")


def test_an_expired_emergency_access_is_closed(charlie: User) -> None:
    from vangnet.clients.models import BreakGlassGrant

    client = _findable(charlie)
    break_the_glass(actor=Actor(charlie), identity=identity_of(client), reason="nood")
    BreakGlassGrant.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(Http404):
        access_client(
            Actor(charlie), client.pk, category=DataCategory.IDENTITY, purpose=Purpose.CARE_PLAN
        )


def test_the_client_list_shows_only_related_and_consenting_clients_and_logs_each(
    bob: User,
) -> None:
    mine = client_shared_with(bob)
    ClientFactory.create()  # someone else's
    without_consent = ClientFactory.create()
    in_care_team(without_consent, bob)
    listed = accessible_clients(Actor(bob), purpose=Purpose.CARE_PLAN)
    assert listed == [mine]
    assert list(AccessLogEntry.objects.values_list("client_id", "event")) == [
        (mine.pk, AuditEvent.READ)
    ]


def test_a_search_is_logged_as_a_search(bob: User) -> None:
    client = client_shared_with(bob)
    assert accessible_clients(Actor(bob), purpose=Purpose.CARE_PLAN, search="Maria") == [client]
    assert AccessLogEntry.objects.get().event == AuditEvent.SEARCH


def test_the_client_list_query_count_does_not_grow_with_clients(
    bob: User, django_assert_max_num_queries: object
) -> None:
    for _ in range(3):
        client_shared_with(bob)
    with django_assert_max_num_queries(16) as few:  # type: ignore[operator]
        accessible_clients(Actor(bob), purpose=Purpose.CARE_PLAN)
    for _ in range(20):
        client_shared_with(bob)
    with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[operator]
        assert len(accessible_clients(Actor(bob), purpose=Purpose.CARE_PLAN)) == 23


def _queries_for(user: User, client_id: int) -> int:
    user = User.objects.get(pk=user.pk)  # as each request loads its account afresh
    with CaptureQueriesContext(connection) as queries, pytest.raises(Http404):
        access_client(
            Actor(user), client_id, category=DataCategory.IDENTITY, purpose=Purpose.CARE_PLAN
        )
    return len(queries.captured_queries)


def test_missing_and_forbidden_clients_cost_the_same_queries(bob: User, charlie: User) -> None:
    """The answer time must not tell whether an older person exists."""
    strangers = client_shared_with(bob)
    person_for(charlie)
    without_consent = ClientFactory.create()
    in_care_team(without_consent, charlie)
    missing = without_consent.pk + 1000
    counts = {
        "missing": _queries_for(charlie, missing),
        "a stranger's client": _queries_for(charlie, strangers.pk),
        "in the team, no consent": _queries_for(charlie, without_consent.pk),
    }
    assert len(set(counts.values())) == 1, counts
