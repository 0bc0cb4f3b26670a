"""Early detection: signals (worries) about older people, the coordination point, and the
registry of early-detection activities.

Views never query ``Signal`` directly for one signal: they go through
``vangnet.detection.access.access_signal``, which decides the viewer's role and logs the read.
"""

import secrets
from collections.abc import Sequence
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.detection.coverage import (
    DEFAULT_AGE_BANDS,
    ActivityScope,
    AgeRange,
    Cell,
    area_parents,
    coverage_grid,
    find_gaps,
    find_overlaps,
)
from vangnet.directory.models import Area, Network, Organisation, Person

# Crockford's base32 without 0 and 1: no O/0, I/1/L or U to mix up when reading a code aloud.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_LENGTH = 10
DESCRIPTION_MAX = 2000


def new_reference() -> str:
    """A random reference code: 30^10 (about 6 * 10^14) possibilities, never sequential."""
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def normalise_reference(value: str) -> str:
    """What a person typed, as stored: capitals, without spaces or dashes."""
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())[:20]


class SignalCategory(models.TextChoices):
    """The quick choices on every signal form."""

    FALLS = "falls", _("Falls and moving about")
    MEMORY = "memory", _("Forgetfulness")
    LONELINESS = "loneliness", _("Loneliness")
    HOME = "home", _("The house or self-care")
    EATING = "eating", _("Eating and weight")
    CARER = "carer", _("An overburdened carer")
    MONEY = "money", _("Money and paperwork")
    OTHER = "other", _("Something else")


class Urgency(models.TextChoices):
    URGENT = "urgent", _("Urgent: someone should look today")
    NORMAL = "normal", _("Normal: within a week")


class SignalStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_TRIAGE = "in_triage", _("In triage")
    ROUTED = "routed", _("Passed on")
    PICKED_UP = "picked_up", _("Picked up")
    CLOSED = "closed", _("Closed")


# The service-level timer runs until someone has picked the signal up (or it is closed).
TIMED_STATUSES = (SignalStatus.NEW, SignalStatus.IN_TRIAGE, SignalStatus.ROUTED)
OPEN_STATUSES = (*TIMED_STATUSES, SignalStatus.PICKED_UP)
# Still with the coordination point: not yet passed on.
UNTRIAGED_STATUSES = (SignalStatus.NEW, SignalStatus.IN_TRIAGE)
# A recipient keeps the signal while it is theirs to act on.
RECIPIENT_STATUSES = (SignalStatus.ROUTED, SignalStatus.PICKED_UP)


class PublicStatus(models.TextChoices):
    """All a reporter ever learns from the status page."""

    RECEIVED = "received", _("Received")
    PICKED_UP = "picked_up", _("Picked up")


class Source(models.TextChoices):
    PUBLIC = "public", _("Worry form (no account)")
    PROFESSIONAL = "professional", _("Professional")


class ReporterKind(models.TextChoices):
    NEIGHBOUR = "neighbour", _("Neighbour")
    FAMILY = "family", _("Family member or informal carer")
    FRIEND = "friend", _("Friend or acquaintance")
    VOLUNTEER = "volunteer", _("Volunteer")
    COURIER = "courier", _("Delivery or courier, for example from the pharmacy")
    OTHER = "other", _("Someone else")
    PROFESSIONAL = "professional", _("Professional")


PUBLIC_REPORTER_KINDS = [
    (k.value, k.label) for k in ReporterKind if k is not ReporterKind.PROFESSIONAL
]


class PersonKnows(models.TextChoices):
    YES = "yes", _("Yes, they know")
    NO = "no", _("No")
    UNSURE = "unsure", _("I do not know")


class AgeBand(models.TextChoices):
    UNDER_65 = "under_65", _("Younger than 65")
    FROM_65 = "65_74", _("65 to 74")
    FROM_75 = "75_84", _("75 to 84")
    FROM_85 = "85_plus", _("85 or older")


AGE_BAND_RANGES: dict[str, tuple[int, int | None]] = {
    AgeBand.UNDER_65: (0, 64),
    AgeBand.FROM_65: (65, 74),
    AgeBand.FROM_75: (75, 84),
    AgeBand.FROM_85: (85, None),
}


class CloseReason(models.TextChoices):
    HANDLED = "handled", _("Help is arranged")
    ALREADY_KNOWN = "already_known", _("Already known and in good hands")
    DUPLICATE = "duplicate", _("Same worry as another signal")
    NO_ACTION = "no_action", _("No action needed")
    DECLINED = "declined", _("The older person does not want help")
    UNREACHABLE = "unreachable", _("The older person could not be reached")
    NOT_GENUINE = "not_genuine", _("Not a real report")
    OTHER = "other", _("Other reason")


