from django.conf import settings
from django.http import HttpRequest

from vangnet.accounts.twofactor import is_verified
from vangnet.workplace.navigation import menu_for


def site(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    menu = menu_for(request)
    return {
        "menu": menu,
        "nav_items": menu["items"],
        "nav_is_professional": bool(user and user.is_authenticated and is_verified(user)),
        "site_url": settings.SITE_URL,
    }
