"""Odd input never makes a server error: every page, every form, every kind of visitor.

The demo neighbourhood is built once for the module. Then, for an anonymous visitor, the
coordinator, a district nurse with older people in her care team, a read-only account and
an outsider professional, every URL pattern of Vangnet is requested. Every ``<form>`` on
the pages that open is read with ``html.parser`` and sent back with odd values in its
fields; every page that opens is requested again with odd values in its query parameters,
and every address with odd values in its own parameters.
Hypothesis (derandomised, so every run sends the same) then mixes odd values with the
form's own values, so a form that is valid apart from one field is tried too.

Odd values: the NUL character (PostgreSQL refuses it), "²" (``str.isdigit()`` accepts it),
Arabic-Indic digits, numbers too large for any database column, very long text, emoji,
right-to-left marks, line breaks, and text that looks like SQL or HTML. Any answer is
fine except a server error. Each request runs in a savepoint that is rolled back, so a
form that deletes or logs out changes nothing for the next one.
"""

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client as HttpClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vangnet.accounts.models import User
from vangnet.care.models import MeetingItem, PlanAction
from vangnet.casefinding.models import CaseFindingRun
from vangnet.clients.models import CareTeamMember, Client, InformalCarer
from vangnet.conftest import log_in
from vangnet.consent.models import Consent
from vangnet.core.tests.urlwalk import fill, routes
from vangnet.detection.models import EarlyDetectionActivity, Signal
from vangnet.directory.models import (
    NetworkParty,
    Organisation,
    Person,
    Service,
    StepAssignment,
)
from vangnet.notifications.models import Notification
from vangnet.referrals.models import Referral
from vangnet.screening.models import FollowUpTask
from vangnet.workplace.demo import build_demo

ODD_VALUES = [
    "\x00",
    "a\x00b",
    "²",
    "١٢٣",
    "9999999999999999999999",
    "9223372036854775808",
    "2147483648",
    "-1",
    "1e309",
    "NaN",
    "x" * 10_000,
    "👵🏽💥",
    "\u202eevil\u202c",
    "\r\n",
    "%00",
    "' OR 1=1; --",
    '<script>alert("x")</script>',
    "../../etc/passwd",
    "",
    " 7 ",
]
# Odd values for the parameters of an address itself, already percent-encoded.
PATH_VALUES = ["%00", "%C2%B2", "x" * 300, "..%2F.."]
# Every name a view reads from request.GET, plus a few an attacker would guess.
QUERY_NAMES = [
    "page",
    "q",
    "step",
    "months",
    "format",
    "size",
    "network",
    "show",
    "tier",
    "organisation",
    "next",
    "stale",
    "code",
    "goal",
    "action",
    "version",
    "item",
    "kind",
    "user",
    "client",
    "id",
]
ROLES = {
    "anonymous": "",
    "coordinator": "coordinator@demo.vangnet.nl",
    "professional": "district-nurse@demo.vangnet.nl",
    "read_only": "read-only@demo.vangnet.nl",
    "outsider": "outsider@demo.vangnet.nl",
}
# Pages whose answer is a file made at length (PDF, export); requested once, without odd input.
SLOW_FILES = {"directory:poster", "care:my-plan-pdf", "clients:export", "casefinding:download"}


@dataclass(frozen=True)
class Form:
    page: str
    method: str
    action: str
    # Each field with the value the page filled in (a select's first option, a box unticked).
    fields: tuple[tuple[str, str], ...]

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.method, self.action, tuple(sorted({name for name, _ in self.fields})))


