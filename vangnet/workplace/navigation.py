"""The main menu: one entry per part of Vangnet, in the order a professional uses them."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vangnet.accounts.navigation import MY_ACCOUNT_LABEL
from vangnet.accounts.twofactor import is_verified
from vangnet.care.navigation import MDO_LABEL, MY_ACTIONS_LABEL, MY_CLIENTS_LABEL
from vangnet.casefinding.navigation import CASEFINDING_LABEL
from vangnet.detection.navigation import REPORT_WORRY_LABEL, SIGNALS_LABEL
from vangnet.directory.navigation import NETWORKS_LABEL
from vangnet.economics.navigation import COSTS_AND_BENEFITS_LABEL
from vangnet.referrals.navigation import REFERRALS_LABEL
from vangnet.screening.navigation import SCREENING_FOLLOW_UP_LABEL
from vangnet.selfscan.navigation import SELFSCAN_LABEL


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    login_required: bool = True
    coordinator_only: bool = False
    # Also shown as a card on the home page of a logged-in professional.
    home_card: bool = False


NAV_ITEMS: list[NavItem] = [
    NavItem("directory:search", _("Who does what"), login_required=False),
    NavItem("detection:report", REPORT_WORRY_LABEL, login_required=False),
    NavItem("directory:network_list", NETWORKS_LABEL),
    NavItem("clients:list", _("Older people"), home_card=True),
    NavItem("detection:overview", SIGNALS_LABEL, home_card=True),
    NavItem("care:my-clients", MY_CLIENTS_LABEL, home_card=True),
    NavItem("care:my-actions", MY_ACTIONS_LABEL, home_card=True),
    NavItem("care:meetings", MDO_LABEL),
    NavItem("screening:tasks", SCREENING_FOLLOW_UP_LABEL, coordinator_only=True),
    NavItem("referrals:inbox", REFERRALS_LABEL, home_card=True),
    NavItem("casefinding:index", CASEFINDING_LABEL),
    NavItem("notifications:inbox", _("Inbox"), home_card=True),
    NavItem("selfscan:index", SELFSCAN_LABEL),
    NavItem("economics:index", COSTS_AND_BENEFITS_LABEL, coordinator_only=True),
    NavItem("audit:review", _("Access log"), coordinator_only=True),
    NavItem("accounts:account", MY_ACCOUNT_LABEL),
]


def items_for(request: HttpRequest) -> list[dict[str, object]]:
    user = getattr(request, "user", None)
    # Halfway through logging in (password given, code not yet) the menu stays as for a visitor.
    logged_in = bool(user and user.is_authenticated and is_verified(user))
    result: list[dict[str, object]] = []
    for item in NAV_ITEMS:
        if item.login_required and not logged_in:
            continue
        if item.coordinator_only and not (logged_in and getattr(user, "is_coordinator", False)):
            continue
        result.append(
            {
                "url": reverse(item.url_name),
                "label": item.label,
                "current": False,
                "home_card": item.home_card,
            }
        )
    # Only the item whose address matches most of the current path is marked current.
    matches = [entry for entry in result if request.path.startswith(str(entry["url"]))]
    if matches:
        max(matches, key=lambda entry: len(str(entry["url"])))["current"] = True
    return result
