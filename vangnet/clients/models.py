"""The older person (client), their carers, representative and care team.

Views never query these models directly: they go through ``vangnet.clients.access``.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from stdnum.nl import bsn as bsn_number

from vangnet.directory.models import Area, Discipline, Network, Organisation, Person
from vangnet.directory.validators import normalise_postcode, validate_postcode


def validate_bsn(value: str) -> None:
    """A BSN has nine digits and passes the eleven-test (python-stdnum)."""
    if value and not bsn_number.is_valid(value):
        raise ValidationError(
            _("This is not a valid BSN: it needs nine digits that pass the eleven-test."),
            code="bsn",
        )


def validate_birth_date(value: date) -> None:
    today = timezone.localdate()
    if value > today:
        raise ValidationError(_("The date of birth cannot be in the future."), code="future")
    if value.year < today.year - 120:
        raise ValidationError(_("This date of birth is more than 120 years ago."), code="old")


class LivingSituation(models.TextChoices):
    ALONE = "alone", _("Lives alone")
    WITH_PARTNER = "partner", _("Lives with partner")
    WITH_FAMILY = "family", _("Lives with family")
    SHELTERED = "sheltered", _("Sheltered housing or service flat")
    OTHER = "other", _("Other")


class ClientQuerySet(models.QuerySet["Client"]):
    def matching(self, text: str) -> "ClientQuerySet":
        """Older people whose name, postcode or street holds every word of ``text``."""
        rows = self
        for word in text.split():
            rows = rows.filter(
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(postcode__icontains=word)
                | Q(street__icontains=word)
            )
        return rows


class Client(models.Model):
    """An older person living at home whom the network keeps in view."""

    given_name = models.CharField(_("first name"), max_length=100)
    family_name = models.CharField(_("surname"), max_length=150)
    date_of_birth = models.DateField(_("date of birth"), validators=[validate_birth_date])
    street = models.CharField(_("street and house number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=7, validators=[validate_postcode])
    city = models.CharField(_("town"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        blank=True,
        validators=[validate_bsn],
        help_text=_("Only when it is needed, for example for a referral to medical care."),
    )
    living_situation = models.CharField(
        _("living situation"), max_length=16, choices=LivingSituation.choices, blank=True
    )
    neighbourhood = models.ForeignKey(
        Area,
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clients",
    )
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="clients"
    )
    gp_practice = models.ForeignKey(
        Organisation,
        verbose_name=_("GP practice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gp_clients",
    )
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("older person")
        verbose_name_plural = _("older people")
        ordering = ("family_name", "given_name")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def masked_bsn(self) -> str:
        return f"*****{self.bsn[-4:]}" if self.bsn else ""

    def age_on(self, day: date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())

    def clean(self) -> None:
        if self.postcode:
            self.postcode = normalise_postcode(self.postcode)

    def current_contact_person(self) -> "ContactPerson | None":
        return self.contact_people.filter(until__isnull=True).select_related("person").first()


class InformalCarer(models.Model):
    """A mantelzorger: someone who cares for the older person without being paid for it."""

    client = models.ForeignKey(
        Client, verbose_name=_("older person"), on_delete=models.CASCADE, related_name="carers"
    )
    name = models.CharField(_("name"), max_length=150)
    relation = models.CharField(
        _("relation"), max_length=100, help_text=_("For example: daughter, neighbour.")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_primary = models.BooleanField(_("main carer"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("informal carer")
        verbose_name_plural = _("informal carers")
        ordering = ("-is_primary", "name")

    def __str__(self) -> str:
        return f"{self.name} ({self.relation})"


class RepresentativeKind(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    GUARDIAN = "curator", _("Guardian (curator)")
    ADMINISTRATOR = "bewindvoerder", _("Financial administrator (bewindvoerder)")
    AUTHORISED = "gevolmachtigde", _("Authorised in writing (schriftelijk gevolmachtigde)")
    OTHER = "other", _("Other")


class LegalRepresentative(models.Model):
    client = models.OneToOneField(
        Client,
        verbose_name=_("older person"),
        on_delete=models.CASCADE,
        related_name="representative",
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=16, choices=RepresentativeKind.choices)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("legal representative")
        verbose_name_plural = _("legal representatives")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class CareTeamQuerySet(models.QuerySet["CareTeamMember"]):
    def active(self, on: date | None = None) -> "CareTeamQuerySet":
        day = on or timezone.localdate()
        return self.filter(Q(until__isnull=True) | Q(until__gte=day), since__lte=day)


class CareTeamMember(models.Model):
    """A professional in the older person's care team, for a period."""

    client = models.ForeignKey(
        Client, verbose_name=_("older person"), on_delete=models.CASCADE, related_name="care_team"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("professional"), on_delete=models.PROTECT, related_name="care_teams"
    )
    role = models.CharField(_("role in the team"), max_length=150, blank=True)
    since = models.DateField(_("since"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CareTeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("care team member")
        verbose_name_plural = _("care team")
        ordering = ("since", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="care_team_until_after_since",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name} · {self.client}"

    def clean(self) -> None:
        if self.until and self.until < self.since:
            raise ValidationError({"until": _("The end date cannot be before the start date.")})


class ContactPerson(models.Model):
    """The older person's one named contact person (aanspreekpunt); closed rows are the history."""

    client = models.ForeignKey(
        Client,
        verbose_name=_("older person"),
        on_delete=models.CASCADE,
        related_name="contact_people",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=pgettext_lazy("older person", "contact person"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    since = models.DateTimeField(_("since"), default=timezone.now)
    until = models.DateTimeField(_("until"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = pgettext_lazy("older person", "contact person")
        verbose_name_plural = _("contact people")
        ordering = ("-since", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=("client",),
                condition=Q(until__isnull=True),
                name="one_contact_person_at_a_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person.name} · {self.client}"


class BreakGlassGrantQuerySet(models.QuerySet["BreakGlassGrant"]):
    def active(self) -> "BreakGlassGrantQuerySet":
        return self.filter(expires_at__gt=timezone.now())


class BreakGlassGrant(models.Model):
    """Emergency access to one older person without a care relationship, for a short time."""

    client = models.ForeignKey(
        Client, verbose_name=_("older person"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500)
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))

    objects = BreakGlassGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        ordering = ("-granted_at",)

    def __str__(self) -> str:
        return f"{self.user} · {self.granted_at:%Y-%m-%d %H:%M}"


class IdentifyBy(models.TextChoices):
    """What a professional must type to find an older person for emergency access."""

    BSN = "bsn", _("BSN and date of birth")
    ADDRESS = "address", _("Surname, date of birth, postcode and house number")


# Roles that act at an older person's home in an acute situation: the GP (also at the
# out-of-hours GP post), the practice nurse for older people, the district nurse (also at
# night), the elderly-care physician the GP post calls in, and the dementia case manager in a
# crisis. Social-domain roles, volunteers and key figures follow up later, with consent.
DEFAULT_EMERGENCY_DISCIPLINES: tuple[str, ...] = (
    Discipline.GP,
    Discipline.POH_ELDERLY,
    Discipline.DISTRICT_NURSE,
    Discipline.ELDERLY_CARE_PHYSICIAN,
    Discipline.DEMENTIA_CASE_MANAGER,
)


def default_emergency_disciplines() -> list[str]:
    return [str(d) for d in DEFAULT_EMERGENCY_DISCIPLINES]


class EmergencyAccessPolicy(models.Model):
    """A network's rule for emergency access: which roles may use it, what identifies someone."""

    network = models.OneToOneField(
        Network,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="emergency_policy",
    )
    disciplines = models.JSONField(
        _("roles that may use emergency access"), default=default_emergency_disciplines, blank=True
    )
    identify_by = models.CharField(
        _("how the older person is identified"),
        max_length=16,
        choices=IdentifyBy.choices,
        default=IdentifyBy.BSN,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("emergency access rule")
        verbose_name_plural = _("emergency access rules")

    def __str__(self) -> str:
        return str(self.network)

    def clean(self) -> None:
        unknown = [d for d in self.disciplines or [] if d not in Discipline.values]
        if unknown:
            raise ValidationError(
                {
                    "disciplines": _("Unknown role: %(roles)s.")
                    % {"roles": ", ".join(map(str, unknown))}
                }
            )

    @classmethod
    def for_network(cls, network: Network) -> "EmergencyAccessPolicy":
        """The network's rule, or the unsaved default when the coordinator set none yet."""
        return cls.objects.filter(network=network).first() or cls(network=network)

    def allows(self, discipline: str) -> bool:
        return discipline in (self.disciplines or [])

    def discipline_labels(self) -> list[str]:
        labels = dict(Discipline.choices)
        return [str(labels[d]) for d in Discipline.values if d in (self.disciplines or [])]


class BreakGlassDay(models.Model):
    """How often one account tried emergency access on one day.

    Each attempt first increments ``attempts`` with an UPDATE, which holds the
    row lock until the attempt commits: concurrent attempts of one person wait
    in turn, so none slips past the daily limit.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("day"))
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    failures = models.PositiveIntegerField(_("refused attempts"), default=0)

    class Meta:
        verbose_name = _("emergency access attempts on one day")
        verbose_name_plural = _("emergency access attempts per day")
        ordering = ("-day", "user")
        constraints = [
            models.UniqueConstraint(fields=("user", "day"), name="one_attempt_count_per_user_day")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.day:%Y-%m-%d}: {self.attempts}"
