"""The multidisciplinary meeting (MDO): medical and social professionals, with the older person."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.clients.models import Client
from vangnet.directory.models import Discipline, Domain, Network, Organisation, Person

# The roles that make an MDO count as having the social domain at the table: social work
# and welfare, the elderly adviser, the municipal Wmo consultant. Not the network
# coordinator, volunteers, key figures or "other": Movisie (seed 004) notes that welfare
# workers are rarely at the MDO ("Op initiatief van POHers is de Wmo adviseur bij het
# overleg gevraagd", Maasgouw), and the coordinator's role "wordt vaak vervuld door
# huisartsen of wijkverpleegkundigen" (RIVM, seed 000), so neither stands in for them.
MDO_SOCIAL_DISCIPLINES: frozenset[str] = frozenset(
    {
        Discipline.SOCIAL_WORKER,  # sociaal werker
        Discipline.WELFARE_COACH,  # welzijnscoach, consulent or case manager from welfare
        Discipline.ELDERLY_ADVISER,  # ouderenadviseur
        Discipline.WMO_OFFICER,  # Wmo-consulent of the municipality
        Discipline.NEIGHBOURHOOD_COACH,  # wijkcoach: social work in a neighbourhood team
        Discipline.CARER_CONSULTANT,  # mantelzorgconsulent of the welfare organisation
    }
)


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    """One MDO of a network or a GP practice. Details about older people live in its items."""

    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mdo_meetings",
    )
    practice = models.ForeignKey(
        Organisation,
        verbose_name=_("GP practice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mdo_meetings",
    )
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("For example: the health centre, room 2, or online."),
    )
    organiser = models.ForeignKey(
        Person,
        verbose_name=_("organiser"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="organised_mdo_meetings",
    )
    participants = models.ManyToManyField(
        Person, verbose_name=_("participants"), related_name="mdo_meetings"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("multidisciplinary meeting (MDO)")
        verbose_name_plural = _("multidisciplinary meetings (MDO)")
        ordering = ("-starts_at", "-pk")

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"MDO {self.host_label} {local:%d-%m-%Y %H:%M}"

    def clean(self) -> None:
        if not self.network_id and not self.practice_id:
            raise ValidationError(
                {"network": _("Choose the network or the GP practice that holds this meeting.")}
            )

    @property
    def host_label(self) -> str:
        host = self.network or self.practice
        return host.name if host else ""

    @property
    def is_upcoming(self) -> bool:
        return self.status == MeetingStatus.PLANNED and self.starts_at >= timezone.now()


def mdo_domain(person: Person) -> str:
    """The domain ``person`` brings to an MDO: medical, social, or "" when neither counts."""
    if person.domain == Domain.MEDICAL:
        return Domain.MEDICAL
    if person.discipline in MDO_SOCIAL_DISCIPLINES:
        return Domain.SOCIAL
    return ""


def domains_missing(people: list[Person]) -> list[str]:
    """The domains (medical, social) that no one in ``people`` comes from.

    Only the roles in ``MDO_SOCIAL_DISCIPLINES`` count for the social domain.
    """
    present = {mdo_domain(p) for p in people}
    return [d for d in (Domain.MEDICAL, Domain.SOCIAL) if d not in present]


class AgendaReason(models.TextChoices):
    ANALYSIS_DONE = "analysis_done", _("Analysis done: make the plan")
    EVALUATION_DUE = "evaluation_due", _("Evaluation due")
    OTHER = "other", _("Something changed")


class Invitation(models.TextChoices):
    NOBODY = "nobody", _("Not invited (they did not wish to come)")
    CLIENT = "client", _("The older person is invited")
    CARER = "carer", _("The informal carer is invited")
    BOTH = "both", _("The older person and the informal carer are invited")


class MeetingItem(models.Model):
    """One older person on the agenda of an MDO, with the minutes about them."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items"
    )
    client = models.ForeignKey(
        Client, verbose_name=_("older person"), on_delete=models.CASCADE, related_name="mdo_items"
    )
    reason = models.CharField(_("why on the agenda"), max_length=16, choices=AgendaReason.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    invited = models.CharField(
        _("the older person or carer"),
        max_length=8,
        choices=Invitation.choices,
        default=Invitation.NOBODY,
    )
    minutes = models.TextField(_("minutes"), blank=True)
    plan_agreed = models.BooleanField(_("the plan was made in this meeting"), default=False)
    discussed_at = models.DateTimeField(_("discussed at"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ("meeting", "position", "pk")
        constraints = [
            models.UniqueConstraint(fields=("meeting", "client"), name="one_item_per_client")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · #{self.position}"
