"""A referral may name several kinds of question (seed 004).

Movisie, "Medisch en sociaal verbonden": "vaak hebben mensen meerdere klachten op
verschillende vlakken".
"""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.conftest import log_in
from vangnet.referrals.export import referrals_export
from vangnet.referrals.fhir import as_fhir
from vangnet.referrals.models import Category, Referral

from .factories import World, build_world, refer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(bob: User) -> World:
    return build_world(bob)


def _form(**extra: object) -> dict[str, object]:
    return {
        "to": "contact",
        "reason": "Hoofdpijn, stress en eenzaam",
        "agreed": "on",
        "contact_preference": "phone",
        **extra,
    }


def _url(world: World) -> str:
    return reverse("referrals:refer", kwargs={"client_id": world.client.pk})


def test_the_gp_ticks_several_kinds_of_question(world: World) -> None:
    gp = HttpClient()
    log_in(gp, world.gp)
    response = gp.post(_url(world), _form(categories=["social", "physical", "emotional"]))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.categories == ["physical", "emotional", "social"]
    page = gp.get(reverse("referrals:client", kwargs={"client_id": world.client.pk}))
    assert "Lichamelijk, Emotioneel, Sociaal" in page.content.decode()


@pytest.mark.parametrize("bad", [[], ["bogus"], ["social\x00"], ["²"]])
def test_no_or_an_unknown_kind_of_question_is_a_form_error(world: World, bad: list[str]) -> None:
    gp = HttpClient()
    log_in(gp, world.gp)
    response = gp.post(_url(world), _form(categories=bad))
    assert response.status_code in (200, 400)
    assert not Referral.objects.exists()
    if response.status_code == 200:
        assert "Hoofdpijn, stress en eenzaam" in response.content.decode()


def test_no_kind_of_question_says_so_in_dutch(world: World) -> None:
    gp = HttpClient()
    log_in(gp, world.gp)
    page = gp.post(_url(world), _form()).content.decode()
    assert "Kies ten minste één soort vraag." in page


def test_fhir_and_the_export_carry_every_kind(world: World) -> None:
    referral = refer(world, categories=[Category.SOCIAL, Category.EMOTIONAL])
    service_request, _task = as_fhir(referral)
    codes = [c["code"] for c in service_request["code"]["coding"]]
    assert codes == ["emotional", "social"]
    (row,) = referrals_export(world.client)
    assert row["kinds_of_question"] == ["Emotioneel", "Sociaal"]


def test_a_redirect_keeps_every_kind(world: World) -> None:
    from vangnet.audit.log import Actor
    from vangnet.referrals import actions
    from vangnet.referrals.actions import Target

    referral = refer(world, categories=[Category.PHYSICAL, Category.SOCIAL])
    referral = actions.referral_receive(actor=Actor(world.worker), referral=referral)
    successor = actions.referral_redirect(
        actor=Actor(world.worker),
        referral=referral,
        expected_version=referral.version,
        target=Target.for_service(world.other_service),
        reason="Past beter bij het wijkteam",
        agreed=True,
    )
    assert successor.categories == ["physical", "social"]
