"""The public worry form and status page: anyone may report, robots and floods are stopped,
and a reference code tells a stranger nothing."""

import re
from itertools import pairwise
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.test import override_settings
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.clients.tests.factories import person_for
from vangnet.conftest import log_in
from vangnet.detection import actions
from vangnet.detection.models import (
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    Signal,
    SignalStatus,
    SignalStep,
    Source,
    Throttle,
)
from vangnet.detection.views.public import SENT_SESSION_KEY
from vangnet.directory.models import Network
from vangnet.directory.tests.factories import NetworkFactory, PersonFactory

pytestmark = pytest.mark.django_db

REPORT = reverse("detection:report")
STATUS = reverse("detection:status")


def worry(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "subject_name": "Meneer Tjalsma",
        "subject_street": "Pieterskerkhof 3",
        "subject_postcode": "9999ab",
        "subject_town": "Testdorp",
        "subject_age_band": "85_plus",
        "categories": ["falls", "eating"],
        "description": "Hij is twee keer gevallen en eet slecht.",
        "person_knows": "no",
        "urgency": "normal",
        "reporter_kind": "courier",
        "reporter_name": "Sanne Bezorger",
        "reporter_contact": "0644455566",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def network() -> Network:
    return NetworkFactory.create()


def _code_on_sent_page(http: HttpClient) -> str:
    html = http.get(reverse("detection:report-sent")).content.decode()
    match = re.search(r'<span aria-hidden="true">([A-Z0-9]{5}-[A-Z0-9]{5})</span>', html)
    assert match, "no code on the page"
    return match.group(1)


def test_anyone_can_report_a_worry_and_gets_a_code(client: HttpClient, network: Network) -> None:
    response = client.post(REPORT, worry())
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.source == Source.PUBLIC
    assert signal.status == SignalStatus.NEW
    assert signal.network == network
    assert signal.subject_postcode == "9999 AB"
    assert signal.categories == ["falls", "eating"]
    assert signal.created_by is None
    assert _code_on_sent_page(client) == signal.display_reference
    assert SignalStep.objects.filter(signal=signal, status=SignalStatus.NEW).exists()
    row = AccessLogEntry.objects.get()
    assert row.event == AuditEvent.CREATE
    assert f"signal:{signal.pk}" in row.objects_involved


def test_the_code_is_random_readable_and_not_sequential(network: Network) -> None:
    codes = [actions.signal_report(network=network, data=worry_data()).reference for _ in range(30)]
    assert len(set(codes)) == 30
    for code in codes:
        assert len(code) == REFERENCE_LENGTH
        assert set(code) <= set(REFERENCE_ALPHABET)
        assert not set(code) & set("01OIL")
    # Consecutive codes share almost no positions: nothing counts up.
    differing = [sum(a != b for a, b in zip(x, y, strict=True)) for x, y in pairwise(codes)]
    assert sum(differing) / len(differing) > 7


def worry_data() -> dict[str, Any]:
    """The form's data as the action receives it, without the honeypot."""
    data = worry()
    data.pop("website")
    data["subject_postcode"] = "9999 AB"
    return data


def test_it_needs_a_worry_in_words_or_a_quick_choice(client: HttpClient, network: Network) -> None:
    response = client.post(REPORT, worry(categories=[], description="   "))
    assert response.status_code == 200
    assert not Signal.objects.exists()
    # What was typed stays in the form.
    assert "Pieterskerkhof 3" in response.content.decode()


def test_a_filled_honeypot_looks_like_success_but_makes_no_signal(
    client: HttpClient, network: Network
) -> None:
    response = client.post(REPORT, worry(website="http://spam.example"))
    assert response.status_code == 302
    assert not Signal.objects.exists()
    assert not AccessLogEntry.objects.exists()
    code = _code_on_sent_page(client)
    # The made-up code leads nowhere.
    result = client.post(STATUS, {"code": code}).content.decode()
    assert "Niet gevonden" in result


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(
    client: HttpClient, network: Network
) -> None:
    html = client.get(REPORT).content.decode()
    block = re.search(r'<div class="hp-field" aria-hidden="true">(.*?)</div>', html, re.S)
    assert block, "the honeypot wrapper is missing"
    assert 'tabindex="-1"' in block.group(1)
    assert 'name="website"' in block.group(1)
    assert "Laat dit veld leeg" in block.group(1)


def test_reports_are_rate_limited_per_address(client: HttpClient, network: Network) -> None:
    for _ in range(5):
        assert client.post(REPORT, worry(), REMOTE_ADDR="203.0.113.7").status_code == 302
    refused = client.post(REPORT, worry(), REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert Signal.objects.count() == 5
    # Another address is not affected.
    assert client.post(REPORT, worry(), REMOTE_ADDR="198.51.100.9").status_code == 302
    assert Signal.objects.count() == 6


@override_settings(VANGNET_SIGNAL_REPORTS_PER_HOUR=2)
def test_the_report_limit_is_configurable_and_counts_robots_too(
    client: HttpClient, network: Network
) -> None:
    client.post(REPORT, worry(website="x"), REMOTE_ADDR="203.0.113.8")
    client.post(REPORT, worry(), REMOTE_ADDR="203.0.113.8")
    assert client.post(REPORT, worry(), REMOTE_ADDR="203.0.113.8").status_code == 429
    assert Signal.objects.count() == 1


def test_addresses_are_stored_only_as_a_hash(client: HttpClient, network: Network) -> None:
    client.post(REPORT, worry(), REMOTE_ADDR="203.0.113.77")
    row = Throttle.objects.get()
    assert "203.0.113.77" not in row.key
    assert len(row.key) == 64


def test_every_field_has_a_size_limit(client: HttpClient, network: Network) -> None:
    too_long = {
        "subject_name": "x" * 151,
        "subject_street": "x" * 201,
        "subject_town": "x" * 101,
        "description": "x" * 2001,
        "reporter_name": "x" * 151,
        "reporter_contact": "x" * 151,
    }
    for name, value in too_long.items():
        response = client.post(REPORT, worry(**{name: value}))
        assert response.status_code == 200, name
    assert client.post(REPORT, worry(categories=["not-a-choice"])).status_code == 200
    assert not Signal.objects.exists()


@override_settings(VANGNET_SIGNAL_MAX_REQUEST_BYTES=5000)
def test_a_request_that_is_too_large_is_refused_whole(client: HttpClient, network: Network) -> None:
    response = client.post(REPORT, worry(description="x" * 1900, reporter_name="y" * 4000))
    assert response.status_code == 413
    assert not Signal.objects.exists()
    assert client.post(STATUS, {"code": "A" * 6000}).status_code == 413


def test_with_several_networks_the_reporter_chooses_one(client: HttpClient) -> None:
    NetworkFactory.create(slug="noord", name="Netwerk Noord")
    zuid = NetworkFactory.create(slug="zuid", name="Netwerk Zuid")
    assert client.post(REPORT, worry()).status_code == 200
    assert client.post(REPORT, worry(network=zuid.pk)).status_code == 302
    assert Signal.objects.get().network == zuid


def test_the_status_page_says_received_then_picked_up(
    client: HttpClient, network: Network, alice: User
) -> None:
    signal = actions.signal_report(network=network, data=worry_data())
    page = client.post(STATUS, {"code": signal.display_reference.lower()}).content.decode()
    assert "Ontvangen" in page and "Opgepakt" not in page
    Signal.objects.filter(pk=signal.pk).update(status=SignalStatus.IN_TRIAGE)
    assert "Ontvangen" in client.post(STATUS, {"code": signal.reference}).content.decode()
    for status in (SignalStatus.ROUTED, SignalStatus.PICKED_UP, SignalStatus.CLOSED):
        Signal.objects.filter(pk=signal.pk).update(status=status, close_reason="handled")
        page = client.post(STATUS, {"code": f" {signal.display_reference} "}).content.decode()
        assert "Opgepakt" in page, status


def test_a_stranger_learns_nothing_from_a_code(
    client: HttpClient, network: Network, alice: User
) -> None:
    signal = actions.signal_report(network=network, data=worry_data())
    nurse = PersonFactory.create(name="Wendelien Wijkzuster")
    person_for(alice)
    nurse.user = User.objects.create_user(email="w@example.org", full_name="Wendelien Wijkzuster")
    nurse.save()
    Signal.objects.filter(pk=signal.pk).update(status=SignalStatus.ROUTED, recipient=nurse)
    page = client.post(STATUS, {"code": signal.reference}).content.decode()
    for secret in (
        "Tjalsma",
        "Pieterskerkhof",
        "9999",
        "gevallen",
        "Vallen",
        "Sanne",
        "0644455566",
        "Wendelien",
        nurse.organisation.name,
        signal.network.name,
    ):
        assert secret not in page, secret
    assert signal.reference not in page and signal.display_reference not in page


def test_a_wrong_code_and_an_unknown_code_get_the_same_answer(
    client: HttpClient, network: Network
) -> None:
    actions.signal_report(network=network, data=worry_data())

    def answer(code: str) -> str:
        html = client.post(STATUS, {"code": code}).content.decode()
        found = re.search(r'<div class="status-result" role="status">(.*?)</div>', html, re.S)
        assert found
        return found.group(1)

    unknown = answer("ZZZZZ-ZZZZZ")
    assert "Niet gevonden" in unknown
    assert answer("!!") == unknown
    assert answer("0O1IL0O1IL") == unknown
    assert answer("x" * 20) == unknown


def test_the_status_page_is_rate_limited(client: HttpClient, network: Network) -> None:
    for _ in range(20):
        assert client.post(STATUS, {"code": "ABCDE-FGHJK"}).status_code == 200
    assert client.post(STATUS, {"code": "ABCDE-FGHJK"}).status_code == 429


def test_the_public_pages_need_no_login_and_write_no_log(client: HttpClient) -> None:
    NetworkFactory.create()
    for name in ("detection:report", "detection:report-sent", "detection:status"):
        assert client.get(reverse(name)).status_code == 200, name
    assert not AccessLogEntry.objects.exists()


def test_a_half_logged_in_person_sees_the_form_as_anyone(client: HttpClient, bob: User) -> None:
    NetworkFactory.create()
    client.force_login(bob)  # password only, no second step
    assert client.get(REPORT).status_code == 200
    assert client.post(REPORT, worry()).status_code == 302
    assert Signal.objects.get().created_by is None


def test_the_form_says_what_happens_with_the_data(client: HttpClient, network: Network) -> None:
    html = client.get(REPORT).content.decode()
    for words in ("Wie leest het?", "Hoe lang", "de oudere", "112"):
        assert words in html, words


def test_the_code_is_not_in_any_address_bar(client: HttpClient, network: Network) -> None:
    response = client.post(REPORT, worry())
    assert response["Location"] == reverse("detection:report-sent")
    assert client.session[SENT_SESSION_KEY] == Signal.objects.get().reference


def test_a_logged_in_professional_reporting_publicly_is_not_recorded_as_author(
    client: HttpClient, bob: User, network: Network
) -> None:
    log_in(client, bob)
    client.post(REPORT, worry())
    assert Signal.objects.get().source == Source.PUBLIC
