"""A forgotten password: a link by email, the same answer for any address."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from vangnet.accounts.models import AccountEvent, AccountEventKind, User
from vangnet.accounts.tests.helpers import enter_password, give_authenticator

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lantaarn-fiets-wolk-spinazie"


def _ask(client: Client, email: str) -> tuple[int, str, str]:
    response = client.post(reverse("accounts:password_reset"), {"email": email})
    done = client.get(response["Location"])
    return response.status_code, response["Location"], done.content.decode()


def test_it_gives_the_same_answer_for_unknown_addresses(client: Client, bob: User) -> None:
    known = _ask(client, bob.email)
    assert len(mail.outbox) == 1
    unknown = _ask(Client(), "nobody@example.org")
    assert len(mail.outbox) == 1
    assert known[:2] == unknown[:2] == (302, reverse("accounts:password_reset_done"))
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", known[2]) == strip.sub("", unknown[2])
    assert "Kijk in uw e-mail" in known[2]


def test_the_email_is_dutch_and_links_to_the_public_address(
    client: Client, bob: User, settings: object
) -> None:
    settings.SITE_URL = "https://vangnet.example.nl"  # type: ignore[attr-defined]
    client.post(
        reverse("accounts:password_reset"),
        {"email": "Bob@Example.org"},
        headers={"host": "localhost"},
    )
    message = mail.outbox[0]
    assert message.to == [bob.email]
    assert message.subject == "Kies een nieuw wachtwoord voor Vangnet"
    assert "https://vangnet.example.nl/accounts/password/reset/" in message.body
    assert "binnen 1 uur" in message.body


def test_the_link_sets_a_new_password_and_the_code_is_still_needed(
    client: Client, bob: User
) -> None:
    give_authenticator(bob)
    client.post(reverse("accounts:password_reset"), {"email": bob.email})
    link = re.search(r"http\S+/accounts/password/reset/\S+/", str(mail.outbox[0].body))
    assert link is not None
    path = link.group(0).split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert "Kies een nieuw wachtwoord" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    bob.refresh_from_db()
    assert bob.check_password(NEW_PASSWORD)
    assert AccountEvent.objects.filter(user=bob, kind=AccountEventKind.PASSWORD_RESET).exists()
    assert enter_password(Client(), bob.email, NEW_PASSWORD).startswith(reverse("accounts:verify"))


def test_a_used_link_no_longer_works(client: Client, bob: User) -> None:
    client.post(reverse("accounts:password_reset"), {"email": bob.email})
    link = re.search(r"/accounts/password/reset/\S+/", str(mail.outbox[0].body))
    assert link is not None
    page = client.get(link.group(0), follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    again = Client().get(link.group(0), follow=True).content.decode()
    assert "Deze link werkt niet meer" in again
