"""The start page: today's work per role, as counts the viewer may see, each leading to its list."""

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vangnet.accounts.models import Role, User
from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AccessLogEntry, AuditEvent, BreakGlassReview
from vangnet.care.models import Plan
from vangnet.care.tests.factories import action_for
from vangnet.casefinding.models import CaseFindingRun
from vangnet.clients.models import ContactPerson
from vangnet.clients.tests.factories import client_shared_with, person_for
from vangnet.conftest import log_in, make_user
from vangnet.consent.models import Consent
from vangnet.detection.models import Signal, SignalStatus
from vangnet.detection.tests.factories import SignalFactory, make_desk
from vangnet.directory.models import Discipline, OrganisationType
from vangnet.directory.tests.factories import NetworkFactory, OrganisationFactory
from vangnet.notifications.models import Notification
from vangnet.referrals.tests.factories import World, build_world, other_client_of, refer
from vangnet.screening.tests.world import gfi_answers, older_person_of, poh, record
from vangnet.workplace.today import Card, end_of_week, today_for

pytestmark = pytest.mark.django_db


def _cards(http: HttpClient) -> dict[str, Card]:
    response = http.get("/")
    assert response.status_code == 200
    return {card.key: card for card in response.context["today"].cards}


def _signals(network: Any, count: int, **extra: Any) -> list[Signal]:
    return [SignalFactory.create(network=network, **extra) for _ in range(count)]


def _overdue(signal: Signal) -> None:
    Signal.objects.filter(pk=signal.pk).update(due_at=timezone.now() - timedelta(hours=1))


# --- A visitor ---------------------------------------------------------------------------------


def test_it_shows_a_visitor_the_worry_form_first(client: HttpClient) -> None:
    response = client.get("/")
    html = response.content.decode()
    assert response.context["today"] is None
    links = re.findall(r'<li class="card[^"]*">\s*<h2><a href="([^"]+)"', html)
    assert links[0] == "/signals/worry/"
    assert "Ik maak me zorgen over iemand" in html


def test_it_sends_someone_halfway_through_logging_in_on_to_the_second_step(
    client: HttpClient, alice: User
) -> None:
    make_desk(alice)
    client.force_login(alice)
    response = client.get("/")
    assert response.status_code == 302
    assert "/signals/work/queue/" not in response.content.decode()


# --- The coordinator ---------------------------------------------------------------------------


def test_it_shows_the_coordinator_new_and_overdue_signals(client: HttpClient, alice: User) -> None:
    network = make_desk(alice)
    new = _signals(network, 3)
    _overdue(new[0])
    # Passed on and picked up, closed, or in another network: not in these two numbers.
    _signals(network, 1, status=SignalStatus.PICKED_UP)
    _signals(network, 1, status=SignalStatus.CLOSED, close_reason="handled")
    _signals(NetworkFactory.create(slug="elders"), 2)
    log_in(client, alice)
    cards = _cards(client)
    assert cards["signals-new"].count == 3
    assert cards["signals-overdue"].count == 1
    assert cards["signals-new"].url == "/signals/work/queue/?show=new"
    html = client.get("/").content.decode()
    assert "Nieuwe signalen" in html
    assert '<p class="card-count"><strong>3</strong></p>' in html


def test_it_counts_signals_passed_on_but_not_picked_up_in_time_as_overdue(
    client: HttpClient, alice: User
) -> None:
    network = make_desk(alice)
    (routed,) = _signals(network, 1, status=SignalStatus.ROUTED)
    _overdue(routed)
    log_in(client, alice)
    cards = _cards(client)
    assert (cards["signals-new"].count, cards["signals-overdue"].count) == (0, 1)


def test_it_counts_proposed_follow_up_in_the_coordinators_networks(
    client: HttpClient, alice: User, bob: User
) -> None:
    network = make_desk(alice)
    record(older_person_of(poh(bob), network=network), bob, "gfi", gfi_answers(5))
    # A task in a network Alice does not coordinate.
    elsewhere = NetworkFactory.create(slug="elders", name="Ander netwerk")
    record(older_person_of(bob, network=elsewhere), bob, "gfi", gfi_answers(6))
    log_in(client, alice)
    assert _cards(client)["follow-ups"].count == 1


def test_it_counts_emergency_access_not_yet_reviewed(
    client: HttpClient, alice: User, bob: User
) -> None:
    make_desk(alice)
    older = client_shared_with(bob)
    for _ in range(2):
        log_access(
            actor=Actor(bob),
            event=AuditEvent.SEARCH,
            client_id=older.pk,
            purpose="break_glass",
            break_glass=True,
            reason="Valpartij, niemand bereikbaar",
        )
    # A refused attempt names nobody and needs no review.
    log_access(
        actor=Actor(bob),
        event=AuditEvent.SEARCH,
        client_id=None,
        purpose="break_glass",
        break_glass=True,
        reason="Geen match",
    )
    first = AccessLogEntry.objects.filter(client_id=older.pk).order_by("pk").first()
    assert first is not None
    BreakGlassReview.objects.create(log_entry_id=first.pk, reviewed_by=alice, justified=True)
    log_in(client, alice)
    assert _cards(client)["emergency-review"].count == 1


