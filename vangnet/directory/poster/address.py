"""The web address printed on the poster and held in its QR code.

A poster hangs on a wall for months, so its address must be the site's public
one. In production (DEBUG off) an address that points at the computer itself,
which is the default when ``VANGNET_SITE_URL`` is not set, is refused; the demo
(DEBUG on) may use it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})  # noqa: S104 (compared, not bound)


class SiteAddressMissing(Exception):
    """The site's public address is not set, so a poster would send people nowhere."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "The poster cannot be made: the web address of this Vangnet is not set. "
                "Ask the administrator to set VANGNET_SITE_URL to the public address, "
                "for example https://vangnet.example.nl."
            )
        )


def _is_local(host: str) -> bool:
    return host in LOCAL_HOSTS or host.endswith(".localhost") or host.startswith("127.")


def site_address() -> str:
    """The site's public address without a trailing slash; raises SiteAddressMissing if unset."""
    address = str(settings.SITE_URL).rstrip("/")
    parts = urlsplit(address)
    host = parts.hostname or ""
    if parts.scheme not in {"http", "https"} or not host:
        raise SiteAddressMissing
    if _is_local(host) and not settings.DEBUG:
        raise SiteAddressMissing
    return address
