"""The main menu: one entry per part of Vangnet, in the order a professional uses them."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    login_required: bool = True
    coordinator_only: bool = False


NAV_ITEMS: list[NavItem] = [
    NavItem("directory:search", _("Who does what"), login_required=False),
    NavItem("clients:list", _("Older people")),
    NavItem("audit:review", _("Access log"), coordinator_only=True),
]


def items_for(request: HttpRequest) -> list[dict[str, object]]:
    user = getattr(request, "user", None)
    logged_in = bool(user and user.is_authenticated)
    result: list[dict[str, object]] = []
    for item in NAV_ITEMS:
        if item.login_required and not logged_in:
            continue
        if item.coordinator_only and not (logged_in and getattr(user, "is_coordinator", False)):
            continue
        url = reverse(item.url_name)
        result.append({"url": url, "label": item.label, "current": request.path.startswith(url)})
    return result
