"""The coordination point's triage: who may do what, what they see, and that every step logs."""

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.http import Http404
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vangnet.accounts.models import Role, User
from vangnet.audit.log import Actor
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.clients.access import access_client
from vangnet.clients.models import CareTeamMember, Client, ContactPerson
from vangnet.clients.tests.factories import ClientFactory, client_shared_with, person_for
from vangnet.conftest import log_in, make_user
from vangnet.consent.models import (
    Consent,
    ConsentMethod,
    DataCategory,
    GivenBy,
    Purpose,
    RecipientScope,
)
from vangnet.detection import actions
from vangnet.detection.models import (
    CloseReason,
    CoordinationPoint,
    Signal,
    SignalStatus,
    SignalStep,
    Urgency,
)
from vangnet.detection.sla import Terms, due_at
from vangnet.detection.tests.factories import SignalFactory
from vangnet.directory.models import Discipline, Network, OrganisationType, Person
from vangnet.directory.tests.factories import NetworkFactory, OrganisationFactory
from vangnet.notifications.models import Notification

pytestmark = pytest.mark.django_db


def url(name: str, signal: Signal) -> str:
    return reverse(f"detection:{name}", kwargs={"signal_id": signal.pk})


def nurse_user(email: str = "nina@example.org", name: str = "Nina Wijkzorg") -> User:
    return make_user(email, name, Role.PROFESSIONAL)


def known_client(network: Network, *team: User) -> Client:
    """An older person in ``network`` with ``team`` in the care team, sharing everything."""
    older = client_shared_with(*team)
    Client.objects.filter(pk=older.pk).update(
        network=network,
        given_name="Wilhelmina",
        family_name="Zwaluwstaart",
        street="Reigerlaan 77",
        postcode="9999 ZZ",
        phone="0699887766",
        date_of_birth=date(1936, 7, 21),
    )
    return Client.objects.get(pk=older.pk)


def reported(network: Network, **kw: Any) -> Signal:
    data: dict[str, Any] = {
        "subject_name": "wilhelmina zwaluwstaart",
        "subject_street": "Reigerln. 77",
        "subject_postcode": "9999zz",
        "categories": ["memory"],
        "description": "Ze vergat de pan op het vuur.",
        "reporter_kind": "neighbour",
        "reporter_name": "Buurvrouw Annie",
        "reporter_contact": "0612121212",
        "urgency": Urgency.NORMAL,
    }
    data.update(kw)
    return actions.signal_report(network=network, data=data)


@pytest.fixture
def in_triage(desk: Network, alice: User) -> Signal:
    signal = reported(desk)
    return actions.signal_start_triage(actor=Actor(alice), signal=signal)


def test_the_queue_is_only_for_the_coordination_point(
    client: HttpClient, desk: Network, alice: User, bob: User, charlie: User
) -> None:
    reported(desk)
    person_for(bob)
    person_for(charlie)
    for outsider in (bob, charlie):
        log_in(client, outsider)
        assert client.get(reverse("detection:queue")).status_code == 404
    other = make_user("olga@example.org", "Olga Overal", Role.COORDINATOR)
    person_for(other, Discipline.NETWORK_COORDINATOR)
    log_in(client, other)
    assert client.get(reverse("detection:queue")).status_code == 404
    log_in(client, alice)
    assert client.get(reverse("detection:queue")).status_code == 200


def test_a_coordinator_of_another_network_sees_nothing_of_this_one(
    client: HttpClient, desk: Network, alice: User
) -> None:
    other_network = NetworkFactory.create(slug="elders", name="Netwerk Elders")
    signal = reported(other_network)
    log_in(client, alice)
    assert client.get(url("signal", signal)).status_code == 404
    assert signal.display_reference not in client.get(reverse("detection:queue")).content.decode()


def test_the_queue_shows_no_names(client: HttpClient, desk: Network, alice: User) -> None:
    signal = reported(desk)
    log_in(client, alice)
    html = client.get(reverse("detection:queue")).content.decode()
    assert signal.display_reference in html
    assert "zwaluwstaart" not in html.lower()
    assert "Reigerln" not in html and "Annie" not in html


def _queue_queries(client: HttpClient) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("detection:queue")).status_code == 200
    return len(queries)


