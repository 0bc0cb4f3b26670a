"""Screenings of one older person, their risk profile over time, and the follow-up it proposes.

Results and profile changes are append-only: a result is never edited after it
is saved, and a new profile is a new row. Everything hangs off the client with
``on_delete=CASCADE`` so erasing an older person erases it all.
"""

from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.clients.models import Client
from vangnet.directory.models import Discipline, Network


class AppendOnlyError(Exception):
    """Raised on an attempt to change a saved screening result or profile change."""


class AppendOnlyQuerySet[T: models.Model](models.QuerySet[T]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed")


class AdministrationMode(models.TextChoices):
    PROFESSIONAL = "professional", _("Asked by a professional")
    SELF = "self", _("Filled in by the older person")


class RiskProfile(models.TextChoices):
    """The three SamenOud (Embrace) risk profiles."""

    ROBUST = "robust", _("Robust")
    FRAIL = "frail", _("Frail")
    COMPLEX = "complex", _("Complex care needs")


class ProfileRuleName(models.TextChoices):
    """Which rule produced a profile; docs/screening.md sets out both with their sources."""

    SAMENOUD = "samenoud", _("SamenOud rule (INTERMED-E-SA and GFI)")
    VANGNET = "vangnet", _("Vangnet's stand-in rule (without INTERMED-E-SA)")


PROFILE_RANK: dict[str, int] = {
    RiskProfile.ROBUST: 0,
    RiskProfile.FRAIL: 1,
    RiskProfile.COMPLEX: 2,
}


class Screening(models.Model):
    """One completed instrument: the FHIR QuestionnaireResponse and the score it earned."""

    client = models.ForeignKey(
        Client, verbose_name=_("older person"), on_delete=models.CASCADE, related_name="screenings"
    )
    instrument = models.CharField(_("instrument"), max_length=64)
    instrument_version = models.CharField(_("version of the instrument"), max_length=32)
    definition = models.CharField(_("definition"), max_length=300)
    score = models.PositiveSmallIntegerField(_("score"))
    max_score = models.PositiveSmallIntegerField(_("highest possible score"))
    cutoff = models.PositiveSmallIntegerField(_("cut-off"), null=True, blank=True)
    positive = models.BooleanField(_("at or above the cut-off"))
    result = models.JSONField(_("score in detail"))
    response = models.JSONField(_("answers (FHIR QuestionnaireResponse)"))
    mode = models.CharField(_("how"), max_length=16, choices=AdministrationMode.choices)
    administered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("administered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text so the record still says who it was after an account is removed.
    administered_by_name = models.CharField(_("name of the professional"), max_length=150)
    administered_by_discipline = models.CharField(
        _("discipline of the professional"), max_length=40, choices=Discipline.choices, blank=True
    )
    completed_at = models.DateTimeField(_("completed"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        ordering = ("-completed_at", "-pk")
        indexes = [models.Index(fields=["client", "instrument", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.instrument} {self.score}/{self.max_score}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("a saved screening cannot be changed")
        super().save(*args, **kwargs)

    @property
    def subscales(self) -> dict[str, dict[str, Any]]:
        subscales: dict[str, dict[str, Any]] = self.result.get("subscales", {})
        return subscales

    @property
    def counted_items(self) -> list[str]:
        counted: list[str] = self.result.get("counted", [])
        return counted

    def answered_items(self) -> list[dict[str, Any]]:
        """Each stored item: number, question, the answer as shown, and whether it counted."""
        counted = set(self.counted_items)
        rows = []
        for entry in self.response.get("item", []):
            value = (entry.get("answer") or [{}])[0]
            if "valueCoding" in value:
                shown = str(value["valueCoding"].get("display") or value["valueCoding"].get("code"))
            else:
                shown = str(value.get("valueInteger", ""))
            rows.append(
                {
                    "number": entry.get("linkId"),
                    "text": entry.get("text", ""),
                    "answer": shown,
                    "counted": entry.get("linkId") in counted,
                }
            )
        return rows


class ScreeningDraft(models.Model):
    """Answers given so far, kept until the screening is saved or discarded.

    One per professional and older person, so a refresh or an expired session
    loses nothing. A daily job removes drafts nobody touched for a week.
    """

    client = models.ForeignKey(
        Client,
        verbose_name=_("older person"),
        on_delete=models.CASCADE,
        related_name="screening_drafts",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    instrument = models.CharField(_("instrument"), max_length=64)
    mode = models.CharField(_("how"), max_length=16, choices=AdministrationMode.choices)
    answers = models.JSONField(_("answers so far"), default=dict)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last answer"), auto_now=True)

    class Meta:
        verbose_name = _("screening in progress")
        verbose_name_plural = _("screenings in progress")
        constraints = [
            models.UniqueConstraint(
                fields=("client", "started_by"), name="one_screening_draft_per_professional"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} ({len(self.answers)})"


class ProfileRule(models.Model):
    """A network's rule that turns screening results into a risk profile.

    The defaults are Vangnet's own; docs/screening.md explains each number and
    where it comes from.
    """

    network = models.OneToOneField(
        Network,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="profile_rule",
    )
    gfi_frail_from = models.PositiveSmallIntegerField(
        _("frail from GFI score"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(15)],
        help_text=_("Published cut-off: 4 (Peters et al. 2012)."),
    )
    tfi_frail_from = models.PositiveSmallIntegerField(
        _("frail from TFI score"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(15)],
        help_text=_("Published cut-off: 5 (Gobbens et al. 2010)."),
    )
    prisma7_frail_from = models.PositiveSmallIntegerField(
        _("PRISMA-7 positive from"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
        help_text=_(
            "Published cut-off: 3 (Raîche et al. 2008). Counts for frailty only when there is "
            "no GFI or TFI."
        ),
    )
    complex_zrm_domains = models.PositiveSmallIntegerField(
        _("complex from this many self-reliance domains at level 1 or 2"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    complex_gfi_from = models.PositiveSmallIntegerField(
        _("complex from GFI score, together with a positive PRISMA-7"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(15)],
    )
    lookback_days = models.PositiveSmallIntegerField(
        _("results count for this many days"),
        default=365,
        validators=[MinValueValidator(30), MaxValueValidator(1095)],
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

    PARAMETERS: ClassVar[tuple[str, ...]] = (
        "gfi_frail_from",
        "tfi_frail_from",
        "prisma7_frail_from",
        "complex_zrm_domains",
        "complex_gfi_from",
        "lookback_days",
    )

    class Meta:
        verbose_name = _("risk profile rule")
        verbose_name_plural = _("risk profile rules")

    def __str__(self) -> str:
        return str(self.network)

    @classmethod
    def for_network(cls, network: Network) -> "ProfileRule":
        """The network's own rule, or an unsaved one with the defaults."""
        return cls.objects.filter(network=network).first() or cls(network=network)

    def parameters(self) -> dict[str, int]:
        return {name: int(getattr(self, name)) for name in self.PARAMETERS}


class ProfileChange(models.Model):
    """One step in an older person's profile history, with the result that caused it."""

    client = models.ForeignKey(
        Client,
        verbose_name=_("older person"),
        on_delete=models.CASCADE,
        related_name="profile_changes",
    )
    profile = models.CharField(_("risk profile"), max_length=16, choices=RiskProfile.choices)
    previous_profile = models.CharField(
        _("previous risk profile"), max_length=16, choices=RiskProfile.choices, blank=True
    )
    cause = models.ForeignKey(
        Screening,
        verbose_name=_("caused by"),
        # A result that explains a profile may go only together with its older person.
        on_delete=models.RESTRICT,
        related_name="profile_changes",
    )
    basis = models.JSONField(_("reasons"), default=list)
    # Rows from before the SamenOud rule was built in were all made by the stand-in rule.
    rule_name = models.CharField(
        _("rule"),
        max_length=16,
        choices=ProfileRuleName.choices,
        default=ProfileRuleName.VANGNET,
    )
    rule = models.JSONField(_("rule applied"), default=dict)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk profile change")
        verbose_name_plural = _("risk profile history")
        ordering = ("-changed_at", "-pk")

    def __str__(self) -> str:
        return f"{self.previous_profile or '-'} → {self.profile}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("a profile change cannot be changed")
        super().save(*args, **kwargs)

    @property
    def rank(self) -> int:
        return PROFILE_RANK[self.profile]

    @property
    def previous_rank(self) -> int | None:
        return PROFILE_RANK.get(self.previous_profile)


class FollowUpKind(models.TextChoices):
    """What SamenOud offers per profile (seed document 004: SamenOud Zuidoost Groningen)."""

    GROUP_ACTIVITIES = "group_activities", _("Invite to group activities and send information")
    SOCIAL_CASE_MANAGER = "social_case_manager", _("Assign a case manager from the social domain")
    NURSE_CASE_MANAGER = "nurse_case_manager", _("Assign a district nurse as case manager")


FOLLOW_UP: dict[str, FollowUpKind] = {
    RiskProfile.ROBUST: FollowUpKind.GROUP_ACTIVITIES,
    RiskProfile.FRAIL: FollowUpKind.SOCIAL_CASE_MANAGER,
    RiskProfile.COMPLEX: FollowUpKind.NURSE_CASE_MANAGER,
}


# What each follow-up means in practice, after SamenOud's description in seed document 004.
FOLLOW_UP_GUIDANCE: dict[str, Any] = {
    FollowUpKind.GROUP_ACTIVITIES: _(
        "Send the self-management card and the newsletter, and invite the person to group "
        "activities on exercise, healthy food and social contact."
    ),
    FollowUpKind.SOCIAL_CASE_MANAGER: _(
        "For example the older people's adviser, who visits the person at home regularly. "
        "Also invite the person to the group activities."
    ),
    FollowUpKind.NURSE_CASE_MANAGER: _(
        "The district nurse visits the person at home regularly and coordinates the care. "
        "Also invite the person to the group activities."
    ),
}


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    NOT_NEEDED = "not_needed", _("Not needed")
    SUPERSEDED = "superseded", _("Replaced by a newer profile")


class FollowUpTaskQuerySet(models.QuerySet["FollowUpTask"]):
    def open(self) -> "FollowUpTaskQuerySet":
        return self.filter(status=TaskStatus.OPEN)


class FollowUpTask(models.Model):
    """A follow-up the coordinator is asked to arrange after a profile change."""

    client = models.ForeignKey(
        Client,
        verbose_name=_("older person"),
        on_delete=models.CASCADE,
        related_name="follow_up_tasks",
    )
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    profile_change = models.ForeignKey(
        ProfileChange,
        verbose_name=_("proposed after"),
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    kind = models.CharField(_("follow-up"), max_length=32, choices=FollowUpKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)
    resolved_at = models.DateTimeField(_("handled"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = FollowUpTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")
        ordering = ("created_at", "pk")
        indexes = [models.Index(fields=["network", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == TaskStatus.OPEN

    @property
    def guidance(self) -> str:
        return str(FOLLOW_UP_GUIDANCE.get(self.kind, ""))
