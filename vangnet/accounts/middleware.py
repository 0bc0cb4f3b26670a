"""Login rules that hold on every page: the second step, the session's lifetime, safe headers."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import ngettext

from vangnet.accounts.decorators import LOGIN_STEP, PUBLIC, access_of
from vangnet.accounts.twofactor import confirmed_authenticator, is_verified

LOGIN_STARTED_SESSION_KEY = "vangnet_login_started"

# Nothing in Vangnet uses these browser features; a page that tries gets nothing.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

GetResponse = Callable[[HttpRequest], HttpResponseBase]


def mark_login_started(request: HttpRequest) -> None:
    request.session[LOGIN_STARTED_SESSION_KEY] = timezone.now().timestamp()


def _redirect(request: HttpRequest, url: str) -> HttpResponseBase:
    """A redirect that htmx follows as a full page load instead of swapping it into the page."""
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _with_next(url_name: str, request: HttpRequest) -> str:
    url = reverse(url_name)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return url


class SessionLifetimeMiddleware:
    """Ends a login after ``SESSION_ABSOLUTE_SECONDS``, however active the person was.

    Inactivity is handled by the session itself (``SESSION_COOKIE_AGE`` with
    ``SESSION_SAVE_EVERY_REQUEST``); this adds the fixed upper limit.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        session = request.session
        if SESSION_KEY in session:
            started = session.get(LOGIN_STARTED_SESSION_KEY)
            now = timezone.now().timestamp()
            if not isinstance(started, int | float):
                # A login made outside the login page (tests, the shell) starts counting now.
                session[LOGIN_STARTED_SESSION_KEY] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                hours = max(1, round(settings.SESSION_ABSOLUTE_SECONDS / 3600))
                messages.info(
                    request,
                    ngettext(
                        "You were logged out because you had been logged in for %(hours)d "
                        "hour. Please log in again.",
                        "You were logged out because you had been logged in for %(hours)d "
                        "hours. Please log in again.",
                        hours,
                    )
                    % {"hours": hours},
                )
                return _redirect(request, _with_next("accounts:login", request))
        return self.get_response(request)


class TwoFactorMiddleware:
    """Lets nobody past the password alone: every page needs the second step too.

    Someone who entered a password but not yet a code is sent to the code page
    (or to setting up an authenticator app, the first time). Exceptions: the
    login steps themselves, and public pages, which such a person sees as an
    anonymous visitor. Visitors who are not logged in are left alone here.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        user = request.user
        if not user.is_authenticated or is_verified(user):
            return None
        access = access_of(view_func)
        if access == LOGIN_STEP:
            return None
        match = request.resolver_match
        if access == PUBLIC or (match and match.view_name in settings.VANGNET_PUBLIC_VIEWS):
            _as_anonymous(request)
            return None
        step = "accounts:verify" if confirmed_authenticator(user) else "accounts:setup"
        return _redirect(request, _with_next(step, request))


def _as_anonymous(request: HttpRequest) -> None:
    anonymous = AnonymousUser()
    # The same attributes django-otp's middleware gives every user.
    anonymous.otp_device = None  # type: ignore[attr-defined]
    anonymous.is_verified = lambda: False  # type: ignore[attr-defined]
    request.user = anonymous

    async def auser() -> AnonymousUser:
        return anonymous

    request.auser = auser


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: no browser features, no caching of logged-in pages."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        # Pages for a logged-in professional may hold personal data: keep them out of caches.
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            add_never_cache_headers(response)
        return response