def test_the_queue_needs_the_same_number_of_queries_for_many_signals(
    client: HttpClient, desk: Network, alice: User, bob: User, django_assert_max_num_queries: Any
) -> None:
    nurse = person_for(bob)

    def add(count: int) -> None:
        for i in range(count):
            older = ClientFactory.create(network=desk)
            status = [SignalStatus.NEW, SignalStatus.IN_TRIAGE, SignalStatus.ROUTED][i % 3]
            SignalFactory.create(
                network=desk,
                client=older if i % 2 else None,
                status=status,
                recipient=nurse if status == SignalStatus.ROUTED else None,
                urgency=Urgency.URGENT if i % 4 == 0 else Urgency.NORMAL,
            )

    add(3)
    log_in(client, alice)
    few = _queue_queries(client)
    add(30)
    with django_assert_max_num_queries(few):
        response = client.get(reverse("detection:queue"))
    assert response.content.decode().count("/signals/work/") >= 33


def test_a_stranger_can_neither_open_nor_act_on_a_signal(
    client: HttpClient, in_triage: Signal, charlie: User
) -> None:
    person_for(charlie)
    log_in(client, charlie)
    assert client.get(url("signal", in_triage)).status_code == 404
    for name in ("start-triage", "urgency", "link", "route", "register", "pick-up", "close"):
        assert client.post(url(name, in_triage), {"reason": "handled"}).status_code == 404, name
    for name in ("route", "register", "close", "register-after-contact"):
        assert client.get(url(name, in_triage)).status_code == 404, name
    assert not AccessLogEntry.objects.filter(user_id=charlie.pk).exists()
    in_triage.refresh_from_db()
    assert in_triage.status == SignalStatus.IN_TRIAGE


def test_anonymous_visitors_are_sent_to_log_in(client: HttpClient, in_triage: Signal) -> None:
    for target in (url("signal", in_triage), reverse("detection:queue")):
        response = client.get(target)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_coordinator_sees_a_possible_match_only_as_year_neighbourhood_and_organisation(
    client: HttpClient, desk: Network, alice: User, bob: User
) -> None:
    older = known_client(desk, bob)
    bob_person = Person.objects.get(user=bob)
    signal = actions.signal_start_triage(actor=Actor(alice), signal=reported(desk))
    log_in(client, alice)
    html = client.get(url("signal", signal)).content.decode()
    assert "1936" in html
    assert bob_person.organisation.name in html
    for secret in ("Reigerlaan 77", "0699887766", "21 juli 1936", "1936-07-21", bob_person.name):
        assert secret not in html, secret
    assert "wilhelmina zwaluwstaart" in html  # what the reporter wrote is the signal itself
    assert f'href="/clients/{older.pk}/"' not in html
    search = AccessLogEntry.objects.get(event=AuditEvent.SEARCH)
    assert search.client_id == older.pk
    assert search.user_id == alice.pk


def test_a_coordinator_who_has_access_anyway_gets_the_name_and_a_link(
    client: HttpClient, desk: Network, alice: User
) -> None:
    older = known_client(desk, alice)
    signal = actions.signal_start_triage(actor=Actor(alice), signal=reported(desk))
    log_in(client, alice)
    html = client.get(url("signal", signal)).content.decode()
    assert f'href="/clients/{older.pk}/"' in html
    assert "Wilhelmina Zwaluwstaart" in html


def test_linking_takes_only_a_candidate_the_matching_proposed(
    client: HttpClient, desk: Network, alice: User, bob: User
) -> None:
    older = known_client(desk, bob)
    stranger = ClientFactory.create(network=desk, family_name="Anders")
    signal = actions.signal_start_triage(actor=Actor(alice), signal=reported(desk))
    log_in(client, alice)
    client.post(url("link", signal), {"candidate": 2, "client": stranger.pk})
    signal.refresh_from_db()
    assert signal.client_id is None
    client.post(url("link", signal), {"candidate": 1})
    signal.refresh_from_db()
    assert signal.client_id == older.pk
    row = AccessLogEntry.objects.filter(user_id=alice.pk).order_by("-pk").first()
    assert row is not None and row.client_id == older.pk and "linked" in row.objects_involved


def test_every_triage_step_writes_a_log_row_and_a_visible_step(
    client: HttpClient, desk: Network, alice: User
) -> None:
    nurse = nurse_user()
    nurse_person = person_for(nurse)
    signal = reported(desk)
    log_in(client, alice)

    def step(http: HttpClient, name: str, data: dict[str, Any], status: str | None) -> None:
        before = AccessLogEntry.objects.count()
        response = http.post(url(name, signal), data)
        assert response.status_code == 302, name
        rows = AccessLogEntry.objects.order_by("pk")[before:]
        assert rows, f"{name} wrote no log row"
        if status:
            assert any(f"status:{status}" in r.objects_involved for r in rows), name
            assert Signal.objects.get(pk=signal.pk).status == status

    step(client, "start-triage", {}, SignalStatus.IN_TRIAGE)
    step(client, "urgency", {"urgency": "urgent"}, None)
    step(client, "route", {"person": nurse_person.pk}, SignalStatus.ROUTED)
    nurse_http = HttpClient()
    log_in(nurse_http, nurse)
    step(nurse_http, "pick-up", {}, SignalStatus.PICKED_UP)
    step(
        nurse_http, "close", {"reason": "handled", "note": "Huisbezoek gedaan"}, SignalStatus.CLOSED
    )
    statuses = list(SignalStep.objects.filter(signal=signal).values_list("status", flat=True))
    assert statuses == ["new", "in_triage", "routed", "picked_up", "closed"]


