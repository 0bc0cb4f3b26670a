"""The self-scan through the web: who gets in, answering once, bad input, the threshold."""

from datetime import timedelta

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.log import Actor
from vangnet.directory.models import Organisation, Tier
from vangnet.directory.tests.factories import (
    NetworkFactory,
    NetworkPartyFactory,
    OrganisationFactory,
    PersonFactory,
)
from vangnet.notifications.models import Notification
from vangnet.selfscan import actions
from vangnet.selfscan.forms import AnswerForm
from vangnet.selfscan.models import Participation, Rating, Remark, Response, Round, Statement
from vangnet.selfscan.tests.conftest import Scan, as_user

pytestmark = pytest.mark.django_db


def open_round(scan: Scan) -> Round:
    return actions.round_open(
        actor=Actor(user=scan.coordinator),
        network=scan.network,
        title="Voorjaar 2027",
        closes_on=timezone.localdate() + timedelta(days=14),
    )


def all_fours(round_: Round) -> dict[str, str]:
    data = {f"score_{s.pk}": "4" for s in round_.statements.all()}
    data["remark_lines"] = "De praktijk is slecht bereikbaar."
    return data


def test_the_coordinator_starts_a_round_and_every_member_gets_a_message(
    scan: Scan, alice: User
) -> None:
    bob = scan.member("Bob Jansen")
    dirk = scan.member("Dirk Mol", Tier.STEERING_GROUP)
    http = as_user(alice)
    response = http.post(
        reverse("selfscan:network", args=["vlietdal"]),
        {"title": "Voorjaar 2027", "closes_on": str(timezone.localdate() + timedelta(days=21))},
    )
    round_ = Round.objects.get()
    assert response.status_code == 302
    # The default set: five statements for each of the five working elements.
    assert round_.statements.count() == 25
    assert Statement.objects.filter(network=scan.network).count() == 25
    notes = Notification.objects.filter(kind=actions.NOTIFICATION_KIND)
    assert {n.recipient for n in notes} == {alice, bob, dirk}
    assert all("Bob" not in n.subject + n.body and "Dirk" not in n.subject for n in notes)
    assert notes[0].url == reverse("selfscan:answer", args=[round_.pk])


def test_a_round_cannot_close_in_the_past(scan: Scan, alice: User) -> None:
    response = as_user(alice).post(
        reverse("selfscan:network", args=["vlietdal"]),
        {"title": "Oud", "closes_on": str(timezone.localdate() - timedelta(days=1))},
    )
    assert response.status_code == 200
    assert "kan niet in het verleden liggen" in response.content.decode()
    assert not Round.objects.exists()


def test_a_member_who_is_no_coordinator_cannot_start_a_round(scan: Scan) -> None:
    bob = scan.member("Bob Jansen")
    response = as_user(bob).post(
        reverse("selfscan:network", args=["vlietdal"]),
        {"title": "Voorjaar", "closes_on": str(timezone.localdate() + timedelta(days=3))},
    )
    assert response.status_code == 404
    assert not Round.objects.exists()


def test_a_member_answers_once_and_a_second_attempt_is_refused_kindly(scan: Scan) -> None:
    bob = scan.member("Bob Jansen")
    round_ = open_round(scan)
    http = as_user(bob)
    url = reverse("selfscan:answer", args=[round_.pk])
    assert http.get(url).status_code == 200
    first = http.post(url, all_fours(round_), follow=True)
    assert "zonder uw naam" in first.content.decode()
    second = http.post(url, all_fours(round_), follow=True)
    assert "U hebt in deze ronde al geantwoord" in second.content.decode()
    assert Participation.objects.filter(round=round_).count() == 1
    assert Response.objects.get(round=round_).tier == Tier.CORE_TEAM
    assert Remark.objects.get().text == "De praktijk is slecht bereikbaar."


def test_answering_twice_at_once_stores_one_answer(scan: Scan) -> None:
    bob = scan.member("Bob Jansen")
    round_ = open_round(scan)
    scores = {s.pk: 3 for s in round_.statements.all()}
    actions.response_submit(round_=round_, user_id=bob.pk, tier="core", scores=scores, remarks={})
    with pytest.raises(actions.AlreadyAnswered):
        actions.response_submit(
            round_=round_, user_id=bob.pk, tier="core", scores=scores, remarks={}
        )
    assert Response.objects.count() == 1


