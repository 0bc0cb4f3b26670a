"""Steps 1 to 3 of the pathway: the step history, the conversation and the multi-domain analysis."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.clients.models import Client
from vangnet.directory.models import Discipline, PathwayStep, Person


class HistoryRowChanged(Exception):
    """Raised when code tries to change a history row that may only be appended."""


class AppendOnlyModel(models.Model):
    """A history row: written once, never changed afterwards (only erased with the client)."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise HistoryRowChanged(f"{type(self).__name__} rows are history and stay as written.")
        super().save(*args, **kwargs)


class StepStatus(models.TextChoices):
    BEGUN = "begun", _("Begun")
    DONE = "done", _("Done")


class StepSource(models.TextChoices):
    """What put a moment in the pathway; shown next to it in the history."""

    MANUAL = "manual", _("Recorded on the pathway page")
    CONVERSATION = "conversation", _("Conversation recorded")
    ANALYSIS = "analysis", _("Analysis recorded")
    MDO = "mdo", _("Plan made in the MDO")
    AGREEMENT = "agreement", _("The older person agreed with the plan")
    EVALUATION = "evaluation", _("Evaluation held")
    CONTACT_PERSON = "contact_person", _("Contact person chosen")


class StepEvent(AppendOnlyModel):
    """One moment in an older person's pathway: a step begun or done, on a date, by someone.

    Steps have no forced order. A step that is begun or done again after it was
    done before is a revisit; the earlier rows stay as they were.
    """

    client = models.ForeignKey(
        Client,
        verbose_name=_("older person"),
        on_delete=models.CASCADE,
        related_name="step_events",
    )
    step = models.PositiveSmallIntegerField(_("step"), choices=PathwayStep.choices)
    status = models.CharField(_("status"), max_length=8, choices=StepStatus.choices)
    occurred_on = models.DateField(_("date"), default=timezone.localdate)
    by_person = models.ForeignKey(
        Person,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The name as it was, so the history stays readable when the social map changes.
    by_label = models.CharField(_("by (name)"), max_length=200, blank=True)
    source = models.CharField(
        _("what happened"), max_length=16, choices=StepSource.choices, default=StepSource.MANUAL
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("pathway step")
        verbose_name_plural = _("pathway steps")
        ordering = ("occurred_on", "recorded_at", "pk")

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.get_status_display()} {self.occurred_on}"


class HealthDimension(models.TextChoices):
    """The six dimensions of positive health.

    Huber M, Knottnerus JA, Green L, et al. How should we define health? BMJ
    2011;343:d4163; operationalised in Huber M, van Vliet M, Giezenberg M, et al.
    Towards a 'patient-centred' operationalisation of the new dynamic concept of
    health: a mixed methods study. BMJ Open 2016;6:e010091. The person scores each
    dimension 0 to 10 themself, only if they want to.
    """

    BODILY = "bodily", _("Bodily functions")
    MENTAL = "mental", _("Mental well-being")
    MEANING = "meaning", _("Meaning")
    QUALITY = "quality", _("Quality of life")
    PARTICIPATION = "participation", _("Participation")
    DAILY = "daily", _("Daily functioning")


HEALTH_HELP = {
    HealthDimension.BODILY: _("Feeling healthy and fit, sleeping, eating, moving, pain."),
    HealthDimension.MENTAL: _("Remembering things, concentrating, feeling cheerful, coping."),
    HealthDimension.MEANING: _("Having a meaningful life, ideals, feeling accepted."),
    HealthDimension.QUALITY: _("Enjoying life, feeling happy, feeling good about yourself."),
    HealthDimension.PARTICIPATION: _("Contact with other people, being part of things."),
    HealthDimension.DAILY: _("Looking after yourself, knowing your limits, managing money."),
}

SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10)]


def _score_field(dimension: HealthDimension) -> "models.PositiveSmallIntegerField[Any, Any]":
    return models.PositiveSmallIntegerField(
        dimension.label,
        null=True,
        blank=True,
        validators=SCORE_VALIDATORS,
        help_text=HEALTH_HELP[dimension],
    )


