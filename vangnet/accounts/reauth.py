"""Asking for the password again (and a fresh code) before someone changes how they log in."""

import time
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

REAUTH_SESSION_KEY = "vangnet_reauth"


def mark_reauthenticated(session: SessionBase, *, with_code: bool) -> None:
    session[REAUTH_SESSION_KEY] = {"at": time.time(), "with_code": with_code}


def is_recently_reauthenticated(session: SessionBase, *, with_code: bool) -> bool:
    """Whether the password (and, if asked, a code) was confirmed within the last few minutes."""
    state = session.get(REAUTH_SESSION_KEY)
    if not isinstance(state, dict):
        return False
    age = time.time() - float(state.get("at", 0))
    if not 0 <= age <= settings.VANGNET_REAUTH_SECONDS:
        return False
    return bool(state.get("with_code")) or not with_code


def reauth_url(next_url: str, *, with_code: bool) -> str:
    query = {"next": next_url, **({"code": "1"} if with_code else {})}
    return f"{reverse('accounts:reauth')}?{urlencode(query)}"


def reauth_required(*, with_code: bool) -> Callable[[Callable[..., HttpResponse]], Any]:
    """Send the user to confirm their password (and a code) first, unless they just did."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not is_recently_reauthenticated(request.session, with_code=with_code):
                return redirect(reauth_url(request.get_full_path(), with_code=with_code))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
