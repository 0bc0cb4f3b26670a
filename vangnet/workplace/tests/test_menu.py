"""The main menu offers each role exactly the pages it may open."""

import pytest
from django.test import Client
from django.urls import reverse

from vangnet.accounts.models import Role, User
from vangnet.conftest import log_in, make_user
from vangnet.directory.models import Discipline, Domain, OrganisationType
from vangnet.directory.tests.factories import OrganisationFactory, PersonFactory
from vangnet.workplace.navigation import NAV_ITEMS

pytestmark = pytest.mark.django_db

EVERYONE_LOGGED_IN = {
    "clients:list",
    "care:my-clients",
    "care:my-actions",
    "care:meetings",
    "directory:search",
    "directory:network_list",
    "detection:overview",
    "detection:report",
    "referrals:inbox",
    "notifications:inbox",
    "accounts:account",
    # The self-scan page explains itself to someone outside every network.
    "selfscan:index",
}
COORDINATOR_ONLY = {
    "screening:tasks",
    "economics:index",
    "monitoring:index",
    "collaboration:index",
    "audit:review",
}


def _menu_urls(client: Client) -> list[str]:
    response = client.get(reverse("workplace:home"))
    assert response.status_code == 200
    return [str(item["url"]) for item in response.context["nav_items"]]


def _expected(names: set[str]) -> list[str]:
    return [reverse(item.url_name) for item in NAV_ITEMS if item.url_name in names]


def _walk(client: Client, urls: list[str]) -> None:
    for url in urls:
        assert client.get(url).status_code == 200, url


@pytest.fixture
def dana(db: None) -> User:
    """A read-only account, at a welfare organisation."""
    user = make_user("dana@example.org", "Dana Smit", Role.READ_ONLY)
    PersonFactory.create(user=user, name="Dana Smit")
    return user


@pytest.fixture
def gp_bob(bob: User) -> User:
    """Bob is a GP: the only one of them who may open case finding."""
    practice = OrganisationFactory.create(
        name="Huisartsenpraktijk De Linde",
        type=OrganisationType.GP_PRACTICE,
        domain=Domain.MEDICAL,
    )
    PersonFactory.create(organisation=practice, user=bob, discipline=Discipline.GP)
    return bob


def test_a_visitor_sees_only_the_public_entries(client: Client) -> None:
    assert _menu_urls(client) == _expected({"directory:search", "detection:report"})


def test_every_menu_link_opens_for_a_coordinator(client: Client, alice: User) -> None:
    log_in(client, alice)
    urls = _menu_urls(client)
    assert urls == _expected(EVERYONE_LOGGED_IN | COORDINATOR_ONLY)
    _walk(client, urls)


def test_every_menu_link_opens_for_a_gp(client: Client, gp_bob: User) -> None:
    log_in(client, gp_bob)
    urls = _menu_urls(client)
    assert urls == _expected(EVERYONE_LOGGED_IN | {"casefinding:index"})
    _walk(client, urls)


def test_every_menu_link_opens_for_a_read_only_account(client: Client, dana: User) -> None:
    log_in(client, dana)
    urls = _menu_urls(client)
    assert urls == _expected(EVERYONE_LOGGED_IN)
    _walk(client, urls)


def test_pages_left_out_of_the_menu_are_indeed_closed(client: Client, gp_bob: User) -> None:
    log_in(client, gp_bob)
    # Costs and benefits opens for all (showing the cases shared with them): a coordinator tool.
    # The graph's index lists the networks one is a member of (none here): it says so.
    for name in COORDINATOR_ONLY - {"economics:index", "collaboration:index", "monitoring:index"}:
        assert client.get(reverse(name)).status_code in (403, 404), name


def test_a_professional_outside_a_practice_has_no_case_finding(
    client: Client, charlie: User
) -> None:
    log_in(client, charlie)
    assert reverse("casefinding:index") not in _menu_urls(client)
    assert client.get(reverse("casefinding:index")).status_code == 403


def test_the_header_shows_the_name_and_organisation(client: Client, dana: User) -> None:
    log_in(client, dana)
    page = client.get(reverse("workplace:home")).content.decode()
    organisation = dana.person.organisation.name
    assert 'class="who-name">Dana Smit<' in page
    assert f'class="who-org">{organisation}<' in page