class Conversation(models.Model):
    """Step 2: the conversation with the older person (and carer) about what matters to them."""

    client = models.ForeignKey(
        Client,
        verbose_name=_("older person"),
        on_delete=models.CASCADE,
        related_name="conversations",
    )
    held_on = models.DateField(_("date of the conversation"), default=timezone.localdate)
    held_by = models.ForeignKey(
        Person,
        verbose_name=_("conversation held by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    held_by_label = models.CharField(_("held by (name)"), max_length=200, blank=True)
    carer_present = models.BooleanField(_("the informal carer took part"), default=False)
    what_matters = models.TextField(
        _("What matters to you?"),
        help_text=_("In the person's own words. Write down what they say, not your summary."),
    )
    goals = models.TextField(
        _("What would you like to achieve?"),
        blank=True,
        help_text=_("The person's own goals, one per line, in their own words."),
    )
    score_bodily = _score_field(HealthDimension.BODILY)
    score_mental = _score_field(HealthDimension.MENTAL)
    score_meaning = _score_field(HealthDimension.MEANING)
    score_quality = _score_field(HealthDimension.QUALITY)
    score_participation = _score_field(HealthDimension.PARTICIPATION)
    score_daily = _score_field(HealthDimension.DAILY)
    carer_says = models.TextField(_("What the informal carer says"), blank=True)
    carer_needs = models.TextField(_("What the informal carer needs"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ("-held_on", "-recorded_at", "-pk")

    def __str__(self) -> str:
        return f"{self.client} · {self.held_on}"

    def scores(self) -> list[tuple[str, int | None]]:
        """(dimension label, score or None) in the published order of the six dimensions."""
        return [
            (str(dimension.label), getattr(self, f"score_{dimension.value}"))
            for dimension in HealthDimension
        ]

    def has_scores(self) -> bool:
        return any(score is not None for _label, score in self.scores())

    def goal_lines(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.goals.splitlines() if line.strip(" -•\t")]


class LifeDomain(models.TextChoices):
    """The domains of the multi-domain analysis."""

    PHYSICAL = "physical", _("Physical health")
    COGNITIVE = "cognitive", _("Memory and thinking")
    PSYCHOLOGICAL = "psychological", _("Mood and mental health")
    SOCIAL = "social", _("Social contacts and support")
    HOUSING = "housing", _("Housing")
    FINANCES = "finances", _("Money and paperwork")
    DAILY_LIFE = "daily_life", _("Daily life and self-care")


class Quarter(models.TextChoices):
    """The four wings of the butterfly model (vlindermodel) by Mart Stel (Wind & Poot, 2014)."""

    CURE = "cure", _("Cure (medical treatment)")
    CARE = "care", _("Care (nursing and personal care)")
    HOUSING = "housing", _("Housing (wonen)")
    WELFARE = "welfare", _("Welfare (welzijn)")


class FindingSource(models.TextChoices):
    CONVERSATION = "conversation", _("The conversation")
    SCREENING = "screening", _("A screening questionnaire")
    OBSERVATION = "observation", _("A professional's observation")


class Analysis(models.Model):
    """Step 3: a multi-domain analysis, with findings per domain and per butterfly quarter."""

    client = models.ForeignKey(
        Client,
        verbose_name=_("older person"),
        on_delete=models.CASCADE,
        related_name="analyses",
    )
    done_on = models.DateField(_("date of the analysis"), default=timezone.localdate)
    done_by = models.ForeignKey(
        Person,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_by_label = models.CharField(_("done by (name)"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("multi-domain analysis")
        verbose_name_plural = _("multi-domain analyses")
        ordering = ("-done_on", "-recorded_at", "-pk")

    def __str__(self) -> str:
        return f"{self.client} · {self.done_on}"


class Finding(models.Model):
    """What was found in one life domain, where it sits in the butterfly, and from where."""

    analysis = models.ForeignKey(
        Analysis, verbose_name=_("analysis"), on_delete=models.CASCADE, related_name="findings"
    )
    domain = models.CharField(_("domain"), max_length=16, choices=LifeDomain.choices)
    text = models.TextField(_("what was found"))
    quarters = models.JSONField(_("butterfly model"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=16, choices=FindingSource.choices)
    further_assessment = models.BooleanField(_("further assessment needed"), default=False)
    assessment_by_person = models.ForeignKey(
        Person,
        verbose_name=_("further assessment by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assessment_by_discipline = models.CharField(
        _("or by a discipline"), max_length=40, choices=Discipline.choices, blank=True
    )

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ("analysis", "pk")

    def __str__(self) -> str:
        return f"{self.get_domain_display()}: {self.text[:60]}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if set(self.quarters or []) - set(Quarter.values):
            errors["quarters"] = _("Choose from cure, care, housing and welfare.")
        if self.further_assessment and not (
            self.assessment_by_person_id or self.assessment_by_discipline
        ):
            errors["assessment_by_person"] = _(
                "Say who does the further assessment: a person or a discipline."
            )
        if errors:
            raise ValidationError(errors)

    def quarter_labels(self) -> list[str]:
        labels = dict(Quarter.choices)
        return [str(labels[q]) for q in Quarter.values if q in (self.quarters or [])]

    def assessment_label(self) -> str:
        if self.assessment_by_person is not None:
            return str(self.assessment_by_person)
        return (
            str(self.get_assessment_by_discipline_display())
            if self.assessment_by_discipline
            else ""
        )