@dataclass
class _FormReader(HTMLParser):
    page: str
    forms: list[Form] = field(default_factory=list)
    _current: dict[str, Any] | None = None
    _textarea: str | None = None
    _select: str | None = None
    _select_value: str | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form":
            action = urljoin(self.page, found.get("action") or self.page)
            method = (found.get("method") or "get").lower()
            self._current = {"action": action, "method": method, "fields": []}
            return
        if self._current is None or not found.get("name"):
            if tag == "option" and self._select is not None and self._select_value is None:
                self._select_value = found.get("value", "")
            return
        name = found["name"]
        if tag == "input":
            kind = found.get("type", "text").lower()
            if kind == "file":
                return
            if kind in {"checkbox", "radio"}:
                value = found.get("value", "on") if "checked" in found else ""
                if value or kind == "radio":
                    self._current["fields"].append((name, value))
                return
            if kind not in {"submit", "button", "image", "reset"}:
                self._current["fields"].append((name, found.get("value", "")))
        elif tag == "button" and found.get("type", "submit") == "submit":
            self._current["fields"].append((name, found.get("value", "")))
        elif tag == "textarea":
            self._textarea = name
            self._current["fields"].append((name, ""))
        elif tag == "select":
            self._select, self._select_value = name, None

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._current is not None:
            fields = tuple(dict.fromkeys(self._current["fields"]))
            self.forms.append(
                Form(self.page, self._current["method"], self._current["action"], fields)
            )
            self._current = None
        elif tag == "select" and self._select is not None and self._current is not None:
            self._current["fields"].append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_on(page: str, html: str) -> list[Form]:
    reader = _FormReader(page)
    reader.feed(html)
    return [form for form in reader.forms if not urlsplit(form.action).netloc]


@dataclass
class World:
    values: dict[str, str]
    by_route: dict[str, dict[str, str]]


def _first_pk(queryset: Any) -> str:
    found = queryset.order_by("pk").values_list("pk", flat=True).first()
    return str(found or 1)


def _busiest_client(nurse: User) -> Client:
    """The older person in the nurse's care team with the most on record."""
    team = CareTeamMember.objects.filter(person__user=nurse).values("client_id")
    candidates = Client.objects.filter(pk__in=team)

    def weight(client: Client) -> int:
        return sum(
            (
                PlanAction.objects.filter(plan__client=client).exists(),
                MeetingItem.objects.filter(client=client).exists(),
                Referral.objects.filter(client=client).exists(),
                InformalCarer.objects.filter(client=client).exists(),
            )
        )

    return max(candidates.order_by("pk"), key=weight)


