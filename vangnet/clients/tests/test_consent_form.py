"""The consent form: radio groups without a dash option, one legend each, one recipient counted."""

import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.clients.tests.factories import client_shared_with
from vangnet.conftest import log_in
from vangnet.consent.models import Consent, RecipientScope
from vangnet.directory.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _answers(**extra: object) -> dict[str, object]:
    return {
        "categories": ["identity"],
        "purposes": ["care_plan"],
        "given_by": "client",
        "method": "spoken",
        "given_on": "2026-01-05",
        **extra,
    }


def test_the_radio_groups_offer_no_empty_choice_and_say_their_question_once(
    client: HttpClient, bob: User
) -> None:
    older = client_shared_with(bob)
    log_in(client, bob)
    page = client.get(reverse("clients:consent", kwargs={"client_id": older.pk})).content.decode()
    assert re.search(r'type="radio"[^>]*value=""', page) is None
    assert 'type="radio" name="given_by" value="client"' in page
    assert page.count("Met wie mag het gedeeld worden?") == 1
    assert "Met wie?</legend>" not in page
    assert 'data-show-when="scope=organisation"' in page


def test_without_javascript_the_server_asks_for_the_recipient_that_belongs_to_the_choice(
    client: HttpClient, bob: User
) -> None:
    older = client_shared_with(bob)
    someone = PersonFactory.create()
    log_in(client, bob)
    url = reverse("clients:consent", kwargs={"client_id": older.pk})
    answers = _answers(scope="organisation", recipient_person=someone.pk)
    response = client.post(url, answers)
    assert response.status_code == 200
    assert response.context["form"].errors["recipient_organisation"]
    assert Consent.objects.filter(client=older).count() == 1


def test_only_the_recipient_of_the_chosen_option_is_stored(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    home_care = OrganisationFactory.create()
    someone = PersonFactory.create()
    log_in(client, bob)
    url = reverse("clients:consent", kwargs={"client_id": older.pk})
    answers = _answers(
        scope="organisation",
        recipient_organisation=home_care.pk,
        recipient_person=someone.pk,
        recipient_discipline="huisarts",
        representative_name="Karin",
    )
    client.post(url, answers)
    consent = Consent.objects.filter(client=older).latest("pk")
    assert consent.scope == RecipientScope.ORGANISATION
    assert consent.recipient_organisation == home_care
    assert consent.recipient_person is None and consent.recipient_discipline == ""
    assert consent.representative_name == ""


def test_the_consent_form_refuses_a_stranger(client: HttpClient, bob: User, charlie: User) -> None:
    older = client_shared_with(bob)
    log_in(client, charlie)
    url = reverse("clients:consent", kwargs={"client_id": older.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, _answers(scope="care_team")).status_code == 404