class CoordinationPoint(models.Model):
    """The network's one desk for worries (centraal coördinatiepunt).

    Its staff triage the signals of the network, together with the network's coordinator.
    Empty service levels fall back to the settings ``VANGNET_SIGNAL_SLA_URGENT_HOURS`` and
    ``VANGNET_SIGNAL_SLA_NORMAL_WORKING_DAYS``.
    """

    network = models.OneToOneField(
        Network,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="coordination_point",
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    hours = models.CharField(
        _("when it is open"),
        max_length=200,
        blank=True,
        help_text=_("For example: Monday to Friday 9:00 to 17:00."),
    )
    staff = models.ManyToManyField(
        Person,
        verbose_name=_("who staffs it"),
        blank=True,
        related_name="coordination_points",
        help_text=_("Coordinators who triage signals, besides the network's coordinator."),
    )
    sla_urgent_hours = models.PositiveSmallIntegerField(
        _("term for urgent signals (hours)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(72)],
        help_text=_("Leave empty for the default."),
    )
    sla_normal_working_days = models.PositiveSmallIntegerField(
        _("term for normal signals (working days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("Leave empty for the default."),
    )

    class Meta:
        verbose_name = _("coordination point")
        verbose_name_plural = _("coordination points")

    def __str__(self) -> str:
        return str(self.network)


class SignalQuerySet(models.QuerySet["Signal"]):
    def open(self) -> "SignalQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def timed(self) -> "SignalQuerySet":
        """Signals whose service-level timer still runs."""
        return self.filter(status__in=TIMED_STATUSES)

    def overdue(self, now: datetime | None = None) -> "SignalQuerySet":
        return self.timed().filter(due_at__lt=now or timezone.now())

    def for_networks(self, network_ids: set[int]) -> "SignalQuerySet":
        return self.filter(network_id__in=network_ids)

    def untriaged(self) -> "SignalQuerySet":
        return self.filter(status__in=UNTRIAGED_STATUSES)

    def passed_on_to(self, person: Person) -> "SignalQuerySet":
        """Signals passed on to ``person`` that are still theirs to act on."""
        return self.filter(recipient=person, status__in=RECIPIENT_STATUSES)

    def queue_counts(self, now: datetime | None = None) -> dict[str, int]:
        """How many of these wait for triage (``untriaged``) and are past their term (``overdue``).

        The same conditions as ``untriaged()`` and ``overdue()``, in one query.
        """
        moment = now or timezone.now()
        counts: dict[str, int] = self.aggregate(
            untriaged=Count("pk", filter=Q(status__in=UNTRIAGED_STATUSES)),
            overdue=Count("pk", filter=Q(status__in=TIMED_STATUSES, due_at__lt=moment)),
        )
        return counts


class Signal(models.Model):
    """A worry about an older person, from anyone, on its way to the one who should act."""

    reference = models.CharField(_("reference code"), max_length=REFERENCE_LENGTH, unique=True)
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="signals"
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    reporter_kind = models.CharField(
        _("who reported"), max_length=16, choices=ReporterKind.choices, blank=True
    )
    # About whom, as the reporter wrote it down; empty when recorded from the older person's page.
    subject_name = models.CharField(_("name"), max_length=150, blank=True)
    subject_street = models.CharField(_("street and house number"), max_length=200, blank=True)
    subject_postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    subject_town = models.CharField(_("town"), max_length=100, blank=True)
    subject_age_band = models.CharField(
        _("rough age"), max_length=10, choices=AgeBand.choices, blank=True
    )
    subject_birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    subject_neighbourhood = models.ForeignKey(
        Area,
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("older person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signals",
    )
    categories = models.JSONField(_("what worries"), default=list)
    description = models.TextField(
        _("what worries you"),
        blank=True,
        validators=[MaxLengthValidator(DESCRIPTION_MAX)],
    )
    person_knows = models.CharField(
        _("the older person knows about this signal"),
        max_length=8,
        choices=PersonKnows.choices,
        default=PersonKnows.UNSURE,
    )
    urgency = models.CharField(
        _("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL
    )
    reporter_name = models.CharField(_("name of the reporter"), max_length=150, blank=True)
    reporter_contact = models.CharField(_("how to reach the reporter"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=SignalStatus.choices, default=SignalStatus.NEW
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    due_at = models.DateTimeField(_("due"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by_person = models.ForeignKey(
        Person,
        verbose_name=_("recorded by (professional)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals_recorded",
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("triaged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipient = models.ForeignKey(
        Person,
        verbose_name=_("passed on to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals_received",
    )
    routed_at = models.DateTimeField(_("passed on"), null=True, blank=True)
    picked_up_at = models.DateTimeField(_("picked up"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    close_reason = models.CharField(
        _("reason for closing"), max_length=16, choices=CloseReason.choices, blank=True
    )
    close_note = models.CharField(_("note on closing"), max_length=300, blank=True)
    last_reminded_on = models.DateField(_("last reminder"), null=True, blank=True)

    objects = SignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ("due_at", "pk")
        indexes = [
            models.Index(fields=["network", "status", "due_at"], name="signal_queue"),
            models.Index(fields=["recipient", "status"], name="signal_recipient"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(close_reason=""),
                name="signal_closed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.display_reference

    @property
    def display_reference(self) -> str:
        """The code in two halves, easier to read aloud: ``ABCDE-FGHJK``."""
        half = len(self.reference) // 2
        return f"{self.reference[:half]}-{self.reference[half:]}"

    @property
    def public_status(self) -> PublicStatus:
        """What the reporter sees: received until the coordination point has passed it on."""
        if self.status in (SignalStatus.NEW, SignalStatus.IN_TRIAGE):
            return PublicStatus.RECEIVED
        return PublicStatus.PICKED_UP

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_timed(self) -> bool:
        return self.status in TIMED_STATUSES

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.is_timed and self.due_at < (now or timezone.now())

    def category_labels(self) -> list[str]:
        labels = dict(SignalCategory.choices)
        return [str(labels[c]) for c in self.categories if c in labels]


class SignalStep(models.Model):
    """One change of a signal's status: the visible history on the signal's page."""

    signal = models.ForeignKey(
        Signal, verbose_name=_("signal"), on_delete=models.CASCADE, related_name="steps"
    )
    status = models.CharField(_("status"), max_length=12, choices=SignalStatus.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_label = models.CharField(_("by (role and organisation)"), max_length=250, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("signal step")
        verbose_name_plural = _("signal steps")
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.signal_id} {self.status} {self.at:%Y-%m-%d %H:%M}"


class Throttle(models.Model):
    """One counted request from one address, for rate limits on the public pages.

    The address is stored only as a keyed hash, and rows older than a day are removed.
    """

    scope = models.CharField(_("what"), max_length=16)
    key = models.CharField(_("address (hashed)"), max_length=64)
    # Which of the limit's places this request took; unique per address, so never over the limit.
    slot = models.PositiveSmallIntegerField(_("place"), default=0)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("rate-limit count")
        verbose_name_plural = _("rate-limit counts")
        indexes = [models.Index(fields=["scope", "key", "at"], name="throttle_lookup")]
        constraints = [
            models.UniqueConstraint(fields=["scope", "key", "slot"], name="throttle_one_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.at:%Y-%m-%d %H:%M}"


class ActivityKind(models.TextChoices):
    HOUSE_VISITS = "house_visits", _("House visits")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire from the GP practice")
    SCREENING = "screening", _("Screening during a consultation")
    PREVENTION = "prevention", _("Municipal prevention project")
    VOLUNTEER_VISITS = "volunteer_visits", _("Visits by volunteers")
    OTHER = "other", _("Other")


class Instrument(models.TextChoices):
    """Instruments the screening part of Vangnet scores, plus the usual alternatives."""

    GFI = "gfi", _("Groningen Frailty Indicator (GFI)")
    TFI = "tfi", _("Tilburg Frailty Indicator (TFI)")
    PRISMA7 = "prisma7", _("PRISMA-7")
    ZRM = "zrm", _("Self-reliance scan (ZRM)")
    CONVERSATION = "conversation", _("A conversation without a fixed instrument")
    OWN = "own", _("An own questionnaire or method")


class Frequency(models.TextChoices):
    ONCE = "once", _("Once")
    YEARLY = "yearly", _("Every year")
    TWO_YEARLY = "two_yearly", _("Every two years")
    MILESTONE = "milestone", _("Once, when someone reaches the starting age")
    ONGOING = "ongoing", _("Ongoing, whenever there is a reason")
    OTHER = "other", _("Other")


class ActivityQuerySet(models.QuerySet["EarlyDetectionActivity"]):
    def current(self, on: date | None = None) -> "ActivityQuerySet":
        """Running on ``on`` (default today): started, and not yet ended (end date included)."""
        day = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)

    def not_ended(self, on: date | None = None) -> "ActivityQuerySet":
        """Running now or starting later: what a network still has to coordinate."""
        day = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))

    def overlapping_pairs(
        self, on: date | None = None
    ) -> list[tuple["EarlyDetectionActivity", "EarlyDetectionActivity"]]:
        """Pairs of activities that aim at the same people at the same time (see ``coverage``)."""
        activities = list(self.not_ended(on).prefetch_related("areas"))
        by_id = {a.pk: a for a in activities}
        pairs = find_overlaps([a.scope() for a in activities], area_parents())
        return [(by_id[a], by_id[b]) for a, b in pairs]

    def coverage(
        self,
        neighbourhood_ids: Sequence[int],
        on: date | None = None,
        bands: Sequence[AgeRange] = DEFAULT_AGE_BANDS,
    ) -> list[Cell]:
        """Per neighbourhood and age band: how far the activities running on ``on`` reach."""
        day = on or timezone.localdate()
        scopes = [a.scope() for a in self.current(day).prefetch_related("areas")]
        return coverage_grid(neighbourhood_ids, scopes, area_parents(), day, bands)

    def gaps(
        self,
        neighbourhood_ids: Sequence[int],
        on: date | None = None,
        bands: Sequence[AgeRange] = DEFAULT_AGE_BANDS,
    ) -> list[tuple[int, AgeRange]]:
        """The neighbourhoods and age bands no activity running on ``on`` reaches."""
        day = on or timezone.localdate()
        scopes = [a.scope() for a in self.current(day).prefetch_related("areas")]
        return find_gaps(neighbourhood_ids, scopes, area_parents(), day, bands)


class EarlyDetectionActivity(models.Model):
    """One early-detection activity in a network: who runs it, for whom, where, how, when."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="activities"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("who runs it"),
        on_delete=models.PROTECT,
        related_name="detection_activities",
    )
    age_from = models.PositiveSmallIntegerField(
        _("from age"), validators=[MaxValueValidator(120)], default=75
    )
    age_to = models.PositiveSmallIntegerField(
        _("up to and including age"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
        help_text=_("Leave empty when there is no upper age."),
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("areas"), related_name="detection_activities"
    )
    criteria = models.TextField(
        _("other criteria"),
        blank=True,
        validators=[MaxLengthValidator(1000)],
        help_text=_("For example: lives alone, or not seen by the GP in the past year."),
    )
    instrument = models.CharField(
        _("instrument"), max_length=16, choices=Instrument.choices, blank=True
    )
    instrument_note = models.CharField(
        _("instrument, in your own words"), max_length=200, blank=True
    )
    frequency = models.CharField(_("how often"), max_length=16, choices=Frequency.choices)
    frequency_note = models.CharField(_("how often, in your own words"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(
        _("ends on"),
        null=True,
        blank=True,
        help_text=_("The last day it runs. Leave empty when it has no end date."),
    )
    contact_person = models.ForeignKey(
        Person,
        verbose_name=_("contact for questions"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="detection_activities",
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

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("early-detection activity")
        verbose_name_plural = _("early-detection activities")
        ordering = ("name", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(age_to__isnull=True) | Q(age_to__gte=models.F("age_from")),
                name="activity_age_to_after_from",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.age_to is not None and self.age_to < self.age_from:
            errors["age_to"] = _("The upper age cannot be lower than the starting age.")
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)

    @property
    def age_label(self) -> str:
        if self.age_to is None:
            return str(_("%(age)d and older") % {"age": self.age_from})
        return str(_("%(start)d to %(end)d") % {"start": self.age_from, "end": self.age_to})

    def instrument_label(self) -> str:
        parts = [
            str(self.get_instrument_display()) if self.instrument else "",
            self.instrument_note,
        ]
        return ": ".join(p for p in parts if p)

    def frequency_label(self) -> str:
        parts = [str(self.get_frequency_display()), self.frequency_note]
        return ": ".join(p for p in parts if p)

    def is_current(self, on: date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)

    def scope(self) -> ActivityScope:
        """The plain data the overlap and gap finders work on (areas must be prefetched)."""
        return ActivityScope(
            id=self.pk,
            age_from=self.age_from,
            age_to=self.age_to,
            area_ids=frozenset(a.pk for a in self.areas.all()),
            starts_on=self.starts_on,
            ends_on=self.ends_on,
        )
