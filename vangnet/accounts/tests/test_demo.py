"""The demo accounts: one per role, all with the published demo key."""

import pytest
from django.core.checks import run_checks
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.accounts import demo
from vangnet.accounts.models import Role, User
from vangnet.accounts.tests.helpers import enter_code, enter_password
from vangnet.core.demo import DEMO_PASSWORD, DemoContext
from vangnet.directory import demo_accounts
from vangnet.directory.models import Person
from vangnet.directory.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _build(people: dict[str, Person] | None = None) -> DemoContext:
    ctx = DemoContext()
    if people is not None:
        ctx.shared["demo_people"] = people
    demo_accounts.build(ctx)
    return ctx


def test_every_demo_role_gets_an_account_with_the_right_group() -> None:
    ctx = _build()
    expected = {
        "coordinator@demo.vangnet.nl": Role.COORDINATOR,
        "gp@demo.vangnet.nl": Role.PROFESSIONAL,
        "poh@demo.vangnet.nl": Role.PROFESSIONAL,
        "district-nurse@demo.vangnet.nl": Role.PROFESSIONAL,
        "social-worker@demo.vangnet.nl": Role.PROFESSIONAL,
        "read-only@demo.vangnet.nl": Role.READ_ONLY,
        "outsider@demo.vangnet.nl": Role.PROFESSIONAL,
    }
    for email, role in expected.items():
        user = User.objects.get(email=email)
        assert [group.name for group in user.groups.all()] == [role.value]
        assert user.check_password(DEMO_PASSWORD)
        assert user.person.user_id == user.pk
    admin = User.objects.get(email="admin@demo.vangnet.nl")
    assert admin.is_superuser
    assert [login.email for login in ctx.logins] == [*expected, admin.email]
    assert all(demo.DEMO_TOTP_SECRET in login.note for login in ctx.logins)


def test_the_demo_links_the_people_the_directory_demo_left() -> None:
    gp = PersonFactory.create(name="Dokter Demo")
    _build({"gp": gp})
    gp.refresh_from_db()
    assert gp.user is not None and gp.user.email == "gp@demo.vangnet.nl"
    assert gp.user.full_name == "Dokter Demo"


def test_every_demo_account_has_the_published_key() -> None:
    _build()
    keys = set(TOTPDevice.objects.filter(confirmed=True).values_list("key", flat=True))
    assert keys == {demo.DEMO_TOTP_KEY_HEX}
    assert TOTPDevice.objects.count() == 8


def test_a_demo_account_logs_in_with_the_demo_code(client: Client) -> None:
    _build()
    enter_password(client, "gp@demo.vangnet.nl", DEMO_PASSWORD)
    assert enter_code(client, demo.demo_code_now()) == "/"


def test_the_code_page_shows_the_demo_code_only_in_demo_mode(
    client: Client, settings: object
) -> None:
    _build()
    enter_password(client, "poh@demo.vangnet.nl", DEMO_PASSWORD)
    settings.VANGNET_DEMO_OTP = True  # type: ignore[attr-defined]
    settings.DEBUG = False  # type: ignore[attr-defined]
    assert "Alleen voor de demo" not in client.get(reverse("accounts:verify")).content.decode()
    assert [message.id for message in run_checks()].count("accounts.E001") == 1
    settings.DEBUG = True  # type: ignore[attr-defined]
    before = demo.demo_code_now()
    page = client.get(reverse("accounts:verify")).content.decode()
    shown = {before, demo.demo_code_now()}  # the 30-second step may turn meanwhile
    assert any(f"de code voor demo-accounts is nu {code}." in page for code in shown)


def test_the_demo_code_is_not_shown_for_an_account_with_its_own_key(
    client: Client, bob: User, settings: object
) -> None:
    TOTPDevice.objects.create(user=bob, name="App", confirmed=True)
    settings.VANGNET_DEMO_OTP = True  # type: ignore[attr-defined]
    settings.DEBUG = True  # type: ignore[attr-defined]
    enter_password(client, bob.email)
    assert "Alleen voor de demo" not in client.get(reverse("accounts:verify")).content.decode()
