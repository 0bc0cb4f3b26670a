"""Who may see a practice's case-finding runs: only people of that practice.

A run holds (pseudonymous) patient data of one GP practice. It is fetched only through
``access_run``, which answers "not found" for missing and forbidden alike.
"""

from django.http import Http404

from vangnet.accounts.models import User
from vangnet.casefinding.models import CaseFindingRun
from vangnet.directory.models import Organisation, OrganisationType, Person


def practice_of(user: User) -> Organisation | None:
    """The GP practice the account's person works at, or None."""
    if not user.is_authenticated:
        return None
    person = (
        Person.objects.select_related("organisation")
        .filter(user=user, organisation__type=OrganisationType.GP_PRACTICE)
        .first()
    )
    return person.organisation if person else None


def access_run(user: User, run_id: int, *, for_write: bool = False) -> CaseFindingRun:
    """The run, for someone of the practice that supplied it; Http404 for anyone else.

    Writing (deleting) also needs a role that may edit.
    """
    practice = practice_of(user)
    if practice is None or (for_write and not user.can_edit):
        raise Http404
    run = (
        CaseFindingRun.objects.of_practice(practice)
        .select_related("organisation", "uploaded_by")
        .filter(pk=run_id)
        .first()
    )
    if run is None:
        raise Http404
    return run
