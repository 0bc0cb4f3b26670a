"""Signals from professionals, the older person's signal pages, and "already in view"."""

from datetime import date

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import Role, User
from vangnet.audit.log import Actor
from vangnet.audit.models import AccessLogEntry
from vangnet.clients.models import CareTeamMember, Client, ContactPerson
from vangnet.clients.tests.factories import client_shared_with, person_for
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
from vangnet.detection.inview import already_in_view
from vangnet.detection.models import Signal, SignalStatus, Source
from vangnet.detection.tests.factories import ActivityFactory, SignalFactory
from vangnet.directory.models import AreaLevel, Person
from vangnet.directory.tests.factories import AreaFactory, NetworkFactory, PersonFactory
from vangnet.rights.erasure import client_erase
from vangnet.rights.export import client_export

pytestmark = pytest.mark.django_db


def client_urls(older: Client) -> list[str]:
    kw = {"client_id": older.pk}
    return [
        reverse(name, kwargs=kw)
        for name in (
            "detection:client-signals",
            "detection:client-signal-new",
            "detection:client-in-view",
        )
    ]


def test_every_client_page_writes_a_log_row_for_a_team_member(
    client: HttpClient, bob: User
) -> None:
    older = client_shared_with(bob)
    log_in(client, bob)
    for target in client_urls(older):
        before = AccessLogEntry.objects.filter(client_id=older.pk).count()
        assert client.get(target).status_code == 200, target
        assert AccessLogEntry.objects.filter(client_id=older.pk).count() > before, target


def test_every_client_page_refuses_a_stranger(client: HttpClient, bob: User, charlie: User) -> None:
    older = client_shared_with(bob)
    person_for(charlie)
    log_in(client, charlie)
    for target in client_urls(older):
        response = client.get(target)
        assert response.status_code == 404, target
        assert older.family_name not in response.content.decode()
    assert (
        client.post(
            client_urls(older)[1],
            {"categories": ["falls"], "urgency": "normal", "person_knows": "yes"},
        ).status_code
        == 404
    )
    assert not AccessLogEntry.objects.filter(user_id=charlie.pk).exists()
    assert not Signal.objects.exists()


