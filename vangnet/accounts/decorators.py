"""Marks on views that the two-step login lets through before the second step.

Every other page needs a finished login (password and code) once someone has
entered their password. Apps mark their public pages with ``@public``:

    from vangnet.accounts.decorators import public

    @public
    def social_map(request): ...

A page from another package can be listed by URL name in
``settings.VANGNET_PUBLIC_VIEWS`` instead.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required

ACCESS_ATTRIBUTE = "vangnet_access"
PUBLIC = "public"
LOGIN_STEP = "login-step"


def public[View: Callable[..., Any]](view: View) -> View:
    """A page anyone may open without logging in.

    Someone who has entered a password but not yet the code sees it as an
    anonymous visitor would, so a public page never shows more than it
    should because of a half-finished login.
    """
    setattr(view, ACCESS_ATTRIBUTE, PUBLIC)
    marked: View = login_not_required(view)
    return marked


def login_step[View: Callable[..., Any]](view: View) -> View:
    """A step of logging in itself (password, code, setting up the app, logging out).

    Only for this app: the view sees the real, half-logged-in user and must
    check for itself what that user may do.
    """
    setattr(view, ACCESS_ATTRIBUTE, LOGIN_STEP)
    return view


def access_of(view: Callable[..., Any]) -> str | None:
    value = getattr(view, ACCESS_ATTRIBUTE, None)
    return value if isinstance(value, str) else None
