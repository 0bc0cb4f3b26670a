"""Walk every URL pattern of the project: strangers get no personal data from any of them.

An anonymous visitor and an outsider professional (an account on the social map
with no care relationship) request every page. None of the older person's
details may appear. Pages that are public by design are listed explicitly and
must still show nothing personal. Every page about a client (a ``client_id`` in
the URL) must write to the access log when a care-team member opens it.
"""

import pytest
from django.test import Client as HttpClient

from vangnet.accounts.models import User
from vangnet.audit.models import AccessLogEntry
from vangnet.clients.models import CareTeamMember, Client, InformalCarer
from vangnet.clients.tests.factories import client_shared_with, in_care_team, person_for
from vangnet.conftest import log_in
from vangnet.consent.models import Consent
from vangnet.core.tests.urlwalk import patterns, route_of

pytestmark = pytest.mark.django_db

# Pages anyone may open; they must still carry no personal data.
PUBLIC_PAGES = {
    "workplace:home",
    "core:healthz",
    "core:favicon",
    "set_language",
    "accounts:login",
    "detection:report",
    "detection:report-sent",
    "detection:status",
    "guide:index",
}

SECRETS = ("Wilhelmina", "Zwaluwstaart", "Reigerlaan 77", "0699887766", "111222333", "Gerarda")


@pytest.fixture
def world(bob: User, charlie: User) -> dict[str, str]:
    older = client_shared_with(bob)
    Client.objects.filter(pk=older.pk).update(
        given_name="Wilhelmina",
        family_name="Zwaluwstaart",
        street="Reigerlaan 77",
        phone="0699887766",
        bsn="111222333",
    )
    carer = InformalCarer.objects.create(client=older, name="Gerarda Zwaluwstaart", relation="zus")
    person_for(charlie)
    return {
        "client_id": str(older.pk),
        "carer_id": str(carer.pk),
        "consent_id": str(Consent.objects.get(client=older).pk),
        "member_id": str(CareTeamMember.objects.get(client=older).pk),
        "slug": "test",
    }


def _assert_nothing_personal(http: HttpClient, name: str, path: str) -> None:
    response = http.get(path)
    body = response.content.decode(errors="replace") if not response.streaming else ""
    for secret in SECRETS:
        assert secret not in body, f"{name} ({path}) shows {secret!r} to a stranger"


def test_an_anonymous_visitor_gets_no_personal_data_from_any_url(
    client: HttpClient, world: dict[str, str]
) -> None:
    pages = patterns(world)
    assert len(pages) > 20
    for name, path in pages:
        _assert_nothing_personal(client, name, path)


def test_an_outsider_professional_gets_no_personal_data_from_any_url(
    client: HttpClient, charlie: User, world: dict[str, str]
) -> None:
    log_in(client, charlie)
    for name, path in patterns(world):
        _assert_nothing_personal(client, name, path)
    assert not AccessLogEntry.objects.filter(user_id=charlie.pk).exists()


def test_the_public_pages_are_reachable_without_logging_in(
    client: HttpClient, world: dict[str, str]
) -> None:
    by_name = dict(patterns(world))
    for name in PUBLIC_PAGES - {"set_language"}:
        assert client.get(by_name[name]).status_code == 200, name


def test_every_page_about_a_client_writes_to_the_access_log(
    client: HttpClient, alice: User, world: dict[str, str]
) -> None:
    in_care_team(Client.objects.get(pk=int(world["client_id"])), alice)
    log_in(client, alice)
    client_pages = [
        (n, p)
        for n, p in patterns(world)
        if f"/{world['client_id']}/" in p and "client_id" in route_of(n)
    ]
    assert len(client_pages) >= 8
    for name, path in client_pages:
        before = AccessLogEntry.objects.filter(client_id=int(world["client_id"])).count()
        response = client.get(path)
        if response.status_code == 405:  # a form's POST target; its GET does nothing
            continue
        assert response.status_code == 200, f"{name} ({path}) answered {response.status_code}"
        after = AccessLogEntry.objects.filter(client_id=int(world["client_id"])).count()
        assert after > before, f"{name} ({path}) did not write to the access log"
