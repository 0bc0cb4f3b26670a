"""Emergency access: exactly one older person or nobody, a few attempts a day, every one logged."""

import re
import threading
from datetime import date

import pytest
from django.db import connection, connections
from django.test import Client as HttpClient
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from vangnet.accounts.models import Role, User
from vangnet.audit.log import Actor
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.clients.access import break_the_glass
from vangnet.clients.emergency import EmergencyIdentity, parse_house_number
from vangnet.clients.models import (
    BreakGlassDay,
    BreakGlassGrant,
    Client,
    EmergencyAccessPolicy,
    IdentifyBy,
)
from vangnet.clients.tests.factories import (
    ClientFactory,
    a_bsn,
    consent_for_care_team,
    coordinating,
    identity_of,
    in_care_team,
    in_network,
)
from vangnet.conftest import log_in, make_user
from vangnet.directory.models import Discipline, Network
from vangnet.directory.tests.factories import NetworkFactory
from vangnet.notifications.models import Notification

pytestmark = pytest.mark.django_db

REFUSAL = "Geen noodtoegang."
URL = "/clients/emergency/"


@pytest.fixture
def network(alice: User) -> Network:
    """A network coordinated by Alice."""
    network: Network = NetworkFactory.create()
    coordinating(alice, network)
    return network


@pytest.fixture
def older(network: Network, bob: User) -> Client:
    """Someone in Bob's care, with a BSN, whom Charlie has never seen."""
    client: Client = ClientFactory.create(
        network=network,
        bsn=a_bsn(7),
        family_name="van der Meer",
        date_of_birth=date(1938, 5, 2),
        street="Kerkstraat 12a",
        postcode="9999 AB",
    )
    in_care_team(client, bob)
    consent_for_care_team(client)
    return client


def _form(client: Client, **changes: str) -> dict[str, str]:
    data = {
        "bsn": client.bsn,
        "date_of_birth": client.date_of_birth.isoformat(),
        "reason": "Valt thuis, buurvrouw belt, huisarts niet bereikbaar",
    }
    return {**data, **changes}


def _error_summary(html: str) -> str:
    found = re.search(r'<div class="error-summary".*?</div>', html, re.DOTALL)
    assert found is not None, "no error summary on the page"
    return found.group(0)


def _attempt_rows(user: User) -> list[AccessLogEntry]:
    return list(
        AccessLogEntry.objects.filter(user_id=user.pk, purpose="break_glass").order_by("pk")
    )


def test_it_opens_one_older_person_by_bsn_and_date_of_birth_and_tells_the_coordinator(
    client: HttpClient, alice: User, charlie: User, network: Network, older: Client
) -> None:
    in_network(charlie, network)
    log_in(client, charlie)
    response = client.post(URL, _form(older))
    assert response["Location"] == f"/clients/{older.pk}/"
    assert client.get(response["Location"]).status_code == 200
    [row] = _attempt_rows(charlie)
    assert (row.event, row.client_id, row.break_glass) == (AuditEvent.SEARCH, older.pk, True)
    assert "emergency-access:granted" in row.objects_involved
    assert row.reason.startswith("Valt thuis")
    [message] = Notification.objects.filter(recipient=alice)
    assert message.url == reverse("audit:review")
    for secret in ("van der Meer", older.bsn, older.given_name, "Kerkstraat"):
        assert secret not in message.subject + message.body
    assert BreakGlassGrant.objects.filter(client=older, user=charlie).count() == 1


