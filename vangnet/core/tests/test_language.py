"""Vangnet speaks Dutch unless the person chose English with the language switch."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"Accept-Language": "en-GB,en;q=0.9"}


def _home(client: Client) -> str:
    return client.get(reverse("workplace:home"), headers=ENGLISH_BROWSER).content.decode()


def test_an_english_browser_still_gets_dutch(client: Client) -> None:
    response = client.get(reverse("workplace:home"), headers=ENGLISH_BROWSER)
    assert '<html lang="nl">' in response.content.decode()
    assert "Wie doet wat" in response.content.decode()
    assert response["Content-Language"] == "nl"


def test_the_language_switch_chooses_english_and_it_sticks(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in _home(client)
    assert "Who does what" in _home(client)


def test_switching_back_to_dutch_wins_over_an_english_browser(client: Client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.post(reverse("set_language"), {"language": "nl", "next": "/"}, headers=ENGLISH_BROWSER)
    assert '<html lang="nl">' in _home(client)


def test_an_unknown_language_in_the_cookie_falls_back_to_dutch(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    assert '<html lang="nl">' in _home(client)
