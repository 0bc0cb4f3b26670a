"""The referrals' part of the dossier: the referrals this viewer may see, and their steps."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from vangnet.accounts.models import User
from vangnet.clients.access import decisions_for
from vangnet.clients.dossier import IDENTITY_WRITE, TIMELINE_LIMIT, Viewer
from vangnet.clients.models import Client
from vangnet.referrals.actions import Target
from vangnet.referrals.dossier import referral_start, referrals_part
from vangnet.referrals.tests.factories import bring_to_first_contact, build_world, refer

pytestmark = pytest.mark.django_db


def _viewer(user: User, older: Client) -> Viewer:
    decisions = decisions_for(user, older)
    return Viewer(user=user, person=decisions.person, decisions=decisions)


def test_the_care_team_sees_every_referral_with_its_steps(bob: User) -> None:
    world = build_world(bob)
    now = timezone.now()
    first = refer(world, now=now - timedelta(days=30))
    bring_to_first_contact(world, first, contacted_on=timezone.localdate() - timedelta(days=28))
    refer(world, target=Target(organisation=world.team, service=world.other_service))
    with translation.override("nl"):
        part = referrals_part(world.client, _viewer(bob, world.client), limit=TIMELINE_LIMIT)
    texts = [line.text for line in part.lines]
    assert "Naar Welzijn Testdorp: eerste contact geweest" in texts
    assert "Naar Wijkteam-spreekuur (Sociaal Wijkteam Noord): verstuurd" in texts
    assert "2 verwijzingen in totaal, 2 lopen nog." in texts
    titles = [e.title for e in part.events]
    assert titles[-1] == "Verwezen naar Welzijn Testdorp"
    assert "Verwijzing naar Welzijn Testdorp: eerste contact geweest" in titles
    assert all(
        e.url.startswith(f"/referrals/client/{world.client.pk}/#verwijzing-") for e in part.events
    )


def test_someone_outside_the_care_team_sees_only_their_own_organisations_referrals(
    bob: User,
) -> None:
    world = build_world(bob)
    refer(world)
    refer(world, target=Target(organisation=world.team, service=world.other_service))
    part = referrals_part(world.client, _viewer(world.worker, world.client), limit=TIMELINE_LIMIT)
    assert all("Wijkteam" not in e.title for e in part.events)
    assert any("Welzijn Testdorp" in e.title for e in part.events)


def test_referring_is_offered_with_the_name_and_address_only(bob: User) -> None:
    world = build_world(bob)
    (link,) = referral_start(world.client, _viewer(bob, world.client))
    assert link.need == IDENTITY_WRITE
    assert link.url == f"/referrals/client/{world.client.pk}/new/"
