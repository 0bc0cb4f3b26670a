"""Fixtures shared by every app's tests: named people, and the browser set-up."""

import os
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from playwright.sync_api import Page

from vangnet.accounts.models import Role, User

CHROMIUM = os.environ.get("VANGNET_CHROMIUM", "/usr/bin/chromium")
PASSWORD = "correct-horse-battery-staple"


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
        user.groups.add(Group.objects.get(name=role.value))
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


def log_in(client: Any, user: User) -> None:
    """Log a professional in on the Django test client, second factor included."""
    client.force_login(user)


def browser_log_in(page: Page, base_url: str, user: User, password: str = PASSWORD) -> None:
    """Log a professional in through the login page, as a person would."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
