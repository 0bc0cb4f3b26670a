"""What every page about one older person's pathway and plan shares: the door, the team."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.http import url_has_allowed_host_and_scheme

from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.audit.log import Actor
from vangnet.audit.models import AuditEvent
from vangnet.clients.access import access_client
from vangnet.clients.models import CareTeamMember, Client
from vangnet.consent.models import DataCategory, Purpose
from vangnet.core.params import number_param
from vangnet.directory.models import Person


def door(
    request: AuthenticatedHttpRequest,
    client_id: int,
    *,
    purpose: Purpose = Purpose.CARE_PLAN,
    for_write: bool | None = None,
    event: AuditEvent = AuditEvent.READ,
    objects: Iterable[str] = (),
) -> Client:
    """The client through the one door, for their plan data; a POST asks for write access."""
    return access_client(
        Actor.from_request(request),
        client_id,
        category=DataCategory.PLAN,
        purpose=purpose,
        for_write=request.method == "POST" if for_write is None else for_write,
        event=event,
        objects=objects,
    )


def care_team(client: Client) -> QuerySet[Person]:
    """The professionals in the client's care team today."""
    member_ids = CareTeamMember.objects.active().filter(client=client).values("person_id")
    return Person.objects.filter(pk__in=member_ids).select_related("organisation")


def safe_next(request: AuthenticatedHttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def int_param(request: AuthenticatedHttpRequest, name: str) -> int | None:
    return number_param(request, name, minimum=1)
