"""Steps 4 and 6: the shared plan with goals and actions, its versions, and its evaluations."""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.care.models.pathway import AppendOnlyModel, LifeDomain
from vangnet.clients.models import Client, InformalCarer
from vangnet.consent.models import ConsentMethod
from vangnet.directory.models import Person


class AgreedBy(models.TextChoices):
    CLIENT = "client", _("The older person")
    CARER = "carer", _("The informal carer, on their behalf")
    REPRESENTATIVE = "representative", _("Their legal representative")


class PlanQuerySet(models.QuerySet["Plan"]):
    def evaluation_overdue(self, today: date | None = None) -> "PlanQuerySet":
        return self.filter(evaluate_on__lt=today or timezone.localdate())

    def evaluation_due_by(self, day: date) -> "PlanQuerySet":
        return self.filter(evaluate_on__lte=day)


class Plan(models.Model):
    """The older person's one shared care and support plan; every change makes a new version."""

    client = models.OneToOneField(
        Client,
        verbose_name=_("older person"),
        on_delete=models.CASCADE,
        related_name="care_plan",
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    agreed_by = models.CharField(
        _("agreed by"), max_length=16, choices=AgreedBy.choices, blank=True
    )
    agreed_how = models.CharField(
        _("how"), max_length=16, choices=ConsentMethod.choices, blank=True
    )
    agreed_version = models.PositiveIntegerField(_("version agreed to"), null=True, blank=True)
    agreement_note = models.CharField(_("note on the agreement"), max_length=300, blank=True)
    evaluate_on = models.DateField(_("next evaluation"), null=True, blank=True)
    # The due date the overdue reminder went out for, so it goes out once per due date.
    overdue_reminded_for = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("care and support plan")
        verbose_name_plural = _("care and support plans")

    def __str__(self) -> str:
        return f"{self.client} · v{self.version}"

    def evaluation_overdue(self, today: date | None = None) -> bool:
        return self.evaluate_on is not None and self.evaluate_on < (today or timezone.localdate())

    @property
    def is_overdue(self) -> bool:
        return self.evaluation_overdue()

    @property
    def changed_since_agreement(self) -> bool:
        return self.agreed_version is not None and self.version > self.agreed_version


class Goal(models.Model):
    """A goal in the older person's own words."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )
    text = models.TextField(
        _("goal in the person's own words"),
        help_text=_("For example: 'I want to do my own shopping again.'"),
    )
    domain = models.CharField(_("domain"), max_length=16, choices=LifeDomain.choices, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("still a goal"), default=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ("-is_active", "position", "pk")

    def __str__(self) -> str:
        return self.text


class OwnerKind(models.TextChoices):
    PROFESSIONAL = "professional", _("A professional")
    CARER = "carer", _("The informal carer")
    VOLUNTEER = "volunteer", _("A volunteer")
    SELF = "self", _("The older person themself")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("To do")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("No longer needed")


class PlanActionQuerySet(models.QuerySet["PlanAction"]):
    def open(self) -> "PlanActionQuerySet":
        return self.filter(status=ActionStatus.OPEN)

    def due_by(self, day: date) -> "PlanActionQuerySet":
        return self.open().filter(due_on__lte=day)


class PlanAction(models.Model):
    """Something that will happen, who does it and when; often a decision of an MDO."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="actions"
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("for the goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    description = models.TextField(
        _("what will happen"), help_text=_("In plain words the older person understands.")
    )
    owner_kind = models.CharField(_("who does it"), max_length=16, choices=OwnerKind.choices)
    owner_person = models.ForeignKey(
        Person,
        verbose_name=_("professional"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_carer = models.ForeignKey(
        InformalCarer,
        verbose_name=_("informal carer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_name = models.CharField(
        _("name"),
        max_length=150,
        blank=True,
        help_text=_("For a volunteer, or a carer who is not recorded yet."),
    )
    due_on = models.DateField(_("when"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    mdo_item = models.ForeignKey(
        "care.MeetingItem",
        verbose_name=_("decided in the MDO"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = PlanActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ("status", "due_on", "pk")

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.owner_kind == OwnerKind.PROFESSIONAL and not self.owner_person_id:
            errors["owner_person"] = _("Choose the professional who does this.")
        if self.owner_kind == OwnerKind.CARER and not (self.owner_carer_id or self.owner_name):
            errors["owner_carer"] = _("Choose the informal carer, or type their name.")
        if self.owner_kind == OwnerKind.VOLUNTEER and not (self.owner_person_id or self.owner_name):
            errors["owner_name"] = _("Type the name of the volunteer.")
        if errors:
            raise ValidationError(errors)

    def owner_label(self) -> str:
        """Who does it, as the older person reads it on their plan."""
        match self.owner_kind:
            case OwnerKind.SELF:
                return str(_("You yourself"))
            case OwnerKind.CARER:
                return self.owner_carer.name if self.owner_carer else self.owner_name
            case _:
                if self.owner_person is not None:
                    return f"{self.owner_person.name}, {self.owner_person.organisation.name}"
                return self.owner_name

    def is_overdue(self, today: date | None = None) -> bool:
        return (
            self.status == ActionStatus.OPEN
            and self.due_on is not None
            and self.due_on < (today or timezone.localdate())
        )


class PlanVersion(AppendOnlyModel):
    """One version of the plan: who changed what, when, and the whole plan as it then stood."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    made_at = models.DateTimeField(_("changed at"), default=timezone.now)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    made_by_label = models.CharField(_("changed by (name)"), max_length=200, blank=True)
    # [{"kind": "goal", "change": "added", "label": "...", "fields": {name: [old, new]}}, ...]
    changes: models.JSONField[list[dict[str, Any]]] = models.JSONField(_("changes"), default=list)
    snapshot: models.JSONField[dict[str, Any]] = models.JSONField(_("the plan"), default=dict)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ("-number",)
        constraints = [
            models.UniqueConstraint(fields=("plan", "number"), name="one_row_per_plan_version")
        ]

    def __str__(self) -> str:
        return f"{self.plan} · v{self.number}"


class GoalOutcome(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not", _("Not achieved")
    NO_LONGER_RELEVANT = "irrelevant", _("No longer relevant")


# Outcomes after which the goal is closed; the others stay goals for the next period.
CLOSING_OUTCOMES = {GoalOutcome.ACHIEVED, GoalOutcome.NO_LONGER_RELEVANT}


class Evaluation(models.Model):
    """The contact person and the older person look back on the goals on the evaluation date."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="evaluations"
    )
    held_on = models.DateField(_("date of the evaluation"), default=timezone.localdate)
    due_on = models.DateField(_("was due on"), null=True, blank=True)
    held_by = models.ForeignKey(
        Person,
        verbose_name=_("evaluated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    held_by_label = models.CharField(_("evaluated by (name)"), max_length=200, blank=True)
    next_on = models.DateField(_("next evaluation"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ("-held_on", "-pk")

    def __str__(self) -> str:
        return f"{self.plan.client} · {self.held_on}"

    @property
    def was_late(self) -> bool:
        return self.due_on is not None and self.held_on > self.due_on


class GoalReview(models.Model):
    """How one goal went, in the evaluation, with the older person's own view."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="reviews"
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="reviews"
    )
    # The goal as it read at the evaluation; the goal's text may change later.
    goal_text = models.TextField(_("goal"))
    outcome = models.CharField(_("result"), max_length=16, choices=GoalOutcome.choices)
    own_view = models.TextField(_("what the older person says about it"), blank=True)

    class Meta:
        verbose_name = _("goal review")
        verbose_name_plural = _("goal reviews")
        ordering = ("evaluation", "goal__position", "goal_id")
        constraints = [
            models.UniqueConstraint(fields=("evaluation", "goal"), name="one_review_per_goal")
        ]

    def __str__(self) -> str:
        return f"{self.goal_text[:60]}: {self.get_outcome_display()}"
