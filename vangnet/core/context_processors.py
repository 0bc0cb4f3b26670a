from django.conf import settings
from django.http import HttpRequest

from vangnet.core.navigation import items_for


def site(request: HttpRequest) -> dict[str, object]:
    return {"nav_items": items_for(request), "site_url": settings.SITE_URL}
