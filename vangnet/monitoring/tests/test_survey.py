import pytest
from django.core.cache import cache
from django.test import Client as Browser

from vangnet.accounts.models import User
from vangnet.clients.tests.factories import coordinating, in_network
from vangnet.conftest import log_in
from vangnet.directory.models import Network
from vangnet.directory.tests.factories import NetworkFactory
from vangnet.monitoring.models import SurveyAnswer, SurveyCode
from vangnet.monitoring.quarters import current_quarter
from vangnet.monitoring.survey import ATTEMPTS, digest, experience_of, issue_code

pytestmark = pytest.mark.django_db

ALL_AGREE = {
    "contact": "5",
    "listened": "4",
    "matters": "4",
    "next_steps": "0",
    "fitting": "3",
    "overall": "5",
}


@pytest.fixture(autouse=True)
def fresh_attempts() -> None:
    cache.clear()


@pytest.fixture
def network() -> Network:
    return NetworkFactory.create(slug="test")


def test_the_survey_opens_without_login(client: Browser) -> None:
    response = client.get("/enquete/")

    assert response.status_code == 200
    assert "Weet ik niet" in response.content.decode()


def test_a_code_stores_the_answers_once_and_is_gone(client: Browser, network: Network) -> None:
    code = issue_code(network)

    first = client.post("/enquete/", {"code": code.lower(), **ALL_AGREE})
    again = client.post("/enquete/", {"code": code, **ALL_AGREE})

    assert first.status_code == 302
    assert again.status_code == 400
    answer = SurveyAnswer.objects.get()
    assert (answer.network_id, answer.quarter) == (network.pk, str(current_quarter()))
    assert (answer.contact, answer.next_steps, answer.fitting) == (5, 0, 3)
    assert not SurveyCode.objects.exists()


def test_a_used_code_and_an_unknown_code_get_the_same_answer(
    client: Browser, network: Network
) -> None:
    code = issue_code(network)
    client.post("/enquete/", {"code": code, **ALL_AGREE})

    used = client.post("/enquete/", {"code": code, **ALL_AGREE})
    unknown = client.post("/enquete/", {"code": "ZZZZ-ZZZZ", **ALL_AGREE})

    assert used.status_code == unknown.status_code == 400
    used_text = used.content.decode().replace(code, "ZZZZZZZZ")
    unknown_text = unknown.content.decode().replace("ZZZZ-ZZZZ", "ZZZZZZZZ")
    assert "klopt niet of is al gebruikt" in used_text
    strip = [line for line in used_text.splitlines() if "csrf" not in line]
    assert strip == [line for line in unknown_text.splitlines() if "csrf" not in line]
    assert SurveyAnswer.objects.count() == 1


def test_the_tables_keep_nothing_that_names_a_person(network: Network) -> None:
    code = issue_code(network)

    stored = SurveyCode.objects.get()
    assert stored.digest == digest(code) and code not in stored.digest
    code_fields = {f.name for f in SurveyCode._meta.get_fields()}
    answer_fields = {f.name for f in SurveyAnswer._meta.get_fields()}
    assert code_fields == {"id", "digest", "network", "quarter"}
    assert answer_fields == {"id", "network", "quarter", *ALL_AGREE}


@pytest.mark.parametrize(
    "data",
    [
        {"code": "ABCD²345", **ALL_AGREE},
        {"code": "ABCD2345", "contact": "9" * 400},
        {"code": "ABCD2345", "contact": "²"},
        {"code": "ABCD2345", "contact": "6"},
        {"code": "x" * 10000, **ALL_AGREE},
        {"code": "ABCD2345"},
        {},
    ],
)
def test_bad_input_gets_a_form_error_in_dutch(
    client: Browser, network: Network, data: dict[str, str]
) -> None:
    issue_code(network)

    response = client.post("/enquete/", data)

    assert response.status_code == 400
    assert "Controleer wat u heeft ingevuld" in response.content.decode()
    assert not SurveyAnswer.objects.exists()


def test_a_nul_byte_is_refused_and_stores_nothing(client: Browser, network: Network) -> None:
    code = issue_code(network)

    response = client.post("/enquete/", {"code": code[:4] + "\x00" + code[4:], **ALL_AGREE})

    assert response.status_code == 400
    assert not SurveyAnswer.objects.exists()
    assert SurveyCode.objects.exists()