def test_starting_triage_twice_is_refused(desk: Network, alice: User) -> None:
    signal = reported(desk)
    actions.signal_start_triage(actor=Actor(alice), signal=signal)
    with pytest.raises(actions.TransitionError):
        actions.signal_start_triage(actor=Actor(alice), signal=signal)
    assert SignalStep.objects.filter(signal=signal, status=SignalStatus.IN_TRIAGE).count() == 1


def test_changing_the_urgency_counts_the_term_again_from_receipt(
    desk: Network, alice: User
) -> None:
    signal = reported(desk)
    normal_due = signal.due_at
    changed = actions.signal_set_urgency(actor=Actor(alice), signal=signal, urgency=Urgency.URGENT)
    assert changed.due_at < normal_due
    assert (changed.due_at - changed.received_at).total_seconds() == 8 * 3600


def _route_to_contact_person(
    client: HttpClient, desk: Network, alice: User, nurse: User
) -> tuple[Signal, Client]:
    older = known_client(desk, nurse)
    ContactPerson.objects.create(client=older, person=Person.objects.get(user=nurse))
    signal = actions.signal_start_triage(actor=Actor(alice), signal=reported(desk))
    actions.signal_link_client(actor=Actor(alice), signal=signal, client_id=older.pk)
    log_in(client, alice)
    assert client.get(url("route", signal)).status_code == 200
    response = client.post(url("route", signal), {"target": "contact"})
    assert response.status_code == 302
    return Signal.objects.get(pk=signal.pk), older


def test_passing_on_to_the_contact_person_sends_a_message_without_names(
    client: HttpClient, desk: Network, alice: User
) -> None:
    nurse = nurse_user()
    signal, _older = _route_to_contact_person(client, desk, alice, nurse)
    assert signal.status == SignalStatus.ROUTED
    assert signal.recipient == Person.objects.get(user=nurse)
    message = Notification.objects.get(recipient=nurse)
    assert message.url == url("signal", signal)
    for text in (message.subject, message.body):
        assert "Zwaluwstaart" not in text and "Wilhelmina" not in text and "Reiger" not in text


def test_the_reporter_sees_picked_up_once_it_is_passed_on(
    client: HttpClient, desk: Network, alice: User
) -> None:
    signal, _older = _route_to_contact_person(client, desk, alice, nurse_user())
    anonymous = HttpClient()
    page = anonymous.post(reverse("detection:status"), {"code": signal.reference}).content.decode()
    assert "Opgepakt" in page


def test_the_recipient_reads_the_signal_and_the_name_when_consent_covers_them(
    client: HttpClient, desk: Network, alice: User
) -> None:
    nurse = nurse_user()
    signal, _older = _route_to_contact_person(client, desk, alice, nurse)
    log_in(client, nurse)
    html = client.get(url("signal", signal)).content.decode()
    assert "Ze vergat de pan op het vuur." in html
    assert "Wilhelmina Zwaluwstaart" in html
    assert "Buurvrouw Annie" in html  # they may call the reporter back


def _gp_practice_client(desk: Network, bob: User) -> tuple[Client, User, Person]:
    practice = OrganisationFactory.create(
        name="Huisartsen Het Anker", type=OrganisationType.GP_PRACTICE
    )
    gp = make_user("gerda@example.org", "Gerda Huisarts", Role.PROFESSIONAL)
    gp_person = person_for(gp, Discipline.GP)
    Person.objects.filter(pk=gp_person.pk).update(organisation=practice)
    older = known_client(desk, bob)
    Client.objects.filter(pk=older.pk).update(gp_practice=practice)
    return Client.objects.get(pk=older.pk), gp, Person.objects.get(pk=gp_person.pk)


