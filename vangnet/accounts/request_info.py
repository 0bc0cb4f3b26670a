"""Who is asking: the client's address and the email address a login attempt is for."""

import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The visitor's IP address.

    Behind the reverse proxy (``VANGNET_HTTPS=1``) the proxy appends the address
    it saw to ``X-Forwarded-For``; only that last entry is trusted, since a
    client can put anything in the entries before it.
    """
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = _valid_ip(forwarded.rsplit(",", 1)[-1].strip())
        if last:
            return last
    return _valid_ip(str(request.META.get("REMOTE_ADDR", "")))


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def login_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The email address a login attempt is for, as django-axes counts failures.

    Lower-cased and trimmed, so "Bob@Example.org " and "bob@example.org" share
    one failure count.
    """
    value = (credentials or {}).get("username")
    if value is None:
        value = request.POST.get("username", "")
    return str(value).strip().lower()


def user_agent(request: HttpRequest) -> str:
    return str(request.META.get("HTTP_USER_AGENT", ""))[:300]
