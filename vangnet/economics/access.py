"""Who may see a business case: coordinators, and the people of the parties invited to it.

A case holds no personal data, but it is the table's own working paper: a stranger
learns nothing, not even that it exists. ``access_case`` answers "not found" for
missing and forbidden alike; only coordinators may change a case.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from vangnet.accounts.models import User
from vangnet.clients.access import professional_of
from vangnet.economics.models import BusinessCase


def cases_visible(user: User) -> QuerySet[BusinessCase]:
    """The cases ``user`` may read: all for a coordinator, else those their organisation is in."""
    cases = BusinessCase.objects.select_related("network")
    if not user.is_authenticated:
        return cases.none()
    if user.is_coordinator:
        return cases
    person = professional_of(user)
    if person is None:
        return cases.none()
    return cases.filter(Q(parties__organisation_id=person.organisation_id)).distinct()


def access_case(user: User, case_id: int, *, for_write: bool = False) -> BusinessCase:
    """The case, for a coordinator or an invited party's person (reading only); else Http404."""
    if for_write and not (user.is_authenticated and user.is_coordinator):
        raise Http404
    case = cases_visible(user).filter(pk=case_id).first()
    if case is None:
        raise Http404
    return case


def can_change(user: User) -> bool:
    return bool(user.is_authenticated and user.is_coordinator)