def test_without_consent_for_signals_the_pages_are_closed(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    Consent.objects.filter(client=older).update(categories=[DataCategory.IDENTITY])
    log_in(client, bob)
    for target in client_urls(older):
        assert client.get(target).status_code == 404, target


def test_a_read_only_account_cannot_record(client: HttpClient) -> None:
    reader = make_user("rita@example.org", "Rita Leest", Role.READ_ONLY)
    older = client_shared_with(reader)
    log_in(client, reader)
    assert client.get(client_urls(older)[0]).status_code == 200
    assert client.get(client_urls(older)[1]).status_code == 404
    assert client.get(reverse("detection:new")).status_code == 404


def test_recording_from_the_client_page_links_without_copying_who_it_is(
    client: HttpClient, bob: User
) -> None:
    older = client_shared_with(bob)
    log_in(client, bob)
    response = client.post(
        client_urls(older)[1],
        {
            "categories": ["eating", "carer"],
            "urgency": "urgent",
            "description": "Vijf kilo afgevallen.",
            "person_knows": "yes",
        },
    )
    signal = Signal.objects.get()
    assert response["Location"] == reverse("detection:signal", kwargs={"signal_id": signal.pk})
    assert signal.client == older and signal.source == Source.PROFESSIONAL
    assert signal.subject_name == "" and signal.subject_street == ""
    assert signal.created_by == bob and signal.reporter_kind == "professional"
    assert signal.network == older.network
    page = client.get(response["Location"]).content.decode()
    assert "Vijf kilo afgevallen." in page
    assert "Al in beeld" in page


def test_quick_entry_for_someone_new_needs_an_age_or_birth_date(
    client: HttpClient, bob: User
) -> None:
    NetworkFactory.create()
    person_for(bob)
    log_in(client, bob)
    data = {
        "subject_name": "Gerrit Postma",
        "subject_street": "Veenweg 2",
        "subject_postcode": "",
        "categories": ["home"],
        "urgency": "normal",
        "description": "",
        "person_knows": "unsure",
    }
    assert client.post(reverse("detection:new"), data).status_code == 200
    assert (
        client.post(reverse("detection:new"), {**data, "subject_age_band": "85_plus"}).status_code
        == 302
    )
    signal = Signal.objects.get()
    assert signal.client is None and signal.subject_name == "Gerrit Postma"
    page = client.get(reverse("detection:signal", kwargs={"signal_id": signal.pk})).content.decode()
    assert "Gerrit Postma" in page
    assert "kijkt of anderen deze oudere al in beeld hebben" in page


def test_quick_entry_says_nothing_about_older_people_the_professional_cannot_see(
    client: HttpClient, bob: User, charlie: User
) -> None:
    """A near-identical registered person must not leak through the result page."""
    older = client_shared_with(bob)
    Client.objects.filter(pk=older.pk).update(
        given_name="Gerrit", family_name="Postma", street="Veenweg 2"
    )
    person_for(charlie)
    log_in(client, charlie)
    client.post(
        reverse("detection:new"),
        {
            "subject_name": "Gerrit Postma",
            "subject_street": "Veenweg 2",
            "subject_age_band": "85_plus",
            "categories": ["home"],
            "urgency": "normal",
            "person_knows": "unsure",
        },
    )
    signal = Signal.objects.get()
    page = client.get(reverse("detection:signal", kwargs={"signal_id": signal.pk})).content.decode()
    assert f"/clients/{older.pk}/" not in page
    assert not AccessLogEntry.objects.filter(client_id=older.pk, user_id=charlie.pk).exists()


def test_quick_entry_points_to_an_older_person_the_professional_already_sees(
    client: HttpClient, bob: User
) -> None:
    older = client_shared_with(bob)
    log_in(client, bob)
    client.post(
        reverse("detection:new"),
        {
            "subject_name": f"{older.given_name} {older.family_name}",
            "subject_street": older.street,
            "subject_postcode": older.postcode,
            "subject_birth_date": older.date_of_birth.isoformat(),
            "categories": ["home"],
            "urgency": "normal",
            "person_knows": "unsure",
        },
    )
    signal = Signal.objects.get()
    page = client.get(reverse("detection:signal", kwargs={"signal_id": signal.pk})).content.decode()
    assert reverse("detection:client-in-view", kwargs={"client_id": older.pk}) in page


def _team_of_three(bob: User) -> tuple[Client, Person, Person]:
    older = client_shared_with(bob)
    nurse = PersonFactory.create(name="Nina Nachtegaal")
    CareTeamMember.objects.create(client=older, person=nurse, role="wijkverpleegkundige")
    ContactPerson.objects.create(client=older, person=nurse)
    coach = PersonFactory.create(name="Karel Coach")
    return older, nurse, coach


def test_already_in_view_lists_organisations_and_roles(bob: User) -> None:
    older, nurse, coach = _team_of_three(bob)
    SignalFactory.create(
        network=older.network,
        client=older,
        status=SignalStatus.ROUTED,
        recipient=coach,
        description="Geheime inhoud van het andere signaal",
    )
    SignalFactory.create(network=older.network, client=older, status=SignalStatus.NEW)
    SignalFactory.create(
        network=older.network, client=older, status=SignalStatus.CLOSED, close_reason="handled"
    )
    bob_person = Person.objects.get(user=bob)
    view = already_in_view(older, viewer=bob_person, names_visible=False)
    organisations = {e.organisation for e in view.others}
    assert nurse.organisation.name in organisations and coach.organisation.name in organisations
    assert all(e.name == "" for e in view.entries)
    assert any(e.is_you for e in view.entries)
    assert len([e for e in view.entries if "signaal" in e.what.lower()]) == 2
    named = already_in_view(older, viewer=bob_person, names_visible=True)
    assert "Nina Nachtegaal" in {e.name for e in named.entries}


def test_the_in_view_page_never_shows_the_content_of_other_signals(
    client: HttpClient, bob: User
) -> None:
    older, _nurse, coach = _team_of_three(bob)
    SignalFactory.create(
        network=older.network,
        client=older,
        status=SignalStatus.ROUTED,
        recipient=coach,
        description="Geheime inhoud van het andere signaal",
        reporter_name="Henk Buurman",
    )
    log_in(client, bob)
    page = client.get(client_urls(older)[2]).content.decode()
    assert coach.organisation.name in page
    assert "Geheime inhoud" not in page and "Henk Buurman" not in page


def test_names_of_colleagues_show_only_within_consent(client: HttpClient, bob: User) -> None:
    older, nurse, _coach = _team_of_three(bob)
    log_in(client, bob)
    assert "Nina Nachtegaal" in client.get(client_urls(older)[2]).content.decode()
    # Signals shared for early detection, but the care team's names are not.
    Consent.objects.filter(client=older).update(
        categories=[DataCategory.SIGNALS], purposes=[Purpose.EARLY_DETECTION]
    )
    page = client.get(client_urls(older)[2]).content.decode()
    assert "Nina Nachtegaal" not in page
    assert nurse.organisation.name in page


def test_in_view_shows_the_activities_that_reach_the_person(bob: User) -> None:
    municipality = AreaFactory.create(code="GM0999", level=AreaLevel.MUNICIPALITY)
    district = AreaFactory.create(code="WK099901", level=AreaLevel.DISTRICT, parent=municipality)
    home = AreaFactory.create(code="BU09990101", level=AreaLevel.NEIGHBOURHOOD, parent=district)
    older = client_shared_with(bob)
    Client.objects.filter(pk=older.pk).update(neighbourhood=home, date_of_birth=date(1940, 1, 1))
    older.refresh_from_db()
    reaching = ActivityFactory.create(network=older.network, areas=[district], age_from=75)
    ActivityFactory.create(network=older.network, areas=[district], age_from=65, age_to=74)
    ActivityFactory.create(
        network=older.network, areas=[municipality], age_from=75, ends_on=date(2025, 6, 1)
    )
    view = already_in_view(older, viewer=None, names_visible=False, today=date(2026, 6, 1))
    assert view.activities == [reaching]


def test_the_client_signals_page_shows_the_worry_but_not_the_reporter(
    client: HttpClient, bob: User
) -> None:
    older = client_shared_with(bob)
    SignalFactory.create(
        network=older.network, client=older, description="Valt vaak.", reporter_name="Henk Buurman"
    )
    log_in(client, bob)
    page = client.get(client_urls(older)[0]).content.decode()
    assert "Valt vaak." in page and "Henk Buurman" not in page


def test_the_export_includes_signals_without_the_reporter(bob: User) -> None:
    older = client_shared_with(bob)
    SignalFactory.create(
        network=older.network, client=older, description="Valt vaak.", reporter_name="Henk Buurman"
    )
    exported = client_export(older)["signals"]
    assert exported[0]["description"] == "Valt vaak."
    assert "Henk Buurman" not in str(exported)


def test_erasing_the_older_person_removes_their_signals(alice: User, bob: User) -> None:
    older = client_shared_with(bob)
    SignalFactory.create(network=older.network, client=older)
    unlinked = SignalFactory.create(network=older.network)
    person_for(alice)
    client_erase(actor=Actor(alice), client=older, reason="Verzoek van de oudere")
    assert list(Signal.objects.all()) == [unlinked]


def test_overview_lists_my_signals_without_names(client: HttpClient, bob: User) -> None:
    bob_person = person_for(bob)
    signal = SignalFactory.create(
        status=SignalStatus.ROUTED, recipient=bob_person, subject_name="Truus Geheim"
    )
    log_in(client, bob)
    page = client.get(reverse("detection:overview")).content.decode()
    assert reverse("detection:signal", kwargs={"signal_id": signal.pk}) in page
    assert "Truus Geheim" not in page


def test_an_organisation_consent_lets_a_recipient_see_the_name(
    client: HttpClient, bob: User, alice: User
) -> None:
    older = client_shared_with(bob)
    gp = make_user("gijs@example.org", "Gijs Huisarts", Role.PROFESSIONAL)
    gp_person = person_for(gp)
    Consent.objects.create(
        client=older,
        categories=[DataCategory.IDENTITY, DataCategory.SIGNALS],
        purposes=[Purpose.EARLY_DETECTION],
        scope=RecipientScope.ORGANISATION,
        recipient_organisation=gp_person.organisation,
        given_by=GivenBy.CLIENT,
        method=ConsentMethod.WRITTEN,
    )
    signal = SignalFactory.create(
        network=older.network, client=older, status=SignalStatus.IN_TRIAGE
    )
    person_for(alice)
    actions.signal_route(actor=Actor(alice), signal=signal, recipient=gp_person)
    log_in(client, gp)
    page = client.get(reverse("detection:signal", kwargs={"signal_id": signal.pk})).content.decode()
    assert older.full_name in page
    # The GP is not in the care team: the open signal is the relationship.
    assert not CareTeamMember.objects.filter(client=older, person=gp_person).exists()
