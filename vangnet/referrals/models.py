"""Warm referrals from the GP practice to social work (Welzijn op recept), and their history.

Views never query these rows before the older person is fetched through
``vangnet.clients.access.access_client``; then they filter by that client.
"""

from datetime import date, timedelta
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vangnet.clients.models import Client
from vangnet.consent.models import Consent
from vangnet.directory.models import Network, Organisation, Person, Service
from vangnet.referrals.workdays import add_working_days, end_of_week_term, working_days_between

DEFAULT_FIRST_CONTACT_WORKING_DAYS = 5
# Under the same-week rule the social worker gets at least this many working days: a
# referral sent Monday to Wednesday is due that Friday, one sent on Thursday, Friday
# or in the weekend the Friday after (a holiday Friday moves it to the day before).
SAME_WEEK_MINIMUM_WORKING_DAYS = 2
# About three months after the last conversation, as in WELzijn voor Elkaar Houten (Movisie,
# "Medisch en sociaal verbonden", seed 004: "Drie maanden na het laatste gesprek neemt de
# consulent welzijn contact op om te vragen hoe het gaat").
DEFAULT_FOLLOW_UP_DAYS = 91
# After the follow-up date the receiving organisation keeps access this long to record it.
FOLLOW_UP_GRACE_DAYS = 61


class Status(models.TextChoices):
    SENT = "sent", _("Sent")
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    FIRST_CONTACT = "first_contact", _("First contact made")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined by the older person")
    REDIRECTED = "redirected", _("Redirected")
    CANCELLED = "cancelled", _("Cancelled")


# Referrals the receiving organisation still works on.
ACTIVE_STATUSES = (
    Status.SENT,
    Status.RECEIVED,
    Status.ACCEPTED,
    Status.FIRST_CONTACT,
    Status.IN_PROGRESS,
)
WAITING_FOR_CONTACT = (Status.SENT, Status.RECEIVED, Status.ACCEPTED)
AFTER_FIRST_CONTACT = (Status.FIRST_CONTACT, Status.IN_PROGRESS, Status.COMPLETED)
ENDED_STATUSES = (Status.DECLINED, Status.REDIRECTED, Status.CANCELLED)


class Category(models.TextChoices):
    """The three kinds of questions behind a referral to social work; a referral has one or more.

    From Movisie, "Medisch en sociaal verbonden" (the chapter on referring, seed 004),
    which adds that "vaak hebben mensen meerdere klachten op verschillende vlakken".
    """

    PHYSICAL = "physical", _("Physical")
    EMOTIONAL = "emotional", _("Emotional")
    SOCIAL = "social", _("Social")


CATEGORY_EXAMPLES = {
    Category.PHYSICAL: _("too little exercise, risk of falling, eating poorly, weight loss"),
    Category.EMOTIONAL: _("low mood, stress, grief, loss, overburdened by caring"),
    Category.SOCIAL: _("loneliness, needs more people around"),
}


class ContactPreference(models.TextChoices):
    PHONE = "phone", _("By phone")
    HOME_VISIT = "home_visit", _("A home visit")
    VIA_CARER = "via_carer", _("Through the informal carer")
    AT_PRACTICE = "at_practice", _("At the GP practice")


class Theme(models.TextChoices):
    """What the support is about: the Welzijn op recept themes, then other common offers.

    The first seven are the themes of Welzijn op recept (MOvactor, Nieuwegein); the
    others come from WELzijn voor Elkaar Houten; both in Movisie, "Medisch en sociaal verbonden".
    """

    NATURE = "nature", _("Nature")
    EXERCISE = "exercise", _("Exercise")
    CULTURE = "culture", _("Culture")
    BODY_AND_MIND = "body_and_mind", _("Body and mind")
    FOOD = "food", _("Food")
    LEARNING = "learning", _("Learning and discovering")
    PLAY = "play", _("Meeting through play")
    VOLUNTEERING = "volunteering", _("Volunteering")
    PEER_CONTACT = "peer_contact", _("Meeting others in the same situation")
    PRACTICAL = "practical", _("Practical help (money, paperwork, housing)")
    CARER_SUPPORT = "carer_support", _("Support for the informal carer")
    OTHER = "other", _("Something else")


class FollowUpOutcome(models.TextChoices):
    BETTER = "better", _("Doing better")
    SAME = "same", _("About the same")
    WORSE = "worse", _("Doing worse")
    STOPPED = "stopped", _("Stopped the activity or support")
    NOT_REACHED = "not_reached", _("Could not be reached")


class FirstContactRule(models.TextChoices):
    """How the first-contact term is set.

    Movisie, "Medisch en sociaal verbonden" (seed 004): "sociaal werkers snel, het
    liefst in dezelfde week, tijd in hun agenda vrijmaken om een eerste gesprek te
    voeren met de doorverwezen persoon". The same week is the default.
    """

    SAME_WEEK = "same_week", _("In the same week where possible")
    WORKING_DAYS = "working_days", _("Within a fixed number of working days")


