"""A network's business case: who sits at the table, what it costs and brings, who decides.

Only aggregate figures live here: counts of activities, hours and money, never an
older person. Views reach a case only through ``vangnet.economics.access``.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.directory.models import Network, Organisation
from vangnet.economics.engine import MKBA_DISCOUNT_RATE

SHARE_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))]
DEFAULT_COUNT_THRESHOLD = 10


class Phase(models.IntegerChoices):
    """The four steps of the conversation and calculation tool."""

    CONVERSATION = 1, _("First conversation")
    CALCULATION = 2, _("Calculation")
    BENEFITS = 3, _("Second conversation: benefits")
    DECISION = 4, _("Decision")


class BusinessCase(models.Model):
    """One network's costs and benefits over a period, as the parties at the table see them."""

    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.PROTECT,
        related_name="business_cases",
    )
    title = models.CharField(_("name of the business case"), max_length=200)
    period_start = models.DateField(_("measured from"))
    period_end = models.DateField(_("measured until"))
    horizon_years = models.PositiveSmallIntegerField(
        _("number of years"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("How many years ahead the calculation looks."),
    )
    discount_rate = models.DecimalField(
        _("discount rate"),
        max_digits=6,
        decimal_places=4,
        default=MKBA_DISCOUNT_RATE,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal("0.2"))],
        help_text=_("Money later is worth less than money now. The Dutch standard is 2.25%."),
    )
    count_threshold = models.PositiveSmallIntegerField(
        _("smallest count shown"),
        default=DEFAULT_COUNT_THRESHOLD,
        validators=[MinValueValidator(5), MaxValueValidator(100)],
        help_text=_("Smaller counts show as '< N', so no older person can be recognised."),
    )
    starting_situation = models.TextField(_("the starting situation"), blank=True)
    shared_ambition = models.TextField(_("what the network wants to achieve together"), blank=True)
    # Ranges for the sensitivity view where a row states none of its own.
    quantity_spread = models.DecimalField(
        _("range of quantities"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.25"),
        validators=SHARE_VALIDATORS,
    )
    share_spread = models.DecimalField(
        _("range of shares"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.10"),
        validators=SHARE_VALIDATORS,
    )
    unit_cost_spread = models.DecimalField(
        _("range of unit costs"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.20"),
        validators=SHARE_VALIDATORS,
    )
    cost_spread = models.DecimalField(
        _("range of costs"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.10"),
        validators=SHARE_VALIDATORS,
    )
    random_seed = models.PositiveIntegerField(_("random seed"), default=2026)
    phase_reached = models.PositiveSmallIntegerField(
        _("furthest phase"), choices=Phase.choices, default=Phase.CONVERSATION
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copy of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    agreed_on = models.DateField(_("agreed at the table on"), null=True, blank=True)
    agreement_note = models.TextField(_("what was agreed"), blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agreement recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("business case")
        verbose_name_plural = _("business cases")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The end comes before the start.")})

    @property
    def price_year(self) -> int:
        """The year all amounts are indexed to: the year the measured period ends."""
        return self.period_end.year

    @property
    def period_days(self) -> int:
        return (self.period_end - self.period_start).days + 1

    @property
    def is_agreed(self) -> bool:
        return self.agreed_on is not None


class PartyKind(models.TextChoices):
    """Who sits at the table, and for which law or money they speak."""

    MUNICIPALITY = "municipality", _("Municipality (Wmo)")
    HEALTH_INSURER = "health_insurer", _("Health insurer (Zvw)")
    CARE_OFFICE = "care_office", _("Care office (Wlz)")
    GP_PRACTICE = "gp_practice", _("GP practice")
    HOME_CARE = "home_care", _("Home care")
    WELFARE = "welfare", _("Welfare")
    HOUSING = "housing", _("Housing")
    OLDER_PEOPLE = "older_people", _("Older people and their carers")
    OTHER = "other", _("Other")


class Participation(models.TextChoices):
    YES = "yes", _("Takes part")
    NO = "no", _("Does not take part")
    UNDECIDED = "", _("Not decided yet")


class CaseParty(models.Model):
    """One party at the table: what it wants (phase 1), its rate (2) and its decision (4)."""

    case = models.ForeignKey(
        BusinessCase,
        verbose_name=_("business case"),
        on_delete=models.CASCADE,
        related_name="parties",
    )
    name = models.CharField(_("party"), max_length=120)
    kind = models.CharField(_("kind of party"), max_length=16, choices=PartyKind.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation on the social map"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="business_case_parties",
        help_text=_("Its people may read this business case."),
    )
    wants = models.TextField(_("what this party wants from the network"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    hourly_rate = models.DecimalField(
        _("hourly rate (€)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    takes_part = models.CharField(
        _("takes part"), max_length=4, choices=Participation.choices, blank=True
    )
    contribution_money = models.DecimalField(
        _("contribution in money per year (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    contribution_hours = models.DecimalField(
        _("contribution in hours per year"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    conditions = models.TextField(_("conditions"), blank=True)
    agreed_transfer = models.DecimalField(
        _("agreed transfer (€, present value)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Positive: this party receives. Negative: this party pays."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ("case", "position", "pk")
        constraints = [
            models.UniqueConstraint(fields=("case", "name"), name="economics_one_party_per_name")
        ]

    def __str__(self) -> str:
        return self.name


class CostCategory(models.TextChoices):
    """Where the hours go: a step of the pathway, or the running of the network itself."""

    STEP_1 = "step1", _("Step 1: signalling")
    STEP_2 = "step2", _("Step 2: conversation with the older person")
    STEP_3 = "step3", _("Step 3: multi-domain analysis")
    STEP_4 = "step4", _("Step 4: plan in the MDO")
    STEP_5 = "step5", _("Step 5: contact person")
    STEP_6 = "step6", _("Step 6: carrying out and evaluating")
    COORDINATION = "coordination", _("Network: coordinator")
    MEETINGS = "meetings", _("Network: meetings")
    TRAINING = "training", _("Network: training")
    ICT = "ict", _("Network: ICT")


class Timing(models.TextChoices):
    EVERY_YEAR = "every_year", _("Every year")
    FIRST_YEAR = "first_year", _("Only in the first year")


class CostLine(models.Model):
    """Hours and money of one party for one step or for running the network, per year.

    A prefilled line carries the measured count and where it came from; the count
    used may differ only with a reason.
    """

    case = models.ForeignKey(
        BusinessCase,
        verbose_name=_("business case"),
        on_delete=models.CASCADE,
        related_name="cost_lines",
    )
    party = models.ForeignKey(
        CaseParty, verbose_name=_("party"), on_delete=models.CASCADE, related_name="cost_lines"
    )
    category = models.CharField(_("for"), max_length=16, choices=CostCategory.choices)
    description = models.CharField(_("what"), max_length=200)
    # Set on lines Vangnet prefilled: which activity, how many in the period, where from.
    activity = models.CharField(_("measured activity"), max_length=32, blank=True)
    measured_count = models.PositiveIntegerField(_("counted in Vangnet"), null=True, blank=True)
    measured_per_year = models.DecimalField(
        _("counted, per year"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    measured_source = models.CharField(_("where the count comes from"), max_length=300, blank=True)
    count_per_year = models.DecimalField(
        _("times per year"),
        max_digits=10,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    minutes_each = models.DecimalField(
        _("minutes each time"),
        max_digits=7,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    extra_money = models.DecimalField(
        _("other money per year (€)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("For example licences, rent or materials."),
    )
    override_reason = models.CharField(_("why the count differs"), max_length=300, blank=True)
    timing = models.CharField(
        _("when"), max_length=16, choices=Timing.choices, default=Timing.EVERY_YEAR
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        ordering = ("case", "position", "pk")

    def __str__(self) -> str:
        return self.description

    @property
    def hours_per_year(self) -> Decimal:
        return self.count_per_year * self.minutes_each / 60

    def amount_per_year(self, hourly_rate: Decimal) -> Decimal:
        return self.hours_per_year * hourly_rate + self.extra_money


class UnitCostOverride(models.Model):
    """A network's own amount for one shipped unit cost, with its reason."""

    case = models.ForeignKey(
        BusinessCase,
        verbose_name=_("business case"),
        on_delete=models.CASCADE,
        related_name="unit_cost_overrides",
    )
    key = models.CharField(_("unit cost"), max_length=40)
    amount = models.DecimalField(
        _("own amount (€)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        verbose_name = _("own unit cost")
        verbose_name_plural = _("own unit costs")
        ordering = ("case", "key")
        constraints = [
            models.UniqueConstraint(fields=("case", "key"), name="economics_one_override_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.amount}"


class BenefitLine(models.Model):
    """An avoided or shifted event, who pays for it, how many per year, and the assumptions."""

    case = models.ForeignKey(
        BusinessCase,
        verbose_name=_("business case"),
        on_delete=models.CASCADE,
        related_name="benefit_lines",
    )
    party = models.ForeignKey(
        CaseParty,
        verbose_name=_("who gains"),
        on_delete=models.CASCADE,
        related_name="benefit_lines",
    )
    unit_key = models.CharField(_("avoided event"), max_length=40)
    quantity_per_year = models.DecimalField(
        _("fewer per year"),
        max_digits=10,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0))],
    )
    deadweight = models.DecimalField(
        _("would have happened anyway"),
        max_digits=5,
        decimal_places=4,
        default=Decimal(0),
        validators=SHARE_VALIDATORS,
    )
    attribution = models.DecimalField(
        _("share credited to the network"),
        max_digits=5,
        decimal_places=4,
        default=Decimal(1),
        validators=SHARE_VALIDATORS,
    )
    drop_off = models.DecimalField(
        _("yearly decline"),
        max_digits=5,
        decimal_places=4,
        default=Decimal(0),
        validators=SHARE_VALIDATORS,
    )
    quantity_low = models.DecimalField(
        _("fewest per year"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    quantity_high = models.DecimalField(
        _("most per year"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    assumption = models.CharField(_("where the numbers come from"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ("case", "position", "pk")

    def __str__(self) -> str:
        return f"{self.unit_key} × {self.quantity_per_year}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        low, high, base = self.quantity_low, self.quantity_high, self.quantity_per_year
        if low is not None and base is not None and low > base:
            errors["quantity_low"] = _("The fewest may not be more than the expected number.")
        if high is not None and base is not None and high < base:
            errors["quantity_high"] = _("The most may not be less than the expected number.")
        if errors:
            raise ValidationError(errors)


class QualitativeBenefit(models.Model):
    """A gain nobody can count, rated: who gains, how much on a five-point scale, the evidence."""

    case = models.ForeignKey(
        BusinessCase,
        verbose_name=_("business case"),
        on_delete=models.CASCADE,
        related_name="qualitative_benefits",
    )
    party = models.ForeignKey(
        CaseParty,
        verbose_name=_("who gains"),
        on_delete=models.CASCADE,
        related_name="qualitative_benefits",
    )
    description = models.CharField(_("the gain"), max_length=200)
    rating = models.PositiveSmallIntegerField(
        _("how much (1 to 5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("gain that cannot be counted")
        verbose_name_plural = _("gains that cannot be counted")
        ordering = ("case", "position", "pk")

    def __str__(self) -> str:
        return self.description
