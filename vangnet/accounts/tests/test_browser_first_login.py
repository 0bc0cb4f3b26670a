"""A professional's first login in a real browser, and every account page checked with axe."""

import re
from base64 import b32decode

import pytest
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from vangnet.accounts.models import User
from vangnet.conftest import PASSWORD, AxeChecker, browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code_from_secret(secret: str) -> str:
    """What an authenticator app shows for the key a person typed from the setup page."""
    totp = TOTP(b32decode(secret.replace(" ", "")))
    return f"{totp.token():06d}"


def _next_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + 1)
    return f"{totp.token():06d}"


def test_a_professional_sets_up_the_app_at_the_first_login(
    page: Page, live_server: object, axe: AxeChecker, bob: User
) -> None:
    base = str(live_server)
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text))
    page.goto(f"{base}/accounts/login/")
    axe.check(page)
    page.get_by_label("E-mailadres").fill("Bob@Example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Uw authenticator-app instellen")
    qr_code = page.get_by_role("img", name="QR-code om Vangnet toe te voegen")
    expect(qr_code).to_be_visible()
    # The QR code is a data: URI; the Content Security Policy lets it through.
    assert qr_code.evaluate("image => image.complete && image.naturalWidth > 0")
    axe.check(page)
    secret = page.locator(".secret-key code").inner_text()
    page.get_by_label("Code uit de app").fill(_code_from_secret(secret))
    page.get_by_role("button", name="Bevestigen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    codes = page.locator(".recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    assert all(re.fullmatch(r"[a-z2-7]{4}-[a-z2-7]{4}", code) for code in codes)
    axe.check(page)
    page.get_by_role("link", name="Ik heb mijn codes bewaard: verder").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vandaag")
    expect(page.get_by_role("link", name="Mijn account")).to_be_visible()
    axe.check(page)
    assert [text for text in refused if "Content Security Policy" in text] == []


def test_every_account_page_passes_axe(
    page: Page, live_server: object, axe: AxeChecker, bob: User
) -> None:
    base = str(live_server)
    browser_log_in(page, base, bob)
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()

    page.get_by_role("link", name="Mijn account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")
    axe.check(page)

    page.get_by_role("link", name="Wachtwoord wijzigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig dat u het bent")
    axe.check(page)
    page.get_by_label("Uw huidige wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtwoord wijzigen")
    page.locator("#id_new_password1").fill("kort")
    page.locator("#id_new_password2").fill("kort")
    page.get_by_role("button", name="Nieuw wachtwoord opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("te kort")
    axe.check(page)

    page.goto(f"{base}/accounts/two-factor/recovery-codes/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig dat u het bent")
    page.get_by_label("Uw huidige wachtwoord").fill(PASSWORD)
    # The code of this half minute went into logging in; the app's next code is new.
    page.get_by_label("Code").fill(_next_code(TOTPDevice.objects.get(user=bob)))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe herstelcodes maken")
    axe.check(page)
    page.get_by_role("button", name="Nieuwe herstelcodes maken").click()
    expect(page.locator(".recovery-codes li")).to_have_count(10)

    page.goto(f"{base}/accounts/two-factor/setup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw authenticator-app vervangen")
    axe.check(page)


def test_the_code_page_and_a_forgotten_password_pass_axe(
    page: Page, live_server: object, axe: AxeChecker, bob: User
) -> None:
    base = str(live_server)
    TOTPDevice.objects.create(user=bob, name="App", confirmed=True)
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mailadres").fill(bob.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vul uw code in")
    page.get_by_label("Code").fill("12")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe.check(page)
    page.get_by_role("button", name="Uitloggen").click()

    page.goto(f"{base}/accounts/login/")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtwoord vergeten?")
    axe.check(page)
    page.get_by_label("E-mailadres").fill(bob.email)
    page.get_by_role("button", name="Link versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")
    axe.check(page)

    link = re.search(r"/accounts/password/reset/\S+/", str(mail.outbox[0].body))
    assert link is not None
    page.goto(f"{base}{link.group(0)}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kies een nieuw wachtwoord")
    axe.check(page)
    page.locator("#id_new_password1").fill("lantaarn-fiets-wolk-spinazie")
    page.locator("#id_new_password2").fill("lantaarn-fiets-wolk-spinazie")
    page.get_by_role("button", name="Nieuw wachtwoord opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw wachtwoord is gewijzigd")
    axe.check(page)


def test_the_lockout_page_passes_axe(
    page: Page, live_server: object, axe: AxeChecker, bob: User
) -> None:
    page.goto(f"{live_server}/accounts/login/")
    for _ in range(5):
        page.get_by_label("E-mailadres").fill(bob.email)
        page.get_by_label("Wachtwoord").fill("wrong-password-guess")
        page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Te vaak geprobeerd")
    axe.check(page)
