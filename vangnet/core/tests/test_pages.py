import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_is_dutch_by_default(client: Client) -> None:
    response = client.get(reverse("workplace:home"))
    assert response.status_code == 200
    assert 'lang="nl"' in response.content.decode()
    assert "Wie doet wat" in response.content.decode()


def test_language_switch_changes_to_english(client: Client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("workplace:home"))
    assert 'lang="en"' in response.content.decode()
    assert "Who does what" in response.content.decode()


def test_healthz_answers(client: Client) -> None:
    assert client.get(reverse("core:healthz")).json() == {"status": "ok"}


def test_security_headers_are_set(client: Client) -> None:
    response = client.get(reverse("workplace:home"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_only_the_closest_menu_item_is_marked_current(client: Client) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from vangnet.workplace.navigation import items_for

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.path = reverse("workplace:home")
    assert not any(item["current"] for item in items_for(request))
    search = reverse("directory:search")
    request.path = search
    current = [item for item in items_for(request) if item["current"]]
    assert [item["url"] for item in current] == [search]


def test_favicon_ico_answers_for_a_visitor(client: Client) -> None:
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.getvalue()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    for name in ("favicon.ico", "favicon.svg", "favicon.png"):
        assert finders.find(f"vangnet/{name}"), name


def test_every_page_links_the_icons_and_shows_the_logo(client: Client) -> None:
    page = client.get(reverse("workplace:home")).content.decode()
    assert 'rel="icon" href="/static/vangnet/favicon.svg" type="image/svg+xml"' in page
    assert 'class="brand-mark"' in page
