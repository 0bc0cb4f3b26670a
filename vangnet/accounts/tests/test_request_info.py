"""The visitor's address and the login name, as the lockout and the login history use them."""

from django.test import RequestFactory, override_settings

from vangnet.accounts.request_info import client_ip, login_username


def test_without_a_proxy_the_forwarded_header_is_ignored() -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="203.0.113.99"
    )
    assert client_ip(request) == "192.0.2.10"


@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_behind_the_proxy_only_the_address_it_added_counts() -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    assert client_ip(request) == "203.0.113.7"


@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_a_forwarded_header_that_is_not_an_address_is_ignored() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="evil")
    assert client_ip(request) == "127.0.0.1"


def test_the_login_name_ignores_case_and_spaces() -> None:
    request = RequestFactory().post("/", {"username": " Bob@Example.ORG "})
    assert login_username(request, None) == "bob@example.org"
    assert login_username(request, {"username": "ALICE@example.org"}) == "alice@example.org"
