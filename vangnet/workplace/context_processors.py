from django.conf import settings
from django.http import HttpRequest

from vangnet.accounts.twofactor import is_verified
from vangnet.workplace.navigation import items_for


def site(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "nav_items": items_for(request),
        "nav_is_professional": bool(user and user.is_authenticated and is_verified(user)),
        "site_url": settings.SITE_URL,
    }