def test_a_closed_round_takes_no_answers(scan: Scan, alice: User) -> None:
    bob = scan.member("Bob Jansen")
    round_ = open_round(scan)
    as_user(alice).post(reverse("selfscan:close", args=[round_.pk]))
    response = as_user(bob).post(
        reverse("selfscan:answer", args=[round_.pk]), all_fours(round_), follow=True
    )
    assert "Deze ronde is gesloten" in response.content.decode()
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("missing", "Kies een score bij deze stelling."),
        ("superscript", "Selecteer een geldige keuze"),
        ("huge", "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_gives_form_errors_and_keeps_what_was_typed(
    scan: Scan, change: str, message: str
) -> None:
    bob = scan.member("Bob Jansen")
    round_ = open_round(scan)
    data = all_fours(round_)
    first = f"score_{round_.statements.first().pk}"  # type: ignore[union-attr]
    if change == "missing":
        del data[first]
    elif change == "superscript":
        data[first] = "²"
    else:
        data[first] = "9" * 5000
    response = as_user(bob).post(reverse("selfscan:answer", args=[round_.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "De praktijk is slecht bereikbaar." in page
    assert not Response.objects.exists()
    assert not Participation.objects.exists()


def test_a_nul_in_a_remark_is_a_form_error_and_refused_at_the_edge(scan: Scan) -> None:
    bob = scan.member("Bob Jansen")
    round_ = open_round(scan)
    data = {**all_fours(round_), "remark_know": "Goed\x00overleg"}
    form = AnswerForm(data, statements=list(round_.statements.all()))
    assert not form.is_valid()
    assert "Null-tekens zijn niet toegestaan." in str(form.errors["remark_know"])
    # Through the web, the request never reaches the form: no layer can store a NUL.
    response = as_user(bob).post(reverse("selfscan:answer", args=[round_.pk]), data)
    assert response.status_code == 400
    assert not Response.objects.exists()
    assert not Participation.objects.exists()


def test_results_show_only_once_five_members_answered(scan: Scan) -> None:
    members = [scan.member(f"Lid{n} Test") for n in range(5)]
    round_ = open_round(scan)
    scores = {s.pk: 4 for s in round_.statements.all()}
    url = reverse("selfscan:round", args=[round_.pk])
    for user in members[:4]:
        actions.response_submit(
            round_=round_, user_id=user.pk, tier="core", scores=scores, remarks={}
        )
    page = as_user(members[0]).get(url).content.decode()
    assert "zodra ten minste 5 leden" in page
    assert 'class="scan-radar"' not in page
    actions.response_submit(
        round_=round_, user_id=members[4].pk, tier="core", scores=scores, remarks={}
    )
    page = as_user(members[0]).get(url).content.decode()
    assert 'class="scan-radar"' in page
    assert "<title id=" in page and "<desc id=" in page
    assert "Agenda voor het volgende stuurgroepoverleg" in page
    # The header names who is logged in; the results name nobody.
    assert "Lid0" not in page.split('id="main"')[1]


def test_it_refuses_a_stranger_everywhere(scan: Scan, charlie: User) -> None:
    PersonFactory(organisation=OrganisationFactory(name="Elders"), user=charlie)
    round_ = open_round(scan)
    http = as_user(charlie)
    for url in (
        reverse("selfscan:network", args=["vlietdal"]),
        reverse("selfscan:statements", args=["vlietdal"]),
        reverse("selfscan:round", args=[round_.pk]),
        reverse("selfscan:answer", args=[round_.pk]),
    ):
        assert http.get(url).status_code == 404, url
    assert (
        http.post(reverse("selfscan:answer", args=[round_.pk]), all_fours(round_)).status_code
        == 404
    )
    assert http.post(reverse("selfscan:close", args=[round_.pk])).status_code == 404
    assert not Response.objects.exists()
    assert "Vlietdal" not in http.get(reverse("selfscan:index")).content.decode()


def test_it_refuses_a_member_of_another_network(scan: Scan) -> None:
    other = NetworkFactory.create(name="Netwerk Elders", slug="elders")
    organisation: Organisation = OrganisationFactory.create(name="Thuiszorg Elders")
    NetworkPartyFactory(network=other, organisation=organisation, tier=Tier.CORE_TEAM)
    erin = scan.member("Erin Kok")
    erin.person.organisation = organisation
    erin.person.save()
    round_ = open_round(scan)
    http = as_user(erin)
    assert http.get(reverse("selfscan:round", args=[round_.pk])).status_code == 404
    response = http.post(reverse("selfscan:answer", args=[round_.pk]), all_fours(round_))
    assert response.status_code == 404
    assert not Response.objects.exists()


def test_the_coordinator_changes_the_statements_for_new_rounds_only(
    scan: Scan, alice: User
) -> None:
    round_ = open_round(scan)
    statement = Statement.objects.filter(network=scan.network, element="know").first()
    assert statement is not None
    url = reverse("selfscan:statements", args=["vlietdal"])
    http = as_user(alice)
    form = http.get(url).context["form"]
    data = {f"text_{s.pk}": s.text for s in form.statements}
    data.update({f"in_use_{s.pk}": "on" for s in form.statements})
    data[f"text_{statement.pk}"] = "Ik ken de mensen van de andere partners bij naam."
    del data[f"in_use_{statement.pk}"]
    data["new_needs"] = "We vragen de oudere zelf wat goed gaat."
    assert http.post(url, data).status_code == 302
    statement.refresh_from_db()
    assert (statement.text, statement.in_use) == (
        "Ik ken de mensen van de andere partners bij naam.",
        False,
    )
    assert Statement.objects.filter(network=scan.network, element="needs").count() == 6
    # The open round keeps its words.
    assert round_.statements.count() == 25
    assert not round_.statements.filter(text__startswith="Ik ken de mensen").exists()
    newer = open_round(scan)
    assert newer.statements.count() == 25
    assert newer.statements.filter(text="We vragen de oudere zelf wat goed gaat.").exists()


def test_statement_edits_are_checked(scan: Scan, alice: User) -> None:
    url = reverse("selfscan:statements", args=["vlietdal"])
    http = as_user(alice)
    form = http.get(url).context["form"]
    data = {f"text_{s.pk}": s.text for s in form.statements}
    first = form.statements[0]
    data[f"text_{first.pk}"] = "x" * 301
    response = http.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Houd ten minste één stelling" in page
    assert "niet meer dan 300 tekens bevat" in page
    assert Statement.objects.filter(network=scan.network, in_use=True).count() == 25


def test_an_answer_carries_no_account_no_time_and_no_counting_key() -> None:
    for model in (Response, Rating, Remark):
        fields = {field.name for field in model._meta.get_fields()}
        assert not fields & {"user", "created_at", "answered_at", "participation"}
        assert isinstance(model._meta.pk, models.UUIDField)
