"""A GP opens the dossier on a laptop and a phone; with less consent there are no dead ends."""

import pytest
from playwright.sync_api import Page, expect

from vangnet.accounts.models import User
from vangnet.clients.tests.dossier_world import dossier_world, share_only
from vangnet.conftest import AxeChecker, browser_log_in
from vangnet.consent.models import DataCategory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _every_link_opens(page: Page) -> int:
    """Every link inside the page's main part answers 200; returns how many were tried."""
    hrefs = page.locator("main a[href]").evaluate_all("links => links.map(a => a.href)")
    pages = sorted({h for h in hrefs if "#" not in h.split("/")[-1]})
    for href in pages:
        response = page.request.get(href)
        assert response.status == 200, href
    return len(pages)


def test_the_dossier_at_a_glance_on_a_laptop_and_a_phone(
    page: Page, live_server: object, axe: AxeChecker, bob: User
) -> None:
    base = str(live_server)
    older = dossier_world(bob).client
    browser_log_in(page, base, bob)

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{base}/clients/{older.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(older.full_name)
    steps = page.get_by_role("region", name="De zes stappen").get_by_role("list")
    expect(steps.get_by_role("listitem")).to_have_count(6)
    expect(steps.locator('[aria-current="step"]')).to_contain_text("Aanspreekpunt")
    expect(page.get_by_text("Kwetsbaar", exact=True)).to_be_visible()
    timeline = page.get_by_role("region", name="Wat er gebeurde")
    expect(timeline.get_by_role("link", name="Plan versie 3")).to_be_visible()
    expect(timeline.get_by_text("Signaal: Vallen")).to_be_visible()
    axe.check(page)

    page.set_viewport_size({"width": 390, "height": 844})
    expect(steps).to_be_visible()
    expect(page.get_by_text("Kwetsbaar", exact=True)).to_be_visible()
    expect(timeline).to_be_visible()
    _fits(page, 390)
    axe.check(page)

    page.get_by_role("link", name="Traject en plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Traject van")


def test_a_professional_with_partial_consent_meets_no_dead_links(
    page: Page, live_server: object, axe: AxeChecker, bob: User
) -> None:
    base = str(live_server)
    older = dossier_world(bob).client
    share_only(older, [DataCategory.IDENTITY, DataCategory.PLAN])
    browser_log_in(page, base, bob)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{base}/clients/{older.pk}/")
        screening = page.get_by_role("region", name="Screening")
        expect(screening).to_contain_text(
            "De uitkomsten van de screening zijn niet met u gedeeld. "
            "Vraag de oudere of het aanspreekpunt om toestemming."
        )
        expect(screening.get_by_role("link")).to_have_count(0)
        expect(page.get_by_role("region", name="Verwijzingen")).to_contain_text(
            "De verwijzingen zijn niet met u gedeeld."
        )
        expect(page.get_by_role("region", name="Plan", exact=True)).to_contain_text("Plan versie 3")
        _fits(page, width)
        axe.check(page)
    assert _every_link_opens(page) > 10