class ReferralSettings(models.Model):
    """A network's referral agreements: the one point of contact, the term, the follow-up."""

    network = models.OneToOneField(
        Network,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="referral_settings",
    )
    contact_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("point of contact (organisation)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where referrers send an older person when they do not choose a service."),
    )
    contact_person = models.ForeignKey(
        Person,
        verbose_name=_("point of contact (person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. Gets the message about each new referral."),
    )
    first_contact_rule = models.CharField(
        _("first contact term"),
        max_length=16,
        choices=FirstContactRule.choices,
        default=FirstContactRule.SAME_WEEK,
        help_text=_(
            "In the same week: referrals sent Monday to Wednesday by that Friday, those sent "
            "on Thursday, Friday or in the weekend by the Friday after."
        ),
    )
    first_contact_working_days = models.PositiveSmallIntegerField(
        _("first contact within (working days)"),
        default=DEFAULT_FIRST_CONTACT_WORKING_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("Only used with a fixed number of working days."),
    )
    follow_up_days = models.PositiveSmallIntegerField(
        _("ask how it goes, days after the last conversation"),
        default=DEFAULT_FOLLOW_UP_DAYS,
        validators=[MinValueValidator(14), MaxValueValidator(365)],
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
        verbose_name = _("referral settings")
        verbose_name_plural = _("referral settings")

    def __str__(self) -> str:
        return str(self.network)

    @classmethod
    def for_network(cls, network: Network) -> "ReferralSettings":
        """The network's settings, or unsaved defaults when the coordinator set none yet."""
        found = (
            cls.objects.select_related("contact_organisation", "contact_person")
            .filter(network=network)
            .first()
        )
        return found or cls(network=network)

    def first_contact_due(self, sent_on: date) -> date:
        """The last day for the first contact with an older person referred on ``sent_on``."""
        if self.first_contact_rule == FirstContactRule.WORKING_DAYS:
            return add_working_days(sent_on, self.first_contact_working_days)
        return end_of_week_term(sent_on, SAME_WEEK_MINIMUM_WORKING_DAYS)


class ReferralQuerySet(models.QuerySet["Referral"]):
    def active(self) -> "ReferralQuerySet":
        return self.filter(status__in=ACTIVE_STATUSES)

    def open_on(self, day: date) -> "ReferralQuerySet":
        """Referrals that give the receiving organisation a care relationship on ``day``.

        Active ones, and completed ones whose follow-up is still to be recorded,
        until a grace period after the follow-up date.
        """
        return self.filter(
            Q(status__in=ACTIVE_STATUSES)
            | Q(
                status=Status.COMPLETED,
                follow_up_recorded_at__isnull=True,
                follow_up_due_on__gte=day - timedelta(days=FOLLOW_UP_GRACE_DAYS),
            )
        )

    def overdue_on(self, day: date) -> "ReferralQuerySet":
        return self.filter(status__in=WAITING_FOR_CONTACT, first_contact_due_on__lt=day)

    def follow_up_due_on(self, day: date) -> "ReferralQuerySet":
        return self.filter(
            status__in=AFTER_FIRST_CONTACT,
            follow_up_recorded_at__isnull=True,
            follow_up_due_on__lte=day,
        )


class Referral(models.Model):
    """A warm referral of one older person to one organisation, with its whole loop.

    A redirect ends this row as *redirected* and starts a new row for the new
    organisation (``redirected_from``); ``origin`` points at the first row of such a
    chain, so figures count the older person's journey once.
    """

    client = models.ForeignKey(
        Client, verbose_name=_("older person"), on_delete=models.CASCADE, related_name="referrals"
    )
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="referrals"
    )
    # Who refers.
    referring_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("referring organisation"),
        on_delete=models.PROTECT,
        related_name="referrals_sent",
    )
    referrer = models.ForeignKey(
        Person,
        verbose_name=_("referrer"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="referrals_made",
    )
    referrer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referrer's account"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # To whom.
    receiving_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("receiving organisation"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    receiving_person = models.ForeignKey(
        Person,
        verbose_name=_("receiving person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_point_of_contact = models.BooleanField(_("sent to the point of contact"), default=False)
    # What, in as few words as possible.
    reason = models.CharField(_("reason, in one line"), max_length=200)
    # One or more ``Category`` values, in the order of ``Category``.
    categories = models.JSONField(_("kinds of question"), default=list)
    contact_preference = models.CharField(
        _("how the older person likes to be contacted"),
        max_length=16,
        choices=ContactPreference.choices,
    )
    contact_note = models.CharField(_("about reaching them"), max_length=200, blank=True)
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("consent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Where it stands. ``version`` goes up with every change, so a stale form is refused.
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SENT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    first_contact_due_on = models.DateField(_("first contact due"))
    escalated_at = models.DateTimeField(_("escalated to the coordinator"), null=True, blank=True)
    first_contact_on = models.DateField(_("first contact on"), null=True, blank=True)
    # The follow-up counts from here; a later conversation moves it (and the follow-up).
    last_contact_on = models.DateField(_("last conversation on"), null=True, blank=True)
    completed_at = models.DateTimeField(
        pgettext_lazy("referral", "completed"), null=True, blank=True
    )
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    # Feedback to the referrer, in plain words.
    first_contact_feedback = models.TextField(_("feedback at first contact"), blank=True)
    completion_feedback = models.TextField(_("feedback at completion"), blank=True)
    themes = models.JSONField(_("activities and support"), default=list, blank=True)
    feedback_at = models.DateTimeField(_("first feedback sent"), null=True, blank=True)
    # The check about three months after the last conversation.
    follow_up_due_on = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_reminded_at = models.DateTimeField(
        _("follow-up reminder sent"), null=True, blank=True
    )
    follow_up_outcome = models.CharField(
        _("how the older person is doing"),
        max_length=16,
        choices=FollowUpOutcome.choices,
        blank=True,
    )
    follow_up_note = models.CharField(_("follow-up note"), max_length=300, blank=True)
    follow_up_recorded_at = models.DateTimeField(_("follow-up recorded"), null=True, blank=True)
    # Redirects.
    redirected_from = models.ForeignKey(
        "self",
        verbose_name=_("redirected from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="redirects",
    )
    origin = models.ForeignKey(
        "self",
        verbose_name=_("first referral of the chain"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ("-sent_at", "-pk")
        indexes: ClassVar = [
            models.Index(fields=("receiving_organisation", "status"), name="referral_inbox"),
            models.Index(fields=("network", "sent_at"), name="referral_network_time"),
            models.Index(fields=("status", "first_contact_due_on"), name="referral_due"),
        ]

    def __str__(self) -> str:
        return f"{self.pk} · {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def anchor(self) -> str:
        return f"verwijzing-{self.pk}"

    def sent_on(self) -> date:
        return timezone.localdate(self.sent_at)

    def is_overdue(self, today: date | None = None) -> bool:
        day = today or timezone.localdate()
        return self.status in WAITING_FOR_CONTACT and self.first_contact_due_on < day

    def working_days_to_first_contact(self) -> int | None:
        if self.first_contact_on is None:
            return None
        return working_days_between(self.sent_on(), self.first_contact_on)

    def first_contact_in_time(self) -> bool | None:
        if self.first_contact_on is None:
            return None
        return self.first_contact_on <= self.first_contact_due_on

    def follow_up_is_due(self, today: date | None = None) -> bool:
        if self.status not in AFTER_FIRST_CONTACT or self.follow_up_recorded_at is not None:
            return False
        if self.follow_up_reminded_at is not None:
            return True
        day = today or timezone.localdate()
        return self.follow_up_due_on is not None and self.follow_up_due_on <= day

    def can_record_contact(self) -> bool:
        """A later conversation fits while support runs and the follow-up is not yet recorded."""
        return (
            self.status in AFTER_FIRST_CONTACT
            and self.first_contact_on is not None
            and self.follow_up_recorded_at is None
        )

    def category_labels(self) -> list[str]:
        labels = dict(Category.choices)
        return [str(labels[c]) for c in self.categories or [] if c in labels]

    def theme_labels(self) -> list[str]:
        labels = dict(Theme.choices)
        return [str(labels[t]) for t in self.themes or [] if t in labels]

    def receiver_label(self) -> str:
        if self.service_id is not None and self.service is not None:
            return f"{self.service.name} ({self.receiving_organisation.name})"
        return self.receiving_organisation.name


class EventKind(models.TextChoices):
    STATUS = "status", _("Status changed")
    ESCALATED = "escalated", _("Escalated to the coordinator")
    FOLLOW_UP_REMINDER = "follow_up_reminder", _("Follow-up reminder sent")
    FOLLOW_UP = "follow_up", _("Follow-up recorded")
    CONTACT = "contact", _("Later conversation recorded")


class ReferralEvent(models.Model):
    """One step in a referral's history: who did what, when, and why."""

    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("what happened"), max_length=24, choices=EventKind.choices)
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("by (name and organisation)"), max_length=250, blank=True)
    note = models.TextField(_("reason or note"), blank=True)

    class Meta:
        verbose_name = _("referral event")
        verbose_name_plural = _("referral history")
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.referral_id} {self.kind} {self.to_status}"