def test_twenty_wrong_guesses_then_the_right_one_open_nothing_and_all_are_logged(
    client: HttpClient, alice: User, charlie: User, network: Network, older: Client
) -> None:
    in_network(charlie, network)
    log_in(client, charlie)
    for day in range(1, 21):
        guess = _form(older, date_of_birth=f"1938-05-{day + 2:02d}")
        assert REFUSAL in client.post(URL, guess).content.decode()
    right = client.post(URL, _form(older))
    assert right.status_code == 200
    assert REFUSAL in right.content.decode()
    assert client.get(f"/clients/{older.pk}/").status_code == 404
    assert not BreakGlassGrant.objects.exists()
    rows = _attempt_rows(charlie)
    assert len(rows) == 21
    assert all(r.event == AuditEvent.SEARCH and r.break_glass for r in rows)
    assert all(r.client_id is None for r in rows)
    outcomes = [r.objects_involved for r in rows]
    assert all("emergency-access:refused" in o for o in outcomes[:5])
    assert all(o == ["emergency-access:limit"] for o in outcomes[5:])
    assert BreakGlassDay.objects.get(user=charlie).attempts == 21
    subjects = list(
        Notification.objects.filter(recipient=alice)
        .order_by("pk")
        .values_list("subject", flat=True)
    )
    assert subjects == [
        "Noodtoegang: herhaald geweigerd",
        "Noodtoegang: daglimiet bereikt",
    ]


def test_a_role_the_network_switched_off_gets_the_same_answer_as_no_match(
    client: HttpClient, charlie: User, network: Network, older: Client
) -> None:
    EmergencyAccessPolicy.objects.create(network=network, disciplines=[Discipline.GP])
    in_network(charlie, network, Discipline.DISTRICT_NURSE)
    dana = make_user("dana@example.org", "Dana Smit", Role.PROFESSIONAL)
    in_network(dana, network, Discipline.GP)
    log_in(client, dana)
    no_match = client.post(URL, _form(older, bsn=a_bsn(8)))
    log_in(client, charlie)
    switched_off = client.post(URL, _form(older))
    assert switched_off.status_code == no_match.status_code == 200
    assert _error_summary(switched_off.content.decode()) == _error_summary(
        no_match.content.decode()
    )
    [row] = _attempt_rows(charlie)
    assert row.client_id is None
    assert "emergency-access:not-allowed" in row.objects_involved
    assert not BreakGlassGrant.objects.exists()


def test_the_limit_answer_is_the_same_as_no_match(
    client: HttpClient, charlie: User, network: Network, older: Client
) -> None:
    in_network(charlie, network)
    log_in(client, charlie)
    no_match = client.post(URL, _form(older, bsn=a_bsn(8)))
    BreakGlassDay.objects.filter(user=charlie).update(attempts=5)
    limited = client.post(URL, _form(older))
    assert _error_summary(limited.content.decode()) == _error_summary(no_match.content.decode())
    assert "Pogingen over vandaag: 0 van 5." in limited.content.decode()
    assert not BreakGlassGrant.objects.exists()


def test_a_professional_outside_the_network_is_refused(
    client: HttpClient, charlie: User, older: Client
) -> None:
    in_network(charlie, NetworkFactory.create(name="Ander netwerk", slug="ander"))
    log_in(client, charlie)
    assert REFUSAL in client.post(URL, _form(older)).content.decode()
    assert "emergency-access:no-match" in _attempt_rows(charlie)[0].objects_involved
    assert not BreakGlassGrant.objects.exists()


def test_a_read_only_account_is_refused(
    client: HttpClient, network: Network, older: Client
) -> None:
    reader = make_user("erik@example.org", "Erik Mulder", Role.READ_ONLY)
    in_network(reader, network, Discipline.GP)
    log_in(client, reader)
    assert REFUSAL in client.post(URL, _form(older)).content.decode()
    assert not BreakGlassGrant.objects.exists()


@override_settings(VANGNET_BREAK_GLASS_ATTEMPTS_PER_DAY=10)
def test_the_exact_match_mode_needs_surname_birth_date_postcode_and_house_number(
    client: HttpClient, charlie: User, network: Network, older: Client
) -> None:
    EmergencyAccessPolicy.objects.create(network=network, identify_by=IdentifyBy.ADDRESS)
    in_network(charlie, network)
    log_in(client, charlie)
    page = client.get(URL).content.decode()
    assert 'name="house_number"' in page and 'name="bsn"' not in page
    exact = {
        "family_name": "Van der Meer",
        "date_of_birth": "1938-05-02",
        "postcode": "9999ab",
        "house_number": "12 A",
        "reason": "Gevallen",
    }
    for wrong in (
        {"house_number": "12"},
        {"house_number": "13a"},
        {"postcode": "9999 AC"},
        {"family_name": "Meer"},
        {"family_name": "van der Meer-Jansen"},
        {"date_of_birth": "1938-05-03"},
    ):
        assert REFUSAL in client.post(URL, {**exact, **wrong}).content.decode(), wrong
    response = client.post(URL, exact)
    assert response["Location"] == f"/clients/{older.pk}/"