def test_too_many_tries_are_refused_even_with_a_good_code(
    client: Browser, network: Network
) -> None:
    for _ in range(ATTEMPTS):
        client.post("/enquete/", {"code": "ZZZZ-ZZZZ", **ALL_AGREE})
    code = issue_code(network)

    response = client.post("/enquete/", {"code": code, **ALL_AGREE})

    assert response.status_code == 429
    assert SurveyCode.objects.filter(digest=digest(code)).exists()


def test_a_professional_hands_out_a_code_and_types_in_a_paper_form(
    client: Browser, bob: User, network: Network
) -> None:
    in_network(bob, network)
    log_in(client, bob)

    made = client.post("/enquete/uitdelen/", {"code-network": network.pk, "code": "1"})
    paper = client.post(
        "/enquete/uitdelen/",
        {"paper-network": network.pk, "paper-overall": "4", "paper": "1"},
    )

    assert made.status_code == 200
    assert SurveyCode.objects.filter(network=network).count() == 1
    assert paper.status_code == 302
    assert SurveyAnswer.objects.get().overall == 4


def test_a_paper_form_for_another_network_is_refused(
    client: Browser, bob: User, network: Network
) -> None:
    in_network(bob, network)
    other = NetworkFactory.create(slug="other")
    log_in(client, bob)

    response = client.post(
        "/enquete/uitdelen/",
        {"paper-network": other.pk, "paper-overall": "4", "paper": "1"},
    )

    assert response.status_code == 400
    assert not SurveyAnswer.objects.exists()


def test_a_stranger_cannot_hand_out_codes(client: Browser, bob: User, network: Network) -> None:
    log_in(client, bob)

    assert client.get("/enquete/uitdelen/").status_code == 404


def _answers(network: Network, quarter: str, contact: list[int | None]) -> None:
    for score in contact:
        SurveyAnswer.objects.create(network=network, quarter=quarter, contact=score, overall=4)


def test_the_share_agreeing_is_counted_among_those_who_gave_a_score(network: Network) -> None:
    # contact: 12 scores (4, 5, 5, 4, 4, 4, 3, 2, 1, 4, 5, 3), 2 "don't know", 1 skipped.
    _answers(network, "2026Q3", [4, 5, 5, 4, 4, 4, 3, 2, 1, 4, 5, 3, 0, 0, None])
    _answers(NetworkFactory.create(slug="other"), "2026Q3", [1] * 12)

    found = {row.key: row for row in experience_of(network, "2026Q3")}

    contact = found["contact"]
    # Five 4s and three 5s: 8 of 12 agree, 66.7 % rounds to 67.
    assert (contact.answers, contact.agreeing, contact.share) == (12, 8, 67)
    overall = found["overall"]
    assert (overall.answers, overall.share) == (15, 100)
    listened = found["listened"]
    assert (listened.answers, listened.share) == (0, None)


def test_fewer_answers_than_the_threshold_are_not_shown(
    client: Browser, alice: User, network: Network
) -> None:
    coordinating(alice, network)
    _answers(network, "2026Q3", [5] * 9)
    log_in(client, alice)

    rows = experience_of(network, "2026Q3")
    page = client.get("/figures/test/?quarter=2026Q3").content.decode()

    assert rows[0].answers == 9 and rows[0].share is None
    assert "eigen ervaring" in page
    assert "niet getoond" in page
    assert "<td>100%</td>" not in page


def test_the_csv_hides_a_small_count_and_shows_a_large_one(
    client: Browser, alice: User, network: Network
) -> None:
    coordinating(alice, network)
    _answers(network, "2026Q3", [5] * 9)
    log_in(client, alice)

    text = client.get("/figures/test/experience.csv?quarter=2026Q3").content.decode()
    pdf = client.get("/figures/test/report.pdf?quarter=2026Q3")

    # contact: 9 answers, hidden; overall: 9 answers, hidden too.
    assert "< 10" in text and "100%" not in text
    assert pdf.content.startswith(b"%PDF")
    _answers(network, "2026Q3", [4])
    text = client.get("/figures/test/experience.csv?quarter=2026Q3").content.decode()
    assert "10,100%" in text


def test_a_stranger_gets_no_survey_csv(client: Browser, bob: User, network: Network) -> None:
    _answers(network, "2026Q3", [5] * 12)
    log_in(client, bob)

    assert client.get("/figures/test/experience.csv?quarter=2026Q3").status_code == 404
