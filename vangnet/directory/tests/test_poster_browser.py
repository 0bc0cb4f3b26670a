"""The poster, the import and the export in a real browser: download, check, apply."""

import io
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from vangnet.accounts.models import User
from vangnet.conftest import AxeChecker, browser_log_in
from vangnet.directory.models import Network, Organisation, PathwayStep
from vangnet.directory.tests.factories import (
    NetworkFactory,
    OrganisationFactory,
    StepAssignmentFactory,
    area_tree,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _network() -> Network:
    _, _, neighbourhood = area_tree()
    network: Network = NetworkFactory.create(
        name="Netwerk Oude Kern", night_and_weekend="Huisartsenpost Testdorp: 0900-1234567"
    )
    network.areas.add(neighbourhood)
    StepAssignmentFactory.create(
        network=network,
        step=PathwayStep.SIGNALLING,
        organisation=OrganisationFactory.create(name="Huisartsenpraktijk Het Anker"),
        nights_weekends="Huisartsenpost Testdorp: 0900-1234567",
    )
    return network


def test_a_coordinator_downloads_both_posters_from_the_network_page(
    page: Page, live_server: object, axe: AxeChecker, alice: User, settings: Any
) -> None:
    settings.SITE_URL = "https://vangnet.example.nl"
    network = _network()
    browser_log_in(page, str(live_server), alice)
    page.goto(f"{live_server}/map/networks/{network.slug}/")
    downloads = page.locator("#downloads")
    downloads.get_by_role("link", name="Een poster maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Poster voor de wachtkamer")
    axe.check(page)

    # The poster for older people and carers, the first choice, on A4 as a PDF.
    expect(page.get_by_label("Wie kunt u bellen: voor ouderen en mantelzorgers")).to_be_checked()
    with page.expect_download() as info:
        page.get_by_role("button", name="Poster downloaden").click()
    download = info.value
    assert download.suggested_filename == f"wie-kunt-u-bellen-{network.slug}-A4.pdf"
    reader = PdfReader(io.BytesIO(Path(download.path()).read_bytes()))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Wie kunt u bellen?" in text
    assert "Gaat het thuis minder goed?" in text
    assert "Huisartsenpraktijk Het Anker" in text
    assert f"https://vangnet.example.nl/map/{network.slug}/public/" in text
    assert "Nog niemand" not in text

    # Who does what, on A3 as a picture.
    page.get_by_label("Wie doet wat: de zes stappen van de zorg").check()
    page.get_by_label("A3, voor aan de muur").check()
    page.get_by_label("PNG-afbeelding, voor een nieuwsbrief").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Poster downloaden").click()
    assert info.value.suggested_filename == f"wie-doet-wat-{network.slug}-A3.png"


def test_without_a_site_address_the_poster_page_says_so_in_dutch(
    page: Page, live_server: object, axe: AxeChecker, settings: Any
) -> None:
    settings.DEBUG = False
    settings.SITE_URL = "http://127.0.0.1:8000"
    network = _network()
    page.goto(f"{live_server}/map/networks/{network.slug}/poster/")
    problem = page.get_by_role("alert")
    expect(problem).to_contain_text("De poster kan nog niet worden gemaakt")
    expect(problem).to_contain_text("het webadres van deze Vangnet is niet ingesteld")
    expect(page.get_by_role("button", name="Poster downloaden")).to_have_count(0)
    axe.check(page)


def test_a_coordinator_checks_a_file_fixes_it_and_imports_it(
    page: Page, live_server: object, axe: AxeChecker, alice: User, tmp_path: Path
) -> None:
    area_tree()
    browser_log_in(page, str(live_server), alice)
    page.goto(f"{live_server}/map/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Importeren in de sociale kaart")
    axe.check(page)
    bad = tmp_path / "organisaties.csv"
    bad.write_text("naam;type;postcode\nWijkcentrum De Brug;buurthuis;99 AB\n", encoding="utf-8")
    page.get_by_role("radio", name="Organisaties").check()
    page.get_by_label("Bestand").set_input_files(str(bad))
    page.get_by_role("button", name="Bestand controleren").click()
    problems = page.locator("#import-problems")
    expect(problems).to_contain_text("'buurthuis' is geen bekende waarde.")
    expect(problems).to_contain_text("'99 AB' is geen Nederlandse postcode.")
    axe.check(page)
    assert not Organisation.objects.exists()

    good = tmp_path / "organisaties-goed.csv"
    good.write_text(
        "naam;type;postcode\nWijkcentrum De Brug;welzijnsorganisatie;9901 AB\n", encoding="utf-8"
    )
    page.get_by_role("link", name="Een ander bestand controleren").click()
    page.get_by_role("radio", name="Organisaties").check()
    page.get_by_label("Bestand").set_input_files(str(good))
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.locator("#import-preview")).to_contain_text("Wijkcentrum De Brug")
    axe.check(page)
    page.get_by_role("button", name="1 vermelding importeren").click()
    expect(page.locator("#import-summary")).to_contain_text("1 vermelding geïmporteerd")
    assert Organisation.objects.get().name == "Wijkcentrum De Brug"


def test_a_professional_downloads_the_services_as_hsds(
    page: Page, live_server: object, axe: AxeChecker, bob: User
) -> None:
    _network()
    browser_log_in(page, str(live_server), bob)
    page.goto(f"{live_server}/map/export/")
    axe.check(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Aanbod als HSDS").click()
    assert info.value.suggested_filename.startswith("hsds-services-")
