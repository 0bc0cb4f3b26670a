"""An older person with something in every part of Vangnet, for the dossier's tests.

Bob is the GP in the care team and the contact person; the older person agreed
to share everything with the care team, unless a test narrows the consent.
"""

from datetime import date, datetime, timedelta

from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.care import actions as care_actions
from vangnet.care.tests.factories import action_for, analysed, meeting, on_agenda
from vangnet.clients import actions as client_actions
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import person_for
from vangnet.consent.models import Consent
from vangnet.detection.models import SignalCategory, SignalStatus
from vangnet.detection.tests.factories import SignalFactory
from vangnet.referrals.tests.factories import World, build_world, refer
from vangnet.screening.tests.world import gfi_answers, record


def at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def dossier_world(bob: User) -> World:
    """Bob's older person, with a signal, a pathway, a plan, an MDO, a referral and a screening.

    The events happen on distinct days, oldest first: signal (50 days ago),
    conversation and analysis (40), screening (30), referral (20), agreement
    with the plan (10); the MDO is next week.
    """
    world = build_world(bob)
    older = world.client
    today = timezone.localdate()
    actor = Actor(bob)
    client_actions.contact_person_set(actor=actor, client=older, person=person_for(bob))
    SignalFactory.create(
        network=older.network,
        client=older,
        received_at=at(today - timedelta(days=50)),
        categories=[SignalCategory.FALLS],
        description="Is twee keer gevallen in de tuin.",
        status=SignalStatus.NEW,
    )
    analysed(older, bob, on=today - timedelta(days=40))
    record(older, bob, "gfi", gfi_answers(6), when=at(today - timedelta(days=30)))
    refer(world, now=at(today - timedelta(days=20)))
    action_for(bob, older, person_for(bob), due_on=today - timedelta(days=2))
    care_actions.plan_agree(
        actor=actor,
        client=older,
        agreed_on=today - timedelta(days=10),
        agreed_by="client",
        agreed_how="spoken",
        note="",
        evaluate_on=today + timedelta(days=80),
    )
    on_agenda(bob, older, meeting(bob, [bob], older))
    return world


def share_only(older: Client, categories: list[str]) -> None:
    """Narrow the older person's consent to ``categories`` (for every purpose)."""
    Consent.objects.filter(client=older).update(categories=categories)