def test_a_gp_outside_the_consent_reads_the_worry_but_not_whom_it_is_about(
    client: HttpClient, desk: Network, alice: User, bob: User
) -> None:
    older, gp, _gp_person = _gp_practice_client(desk, bob)
    signal = actions.signal_start_triage(actor=Actor(alice), signal=reported(desk))
    actions.signal_link_client(actor=Actor(alice), signal=signal, client_id=older.pk)
    log_in(client, alice)
    route_page = client.get(url("route", signal)).content.decode()
    assert "Huisartsen Het Anker" in route_page
    assert "toestemming" in route_page  # the consent note next to the GP option
    assert client.post(url("route", signal), {"target": "gp"}).status_code == 302
    log_in(client, gp)
    html = client.get(url("signal", signal)).content.decode()
    assert "Ze vergat de pan op het vuur." in html
    assert "wilhelmina" not in html.lower()
    assert "reigerl" not in html.lower()
    with pytest.raises(Http404):
        access_client(
            Actor(gp), older.pk, category=DataCategory.IDENTITY, purpose=Purpose.CARE_PLAN
        )


def test_an_open_signal_is_a_care_relationship_that_consent_can_cover(
    desk: Network, alice: User, bob: User
) -> None:
    older, gp, gp_person = _gp_practice_client(desk, bob)
    Consent.objects.create(
        client=older,
        categories=[DataCategory.IDENTITY, DataCategory.SIGNALS],
        purposes=[Purpose.EARLY_DETECTION],
        scope=RecipientScope.ORGANISATION,
        recipient_organisation=gp_person.organisation,
        given_by=GivenBy.CLIENT,
        method=ConsentMethod.SPOKEN,
    )

    def door() -> Client:
        return access_client(
            Actor(gp), older.pk, category=DataCategory.SIGNALS, purpose=Purpose.EARLY_DETECTION
        )

    with pytest.raises(Http404):
        door()  # consent alone is not enough
    signal = actions.signal_start_triage(actor=Actor(alice), signal=reported(desk))
    actions.signal_link_client(actor=Actor(alice), signal=signal, client_id=older.pk)
    actions.signal_route(actor=Actor(alice), signal=signal, recipient=gp_person)
    assert door() == older
    actions.signal_close(actor=Actor(alice), signal=signal, reason=CloseReason.HANDLED)
    with pytest.raises(Http404):
        door()


def test_registering_a_new_older_person_makes_the_contact_person_and_passes_it_on(
    client: HttpClient, in_triage: Signal, alice: User
) -> None:
    nurse = nurse_user()
    nurse_person = person_for(nurse)
    log_in(client, alice)
    form = client.get(url("register", in_triage)).content.decode()
    assert 'value="wilhelmina"' in form  # filled in from the signal
    data = {
        "given_name": "Wilhelmina",
        "family_name": "Zwaluwstaart",
        "date_of_birth": "1936-07-21",
        "street": "Reigerlaan 77",
        "postcode": "9999 ZZ",
        "city": "Testdorp",
        "agreed": "on",
        "given_by": GivenBy.CLIENT,
        "method": ConsentMethod.SPOKEN,
        "contact_person": nurse_person.pk,
    }
    assert client.post(url("register", in_triage), {**data, "agreed": ""}).status_code == 200
    assert not Client.objects.exists()
    assert client.post(url("register", in_triage), data).status_code == 302
    older = Client.objects.get()
    signal = Signal.objects.get(pk=in_triage.pk)
    assert signal.client == older and signal.status == SignalStatus.ROUTED
    assert signal.recipient == nurse_person
    assert older.current_contact_person().person == nurse_person  # type: ignore[union-attr]
    team = set(
        CareTeamMember.objects.filter(client=older).values_list("person__user_id", flat=True)
    )
    assert team == {alice.pk, nurse.pk}
    nurse_consent = Consent.objects.get(client=older, recipient_person=nurse_person)
    assert set(nurse_consent.categories) == {DataCategory.IDENTITY, DataCategory.SIGNALS}
    assert Notification.objects.filter(recipient=nurse, kind="signal_routed").exists()
    log_in(client, nurse)
    assert client.get(reverse("clients:detail", kwargs={"client_id": older.pk})).status_code == 200
    assert "Wilhelmina Zwaluwstaart" in client.get(url("signal", signal)).content.decode()


