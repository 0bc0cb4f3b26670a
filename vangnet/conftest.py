"""Fixtures shared by every app's tests: named people, and the browser set-up."""

import os
import time
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Locator, Page

from vangnet.accounts.models import Role, User

CHROMIUM = os.environ.get("VANGNET_CHROMIUM", "/usr/bin/chromium")
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(scope="session", autouse=True)
def _audit_log_clearable_between_tests(django_db_setup: None, django_db_blocker: Any) -> None:
    """Tests empty every table between transactional tests; the log's triggers would refuse.

    The trigger tests install them again inside their own, rolled-back transaction.
    """
    from django.db import connection

    from vangnet.audit import dbtriggers

    with django_db_blocker.unblock():
        dbtriggers.remove(connection)


@pytest.fixture(autouse=True)
def _audit_checkpoints_per_test(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each test keeps its own access-log checkpoints, as its database is its own too."""
    settings.VANGNET_AUDIT_CHECKPOINT_DIR = str(tmp_path_factory.mktemp("checkpoints"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}


def make_user(email: str, name: str, role: Role | None = None, **extra: Any) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, full_name=name, **extra)
    if role is not None:
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
        user.__dict__.pop("role_names", None)
    return user


@pytest.fixture
def alice(db: None) -> User:
    """A network coordinator."""
    return make_user("alice@example.org", "Alice de Vries", Role.COORDINATOR)


@pytest.fixture
def bob(db: None) -> User:
    """A professional in the network."""
    return make_user("bob@example.org", "Bob Jansen", Role.PROFESSIONAL)


@pytest.fixture
def charlie(db: None) -> User:
    """A professional with no relationship to anything Alice and Bob share."""
    return make_user("charlie@example.org", "Charlie Bakker", Role.PROFESSIONAL)


@pytest.fixture
def axe() -> "AxeChecker":
    return AxeChecker()


class AxeChecker:
    """Runs axe-core on a page and fails with the list of violations."""

    def __init__(self) -> None:
        self._axe = Axe()

    def check(self, page: Page) -> None:
        results = self._axe.run(page)
        violations = results.response["violations"]
        assert violations == [], results.generate_report()


def assert_no_axe_violations(page: Page) -> None:
    AxeChecker().check(page)


def _authenticator(user: User) -> TOTPDevice:
    """The user's confirmed authenticator app, made on the spot when the user has none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True)
    return device


def log_in(client: Any, user: User) -> None:
    """Log a professional in on the Django test client, second factor included."""
    client.force_login(user)
    session = client.session
    # What django_otp.login() stores once the second step is passed.
    session[DEVICE_ID_SESSION_KEY] = _authenticator(user).persistent_id
    session.save()


def current_code(device: TOTPDevice) -> str:
    """The code the person's authenticator app shows right now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def browser_log_in(page: Page, base_url: str, user: User, password: str = PASSWORD) -> None:
    """Log a professional in through the login page and the code page, as a person would."""
    device = _authenticator(user)
    # A code is accepted once per 30 seconds; a test may log the same person in twice.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    if "/accounts/login/code/" not in page.url:
        return  # The password was refused; the login page says why.
    page.get_by_label("Code").fill(current_code(device))
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()


def menu_link(page: Page, name: str) -> Locator:
    """A link in the main menu, with its group opened first (on a phone: the menu too)."""
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    link = nav.get_by_role("link", name=name, exact=True)
    toggle = page.get_by_role("button", name="Menu")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    if not link.is_visible():
        # A link in a closed group is out of the accessibility tree until the group opens.
        hidden = page.get_by_role("link", name=name, exact=True, include_hidden=True)
        nav.locator("details").filter(has=hidden).locator("summary").click()
    return link
