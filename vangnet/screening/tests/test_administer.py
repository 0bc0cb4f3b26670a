"""Administering an instrument on the screens: one question per page, checked, then saved."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client as HttpClient
from django.urls import reverse
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from vangnet.accounts.models import User
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.conftest import log_in
from vangnet.screening.engine import Answer, load_instrument
from vangnet.screening.models import AdministrationMode, Screening, ScreeningDraft
from vangnet.screening.tests.helpers import answers_counting
from vangnet.screening.tests.world import fill_in, gfi_answers, older_person_of, poh

pytestmark = pytest.mark.django_db


def _question(older_id: int, number: int) -> str:
    return reverse("screening:question", kwargs={"client_id": older_id, "number": number})


def _score_command(code: str, answers: dict[str, Answer], tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    out = StringIO()
    call_command("score", code, "--answers", str(path), stdout=out)
    result: dict[str, object] = json.loads(out.getvalue())
    return result


def test_a_professional_administers_a_gfi_one_question_per_screen(
    client: HttpClient, bob: User, tmp_path: Path
) -> None:
    older = older_person_of(poh(bob))
    log_in(client, bob)
    response = client.post(
        reverse("screening:start", kwargs={"client_id": older.pk}),
        {"instrument": "gfi", "mode": "professional"},
    )
    assert response["Location"] == _question(older.pk, 1)
    page = client.get(_question(older.pk, 1)).content.decode()
    assert "vraag 1 van 15" in page
    assert "boodschappen" in page
    assert page.count('name="answer"') == 2  # ja, nee

    answers = gfi_answers(5)
    fill_in_rest = {str(n): answers[str(n)] for n in range(1, 16)}
    for number in range(1, 16):
        response = client.post(
            _question(older.pk, number), {"answer": str(fill_in_rest[str(number)]), "next": "1"}
        )
        expected = (
            reverse("screening:check", kwargs={"client_id": older.pk})
            if number == 15
            else _question(older.pk, number + 1)
        )
        assert response["Location"] == expected
    check = client.get(reverse("screening:check", kwargs={"client_id": older.pk}))
    assert "Controleer de antwoorden" in check.content.decode()
    assert not Screening.objects.exists()

    response = client.post(reverse("screening:check", kwargs={"client_id": older.pk}))
    assert response["Location"] == reverse("screening:client", kwargs={"client_id": older.pk})
    screening = Screening.objects.get(client=older)
    assert (screening.instrument, screening.score, screening.max_score) == ("gfi", 5, 15)
    assert screening.positive and screening.cutoff == 4
    assert screening.mode == AdministrationMode.PROFESSIONAL
    assert screening.administered_by == bob
    assert screening.administered_by_name == "Bob Jansen"
    assert not ScreeningDraft.objects.exists()

    # A valid FHIR R4 QuestionnaireResponse, about this older person, by this professional.
    QuestionnaireResponse.model_validate(screening.response)
    assert screening.response["subject"] == {"reference": f"Patient/{older.pk}"}
    assert screening.response["author"]["reference"].startswith("Practitioner/")
    assert screening.response["status"] == "completed"
    assert screening.response["questionnaire"] == "https://vangnet.nl/fhir/Questionnaire/gfi|1.0.0"
    # The same answers give the same result on the command line.
    assert screening.result == _score_command("gfi", answers, tmp_path)
    created = [
        row
        for row in AccessLogEntry.objects.filter(client_id=older.pk, event=AuditEvent.CREATE)
        if f"screening:{screening.pk}" in row.objects_involved
    ]
    assert len(created) == 1
    assert created[0].data_category == "screening"
    assert created[0].purpose == "early_detection"


@pytest.mark.parametrize("code", ["gfi", "tfi", "prisma7", "zrm5", "imesa"])
def test_every_instrument_stores_what_the_score_command_computes(
    client: HttpClient, bob: User, tmp_path: Path, code: str
) -> None:
    instrument = load_instrument(code)
    answers = answers_counting(instrument, [item.link_id for item in instrument.items[1::2]])
    older = older_person_of(poh(bob))
    log_in(client, bob)
    fill_in(client, older, code, answers)
    client.post(reverse("screening:check", kwargs={"client_id": older.pk}))
    screening = Screening.objects.get(client=older)
    assert screening.result == _score_command(code, answers, tmp_path)
    assert screening.score == screening.result["score"]
    QuestionnaireResponse.model_validate(screening.response)
    stored = {i["linkId"]: i["answer"][0] for i in screening.response["item"]}
    assert len(stored) == len(instrument.items)


def test_answers_survive_a_refresh_and_a_new_login(client: HttpClient, bob: User) -> None:
    older = older_person_of(poh(bob))
    log_in(client, bob)
    client.post(
        reverse("screening:start", kwargs={"client_id": older.pk}),
        {"instrument": "gfi", "mode": "professional"},
    )
    client.post(_question(older.pk, 1), {"answer": "no", "next": "1"})
    client.post(_question(older.pk, 2), {"answer": "yes", "next": "1"})
    client.post(_question(older.pk, 3), {"answer": "no", "next": "1"})

    later = HttpClient()
    log_in(later, bob)
    start = later.get(reverse("screening:start", kwargs={"client_id": older.pk})).content.decode()
    assert "3 van de 15 vragen zijn beantwoord" in start
    assert _question(older.pk, 4) in start
    page = later.get(_question(older.pk, 2)).content.decode()
    assert 'value="yes" id="id_answer_0" required checked' in page
    assert 'value="no" id="id_answer_1" required>' in page


def test_a_finished_but_unsaved_questionnaire_leads_to_the_overview(
    client: HttpClient, bob: User
) -> None:
    older = older_person_of(poh(bob))
    log_in(client, bob)
    fill_in(client, older, "prisma7", {str(n): "no" for n in range(1, 8)})
    start = client.get(reverse("screening:start", kwargs={"client_id": older.pk}))
    page = start.content.decode()
    assert "7 van de 7 vragen zijn beantwoord" in page
    assert reverse("screening:check", kwargs={"client_id": older.pk}) in page


def test_a_missing_or_wrong_answer_is_refused_in_dutch_naming_the_question(
    client: HttpClient, bob: User
) -> None:
    older = older_person_of(poh(bob))
    log_in(client, bob)
    client.post(
        reverse("screening:start", kwargs={"client_id": older.pk}),
        {"instrument": "gfi", "mode": "professional"},
    )
    response = client.post(_question(older.pk, 3), {"next": "1"})
    assert response.status_code == 200
    assert "Vraag 3: kies een van de antwoorden." in response.content.decode()
    response = client.post(_question(older.pk, 5), {"answer": "11", "next": "1"})
    assert "Vraag 5: kies een getal van 0 tot en met 10." in response.content.decode()
    response = client.post(_question(older.pk, 6), {"answer": "misschien", "next": "1"})
    assert "Vraag 6: kies een van de antwoorden." in response.content.decode()
    assert ScreeningDraft.objects.get(client=older).answers == {}


def test_the_fitness_mark_is_offered_as_eleven_buttons(client: HttpClient, bob: User) -> None:
    older = older_person_of(poh(bob))
    log_in(client, bob)
    client.post(
        reverse("screening:start", kwargs={"client_id": older.pk}),
        {"instrument": "gfi", "mode": "professional"},
    )
    page = client.get(_question(older.pk, 5)).content.decode()
    assert page.count('type="radio" name="answer"') == 11
    for mark in range(11):
        assert f'value="{mark}"' in page
    assert "<legend>" in page and "<fieldset" in page
    client.post(_question(older.pk, 5), {"answer": "6", "next": "1"})
    assert ScreeningDraft.objects.get(client=older).answers == {"5": 6}


def test_going_back_keeps_the_answer_given(client: HttpClient, bob: User) -> None:
    older = older_person_of(poh(bob))
    log_in(client, bob)
    client.post(
        reverse("screening:start", kwargs={"client_id": older.pk}),
        {"instrument": "prisma7", "mode": "professional"},
    )
    response = client.post(_question(older.pk, 2), {"answer": "yes", "back": "1"})
    assert response["Location"] == _question(older.pk, 1)
    response = client.post(_question(older.pk, 3), {"back": "1"})
    assert response["Location"] == _question(older.pk, 2)
    assert ScreeningDraft.objects.get(client=older).answers == {"2": "yes"}


def test_saving_an_incomplete_questionnaire_names_the_open_questions(
    client: HttpClient, bob: User
) -> None:
    older = older_person_of(poh(bob))
    log_in(client, bob)
    client.post(
        reverse("screening:start", kwargs={"client_id": older.pk}),
        {"instrument": "prisma7", "mode": "professional"},
    )
    client.post(_question(older.pk, 1), {"answer": "no", "next": "1"})
    response = client.post(reverse("screening:check", kwargs={"client_id": older.pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vraag 2 heeft nog geen antwoord." in page
    assert "Vraag 7 heeft nog geen antwoord." in page
    assert "Vraag 1 heeft" not in page
    assert not Screening.objects.exists()
    assert ScreeningDraft.objects.filter(client=older).exists()


def test_the_older_person_fills_it_in_themself(client: HttpClient, bob: User) -> None:
    older = older_person_of(poh(bob))
    log_in(client, bob)
    answers = answers_counting(load_instrument("prisma7"), ["3", "4", "5"])
    fill_in(client, older, "prisma7", answers, mode=AdministrationMode.SELF)
    first = client.get(_question(older.pk, 1)).content.decode()
    assert "self-mode" in first and "Kies het antwoord dat het best bij u past" in first
    check = client.get(reverse("screening:check", kwargs={"client_id": older.pk})).content.decode()
    assert "Bedankt voor het invullen" in check
    client.post(reverse("screening:check", kwargs={"client_id": older.pk}))
    screening = Screening.objects.get(client=older)
    assert screening.mode == AdministrationMode.SELF
    assert screening.administered_by == bob
    assert screening.response["author"] == {"reference": f"Patient/{older.pk}"}
    assert screening.response["source"] == {"reference": f"Patient/{older.pk}"}


def test_the_self_reliance_scan_is_not_handed_over(client: HttpClient, bob: User) -> None:
    older = older_person_of(poh(bob))
    log_in(client, bob)
    response = client.post(
        reverse("screening:start", kwargs={"client_id": older.pk}),
        {"instrument": "zrm5", "mode": "self"},
    )
    assert response.status_code == 200
    assert "De scan zelfredzaamheid vult een professional in" in response.content.decode()
    assert not ScreeningDraft.objects.exists()


def test_throwing_the_answers_away_removes_the_draft_and_logs_it(
    client: HttpClient, bob: User
) -> None:
    older = older_person_of(poh(bob))
    log_in(client, bob)
    client.post(
        reverse("screening:start", kwargs={"client_id": older.pk}),
        {"instrument": "gfi", "mode": "professional"},
    )
    client.post(_question(older.pk, 1), {"answer": "no", "next": "1"})
    response = client.post(reverse("screening:discard", kwargs={"client_id": older.pk}))
    assert response.status_code == 302
    assert not ScreeningDraft.objects.exists()
    assert AccessLogEntry.objects.filter(client_id=older.pk, event=AuditEvent.DELETE).exists()


def test_a_new_start_replaces_the_unfinished_questionnaire(client: HttpClient, bob: User) -> None:
    older = older_person_of(poh(bob))
    log_in(client, bob)
    start = reverse("screening:start", kwargs={"client_id": older.pk})
    client.post(start, {"instrument": "gfi", "mode": "professional"})
    client.post(_question(older.pk, 1), {"answer": "no", "next": "1"})
    client.post(start, {"instrument": "tfi", "mode": "professional"})
    draft = ScreeningDraft.objects.get(client=older)
    assert (draft.instrument, draft.answers) == ("tfi", {})


def test_without_a_questionnaire_in_progress_the_pages_say_so(
    client: HttpClient, bob: User
) -> None:
    older = older_person_of(poh(bob))
    log_in(client, bob)
    for url in (_question(older.pk, 1), reverse("screening:check", kwargs={"client_id": older.pk})):
        response = client.get(url)
        assert response.status_code == 200
        assert "Geen vragenlijst bezig" in response.content.decode()
