"""To whom the coordination point can pass on a signal about a registered older person.

The two routes are the older person's contact person and their GP practice. The coordinator
does not see the record, so the options name a role and an organisation, not a person, and
say whether the older person's consent lets that professional see who the signal is about.
Only professionals with an active account can receive a signal.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from vangnet.clients.access import consent_covers
from vangnet.clients.models import CareTeamMember, Client, ContactPerson
from vangnet.consent.models import Consent, DataCategory, Purpose
from vangnet.directory.models import Discipline, Person

CONTACT = "contact"
GP = "gp"
GP_DISCIPLINES = (Discipline.GP, Discipline.POH_ELDERLY)


@dataclass(frozen=True)
class RouteOption:
    key: str
    person: Person
    covered: bool

    def label(self) -> str:
        where = f"{self.person.get_discipline_display()}, {self.person.organisation.name}"
        if self.key == CONTACT:
            text = _("The contact person: %(where)s") % {"where": where}
        else:
            text = _("The GP practice: %(where)s") % {"where": where}
        if not self.covered:
            text += " " + _(
                "(the older person's consent does not cover them: they will read the worry, "
                "but not whom it is about)"
            )
        return text


def _with_account(person: Person | None) -> bool:
    return person is not None and person.user is not None and person.user.is_active


def gp_person_for(client: Client) -> Person | None:
    """Someone at the older person's GP practice who can pick up a signal.

    First a GP or practice nurse of that practice in the care team, else a GP of the
    practice with an account.
    """
    if client.gp_practice_id is None:
        return None
    in_team = (
        CareTeamMember.objects.active()
        .filter(
            client=client,
            person__organisation_id=client.gp_practice_id,
            person__discipline__in=GP_DISCIPLINES,
            person__user__is_active=True,
        )
        .select_related("person__organisation", "person__user")
        .order_by("person__discipline", "since")
        .first()
    )
    if in_team is not None:
        return in_team.person
    return (
        Person.objects.filter(
            organisation_id=client.gp_practice_id,
            discipline=Discipline.GP,
            user__is_active=True,
        )
        .select_related("organisation", "user")
        .order_by("name")
        .first()
    )


def route_options(client: Client) -> list[RouteOption]:
    contact = (
        ContactPerson.objects.filter(client=client, until__isnull=True)
        .select_related("person__organisation", "person__user")
        .first()
    )
    consents = list(Consent.objects.active().filter(client=client))
    team = set(
        CareTeamMember.objects.active().filter(client=client).values_list("person_id", flat=True)
    )
    options: list[RouteOption] = []
    for key, person in (
        (CONTACT, contact.person if contact else None),
        (GP, gp_person_for(client)),
    ):
        if person is None or not _with_account(person):
            continue
        if any(o.person.pk == person.pk for o in options):
            continue
        covered = consent_covers(
            consents,
            person=person,
            category=DataCategory.IDENTITY,
            purpose=Purpose.EARLY_DETECTION,
            in_care_team=person.pk in team,
        )
        options.append(RouteOption(key, person, covered))
    return options
