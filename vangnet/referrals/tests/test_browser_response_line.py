"""A professional finds a demo service and reads how it answers referrals in practice."""

from importlib import import_module

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from vangnet.accounts.demo import DEMO_EMAIL_DOMAIN
from vangnet.accounts.models import User
from vangnet.conftest import AxeChecker, browser_log_in
from vangnet.core.demo import DEMO_PASSWORD, DemoContext
from vangnet.directory.models import Service
from vangnet.directory.response_notes import response_notes
from vangnet.referrals.models import Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUILDERS = (
    "vangnet.directory.demo",
    "vangnet.directory.demo_accounts",
    "vangnet.clients.demo",
    "vangnet.referrals.demo",
)


def test_a_demo_service_shows_how_it_answers_referrals(
    page: Page, live_server: object, axe: AxeChecker
) -> None:
    ctx = DemoContext()
    for module in BUILDERS:
        import_module(module).build(ctx)
    referred = set(Referral.objects.exclude(service=None).values_list("service_id", flat=True))
    lines = response_notes(services=referred).services
    assert lines, "the demo needs a service with ten referrals in the last year"
    service = Service.objects.get(pk=min(lines))
    base = str(live_server)
    browser_log_in(
        page, base, User.objects.get(email=f"coordinator@{DEMO_EMAIL_DOMAIN}"), DEMO_PASSWORD
    )
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(base + reverse("directory:search"))
    search = page.locator("main").get_by_role("searchbox")
    search.fill(service.name)
    search.press("Enter")
    result = page.locator("li.card", has=page.get_by_role("link", name=service.name))
    expect(result.locator(".response-line")).to_contain_text("verwijzingen opgepakt")
    axe.check(page)

    result.get_by_role("link", name=service.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(service.name)
    line = page.locator(".response-line")
    expect(line).to_contain_text("Reageert meestal binnen")
    expect(line).to_contain_text("verwijzingen opgepakt")
    expect(line).to_contain_text("afgelopen 12 maanden")
    axe.check(page)