def test_two_matches_open_nothing(
    client: HttpClient, charlie: User, network: Network, older: Client
) -> None:
    ClientFactory.create(network=network, bsn=older.bsn, date_of_birth=older.date_of_birth)
    in_network(charlie, network)
    log_in(client, charlie)
    assert REFUSAL in client.post(URL, _form(older)).content.decode()


def test_with_networks_of_both_kinds_either_set_of_details_will_do(
    client: HttpClient, charlie: User, network: Network, older: Client
) -> None:
    other = NetworkFactory.create(name="Netwerk Oost", slug="oost")
    EmergencyAccessPolicy.objects.create(network=other, identify_by=IdentifyBy.ADDRESS)
    neighbour = ClientFactory.create(
        network=other, street="Dijk 3", postcode="9998 ZZ", date_of_birth=date(1941, 1, 9)
    )
    in_network(charlie, network)
    in_network(charlie, other)
    log_in(client, charlie)
    incomplete = client.post(URL, {"date_of_birth": "1941-01-09", "reason": "Gevallen"})
    assert "Vul het BSN in, of de achternaam, postcode en het huisnummer." in (
        incomplete.content.decode()
    )
    by_address = {
        "family_name": neighbour.family_name,
        "date_of_birth": "1941-01-09",
        "postcode": "9998 ZZ",
        "house_number": "3",
        "reason": "Gevallen",
    }
    assert client.post(URL, by_address)["Location"] == f"/clients/{neighbour.pk}/"
    assert client.post(URL, _form(older))["Location"] == f"/clients/{older.pk}/"
    # The BSN mode does not reach the address network, nor the other way round.
    assert REFUSAL in client.post(URL, {**by_address, "postcode": "9999 AB"}).content.decode()


def test_the_bsn_is_checked_with_the_eleven_test_in_dutch_and_kept(
    client: HttpClient, charlie: User, network: Network, older: Client
) -> None:
    in_network(charlie, network)
    log_in(client, charlie)
    page = client.post(URL, _form(older, bsn="123456789")).content.decode()
    assert "Dit is geen geldig BSN: het moet negen cijfers hebben die door de elfproef" in page
    assert 'value="123456789"' in page
    assert "Valt thuis, buurvrouw belt" in page
    assert not _attempt_rows(charlie)
    assert not BreakGlassDay.objects.exists()
    dotted = client.post(URL, _form(older, bsn=f"{older.bsn[:4]}.{older.bsn[4:6]}.{older.bsn[6:]}"))
    assert dotted["Location"] == f"/clients/{older.pk}/"


ODD_VALUES = [
    "\x00",
    "12\x003",
    "²²²²²²²²²",
    "١٢٣٤٥٦٧٨٢",
    "9" * 40,
    "x" * 100_000,
    "1938-05-02\x00",
]


ODD_TEXT = ["\x00", "12\x003", "x" * 100_000]


