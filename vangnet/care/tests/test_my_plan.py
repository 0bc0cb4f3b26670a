"""'My plan' for the older person and carer: contact person, what happens, whom to call at night."""

import io
from datetime import date

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from pypdf import PdfReader

from vangnet.accounts.models import User
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.care import actions
from vangnet.care.tests.factories import actor
from vangnet.clients.actions import contact_person_set
from vangnet.clients.models import Client
from vangnet.clients.tests.factories import client_shared_with
from vangnet.conftest import log_in
from vangnet.directory.models import OrganisationType
from vangnet.directory.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _with_plan(bob: User) -> Client:
    older = client_shared_with(bob)
    older.network.night_and_weekend = "Huisartsenpost Vliet: 0900-1234567"
    older.network.save()
    organisation = OrganisationFactory.create(name="Thuiszorg Vliet", phone="0990-111222")
    nurse = PersonFactory.create(
        name="Nina de Wijk", organisation=organisation, work_phone="0990-333444"
    )
    contact_person_set(actor=actor(bob), client=older, person=nurse)
    goal = actions.goal_save(
        actor=actor(bob), client=older, goal=None, data={"text": "Ik wil weer zelf koken"}
    )
    actions.action_save(
        actor=actor(bob),
        client=older,
        action=None,
        data={
            "description": "Maaltijdservice proberen",
            "goal": goal,
            "owner_kind": "self",
            "due_on": date(2030, 6, 12),
        },
    )
    return older


def test_my_plan_shows_the_contact_person_what_happens_and_the_night_number(
    client: HttpClient, bob: User
) -> None:
    older = _with_plan(bob)
    log_in(client, bob)
    response = client.get(reverse("care:my-plan", kwargs={"client_id": older.pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Wie is mijn aanspreekpunt?" in page
    assert "Nina de Wijk" in page and "Thuiszorg Vliet" in page and "0990-333444" in page
    assert "Maaltijdservice proberen" in page and "U zelf" in page and "12 juni 2030" in page
    assert "Huisartsenpost Vliet: 0900-1234567" in page
    assert "Bij levensgevaar belt u altijd 112." in page
    assert AccessLogEntry.objects.filter(client_id=older.pk, event=AuditEvent.READ).exists()


def test_without_a_network_arrangement_the_gp_practice_is_named_for_the_night(
    client: HttpClient, bob: User
) -> None:
    older = _with_plan(bob)
    older.network.night_and_weekend = ""
    older.network.save()
    older.gp_practice = OrganisationFactory.create(
        type=OrganisationType.GP_PRACTICE, out_of_hours="Huisartsenpost De Dijk: 0900-7654321"
    )
    older.save()
    log_in(client, bob)
    page = client.get(reverse("care:my-plan", kwargs={"client_id": older.pk})).content.decode()
    assert "Huisartsenpost De Dijk: 0900-7654321" in page


def test_printing_logs_a_print_event(client: HttpClient, bob: User) -> None:
    older = _with_plan(bob)
    log_in(client, bob)
    response = client.get(reverse("care:my-plan-print", kwargs={"client_id": older.pk}))
    assert response.status_code == 200
    assert "Nina de Wijk" in response.content.decode()
    printed = AccessLogEntry.objects.filter(client_id=older.pk, event=AuditEvent.PRINT)
    assert printed.count() == 1
    assert printed.get().user_id == bob.pk


def test_the_pdf_holds_the_contact_person_and_the_night_number(
    client: HttpClient, bob: User
) -> None:
    older = _with_plan(bob)
    log_in(client, bob)
    response = client.get(reverse("care:my-plan-pdf", kwargs={"client_id": older.pk}))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Nina de Wijk" in text and "0990-333444" in text
    assert "0900-1234567" in text and "112" in text
    assert "Maaltijdservice proberen" in text
    assert AccessLogEntry.objects.filter(client_id=older.pk, event=AuditEvent.PRINT).count() == 1


def test_my_plan_without_a_plan_says_so_in_plain_words(client: HttpClient, bob: User) -> None:
    older = client_shared_with(bob)
    log_in(client, bob)
    page = client.get(reverse("care:my-plan", kwargs={"client_id": older.pk})).content.decode()
    assert "U heeft nog geen aanspreekpunt." in page
    assert "Er is nog niets gepland." in page
