"""Each demo role logs in and finds its own work on the start page; every card opens its list."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, ViewportSize, expect

from vangnet.accounts.models import Role, User
from vangnet.conftest import AxeChecker, browser_log_in
from vangnet.core.demo import DEMO_PASSWORD
from vangnet.workplace.demo import build_demo
from vangnet.workplace.today import today_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 360, "height": 740}
# Demo account → cards it must have, and cards it must not have.
EXPECTED: dict[str, tuple[set[str], set[str]]] = {
    "coordinator": ({"signals-new", "signals-overdue", "follow-ups", "emergency-review"}, set()),
    "gp": ({"casefinding", "clients"}, {"signals-new", "follow-ups", "referrals"}),
    "poh": ({"casefinding", "actions"}, {"signals-new", "emergency-review"}),
    "district-nurse": ({"actions", "evaluations"}, {"casefinding", "follow-ups"}),
    "social-worker": ({"referrals", "actions", "signals-mine"}, {"casefinding", "signals-new"}),
    "read-only": ({"clients", "inbox"}, {"actions", "referrals", "signals-new"}),
    "outsider": (set(), {"clients", "inbox", "signals-new"}),
}


def _fits_the_screen(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a phone"


def test_a_visitor_sees_the_worry_form_first(
    page: Page, live_server: object, axe: AxeChecker
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/")
    first = page.locator(".card-list > li").first
    expect(first.get_by_role("link")).to_have_text("Ik maak me zorgen over iemand")
    _fits_the_screen(page)
    axe.check(page)
    first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ik maak me zorgen over iemand")


def test_each_demo_role_sees_its_own_work_and_every_card_opens(
    page: Page, live_server: object, axe: AxeChecker
) -> None:
    base = str(live_server)
    # A transactional test starts without the roles the migrations made.
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    build_demo()
    page.set_viewport_size(PHONE)
    seen: dict[str, dict[str, str]] = {}
    for key, (must, must_not) in EXPECTED.items():
        user = User.objects.get(email=f"{key}@demo.vangnet.nl")
        page.context.clear_cookies()
        browser_log_in(page, base, user, password=DEMO_PASSWORD)
        page.goto(f"{base}/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Vandaag")
        _fits_the_screen(page)
        axe.check(page)
        cards = page.locator("[data-card]")
        shown = {
            card.get_attribute("data-card") or "": card.locator(".card-count").all_inner_texts()
            for card in cards.all()
        }
        assert must <= set(shown), (key, sorted(shown))
        assert not (must_not & set(shown)), (key, sorted(shown))
        # The numbers are this person's own, as the start page counts them.
        expected = {c.key: "" if c.count is None else str(c.count) for c in today_for(user).cards}
        assert {k: "".join(v) for k, v in shown.items()} == expected, key
        seen[key] = expected
        for card_key in shown:
            link = page.locator(f"[data-card='{card_key}'] h3 a")
            with page.expect_navigation() as navigation:
                link.click()
            response = navigation.value
            assert response is not None and response.status == 200, (key, card_key, page.url)
            page.goto(f"{base}/")
        if key == "read-only":
            expect(page.locator(".notice")).to_contain_text("alleen-lezen")
        if key == "outsider":
            expect(page.get_by_role("heading", name="Nog geen werk voor u")).to_be_visible()
            page.get_by_role("link", name="Wie doet wat").last.click()
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            axe.check(page)
    # Different people, different work.
    assert seen["coordinator"] != seen["social-worker"]
    assert seen["gp"]["casefinding"] != ""