def test_it_counts_coming_mdos(client: HttpClient, alice: User, bob: User) -> None:
    from vangnet.care.tests.factories import meeting

    make_desk(alice)
    older = client_shared_with(alice, bob)
    meeting(alice, [bob], older, days_ahead=3)
    meeting(alice, [bob], older, days_ahead=-3)
    log_in(client, alice)
    assert _cards(client)["meetings"].count == 1


# --- A stranger --------------------------------------------------------------------------------


def test_it_shows_a_stranger_no_counts(client: HttpClient, alice: User, charlie: User) -> None:
    network = make_desk(alice)
    _signals(network, 3)
    client_shared_with(alice)
    person_for(charlie, Discipline.PHYSIOTHERAPIST)
    log_in(client, charlie)
    response = client.get("/")
    today = response.context["today"]
    assert today.outsider
    assert today.cards == []
    html = response.content.decode()
    assert "card-count" not in html
    assert "/signals/work/queue/" not in html
    assert "Nog geen werk voor u" in html
    assert 'href="/map/"' in html


def test_it_tells_an_account_without_a_place_on_the_map_so(
    client: HttpClient, charlie: User
) -> None:
    log_in(client, charlie)
    response = client.get("/")
    assert response.context["today"].outsider
    assert "nog niet gekoppeld" in response.content.decode()


# --- Referrals ---------------------------------------------------------------------------------


def _world(alice: User) -> World:
    gp = make_user("greet@example.org", "Greet Huisarts", Role.PROFESSIONAL)
    return build_world(gp, coordinator=alice)


def test_it_counts_referrals_waiting_for_the_receiving_organisation(
    client: HttpClient, alice: User
) -> None:
    world = _world(alice)
    refer(world)
    late = refer(world, client=other_client_of(world.gp, world.network))
    late_day = timezone.localdate() - timedelta(days=1)
    type(late).objects.filter(pk=late.pk).update(first_contact_due_on=late_day)
    log_in(client, world.worker)
    card = _cards(client)["referrals"]
    assert card.count == 2
    assert "Nieuw: 2." in card.text
    assert "Te laat: 1." in card.text


def test_it_does_not_count_a_referral_the_consent_no_longer_covers(
    client: HttpClient, alice: User
) -> None:
    world = _world(alice)
    refer(world)
    hidden = other_client_of(world.gp, world.network)
    refer(world, client=hidden)
    Consent.objects.filter(client=hidden).delete()
    log_in(client, world.worker)
    assert _cards(client)["referrals"].count == 1


def test_it_shows_no_referral_card_to_an_organisation_that_does_not_receive_them(
    client: HttpClient, alice: User
) -> None:
    world = _world(alice)
    refer(world)
    log_in(client, world.gp)
    assert "referrals" not in _cards(client)


# --- My own work -------------------------------------------------------------------------------


def test_it_counts_my_actions_and_the_evaluations_due_this_week(
    client: HttpClient, bob: User, charlie: User
) -> None:
    person = person_for(bob)
    older = client_shared_with(bob)
    today = timezone.localdate()
    action_for(bob, older, person, due_on=today - timedelta(days=2))
    action_for(bob, older, person, due_on=today + timedelta(days=30))
    # An action for an older person Bob may no longer see is not counted.
    gone = client_shared_with(bob)
    action_for(bob, gone, person, due_on=today)
    Consent.objects.filter(client=gone).delete()
    ContactPerson.objects.create(client=older, person=person)
    Plan.objects.filter(client=older).update(evaluate_on=end_of_week(today))
    log_in(client, bob)
    cards = _cards(client)
    assert cards["actions"].count == 2
    assert cards["actions"].text == "1 daarvan is over de datum."
    assert cards["evaluations"].count == 1


def test_it_counts_signals_passed_on_to_me_and_unread_messages(
    client: HttpClient, alice: User, bob: User
) -> None:
    network = make_desk(alice)
    person = person_for(bob)
    client_shared_with(bob)
    _signals(network, 2, status=SignalStatus.ROUTED, recipient=person)
    _signals(network, 1, status=SignalStatus.CLOSED, close_reason="handled", recipient=person)
    Notification.objects.create(
        recipient=bob, kind="referral", subject="Nieuwe verwijzing", url="/referrals/"
    )
    Notification.objects.create(
        recipient=bob, kind="referral", subject="Gelezen", url="/referrals/", read_at=timezone.now()
    )
    log_in(client, bob)
    cards = _cards(client)
    assert cards["signals-mine"].count == 2
    assert cards["inbox"].count == 1


