"""The main menu: one entry per part of Vangnet, in the order a professional uses them."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vangnet.accounts.navigation import MY_ACCOUNT_LABEL
from vangnet.directory.navigation import NETWORKS_LABEL


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    login_required: bool = True
    coordinator_only: bool = False


NAV_ITEMS: list[NavItem] = [
    NavItem("directory:search", _("Who does what"), login_required=False),
    NavItem("directory:network_list", NETWORKS_LABEL),
    NavItem("clients:list", _("Older people")),
    NavItem("notifications:inbox", _("Inbox")),
    NavItem("audit:review", _("Access log"), coordinator_only=True),
    NavItem("accounts:account", MY_ACCOUNT_LABEL),
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
