import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from vangnet.conftest import AxeChecker
from vangnet.directory.tests.factories import NetworkFactory
from vangnet.monitoring.models import SurveyAnswer
from vangnet.monitoring.survey import issue_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_older_person_answers_the_survey_on_a_phone(
    page: Page, live_server: object, axe: AxeChecker
) -> None:
    cache.clear()
    code = issue_code(NetworkFactory.create(slug="test"))
    base = str(live_server)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{base}/enquete/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe was de hulp voor u?")
    axe.check(page)

    page.get_by_label("Code van het briefje").fill("ABCD-2345")
    page.get_by_role("group", name="Ik weet wie mijn contactpersoon is.").get_by_label(
        "Helemaal waar"
    ).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze code klopt niet of is al gebruikt.")
    axe.check(page)

    page.get_by_label("Code van het briefje").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dank u wel")
    axe.check(page)
    assert SurveyAnswer.objects.get().contact == 5