def test_it_writes_nothing_to_the_access_log(client: HttpClient, alice: User) -> None:
    world = _world(alice)
    refer(world)
    person = person_for(world.worker)
    action_for(world.gp, world.client, person, due_on=timezone.localdate())
    log_in(client, world.worker)
    before = AccessLogEntry.objects.count()
    _cards(client)
    assert AccessLogEntry.objects.count() == before


# --- A GP practice and read-only ---------------------------------------------------------------


def test_it_shows_a_practice_its_last_case_finding_list(client: HttpClient, bob: User) -> None:
    practice = OrganisationFactory.create(type=OrganisationType.GP_PRACTICE)
    person = person_for(bob, Discipline.GP)
    person.organisation = practice
    person.save(update_fields=["organisation"])
    log_in(client, bob)
    assert _cards(client)["casefinding"].count is None
    for listed, moderate in ((50, 4), (60, 7)):
        CaseFindingRun.objects.create(
            organisation=practice,
            reference_date=date(2026, 1, 1),
            patients_total=400,
            patients_aged=listed,
            patients_excluded=0,
            patients_listed=listed,
            category_counts={"fit": 30, "mild": 10, "moderate": moderate, "severe": 2},
            result="casefinding/none.parquet",
        )
    card = _cards(client)["casefinding"]
    assert card.count == 9
    assert "matige of ernstige kwetsbaarheid" in card.text


def test_it_explains_read_only_and_offers_nothing_to_do(client: HttpClient, alice: User) -> None:
    reader = make_user("rita@example.org", "Rita Lezer", Role.READ_ONLY)
    person_for(reader, Discipline.WMO_OFFICER)
    client_shared_with(alice, reader)
    log_in(client, reader)
    response = client.get("/")
    today = response.context["today"]
    assert today.read_only and not today.outsider
    keys = [card.key for card in today.cards]
    assert "actions" not in keys
    assert {"clients", "signals-mine", "meetings", "inbox"} <= set(keys)
    assert next(c for c in today.cards if c.key == "clients").count == 1
    assert "alleen-lezen" in response.content.decode()


# --- Every card opens, and the page stays flat -------------------------------------------------


def test_every_card_opens_its_list(client: HttpClient, alice: User) -> None:
    world = _world(alice)
    make_desk(alice, world.network)
    refer(world)
    reader = make_user("rita@example.org", "Rita Lezer", Role.READ_ONLY)
    person_for(reader)
    for user in (alice, world.gp, world.worker, reader):
        log_in(client, user)
        for card in _cards(client).values():
            assert client.get(card.url).status_code == 200, (user, card.key)


def _queries(http: HttpClient) -> int:
    with CaptureQueriesContext(connection) as context:
        assert http.get("/").status_code == 200
    return len(context.captured_queries)


def _more_of_everything(world: World, alice: User, n: int) -> None:
    person = person_for(world.worker)
    for i in range(n):
        older = other_client_of(world.gp, world.network)
        refer(world, client=older)
        SignalFactory.create(network=world.network)
        SignalFactory.create(network=world.network, status=SignalStatus.ROUTED, recipient=person)
        action_for(world.gp, older, person, due_on=timezone.localdate() + timedelta(days=i))
        Notification.objects.create(
            recipient=world.worker, kind="referral", subject=f"Bericht {i}", url="/"
        )
        record(older_person_of(world.gp, network=world.network), world.gp, "gfi", gfi_answers(5))


@pytest.mark.parametrize("who", ["coordinator", "worker"])
def test_the_start_page_does_not_grow_with_the_data(
    client: HttpClient, alice: User, django_assert_max_num_queries: Any, who: str
) -> None:
    world = _world(alice)
    # The coordinator also works at the receiving organisation, so every card is there.
    make_desk(alice, world.network)
    user = alice if who == "coordinator" else world.worker
    log_in(client, user)
    _more_of_everything(world, alice, 1)
    few = _queries(client)
    _more_of_everything(world, alice, 6)
    with django_assert_max_num_queries(few):
        response = client.get("/")
    cards = {card.key: card for card in response.context["today"].cards}
    assert cards["referrals"].count == 7
    if who == "coordinator":
        assert cards["signals-new"].count == 7
    else:
        assert cards["signals-mine"].count == 7


def test_today_for_counts_without_a_request(alice: User) -> None:
    make_desk(alice)
    today = today_for(alice)
    assert [card.key for card in today.coordination][:2] == ["signals-new", "signals-overdue"]
