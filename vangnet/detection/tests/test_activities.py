"""The registry of early-detection activities: who may change it, and what the pages show."""

from datetime import date, timedelta

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.clients.tests.factories import person_for
from vangnet.conftest import log_in
from vangnet.detection.models import EarlyDetectionActivity
from vangnet.detection.tests.factories import ActivityFactory
from vangnet.directory.models import Area, AreaLevel, Network
from vangnet.directory.tests.factories import AreaFactory, NetworkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(desk: Network) -> dict[str, Area]:
    municipality = AreaFactory.create(
        code="GM0999", name="Testgemeente", level=AreaLevel.MUNICIPALITY
    )
    centre = AreaFactory.create(
        code="WK099901", name="Centrum", level=AreaLevel.DISTRICT, parent=municipality
    )
    east = AreaFactory.create(
        code="WK099902", name="Oost", level=AreaLevel.DISTRICT, parent=municipality
    )
    found = {
        "municipality": municipality,
        "centre": centre,
        "east": east,
        "old_town": AreaFactory.create(
            code="BU09990101", name="Oude Kern", level=AreaLevel.NEIGHBOURHOOD, parent=centre
        ),
        "harbour": AreaFactory.create(
            code="BU09990102", name="Haven", level=AreaLevel.NEIGHBOURHOOD, parent=centre
        ),
        "fields": AreaFactory.create(
            code="BU09990201", name="Velden", level=AreaLevel.NEIGHBOURHOOD, parent=east
        ),
    }
    desk.areas.set([found["old_town"], found["harbour"], found["fields"]])
    return found


def test_a_coordinator_of_the_network_adds_an_activity(
    client: HttpClient, desk: Network, alice: User, areas: dict[str, Area]
) -> None:
    organisation = OrganisationFactory.create(name="Welzijn Test")
    log_in(client, alice)
    target = reverse("detection:activity-new", kwargs={"slug": desk.slug})
    page = client.get(target).content.decode()
    assert "Oost" in page and "Testgemeente" in page  # districts and municipality to choose from
    data = {
        "name": "Huisbezoek 75+",
        "kind": "house_visits",
        "organisation": organisation.pk,
        "age_from": 75,
        "age_to": 70,
        "areas": [areas["centre"].pk],
        "instrument": "gfi",
        "frequency": "yearly",
        "starts_on": "2026-01-01",
        "ends_on": "",
    }
    assert client.post(target, data).status_code == 200  # upper age below the start
    assert client.post(target, {**data, "age_to": ""}).status_code == 302
    activity = EarlyDetectionActivity.objects.get()
    assert activity.network == desk and activity.updated_by == alice
    assert list(activity.areas.all()) == [areas["centre"]]


def test_others_read_the_registry_but_cannot_change_it(
    client: HttpClient, desk: Network, bob: User, charlie: User
) -> None:
    activity = ActivityFactory.create(network=desk)
    person_for(bob)
    log_in(client, bob)
    assert (
        client.get(reverse("detection:activity-list", kwargs={"slug": desk.slug})).status_code
        == 200
    )
    for name, kw in (
        ("detection:activity-new", {}),
        ("detection:activity-edit", {"activity_id": activity.pk}),
        ("detection:activity-delete", {"activity_id": activity.pk}),
    ):
        assert client.get(reverse(name, kwargs={"slug": desk.slug, **kw})).status_code == 404
        assert client.post(reverse(name, kwargs={"slug": desk.slug, **kw}), {}).status_code == 404
    assert EarlyDetectionActivity.objects.filter(pk=activity.pk).exists()


def test_anonymous_visitors_are_sent_to_log_in(client: HttpClient, desk: Network) -> None:
    response = client.get(reverse("detection:activity-list", kwargs={"slug": desk.slug}))
    assert response.status_code == 302


def test_the_registry_shows_the_overlap_and_the_gap(
    client: HttpClient, desk: Network, alice: User, areas: dict[str, Area]
) -> None:
    today = timezone.localdate()
    ActivityFactory.create(
        network=desk,
        name="Vragenlijst Centrum",
        areas=[areas["centre"]],
        age_from=75,
        starts_on=today - timedelta(days=10),
    )
    ActivityFactory.create(
        network=desk,
        name="Huisbezoek Haven",
        areas=[areas["harbour"]],
        age_from=80,
        age_to=90,
        starts_on=today - timedelta(days=10),
    )
    ActivityFactory.create(
        network=desk,
        name="Preventie 65-74",
        areas=[areas["municipality"]],
        age_from=65,
        age_to=74,
        starts_on=today - timedelta(days=10),
    )
    ActivityFactory.create(
        network=desk,
        name="Maatjes Velden",
        areas=[areas["fields"]],
        age_from=75,
        starts_on=today - timedelta(days=10),
    )
    log_in(client, alice)
    page = client.get(
        reverse("detection:activity-list", kwargs={"slug": desk.slug})
    ).content.decode()
    assert "1 overlap" in page and "Vragenlijst Centrum" in page and "Huisbezoek Haven" in page
    assert "0 gaten" in page
    EarlyDetectionActivity.objects.filter(name="Maatjes Velden").update(
        ends_on=today - timedelta(days=1)
    )
    page = client.get(
        reverse("detection:activity-list", kwargs={"slug": desk.slug})
    ).content.decode()
    assert "2 gaten" in page
    assert "Velden: niemand bereikt mensen van" in page


def test_the_area_page_for_a_meeting_shows_only_that_area(
    client: HttpClient, desk: Network, alice: User, areas: dict[str, Area]
) -> None:
    today = timezone.localdate()
    ActivityFactory.create(network=desk, name="Alleen Oost", areas=[areas["east"]], starts_on=today)
    ActivityFactory.create(
        network=desk,
        name="Heel de gemeente",
        areas=[areas["municipality"]],
        age_from=65,
        age_to=74,
        starts_on=today,
    )
    log_in(client, alice)
    target = reverse("detection:area", kwargs={"slug": desk.slug, "area_id": areas["centre"].pk})
    page = client.get(target).content.decode()
    assert "Heel de gemeente" in page and "Alleen Oost" not in page
    assert "Oude Kern" in page and "Haven" in page and "Velden" not in page
    assert "data-print" in page
    elsewhere = AreaFactory.create(code="GM0888", name="Elders", level=AreaLevel.MUNICIPALITY)
    other = reverse("detection:area", kwargs={"slug": desk.slug, "area_id": elsewhere.pk})
    assert client.get(other).status_code == 404


def test_with_one_network_the_index_goes_straight_to_it(client: HttpClient, bob: User) -> None:
    network = NetworkFactory.create()
    person_for(bob)
    log_in(client, bob)
    response = client.get(reverse("detection:activities"))
    assert response["Location"] == reverse("detection:activity-list", kwargs={"slug": network.slug})
    NetworkFactory.create(slug="tweede", name="Tweede netwerk")
    assert client.get(reverse("detection:activities")).status_code == 200


def test_an_activity_can_be_removed_by_its_coordinator(
    client: HttpClient, desk: Network, alice: User
) -> None:
    activity = ActivityFactory.create(network=desk, starts_on=date(2025, 1, 1))
    log_in(client, alice)
    target = reverse(
        "detection:activity-delete", kwargs={"slug": desk.slug, "activity_id": activity.pk}
    )
    assert client.get(target).status_code == 200
    assert client.post(target).status_code == 302
    assert not EarlyDetectionActivity.objects.exists()
