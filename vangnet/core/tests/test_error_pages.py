"""Every error page is Dutch, in the site's layout, with a way home; the 500 page needs no
database; under the API errors are JSON."""

from typing import Any

import pytest
from django.test import Client as HttpClient
from django.test import RequestFactory, override_settings

from vangnet.accounts.models import User
from vangnet.conftest import PASSWORD, log_in
from vangnet.core.errors import server_error

pytestmark = pytest.mark.django_db

# What Django's own bare pages say; none of it may reach a visitor.
DJANGO_ENGLISH = (
    "Bad Request",
    "Forbidden",
    "Not Found",
    "Server Error",
    "Too Many Requests",
    "CSRF verification failed",
    "The requested resource",
    "Go to the home page",
)
HOME_LINK = '<a href="/">Naar de startpagina</a>'


def assert_dutch_page(response: Any, status: int, heading: str) -> str:
    body: str = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert f"<h1>{heading}</h1>" in body
    assert HOME_LINK in body
    assert '<html lang="nl">' in body
    assert 'href="/static/vangnet/vangnet.css"' in body
    for english in DJANGO_ENGLISH:
        assert english not in body, english
    return body


@pytest.fixture
def http() -> HttpClient:
    return HttpClient(raise_request_exception=False)


@override_settings(ROOT_URLCONF="vangnet.core.tests.error_urls")
def test_a_bad_request_gets_the_dutch_400_page(http: HttpClient) -> None:
    assert_dutch_page(http.get("/fail/400/"), 400, "Dit kunnen we niet gebruiken")


@override_settings(ROOT_URLCONF="vangnet.core.tests.error_urls")
def test_a_forbidden_page_gets_the_dutch_403_page_with_the_menu(
    http: HttpClient, bob: User
) -> None:
    log_in(http, bob)
    body = assert_dutch_page(http.get("/fail/403/"), 403, "U mag deze pagina niet openen")
    assert "coördinator van uw netwerk" in body
    assert "Uitloggen" in body


def test_an_unknown_address_gets_the_dutch_404_page(http: HttpClient) -> None:
    body = assert_dutch_page(http.get("/nowhere/"), 404, "Pagina niet gevonden")
    assert "Wie doet wat" in body  # the menu is there


@override_settings(ROOT_URLCONF="vangnet.core.tests.error_urls")
def test_a_missing_object_gets_the_dutch_404_page_without_the_technical_reason(
    http: HttpClient,
) -> None:
    body = assert_dutch_page(http.get("/fail/404/"), 404, "Pagina niet gevonden")
    assert "No Network matches" not in body


@override_settings(ROOT_URLCONF="vangnet.core.tests.error_urls")
def test_a_fault_gets_the_dutch_500_page(http: HttpClient) -> None:
    body = assert_dutch_page(http.get("/fail/500/"), 500, "Er ging iets mis")
    assert "Bel 112" in body
    assert "RuntimeError" not in body


def test_the_500_page_renders_without_the_database(django_db_blocker: Any) -> None:
    request = RequestFactory().get("/care/my-clients/")
    with django_db_blocker.block():
        response = server_error(request)
    assert_dutch_page(response, 500, "Er ging iets mis")


def test_too_many_wrong_passwords_get_the_dutch_429_page(http: HttpClient, bob: User) -> None:
    for _ in range(6):
        response = http.post(
            "/accounts/login/", {"username": bob.email, "password": "wrong"}, follow=False
        )
    body = assert_dutch_page(response, 429, "Te vaak geprobeerd")
    assert PASSWORD not in body


def test_a_form_without_its_security_token_gets_the_dutch_403_page(bob: User) -> None:
    http = HttpClient(enforce_csrf_checks=True)
    response = http.post("/accounts/login/", {"username": bob.email, "password": PASSWORD})
    body = assert_dutch_page(response, 403, "Dit formulier is verlopen")
    assert "laad de pagina opnieuw" in body


@pytest.mark.parametrize(
    "path",
    ["/?q=%00", "/map/people/?q=Jan%00", "/nowhere%00/", "/map/?%00=1", "/clients/?page=1%00"],
)
def test_a_nul_character_anywhere_in_the_address_gets_the_dutch_400_page(
    http: HttpClient, path: str
) -> None:
    assert_dutch_page(http.get(path), 400, "Dit kunnen we niet gebruiken")


def test_a_nul_character_in_a_form_is_refused_before_the_view_runs(http: HttpClient) -> None:
    response = http.post("/accounts/login/", {"username": "bob\x00@example.org", "password": "x"})
    assert_dutch_page(response, 400, "Dit kunnen we niet gebruiken")


def test_a_nul_character_in_a_cookie_is_refused(http: HttpClient) -> None:
    # Django reads a quoted cookie's octal escapes: \000 becomes a NUL character.
    response = http.get("/", HTTP_COOKIE='sessionid="abcdefgh\\000ijk"')
    assert_dutch_page(response, 400, "Dit kunnen we niet gebruiken")


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/nowhere", 404),
        ("/api/v1/networks/%00/services", 400),
        ("/api/v1/networks/?q=%00", 400),
        ("/api/v1/networks/%C2%B2/services", 404),
        ("/api/v1/networks/x/hsds?kind=%C2%B2", 422),
        ("/api/v1/networks/" + "9" * 300 + "/who-does-what", 404),
    ],
)
def test_the_api_answers_odd_input_with_a_json_error(
    http: HttpClient, path: str, status: int
) -> None:
    response = http.get(path)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_the_400_page_keeps_the_visitors_language(http: HttpClient) -> None:
    http.cookies["django_language"] = "en"
    body = http.get("/?q=%00").content.decode()
    assert "<h1>We cannot use what was sent</h1>" in body
    assert '<html lang="en">' in body


@override_settings(ROOT_URLCONF="vangnet.core.tests.error_urls", DEBUG=True)
def test_in_debug_mode_a_missing_object_still_gets_the_friendly_404_page(
    http: HttpClient,
) -> None:
    body = assert_dutch_page(http.get("/fail/404/"), 404, "Pagina niet gevonden")
    assert "DEBUG = True" not in body


def test_in_debug_mode_a_missing_older_person_gets_the_friendly_404_page(
    http: HttpClient, bob: User, settings: Any
) -> None:
    settings.DEBUG = True
    log_in(http, bob)
    body = assert_dutch_page(http.get("/clients/999999/"), 404, "Pagina niet gevonden")
    assert "URLconf" not in body


def test_the_error_pages_have_the_new_look(django_db_blocker: Any) -> None:
    request = RequestFactory().get("/")
    with django_db_blocker.block():
        body = server_error(request).content.decode()
    assert 'href="/static/vangnet/theme.css"' in body
    assert 'class="site-header utrecht-page-header"' in body
    assert 'class="brand-mark"' in body