def _world() -> World:
    nurse = User.objects.get(email=ROLES["professional"])
    older = _busiest_client(nurse)
    network = older.network
    values = {
        "client_id": str(older.pk),
        "carer_id": _first_pk(InformalCarer.objects.filter(client=older)),
        "member_id": _first_pk(CareTeamMember.objects.filter(client=older)),
        "consent_id": _first_pk(Consent.objects.filter(client=older)),
        "action_id": _first_pk(PlanAction.objects.filter(plan__client=older)),
        "item_id": _first_pk(MeetingItem.objects.filter(client=older)),
        "meeting_id": str(
            MeetingItem.objects.filter(client=older).values_list("meeting_id", flat=True).first()
            or 1
        ),
        "referral_id": _first_pk(Referral.objects.filter(client=older)),
        "task_id": _first_pk(FollowUpTask.objects.all()),
        "network_id": str(network.pk),
        "notification_id": _first_pk(Notification.objects.filter(recipient=nurse)),
        "signal_id": _first_pk(Signal.objects.filter(network=network)),
        "activity_id": _first_pk(EarlyDetectionActivity.objects.filter(network=network)),
        "area_id": _first_pk(network.areas.all()),
        "run_id": _first_pk(CaseFindingRun.objects.all()),
        "slug": network.slug,
        "number": "1",
        "entry_id": "1",
        "kind": "organisations",
        "fmt": "csv",
    }
    pk_by_prefix = {
        "map/organisations/": _first_pk(Organisation.objects.all()),
        "map/people/": _first_pk(Person.objects.all()),
        "map/services/": _first_pk(Service.objects.all()),
        "map/networks/<slug:slug>/parties/": _first_pk(
            NetworkParty.objects.filter(network=network)
        ),
        "map/networks/<slug:slug>/who-does-what/": _first_pk(
            StepAssignment.objects.filter(network=network)
        ),
    }
    by_route = {}
    for route, _name in routes():
        pk = next((pk for prefix, pk in pk_by_prefix.items() if route.startswith(prefix)), "1")
        by_route[route] = {**values, "pk": pk}
    return World(values, by_route)


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """The demo neighbourhood, built once for this module and rolled back after it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            build_demo()
            made = _world()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield made
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


class Visitor:
    """One kind of visitor; every request is rolled back and leaves the cookies as they were."""

    def __init__(self, role: str) -> None:
        self.role = role
        self.http = HttpClient(raise_request_exception=True)
        if ROLES[role]:
            log_in(self.http, User.objects.get(email=ROLES[role]))
        self.failures: list[str] = []

    def request(self, method: str, path: str, data: dict[str, Any] | None = None) -> Any:
        cookies = copy.deepcopy(self.http.cookies)
        try:
            with transaction.atomic():
                if method == "post":
                    response = self.http.post(path, data or {})
                else:
                    response = self.http.get(path, data or {})
                transaction.set_rollback(True)
        except Exception as exc:
            self.failures.append(
                f"{self.role} {method.upper()} {path[:200]} {data!r:.300}: {exc!r}"
            )
            return None
        finally:
            self.http.cookies = cookies
        if response.status_code >= 500:
            self.failures.append(
                f"{self.role} {method.upper()} {path[:200]}: {response.status_code}"
            )
        return response


def _pages(visitor: Visitor, world: World) -> tuple[list[tuple[str, str]], list[Form]]:
    """Every page the visitor can open (name, path), and the distinct forms on them."""
    opened: list[tuple[str, str]] = []
    forms: dict[tuple[str, str, tuple[str, ...]], Form] = {}
    for route, name in routes():
        path = fill(route, world.by_route[route])
        if path is None:
            continue
        response = visitor.request("get", path)
        if response is None or response.status_code != 200 or name in SLOW_FILES:
            continue
        opened.append((name, path))
        if not response.streaming and response["Content-Type"].startswith("text/html"):
            for form in forms_on(path, response.content.decode()):
                forms.setdefault(form.key, form)
    return opened, list(forms.values())


def _odd_addresses(visitor: Visitor) -> None:
    """Every route with odd values in its own parameters: a whole number too large for any
    column where the route wants digits, odd text where it takes text."""
    for route, _name in routes():
        if "<" not in route:
            continue
        for odd in PATH_VALUES:
            text_params = re.sub(r"<(?!(?:int|id):)(?:\w+:)?\w+>", odd, route)
            visitor.request("get", "/" + re.sub(r"<(?:int|id):\w+>", "9" * 30, text_params))


def _odd(index: int) -> str:
    return ODD_VALUES[index % len(ODD_VALUES)]


def _send(visitor: Visitor, form: Form, data: dict[str, str]) -> None:
    target = form.action.split("#")[0]
    if form.method == "post":
        visitor.request("post", target, data)
    else:
        visitor.request("get", target.split("?")[0], data)


def _sweep(visitor: Visitor, pages: list[tuple[str, str]], forms: list[Form]) -> None:
    """Every query parameter and every form field gets odd values, each a different one."""
    for offset in (0, 7):
        for number, (_name, path) in enumerate(pages):
            query = {name: _odd(number + offset + i) for i, name in enumerate(QUERY_NAMES)}
            visitor.request("get", f"{path}?{urlencode(query)}")
        for form in forms:
            data = {name: _odd(offset + i) for i, (name, _value) in enumerate(form.fields)}
            _send(visitor, form, data)


odd_text = st.sampled_from(ODD_VALUES) | st.text(max_size=40)


def _mixed(visitor: Visitor, pages: list[tuple[str, str]], forms: list[Form]) -> None:
    """Hypothesis picks a form and, per field, its own value or an odd one."""

    @given(st.data())
    @settings(
        max_examples=25,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def one_request(data: st.DataObject) -> None:
        pick_form: bool = data.draw(st.booleans(), label="a form, not a page")
        if forms and pick_form:
            form = data.draw(st.sampled_from(forms), label="form")
            sent = {
                name: data.draw(st.just(value) | odd_text, label=name)
                for name, value in form.fields
            }
            _send(visitor, form, sent)
        elif pages:
            _name, path = data.draw(st.sampled_from(pages), label="page")
            query = data.draw(st.dictionaries(st.sampled_from(QUERY_NAMES), odd_text, max_size=4))
            visitor.request("get", f"{path}?{urlencode(query)}")

    one_request()


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(ROLES))
def test_odd_input_never_gives_a_server_error(world: World, role: str) -> None:
    visitor = Visitor(role)
    pages, forms = _pages(visitor, world)
    if role != "anonymous":
        assert len(pages) > 10, pages
    assert forms
    _odd_addresses(visitor)
    _sweep(visitor, pages, forms)
    _mixed(visitor, pages, forms)
    assert not visitor.failures, "\n".join(visitor.failures[:40])
