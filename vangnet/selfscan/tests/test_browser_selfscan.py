import pytest
from playwright.sync_api import Page, expect

from vangnet.accounts.demo import DEMO_EMAIL_DOMAIN
from vangnet.accounts.models import User
from vangnet.conftest import AxeChecker, browser_log_in, menu_link
from vangnet.core.demo import DEMO_PASSWORD, DemoContext
from vangnet.directory.demo import build as directory
from vangnet.directory.demo_accounts import build as accounts
from vangnet.directory.models import Network
from vangnet.selfscan import actions
from vangnet.selfscan.membership import members_of
from vangnet.selfscan.models import Round, Statement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _demo() -> Network:
    ctx = DemoContext()
    for builder in (directory, accounts):
        builder(ctx)
    network: Network = ctx.shared["network"]
    return network


def test_a_coordinator_starts_a_round_five_members_answer_and_the_radar_appears(
    page: Page, live_server: object, axe: AxeChecker
) -> None:
    network = _demo()
    base = str(live_server)
    coordinator = User.objects.get(email=f"coordinator@{DEMO_EMAIL_DOMAIN}")
    gp = User.objects.get(email=f"gp@{DEMO_EMAIL_DOMAIN}")
    page.set_viewport_size({"width": 390, "height": 844})

    browser_log_in(page, base, coordinator, DEMO_PASSWORD)
    page.goto(f"{base}/")
    page.get_by_role("button", name="Menu").click()
    menu_link(page, "Zelfscan van het netwerk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Zelfscan · {network.name}")
    axe.check(page)

    page.get_by_role("link", name="De stellingen aanpassen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Stellingen · {network.name}")
    expect(page.get_by_role("textbox", name="Stelling 1.1:")).to_have_value(
        "Ik weet wie de andere partners in het netwerk zijn en wat zij doen."
    )
    axe.check(page)
    page.get_by_role("link", name="Terug naar de rondes").click()

    page.get_by_label("naam van de ronde").fill("Voorjaar 2027")
    with page.expect_navigation():
        page.get_by_role("button", name="Ronde starten").click()
    expect(page.get_by_text("De ronde is open.")).to_be_visible()
    expect(page.get_by_text("zodra ten minste 5 leden")).to_be_visible()
    axe.check(page)
    round_ = Round.objects.get()
    assert Statement.objects.filter(network=network).count() == 25

    # Four members answered on their own phones; the GP answers here.
    others = [m for m in members_of(network) if m.user not in (coordinator, gp)][:4]
    for number, member in enumerate(others):
        actions.response_submit(
            round_=round_,
            user_id=member.user.pk,
            tier=member.tier,
            scores={s.pk: 2 + (s.pk + number) % 4 for s in round_.statements.all()},
            remarks={"lines": "Bellen lukt overdag slecht."} if number == 0 else {},
        )

    page.context.clear_cookies()
    browser_log_in(page, base, gp, DEMO_PASSWORD)
    page.goto(f"{base}/inbox/")
    with page.expect_navigation():
        page.get_by_role("button", name=f"Openen: Zelfscan van {network.name}").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zelfscan · Voorjaar 2027")
    axe.check(page)
    # Sent with one statement unanswered: the page says which, and keeps the rest.
    radios = page.locator("input[type=radio][value='4']")
    for index in range(radios.count() - 1):
        radios.nth(index).check()
    page.get_by_label("Opmerking over Korte lijnen hebben").fill("Meer vaste belmomenten.")
    with page.expect_navigation():
        page.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies een score bij deze stelling.")
    expect(page.get_by_label("Opmerking over Korte lijnen hebben")).to_have_value(
        "Meer vaste belmomenten."
    )
    axe.check(page)
    radios.last.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Mijn antwoorden versturen").click()

    expect(page.get_by_text("Uw antwoorden zijn opgeslagen, zonder uw naam.")).to_be_visible()
    expect(
        page.get_by_role("img", name="Radargrafiek van de werkzame elementen: Iedereen")
    ).to_be_visible()
    expect(
        page.get_by_role("heading", name="Agenda voor het volgende stuurgroepoverleg")
    ).to_be_visible()
    expect(page.get_by_text("Meer vaste belmomenten.")).to_be_visible()
    expect(page.get_by_role("link", name="De stellingen beantwoorden")).to_have_count(0)
    axe.check(page)

    # A second try is refused kindly.
    page.goto(f"{base}/selfscan/rounds/{round_.pk}/answer/")
    expect(page.get_by_text("U hebt in deze ronde al geantwoord. Dank u wel.")).to_be_visible()
    assert round_.responses.count() == 5

    # Someone outside every network finds an explanation, not the rounds.
    outsider = User.objects.get(email=f"outsider@{DEMO_EMAIL_DOMAIN}")
    page.context.clear_cookies()
    browser_log_in(page, base, outsider, DEMO_PASSWORD)
    page.goto(f"{base}/selfscan/")
    expect(page.get_by_text("U bent geen lid van een netwerk.")).to_be_visible()
    axe.check(page)
