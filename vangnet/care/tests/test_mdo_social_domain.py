"""The MDO's social domain counts only social-domain roles, not the coordinator or volunteers.

Movisie (seed 004) notes the Wmo adviser had to be invited to the GP's MDO ("Op
initiatief van POHers is de Wmo adviseur bij het overleg gevraagd"); RIVM (seed 000)
says the coordinator's role "wordt vaak vervuld door huisartsen of wijkverpleegkundigen".
"""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.care.models import MDO_SOCIAL_DISCIPLINES, Meeting, domains_missing, mdo_domain
from vangnet.care.tests.factories import professional
from vangnet.clients.tests.factories import client_shared_with, person_for
from vangnet.conftest import log_in
from vangnet.directory.models import Discipline, Domain, Organisation, Person

pytestmark = pytest.mark.django_db


def _person(discipline: str) -> Person:
    organisation = Organisation.objects.first() or Organisation.objects.create(name="Wijkteam")
    return Person(name=f"Iemand {discipline}", discipline=discipline, organisation=organisation)


@pytest.mark.parametrize(
    "discipline",
    [
        Discipline.SOCIAL_WORKER,
        Discipline.WELFARE_COACH,
        Discipline.ELDERLY_ADVISER,
        Discipline.WMO_OFFICER,
    ],
)
def test_social_work_welfare_elderly_adviser_and_wmo_count_as_social(discipline: str) -> None:
    assert discipline in MDO_SOCIAL_DISCIPLINES
    assert mdo_domain(_person(discipline)) == Domain.SOCIAL


@pytest.mark.parametrize(
    "discipline",
    [
        Discipline.NETWORK_COORDINATOR,
        Discipline.VOLUNTEER,
        Discipline.VOLUNTEER_COORDINATOR,
        Discipline.KEY_FIGURE,
        Discipline.OTHER,
        Discipline.HOUSING_CONSULTANT,
    ],
)
def test_the_coordinator_volunteers_and_other_do_not_count_as_social(discipline: str) -> None:
    assert mdo_domain(_person(discipline)) == ""
    assert domains_missing([_person(Discipline.GP), _person(discipline)]) == [Domain.SOCIAL]


def test_a_gp_and_a_wmo_officer_cover_both_domains() -> None:
    assert domains_missing([_person(Discipline.GP), _person(Discipline.WMO_OFFICER)]) == []


def test_a_meeting_with_only_the_coordinator_for_the_social_side_is_refused(
    client: HttpClient, alice: User
) -> None:
    person_for(alice, Discipline.NETWORK_COORDINATOR)
    gp = professional("gp@example.org", "Greet Huisarts", Discipline.GP)
    wmo = professional("wmo@example.org", "Wim Wmo", Discipline.WMO_OFFICER)
    older = client_shared_with(alice)
    log_in(client, alice)
    data = {
        "network": older.network.pk,
        "starts_at": "2030-05-04T10:00",
        "place": "Zaal 2",
        "participants": [person_for(gp).pk, person_for(alice).pk],
    }
    response = client.post(reverse("care:meeting-new"), data)
    assert response.status_code == 200
    assert "Nodig ook iemand uit het domein sociaal uit." in response.content.decode()
    assert not Meeting.objects.exists()
    data["participants"] = [person_for(gp).pk, person_for(alice).pk, person_for(wmo).pk]
    assert client.post(reverse("care:meeting-new"), data).status_code == 302
    meeting = Meeting.objects.get()
    page = client.get(reverse("care:meeting", kwargs={"meeting_id": meeting.pk})).content.decode()
    assert page.count('class="tag">sociaal<') == 1