def test_contact_first_then_the_recipient_registers_after_contact(
    client: HttpClient, in_triage: Signal, alice: User
) -> None:
    nurse = nurse_user()
    nurse_person = person_for(nurse)
    log_in(client, alice)
    route_page = client.get(url("route", in_triage))
    assert route_page.status_code == 200
    client.post(url("route", in_triage), {"person": nurse_person.pk})
    log_in(client, nurse)
    html = client.get(url("signal", in_triage)).content.decode()
    assert "wilhelmina zwaluwstaart" in html and "Reigerln. 77" in html
    response = client.post(
        url("register-after-contact", in_triage),
        {
            "given_name": "Wilhelmina",
            "family_name": "Zwaluwstaart",
            "date_of_birth": "1936-07-21",
            "street": "Reigerlaan 77",
            "postcode": "9999 ZZ",
            "city": "Testdorp",
            "agreed": "on",
            "given_by": GivenBy.CLIENT,
            "method": ConsentMethod.WRITTEN,
        },
    )
    assert response.status_code == 302
    older = Client.objects.get()
    signal = Signal.objects.get(pk=in_triage.pk)
    assert signal.client == older and signal.status == SignalStatus.PICKED_UP
    assert older.current_contact_person().person == nurse_person  # type: ignore[union-attr]
    rows = AccessLogEntry.objects.filter(client_id=older.pk, user_id=nurse.pk)
    assert rows.filter(event=AuditEvent.CREATE).exists()


def test_picking_up_tells_the_professional_who_recorded_it(
    desk: Network, alice: User, bob: User
) -> None:
    person_for(bob)
    nurse = nurse_user()
    signal = actions.signal_record(
        actor=Actor(bob),
        network=desk,
        data={
            "subject_name": "Jan Smit",
            "subject_street": "Dorpsstraat 3",
            "subject_age_band": "75_84",
            "categories": ["falls"],
            "description": "",
            "urgency": Urgency.NORMAL,
            "person_knows": "yes",
        },
    )
    actions.signal_start_triage(actor=Actor(alice), signal=signal)
    actions.signal_route(actor=Actor(alice), signal=signal, recipient=person_for(nurse))
    assert not Notification.objects.filter(recipient=bob).exists()
    actions.signal_pick_up(actor=Actor(nurse), signal=signal)
    told = Notification.objects.get(recipient=bob)
    assert told.kind == "signal_picked_up" and "Smit" not in told.subject + told.body


def test_closing_needs_a_reason_and_removes_the_reporters_details(
    client: HttpClient, in_triage: Signal, alice: User
) -> None:
    log_in(client, alice)
    assert client.post(url("close", in_triage), {"reason": ""}).status_code == 200
    assert client.post(url("close", in_triage), {"reason": "duplicate"}).status_code == 302
    signal = Signal.objects.get(pk=in_triage.pk)
    assert signal.status == SignalStatus.CLOSED and signal.close_reason == "duplicate"
    assert signal.reporter_name == "" and signal.reporter_contact == ""
    assert signal.description  # the worry itself stays until the retention term


def test_only_a_professional_with_an_account_can_receive(desk: Network, alice: User) -> None:
    signal = actions.signal_start_triage(actor=Actor(alice), signal=reported(desk))
    without_account = person_for(make_user("x@example.org", "X", Role.PROFESSIONAL))
    without_account.user = None
    without_account.save()
    with pytest.raises(actions.TransitionError):
        actions.signal_route(actor=Actor(alice), signal=signal, recipient=without_account)


def test_the_coordination_point_settings_are_for_its_coordinators(
    client: HttpClient, desk: Network, alice: User, bob: User
) -> None:
    target = reverse("detection:point", kwargs={"slug": desk.slug})
    person_for(bob)
    log_in(client, bob)
    assert client.get(target).status_code == 404
    log_in(client, alice)
    response = client.post(
        target, {"phone": "0990-111 111", "hours": "ma-vr", "sla_normal_working_days": "3"}
    )
    assert response.status_code == 302
    assert desk.coordination_point.sla_normal_working_days == 3
    # Signals received from now on use the network's own term.
    signal = reported(desk)
    assert signal.due_at == due_at(signal.received_at, False, Terms(8, 3))


def test_a_staff_member_of_the_coordination_point_triages_too(
    client: HttpClient, desk: Network
) -> None:
    helper = make_user("hans@example.org", "Hans Helpt", Role.COORDINATOR)
    CoordinationPoint.objects.create(network=desk).staff.add(
        person_for(helper, Discipline.NETWORK_COORDINATOR)
    )
    log_in(client, helper)
    assert client.get(reverse("detection:queue")).status_code == 200


def test_a_coordinator_who_passes_a_signal_to_themself_can_pick_it_up(
    client: HttpClient, in_triage: Signal, alice: User
) -> None:
    log_in(client, alice)
    client.post(url("route", in_triage), {"person": Person.objects.get(user=alice).pk})
    page = client.get(url("signal", in_triage)).content.decode()
    assert "Ik pak dit op" in page and "Beoordelen" in page
    assert client.post(url("pick-up", in_triage)).status_code == 302
    assert Signal.objects.get(pk=in_triage.pk).status == SignalStatus.PICKED_UP
