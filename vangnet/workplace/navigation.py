"""The main menu: the parts of Vangnet a person may open, grouped the way they work.

Each item says who may see it in the same terms its view uses to refuse, so the menu never
offers a page that answers 403 or 404 to the person who clicks it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vangnet.accounts.navigation import MY_ACCOUNT_LABEL
from vangnet.accounts.twofactor import is_verified
from vangnet.care.navigation import MDO_LABEL, MY_ACTIONS_LABEL, MY_CLIENTS_LABEL
from vangnet.casefinding.navigation import CASEFINDING_LABEL
from vangnet.clients.access import professional_of
from vangnet.collaboration.navigation import COLLABORATION_LABEL
from vangnet.detection.navigation import REPORT_WORRY_LABEL, SIGNALS_LABEL
from vangnet.directory.models import OrganisationType, Person
from vangnet.directory.navigation import NETWORKS_LABEL
from vangnet.economics.navigation import COSTS_AND_BENEFITS_LABEL
from vangnet.monitoring.navigation import FIGURES_LABEL
from vangnet.referrals.navigation import REFERRALS_LABEL
from vangnet.screening.navigation import SCREENING_FOLLOW_UP_LABEL
from vangnet.selfscan.navigation import SELFSCAN_LABEL


@dataclass(frozen=True)
class MenuViewer:
    """What the menu needs to know about the person looking at it."""

    logged_in: bool = False
    coordinator: bool = False
    person: Person | None = None

    @classmethod
    def of(cls, request: HttpRequest) -> "MenuViewer":
        user = getattr(request, "user", None)
        # Halfway through logging in (password given, code not yet) the menu stays as for a visitor.
        if not (user and user.is_authenticated and is_verified(user)):
            return cls()
        return cls(
            logged_in=True,
            coordinator=bool(getattr(user, "is_coordinator", False)),
            person=professional_of(user),
        )

    @property
    def at_gp_practice(self) -> bool:
        return self.person is not None and self.person.organisation.type == (
            OrganisationType.GP_PRACTICE
        )


def _anyone(viewer: MenuViewer) -> bool:
    return True


def _logged_in(viewer: MenuViewer) -> bool:
    return viewer.logged_in


def _coordinator(viewer: MenuViewer) -> bool:
    return viewer.logged_in and viewer.coordinator


def _gp_practice(viewer: MenuViewer) -> bool:
    # Case finding reads a practice's own patient extract: others get a 403 page.
    return viewer.logged_in and viewer.at_gp_practice


@dataclass(frozen=True)
class MenuGroup:
    key: str
    label: str | Promise


OLDER_PEOPLE = MenuGroup("older-people", pgettext_lazy("menu group", "Older people"))
NETWORK = MenuGroup("network", pgettext_lazy("menu group", "Network"))
SIGNALS = MenuGroup("signals", pgettext_lazy("menu group", "Signals"))
REFERRALS = MenuGroup("referrals", pgettext_lazy("menu group", "Referrals"))
# Shown beside the person's name in the header, not as a heading of its own.
ACCOUNT = MenuGroup("account", pgettext_lazy("menu group", "Account"))
GROUPS = (OLDER_PEOPLE, NETWORK, SIGNALS, REFERRALS)


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    group: MenuGroup
    visible: Callable[[MenuViewer], bool] = field(default=_logged_in)
    # Also shown as a card on the home page of a logged-in professional.
    home_card: bool = False


NAV_ITEMS: list[NavItem] = [
    NavItem("clients:list", _("Older people"), OLDER_PEOPLE, home_card=True),
    NavItem("care:my-clients", MY_CLIENTS_LABEL, OLDER_PEOPLE, home_card=True),
    NavItem("care:my-actions", MY_ACTIONS_LABEL, OLDER_PEOPLE, home_card=True),
    NavItem("care:meetings", MDO_LABEL, OLDER_PEOPLE),
    NavItem("screening:tasks", SCREENING_FOLLOW_UP_LABEL, OLDER_PEOPLE, _coordinator),
    NavItem("directory:search", _("Who does what"), NETWORK, _anyone),
    NavItem("directory:network_list", NETWORKS_LABEL, NETWORK),
    NavItem("selfscan:index", SELFSCAN_LABEL, NETWORK),
    NavItem("economics:index", COSTS_AND_BENEFITS_LABEL, NETWORK, _coordinator),
    NavItem("monitoring:index", FIGURES_LABEL, NETWORK, _coordinator),
    NavItem("collaboration:index", COLLABORATION_LABEL, NETWORK, _coordinator),
    NavItem("audit:review", _("Access log"), NETWORK, _coordinator),
    NavItem("detection:overview", SIGNALS_LABEL, SIGNALS, home_card=True),
    NavItem("detection:report", REPORT_WORRY_LABEL, SIGNALS, _anyone),
    NavItem("casefinding:index", CASEFINDING_LABEL, SIGNALS, _gp_practice),
    NavItem("referrals:inbox", REFERRALS_LABEL, REFERRALS, home_card=True),
    NavItem("notifications:inbox", _("Inbox"), ACCOUNT, home_card=True),
    NavItem("accounts:account", MY_ACCOUNT_LABEL, ACCOUNT),
]


def _entries(request: HttpRequest, viewer: MenuViewer) -> list[dict[str, object]]:
    result: list[dict[str, object]] = [
        {
            "url": reverse(item.url_name),
            "label": item.label,
            "group": item.group.key,
            "current": False,
            "home_card": item.home_card,
        }
        for item in NAV_ITEMS
        if item.visible(viewer)
    ]
    # Only the item whose address matches most of the current path is marked current.
    matches = [entry for entry in result if request.path.startswith(str(entry["url"]))]
    if matches:
        max(matches, key=lambda entry: len(str(entry["url"])))["current"] = True
    return result


def items_for(request: HttpRequest) -> list[dict[str, object]]:
    """Every menu entry this request's person may open, in menu order."""
    return _entries(request, MenuViewer.of(request))


def menu_for(request: HttpRequest) -> dict[str, object]:
    """The menu as the header shows it: the groups, the account's entries and who is looking.

    A visitor sees the public entries side by side; a group with one entry is a plain link.
    """
    viewer = MenuViewer.of(request)
    entries = _entries(request, viewer)
    groups = []
    for group in GROUPS:
        items = [entry for entry in entries if entry["group"] == group.key]
        if items:
            groups.append(
                {
                    "key": group.key,
                    "label": group.label,
                    "items": items,
                    "current": any(entry["current"] for entry in items),
                }
            )
    return {
        "groups": groups,
        "flat": not viewer.logged_in,
        "account": [entry for entry in entries if entry["group"] == ACCOUNT.key],
        "person": viewer.person,
        "items": entries,
    }
