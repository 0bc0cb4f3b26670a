"""The social map: areas, networks, organisations, people, services and who does what."""

from datetime import timedelta
from typing import ClassVar

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.directory.validators import (
    normalise_postcode,
    validate_agb_code,
    validate_cbs_code,
    validate_postcode,
)


class Domain(models.TextChoices):
    MEDICAL = "medical", _("Medical")
    SOCIAL = "social", _("Social")
    HOUSING = "housing", _("Housing")


class AreaLevel(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    DISTRICT = "district", _("District")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")


PARENT_LEVEL = {
    AreaLevel.DISTRICT: AreaLevel.MUNICIPALITY,
    AreaLevel.NEIGHBOURHOOD: AreaLevel.DISTRICT,
}


class Area(models.Model):
    """A municipality, district or neighbourhood with its CBS code."""

    code = models.CharField(_("CBS code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=120)
    level = models.CharField(_("level"), max_length=16, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def clean(self) -> None:
        validate_cbs_code(self.code, self.level)
        expected_parent = PARENT_LEVEL.get(AreaLevel(self.level))
        if expected_parent is None:
            if self.parent_id is not None:
                raise ValidationError({"parent": _("A municipality is not part of another area.")})
            return
        if self.parent is None or self.parent.level != expected_parent:
            raise ValidationError(
                {
                    "parent": _("This area must be part of a %(level)s.")
                    % {"level": AreaLevel(expected_parent).label}
                }
            )
        # WK036301 lies in GM0363; BU03630101 lies in WK036301.
        if self.code[2:].startswith(self.parent.code[2:]) is False:
            raise ValidationError(
                {
                    "code": _("The code %(code)s does not fall within %(parent)s.")
                    % {"code": self.code, "parent": self.parent.code}
                }
            )

    def ancestors(self) -> list["Area"]:
        result: list[Area] = []
        node = self.parent
        while node is not None:
            result.append(node)
            node = node.parent
        return result

    def self_and_ancestor_ids(self) -> list[int]:
        return [self.pk, *(a.pk for a in self.ancestors())]

    def descendant_ids(self) -> list[int]:
        ids = [self.pk]
        frontier = [self.pk]
        while frontier:
            frontier = list(
                Area.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            )
            ids.extend(frontier)
        return ids


class PostcodeArea(models.Model):
    """Which neighbourhood a postcode (PC4 or PC6) lies in; the longest match wins."""

    postcode = models.CharField(_("postcode or first four digits"), max_length=7, unique=True)
    area = models.ForeignKey(
        Area, verbose_name=_("neighbourhood"), on_delete=models.CASCADE, related_name="postcodes"
    )

    class Meta:
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")
        ordering = ("postcode",)

    def __str__(self) -> str:
        return f"{self.postcode} → {self.area.name}"

    @classmethod
    def neighbourhood_for(cls, postcode: str) -> Area | None:
        pc = normalise_postcode(postcode)
        for candidate in (pc, pc[:4]):
            match = cls.objects.select_related("area").filter(postcode=candidate).first()
            if match:
                return match.area
        return None


class StewardedQuerySet[T: "Stewarded"](models.QuerySet[T]):
    def stale(self) -> "StewardedQuerySet[T]":
        limit = timezone.now() - timedelta(days=settings.VANGNET_STALE_AFTER_DAYS)
        return self.filter(last_confirmed_at__lt=limit)

    def current(self) -> "StewardedQuerySet[T]":
        limit = timezone.now() - timedelta(days=settings.VANGNET_STALE_AFTER_DAYS)
        return self.filter(last_confirmed_at__gte=limit)


class Stewarded(models.Model):
    """An entry with an owner who keeps it current, and the date it was last confirmed."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who keeps this entry current."),
    )
    last_confirmed_at = models.DateTimeField(_("last confirmed"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_stale(self) -> bool:
        limit = timezone.now() - timedelta(days=settings.VANGNET_STALE_AFTER_DAYS)
        return self.last_confirmed_at < limit


class OrganisationType(models.TextChoices):
    GP_PRACTICE = "gp_practice", _("GP practice")
    HOME_CARE = "home_care", _("Home care")
    WELFARE = "welfare", _("Welfare organisation")
    MUNICIPALITY = "municipality", _("Municipality")
    NEIGHBOURHOOD_TEAM = "neighbourhood_team", _("Neighbourhood team")
    PHARMACY = "pharmacy", _("Pharmacy")
    HOSPITAL = "hospital", _("Hospital")
    ELDERLY_CARE = "elderly_care", _("Elderly care organisation")
    MENTAL_HEALTH = "mental_health", _("Mental health care")
    PARAMEDICAL = "paramedical", _("Physiotherapy or occupational therapy")
    HOUSING_CORPORATION = "housing_corporation", _("Housing corporation")
    VOLUNTEER_ORGANISATION = "volunteer_organisation", _("Volunteer organisation")
    CARER_SUPPORT = "carer_support", _("Support for informal carers")
    OUT_OF_HOURS = "out_of_hours", _("Out-of-hours GP service")
    OTHER = "other", _("Other")


class Organisation(Stewarded):
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    domain = models.CharField(_("domain"), max_length=16, choices=Domain.choices)
    agb_code = models.CharField(
        _("AGB code"),
        max_length=8,
        blank=True,
        validators=[validate_agb_code],
        help_text=_("Optional. Eight digits."),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("town"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    office_hours = models.CharField(
        _("office hours"),
        max_length=200,
        blank=True,
        help_text=_("For example: Monday to Friday 8:00 to 17:00."),
    )
    out_of_hours = models.CharField(
        _("evenings, nights and weekends"),
        max_length=300,
        blank=True,
        help_text=_("Who to call outside office hours, with the phone number."),
    )
    description = models.TextField(_("description"), blank=True)
    areas = models.ManyToManyField(
        Area, verbose_name=_("areas served"), blank=True, related_name="organisations"
    )
    # Kept by a database trigger on PostgreSQL (migration 0002); empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = StewardedQuerySet["Organisation"].as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.postcode:
            self.postcode = normalise_postcode(self.postcode)


class Discipline(models.TextChoices):
    """Disciplines in both domains; the Dutch names are what professionals call themselves."""

    GP = "huisarts", _("GP (huisarts)")
    POH_ELDERLY = "poh_ouderenzorg", _("Practice nurse for older people (POH ouderenzorg)")
    DISTRICT_NURSE = "wijkverpleegkundige", _("District nurse (wijkverpleegkundige)")
    ELDERLY_CARE_PHYSICIAN = (
        "specialist_ouderengeneeskunde",
        _("Elderly-care physician (specialist ouderengeneeskunde)"),
    )
    DEMENTIA_CASE_MANAGER = (
        "casemanager_dementie",
        _("Dementia case manager (casemanager dementie)"),
    )
    GERIATRICIAN = "geriater", _("Geriatrician")
    PHARMACIST = "apotheker", _("Pharmacist (apotheker)")
    PHYSIOTHERAPIST = "fysiotherapeut", _("Physiotherapist (fysiotherapeut)")
    OCCUPATIONAL_THERAPIST = "ergotherapeut", _("Occupational therapist (ergotherapeut)")
    DIETITIAN = "dietist", _("Dietitian (diëtist)")
    POH_MENTAL = "poh_ggz", _("Practice nurse for mental health (POH GGZ)")
    CARE_WORKER = "verzorgende", _("Care worker (verzorgende)")
    SOCIAL_WORKER = "sociaal_werker", _("Social worker (sociaal werker)")
    WELFARE_COACH = "welzijnscoach", _("Welfare coach (welzijnscoach)")
    ELDERLY_ADVISER = "ouderenadviseur", _("Older people's adviser (ouderenadviseur)")
    WMO_OFFICER = "wmo_consulent", _("Wmo officer (Wmo-consulent)")
    CARER_CONSULTANT = "mantelzorgconsulent", _("Carer consultant (mantelzorgconsulent)")
    VOLUNTEER_COORDINATOR = (
        "vrijwilligerscoordinator",
        _("Volunteer coordinator (vrijwilligerscoördinator)"),
    )
    NEIGHBOURHOOD_COACH = "wijkcoach", _("Neighbourhood coach (wijkcoach)")
    HOUSING_CONSULTANT = "woonconsulent", _("Housing consultant (woonconsulent)")
    DEBT_COUNSELLOR = "schuldhulpverlener", _("Debt counsellor (schuldhulpverlener)")
    SPORTS_COACH = "buurtsportcoach", _("Community sports coach (buurtsportcoach)")
    NETWORK_COORDINATOR = "netwerkcoordinator", _("Network coordinator (netwerkcoördinator)")
    VOLUNTEER = "vrijwilliger", _("Volunteer (vrijwilliger)")
    KEY_FIGURE = "sleutelfiguur", _("Key figure in the neighbourhood (sleutelfiguur)")
    OTHER = "anders", _("Other")


DISCIPLINE_DOMAIN: dict[str, str] = {
    Discipline.GP: Domain.MEDICAL,
    Discipline.POH_ELDERLY: Domain.MEDICAL,
    Discipline.DISTRICT_NURSE: Domain.MEDICAL,
    Discipline.ELDERLY_CARE_PHYSICIAN: Domain.MEDICAL,
    Discipline.DEMENTIA_CASE_MANAGER: Domain.MEDICAL,
    Discipline.GERIATRICIAN: Domain.MEDICAL,
    Discipline.PHARMACIST: Domain.MEDICAL,
    Discipline.PHYSIOTHERAPIST: Domain.MEDICAL,
    Discipline.OCCUPATIONAL_THERAPIST: Domain.MEDICAL,
    Discipline.DIETITIAN: Domain.MEDICAL,
    Discipline.POH_MENTAL: Domain.MEDICAL,
    Discipline.CARE_WORKER: Domain.MEDICAL,
    Discipline.HOUSING_CONSULTANT: Domain.HOUSING,
}


def discipline_domain(discipline: str) -> str:
    return DISCIPLINE_DOMAIN.get(discipline, Domain.SOCIAL)


class Weekday(models.TextChoices):
    MONDAY = "mon", _("Monday")
    TUESDAY = "tue", _("Tuesday")
    WEDNESDAY = "wed", _("Wednesday")
    THURSDAY = "thu", _("Thursday")
    FRIDAY = "fri", _("Friday")
    SATURDAY = "sat", _("Saturday")
    SUNDAY = "sun", _("Sunday")


class Person(Stewarded):
    """A professional, volunteer coordinator or key figure on the social map."""

    name = models.CharField(_("name"), max_length=150)
    discipline = models.CharField(_("discipline"), max_length=40, choices=Discipline.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    work_phone = models.CharField(_("work phone"), max_length=30, blank=True)
    work_email = models.EmailField(_("work email"), blank=True)
    working_days = models.JSONField(
        _("working days"),
        default=list,
        blank=True,
        help_text=_("The days this person works, for example mon, tue, thu."),
    )
    private_phone = models.CharField(_("private phone"), max_length=30, blank=True)
    private_email = models.EmailField(_("private email"), blank=True)
    show_private_contact = models.BooleanField(
        _("show private contact details on public pages"),
        default=False,
        help_text=_("Only when this person has agreed to it."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    # Kept by a database trigger on PostgreSQL (migration 0002); empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = StewardedQuerySet["Person"].as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ("name",)

    def __str__(self) -> str:
        return f"{self.name} ({self.get_discipline_display()})"

    @property
    def domain(self) -> str:
        return discipline_domain(self.discipline)

    def clean(self) -> None:
        unknown = [d for d in self.working_days or [] if d not in Weekday.values]
        if unknown:
            raise ValidationError(
                {
                    "working_days": _("Unknown working day: %(days)s.")
                    % {"days": ", ".join(map(str, unknown))}
                }
            )

    def working_days_display(self) -> str:
        labels = dict(Weekday.choices)
        return ", ".join(str(labels[d]) for d in Weekday.values if d in (self.working_days or []))


class Need(models.TextChoices):
    """What an older person needs help with; services are tagged with these for search."""

    LONELINESS = "loneliness", _("Loneliness and contact")
    FALLS = "falls", _("Falls and moving about")
    MEMORY = "memory", _("Forgetfulness and dementia")
    CARER_SUPPORT = "carer_support", _("Support for the informal carer")
    MONEY = "money", _("Money and paperwork")
    HOUSING = "housing", _("Housing and adaptations")
    NUTRITION = "nutrition", _("Eating and weight")
    MEDICATION = "medication", _("Medication")
    SELF_CARE = "self_care", _("Self-care and household")
    MOOD = "mood", _("Mood and worries")
    EXERCISE = "exercise", _("Exercise")
    TRANSPORT = "transport", _("Transport")
    DAYTIME = "daytime", _("Daytime activities")
    MEANING = "meaning", _("Meaning and purpose")
    NURSING = "nursing", _("Nursing care")
    MEDICAL = "medical", _("Medical care")


class CostType(models.TextChoices):
    FREE = "free", _("Free")
    INSURED = "insured", _("Covered by health insurance")
    WMO = "wmo", _("Through the municipality (Wmo), personal contribution possible")
    PERSONAL = "personal", _("Paid by the person")
    OTHER = "other", _("Other")


class Service(Stewarded):
    """An offer on the social map; shaped so it exports as an Open Referral HSDS service."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what it offers"))
    audience = models.CharField(_("for whom"), max_length=300, blank=True)
    how_to_access = models.CharField(_("how to get it"), max_length=300, blank=True)
    referral_required = models.BooleanField(_("referral needed"), default=False)
    cost_type = models.CharField(
        _("cost"), max_length=16, choices=CostType.choices, default=CostType.FREE
    )
    cost_note = models.CharField(_("cost details"), max_length=200, blank=True)
    waiting_days = models.PositiveIntegerField(
        _("current waiting time in days"), null=True, blank=True
    )
    needs = models.JSONField(_("helps with"), default=list, blank=True)
    contact = models.ForeignKey(
        Person,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    url = models.URLField(_("web page"), blank=True)
    schedule = models.CharField(
        _("when"), max_length=200, blank=True, help_text=_("For example: Tuesdays 10:00 to 12:00.")
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("areas served"), blank=True, related_name="services"
    )
    # Kept by a database trigger on PostgreSQL (migration 0002); empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = StewardedQuerySet["Service"].as_manager()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unknown = [n for n in self.needs or [] if n not in Need.values]
        if unknown:
            raise ValidationError(
                {"needs": _("Unknown need: %(needs)s.") % {"needs": ", ".join(map(str, unknown))}}
            )

    def needs_display(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels[n]) for n in self.needs or [] if n in labels]


class Network(models.Model):
    """A neighbourhood network (samenwerkingsverband) of medical and social partners."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name for web addresses"), unique=True)
    description = models.TextField(_("description"), blank=True)
    areas = models.ManyToManyField(Area, verbose_name=_("areas served"), related_name="networks")
    coordinator = models.ForeignKey(
        Person,
        verbose_name=_("coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_networks",
    )
    night_and_weekend = models.CharField(
        _("at night and at weekends"),
        max_length=300,
        blank=True,
        help_text=_("Whom an older person or carer calls outside office hours."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def gap_steps(self) -> list[int]:
        """Pathway steps nobody in this network covers."""
        return StepAssignment.objects.filter(network=self).gap_steps()

    def overlap_steps(self) -> list[int]:
        """Pathway steps more than one organisation in this network leads."""
        return StepAssignment.objects.filter(network=self).overlap_steps()


class Tier(models.TextChoices):
    STEERING_GROUP = "steering", _("Steering group")
    CORE_TEAM = "core", _("Core team")
    OUTER_SHELL = "shell", _("Outer shell")


class NetworkParty(models.Model):
    """An organisation's place in a network's structure, with its linking pin."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="parties"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="network_parties",
    )
    tier = models.CharField(_("place in the network"), max_length=16, choices=Tier.choices)
    linking_pin = models.ForeignKey(
        Person,
        verbose_name=_("linking pin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="linking_pin_for",
        help_text=_(
            "The person who carries information between this organisation and the network."
        ),
    )
    activities = models.CharField(_("activities in the network"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("network party")
        verbose_name_plural = _("network parties")
        ordering = ("network", "tier", "organisation__name")
        constraints = [
            models.UniqueConstraint(
                fields=("network", "organisation"), name="unique_party_per_network"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_tier_display()}"


class PathwayStep(models.IntegerChoices):
    """The six steps of the integrated care pathway for frail older people."""

    SIGNALLING = 1, _("Signalling")
    CONVERSATION = 2, _("Conversation with the older person")
    ANALYSIS = 3, _("Multi-domain analysis")
    PLAN = 4, _("Plan in the multidisciplinary meeting")
    CONTACT_PERSON = 5, _("Contact person")
    CARRY_OUT = 6, _("Carrying out and evaluating")


class Responsibility(models.TextChoices):
    LEAD = "lead", _("Does this step")
    CONTRIBUTES = "contributes", _("Contributes")


class StepAssignmentQuerySet(models.QuerySet["StepAssignment"]):
    def gap_steps(self) -> list[int]:
        """Pathway steps that no row in this queryset covers at all."""
        covered = set(self.order_by().values_list("step", flat=True).distinct())
        return [step for step in PathwayStep.values if step not in covered]

    def overlap_steps(self) -> list[int]:
        """Pathway steps that more than one organisation leads."""
        rows = (
            self.filter(responsibility=Responsibility.LEAD)
            .order_by()
            .values("step")
            .annotate(leads=models.Count("organisation", distinct=True))
            .filter(leads__gt=1)
        )
        return sorted(row["step"] for row in rows)


class StepAssignment(models.Model):
    """Who does a pathway step in a network, when, and how to reach them at any hour."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="assignments"
    )
    step = models.PositiveSmallIntegerField(_("step"), choices=PathwayStep.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    discipline = models.CharField(_("role"), max_length=40, choices=Discipline.choices, blank=True)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
    )
    responsibility = models.CharField(
        _("responsibility"),
        max_length=16,
        choices=Responsibility.choices,
        default=Responsibility.LEAD,
    )
    when = models.CharField(
        _("when"),
        max_length=200,
        blank=True,
        help_text=_("For example: at every home visit to someone over 75."),
    )
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    evenings = models.CharField(_("evenings"), max_length=200, blank=True)
    nights_weekends = models.CharField(_("nights and weekends"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    objects = StepAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("who does what")
        verbose_name_plural = _("who does what")
        ordering = ("network", "step", "organisation__name")

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.organisation}"


class ChangeAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    CONFIRM = "confirm", _("confirmed as still correct")
    IMPORT = "import", _("imported")


class ChangeRecord(models.Model):
    """One version of a social-map entry: who changed what, and when."""

    entity = models.CharField(_("kind of entry"), max_length=40)
    entity_id = models.PositiveBigIntegerField(_("entry number"))
    entity_label = models.CharField(_("entry"), max_length=250)
    action = models.CharField(_("action"), max_length=16, choices=ChangeAction.choices)
    changes: models.JSONField[dict[str, list[object]]] = models.JSONField(
        _("changes"), default=dict, blank=True
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_by_label = models.CharField(_("changed by (name)"), max_length=150, blank=True)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ("-changed_at", "-pk")
        indexes: ClassVar = [models.Index(fields=("entity", "entity_id"))]

    def __str__(self) -> str:
        return f"{self.entity_label} {self.get_action_display()}"


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to be checked")
    CHECKING = "checking", _("being checked")
    CHECKED = "checked", _("checked")
    APPLYING = "applying", _("being imported")
    DONE = "done", _("imported")
    FAILED = "failed", _("failed")


class ImportJob(models.Model):
    """An uploaded import file on its way through the check and the import, by the worker.

    The file's bytes are kept only until the import is done, or for a day at most
    (``vangnet.directory.importing.jobs.expire_jobs``).
    """

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("what the file holds"), max_length=16)
    filename = models.CharField(_("file name"), max_length=255)
    language = models.CharField(_("language"), max_length=8, default="nl")
    data = models.BinaryField(_("uploaded file"), editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED
    )
    progress_done = models.PositiveIntegerField(_("rows handled"), default=0)
    progress_total = models.PositiveIntegerField(_("rows in all"), default=0)
    row_count = models.PositiveIntegerField(_("entries in the file"), default=0)
    created_count = models.PositiveIntegerField(_("entries imported"), null=True, blank=True)
    problems: models.JSONField[list[dict[str, object]]] = models.JSONField(
        _("problems"), default=list, blank=True
    )
    preview: models.JSONField[dict[str, object]] = models.JSONField(
        _("preview"), default=dict, blank=True
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now, db_index=True)
    # Set when a step is handed to the worker, cleared when the worker starts it.
    queued_at = models.DateTimeField(_("waiting since"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in {
            ImportJobStatus.QUEUED,
            ImportJobStatus.CHECKING,
            ImportJobStatus.APPLYING,
        }

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)