@pytest.mark.parametrize(
    ("mode", "field", "value"),
    [
        *(
            (IdentifyBy.BSN, field, value)
            for field in ("bsn", "date_of_birth")
            for value in ODD_VALUES
        ),
        *(
            (IdentifyBy.ADDRESS, field, value)
            for field in ("postcode", "house_number")
            for value in ODD_VALUES
        ),
        *((IdentifyBy.BSN, "reason", value) for value in ODD_TEXT),
        *((IdentifyBy.ADDRESS, "family_name", value) for value in ODD_TEXT),
    ],
)
def test_odd_input_gives_a_form_error_never_a_500(
    client: HttpClient,
    charlie: User,
    network: Network,
    older: Client,
    mode: str,
    field: str,
    value: str,
) -> None:
    EmergencyAccessPolicy.objects.create(network=network, identify_by=mode)
    in_network(charlie, network)
    log_in(client, charlie)
    data = (
        _form(older)
        if mode == IdentifyBy.BSN
        else {
            "family_name": older.family_name,
            "date_of_birth": "1938-05-02",
            "postcode": "9999 AB",
            "house_number": "12a",
            "reason": "Gevallen",
        }
    )
    response = client.post(URL, {**data, field: value})
    if "\x00" in value:
        assert response.status_code == 400  # refused at the edge, before any view runs
    else:
        assert response.status_code == 200
        assert 'class="error-summary"' in response.content.decode()
    assert not BreakGlassGrant.objects.exists()


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [("12", ("12", "")), ("12a", ("12", "A")), ("12 A", ("12", "A")), ("12-2", ("12", "2"))],
)
def test_house_numbers_are_read_with_their_addition(typed: str, parsed: tuple[str, str]) -> None:
    assert parse_house_number(typed) == parsed


@pytest.mark.parametrize("typed", ["", "0", "a12", "12²", "١٢", "123456", "12 abcde"])
def test_anything_else_is_not_a_house_number(typed: str) -> None:
    assert parse_house_number(typed) is None


def test_the_coordinator_hears_of_a_third_refusal_once(
    alice: User, charlie: User, network: Network, older: Client
) -> None:
    in_network(charlie, network)
    wrong = EmergencyIdentity(date_of_birth=date(1950, 1, 1), bsn=older.bsn)
    for expected in (0, 0, 1, 1, 1):
        break_the_glass(actor=Actor(charlie), identity=wrong, reason="nood")
        assert Notification.objects.filter(recipient=alice).count() == expected


def test_without_a_coordinator_in_the_network_every_coordinator_hears_of_a_use(
    bob: User, charlie: User
) -> None:
    network = NetworkFactory.create()
    other = make_user("fleur@example.org", "Fleur Kok", Role.COORDINATOR)
    client = ClientFactory.create(network=network, bsn=a_bsn(9))
    in_network(charlie, network)
    break_the_glass(actor=Actor(charlie), identity=identity_of(client), reason="nood")
    assert Notification.objects.filter(recipient=other).count() == 1
    assert not Notification.objects.filter(recipient__in=[bob, charlie]).exists()


def test_a_failed_attempt_is_counted_and_logged_together(
    charlie: User, network: Network, older: Client
) -> None:
    in_network(charlie, network)
    wrong = EmergencyIdentity(date_of_birth=date(1950, 1, 1), bsn=older.bsn)
    result = break_the_glass(actor=Actor(charlie), identity=wrong, reason="nood")
    assert (result.client, result.attempts_left) == (None, 4)
    day = BreakGlassDay.objects.get(user=charlie)
    assert (day.day, day.attempts, day.failures) == (timezone.localdate(), 1, 1)
    assert len(_attempt_rows(charlie)) == 1


@override_settings(VANGNET_BREAK_GLASS_ATTEMPTS_PER_DAY=2)
def test_the_limit_comes_from_the_settings(charlie: User, network: Network, older: Client) -> None:
    in_network(charlie, network)
    wrong = EmergencyIdentity(date_of_birth=date(1950, 1, 1), bsn=older.bsn)
    for _ in range(2):
        break_the_glass(actor=Actor(charlie), identity=wrong, reason="nood")
    result = break_the_glass(actor=Actor(charlie), identity=identity_of(older), reason="nood")
    assert result.client is None
    assert _attempt_rows(charlie)[-1].objects_involved == ["emergency-access:limit"]


def test_a_new_day_brings_new_attempts(charlie: User, network: Network, older: Client) -> None:
    in_network(charlie, network)
    BreakGlassDay.objects.create(user=charlie, day=date(2020, 1, 1), attempts=50, failures=50)
    result = break_the_glass(actor=Actor(charlie), identity=identity_of(older), reason="nood")
    assert result.client == older


