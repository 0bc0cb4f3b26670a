"""Every page needs both login steps, except the login itself and pages that are public."""

import pytest
from django.test import Client
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.accounts.tests.helpers import enter_password, give_authenticator
from vangnet.conftest import log_in, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.urls("vangnet.accounts.tests.urls_public")]


def test_it_refuses_a_half_logged_in_user_on_a_protected_page(client: Client, bob: User) -> None:
    give_authenticator(bob)
    enter_password(client, bob.email)
    response = client.get("/example/private/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify") + "?next=%2Fexample%2Fprivate%2F"


def test_it_sends_someone_without_an_app_to_set_one_up(client: Client, bob: User) -> None:
    enter_password(client, bob.email)
    response = client.get("/example/private/")
    assert response["Location"].startswith(reverse("accounts:setup"))


def test_it_refuses_a_half_logged_in_post_too(client: Client, bob: User) -> None:
    give_authenticator(bob)
    enter_password(client, bob.email)
    response = client.post("/example/private/", {"anything": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify")


def test_htmx_requests_get_a_full_page_redirect(client: Client, bob: User) -> None:
    give_authenticator(bob)
    enter_password(client, bob.email)
    response = client.get("/example/private/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:verify"))


def test_it_lets_a_fully_logged_in_user_through(client: Client, bob: User) -> None:
    log_in(client, bob)
    assert client.get("/example/private/").content == b"Private page"


def test_a_page_marked_public_stays_public(client: Client) -> None:
    assert client.get("/example/worry/").content == b"Worry form for a visitor"


def test_a_public_page_treats_a_half_logged_in_user_as_a_visitor(client: Client, bob: User) -> None:
    give_authenticator(bob)
    enter_password(client, bob.email)
    response = client.get("/example/worry/")
    assert response.status_code == 200
    assert response.content == b"Worry form for a visitor"
    # The half-finished login is still there for the code page.
    assert client.get(reverse("accounts:verify")).status_code == 200


def test_a_public_page_shows_a_fully_logged_in_user_as_such(client: Client, bob: User) -> None:
    log_in(client, bob)
    assert client.get("/example/worry/").content == b"Worry form for a professional"


def test_the_language_switch_works_halfway_through_logging_in(client: Client, bob: User) -> None:
    give_authenticator(bob)
    enter_password(client, bob.email)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/example/worry/"})
    assert response.status_code == 302 and response["Location"] == "/example/worry/"


def test_the_forgotten_password_page_is_public(client: Client, bob: User) -> None:
    give_authenticator(bob)
    enter_password(client, bob.email)
    assert client.get(reverse("accounts:password_reset")).status_code == 200


def test_log_out_works_halfway_through_logging_in(client: Client, bob: User) -> None:
    give_authenticator(bob)
    enter_password(client, bob.email)
    client.post(reverse("accounts:logout"))
    assert client.get("/example/worry/").content == b"Worry form for a visitor"
    assert client.get(reverse("accounts:verify"))["Location"].startswith(reverse("accounts:login"))


def test_anonymous_visitors_are_left_to_the_page_itself(client: Client) -> None:
    assert client.get("/example/private/").content == b"Private page"
    assert client.get(reverse("workplace:home")).status_code == 200


def test_the_home_page_needs_both_steps_once_a_password_is_entered(
    client: Client, bob: User
) -> None:
    give_authenticator(bob)
    enter_password(client, bob.email)
    assert client.get(reverse("workplace:home"))["Location"].startswith(reverse("accounts:verify"))


def test_the_admin_sends_visitors_to_the_two_step_login(client: Client) -> None:
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:login") + "?next=/admin/"


def test_the_admin_opens_for_a_superuser_past_both_steps(client: Client) -> None:
    admin = make_user("root@example.org", "Beheerder", is_superuser=True, is_staff=True)
    log_in(client, admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/accountevent/").status_code == 200


def test_the_admin_needs_the_second_step_of_a_superuser(client: Client) -> None:
    admin = make_user("root@example.org", "Beheerder", is_superuser=True, is_staff=True)
    give_authenticator(admin)
    enter_password(client, admin.email)
    assert client.get("/admin/")["Location"] == reverse("accounts:verify") + "?next=%2Fadmin%2F"


def test_the_admin_refuses_staff_who_are_not_superusers(client: Client, alice: User) -> None:
    alice.is_staff = True
    alice.save()
    log_in(client, alice)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403


def test_an_administrator_can_remove_someones_authenticator(client: Client, bob: User) -> None:
    admin = make_user("root@example.org", "Beheerder", is_superuser=True, is_staff=True)
    give_authenticator(bob)
    log_in(client, admin)
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 200
    assert client.get("/admin/otp_static/staticdevice/").status_code == 200