# --- The coordinator's rule ------------------------------------------------------------------


def test_the_coordinator_changes_who_may_use_emergency_access(
    client: HttpClient, alice: User, network: Network
) -> None:
    log_in(client, alice)
    page = client.get("/clients/emergency/rules/").content.decode()
    assert network.name in page
    assert "Huisarts" in page and "Vrijwilliger" not in page
    url = f"/clients/emergency/rules/{network.slug}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"disciplines": [Discipline.GP, Discipline.DISTRICT_NURSE], "identify_by": "address"}
    )
    assert response["Location"] == "/clients/emergency/rules/"
    policy = EmergencyAccessPolicy.objects.get(network=network)
    assert sorted(policy.disciplines) == sorted([Discipline.GP, Discipline.DISTRICT_NURSE])
    assert (policy.identify_by, policy.updated_by) == (IdentifyBy.ADDRESS, alice)


def test_an_unknown_role_or_mode_is_a_form_error(
    client: HttpClient, alice: User, network: Network
) -> None:
    log_in(client, alice)
    url = f"/clients/emergency/rules/{network.slug}/"
    response = client.post(url, {"disciplines": ["piraat"], "identify_by": "²"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert not EmergencyAccessPolicy.objects.exists()


def test_only_the_networks_coordinator_may_change_its_rule(
    client: HttpClient, bob: User, charlie: User, network: Network
) -> None:
    other = make_user("gijs@example.org", "Gijs Bos", Role.COORDINATOR)
    for user in (bob, charlie, other):
        log_in(client, user)
        assert client.get(f"/clients/emergency/rules/{network.slug}/").status_code == 404
        assert (
            client.post(
                f"/clients/emergency/rules/{network.slug}/", {"identify_by": "address"}
            ).status_code
            == 404
        )
    log_in(client, bob)
    assert client.get("/clients/emergency/rules/").status_code == 404
    assert not EmergencyAccessPolicy.objects.exists()


def test_the_default_rule_lets_in_the_acute_roles_only(network: Network) -> None:
    policy = EmergencyAccessPolicy.for_network(network)
    assert policy.pk is None and policy.identify_by == IdentifyBy.BSN
    for role in (Discipline.GP, Discipline.POH_ELDERLY, Discipline.DISTRICT_NURSE):
        assert policy.allows(role)
    for role in (Discipline.VOLUNTEER, Discipline.KEY_FIGURE, Discipline.SOCIAL_WORKER):
        assert not policy.allows(role)


def test_the_page_speaks_dutch_by_default(
    client: HttpClient, charlie: User, network: Network
) -> None:
    in_network(charlie, network)
    log_in(client, charlie)
    with override("nl"):
        page = client.get(URL).content.decode()
    assert "Pogingen over vandaag: 5 van 5." in page


# --- Concurrency -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_attempts_do_not_slip_past_the_limit_on_postgresql(
    alice: User, bob: User, charlie: User
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite writes one transaction at a time")
    network = NetworkFactory.create()
    coordinating(alice, network)
    older = ClientFactory.create(network=network, bsn=a_bsn(11))
    in_network(charlie, network)
    tries = 12
    start = threading.Barrier(tries)
    results: list[bool] = []
    errors: list[BaseException] = []

    def attempt() -> None:
        try:
            start.wait(timeout=30)
            result = break_the_glass(
                actor=Actor(charlie), identity=identity_of(older), reason="tegelijk"
            )
            results.append(result.client is not None)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(tries)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [False] * (tries - 5) + [True] * 5
    assert BreakGlassDay.objects.get(user=charlie).attempts == tries
    assert BreakGlassGrant.objects.filter(user=charlie).count() == 5
    rows = _attempt_rows(charlie)
    assert len(rows) == tries
    assert sum(r.objects_involved == ["emergency-access:limit"] for r in rows) == tries - 5
