"""Consent: what may be shared about an older person, with whom, for which purpose, until when.

Default: nothing is shared. A revoked or expired consent stops covering access at once.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.audit.purposes import Purpose as Purpose
from vangnet.directory.models import Discipline, Organisation, Person


class DataCategory(models.TextChoices):
    IDENTITY = "identity", _("Name, address and contact details")
    SIGNALS = "signals", _("Signals and worries")
    SCREENING = "screening", _("Screening results")
    PLAN = "plan", _("Care and support plan")
    REFERRAL = "referral", _("Referral details")


class RecipientScope(models.TextChoices):
    CARE_TEAM = "care_team", _("Everyone in the care team")
    ORGANISATION = "organisation", _("An organisation")
    DISCIPLINE = "discipline", _("A role (for example: the district nurse)")
    PERSON = "person", _("One person")


class GivenBy(models.TextChoices):
    CLIENT = "client", _("The older person")
    REPRESENTATIVE = "representative", _("Their representative")


class ConsentMethod(models.TextChoices):
    SPOKEN = "spoken", _("Spoken")
    WRITTEN = "written", _("Written")
    DIGITAL = "digital", _("Digital")


class ConsentQuerySet(models.QuerySet["Consent"]):
    def active(self, on: date | None = None) -> "ConsentQuerySet":
        day = on or timezone.localdate()
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            revoked_at__isnull=True,
            given_on__lte=day,
        )


class Consent(models.Model):
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("older person"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    categories = models.JSONField(_("what may be shared"), default=list)
    purposes = models.JSONField(_("for which purpose"), default=list)
    scope = models.CharField(_("with whom"), max_length=16, choices=RecipientScope.choices)
    recipient_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    recipient_discipline = models.CharField(
        _("role"), max_length=40, choices=Discipline.choices, blank=True
    )
    recipient_person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    given_by = models.CharField(_("given by"), max_length=16, choices=GivenBy.choices)
    representative_name = models.CharField(
        _("name of the representative"), max_length=150, blank=True
    )
    method = models.CharField(_("how"), max_length=16, choices=ConsentMethod.choices)
    given_on = models.DateField(_("given on"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_note = models.CharField(_("note on revocation"), max_length=300, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ("-recorded_at", "-pk")

    def __str__(self) -> str:
        return f"{self.get_scope_display()}: {', '.join(self.categories)}"

    def clean(self) -> None:
        errors: dict[str, object] = {}
        unknown = set(self.categories or []) - set(DataCategory.values)
        if not self.categories or unknown:
            errors["categories"] = _("Choose at least one kind of information.")
        if not self.purposes or set(self.purposes) - set(Purpose.values):
            errors["purposes"] = _("Choose at least one purpose.")
        needed = {
            RecipientScope.ORGANISATION: ("recipient_organisation", self.recipient_organisation_id),
            RecipientScope.DISCIPLINE: ("recipient_discipline", self.recipient_discipline),
            RecipientScope.PERSON: ("recipient_person", self.recipient_person_id),
        }.get(RecipientScope(self.scope) if self.scope else RecipientScope.CARE_TEAM)
        if needed and not needed[1]:
            errors[needed[0]] = _("Say with whom the information may be shared.")
        if self.given_by == GivenBy.REPRESENTATIVE and not self.representative_name:
            errors["representative_name"] = _("Fill in the name of the representative.")
        if self.valid_until and self.given_on and self.valid_until < self.given_on:
            errors["valid_until"] = _("The end date cannot be before the date it was given.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        if self.revoked_at is not None or self.given_on > today:
            return False
        return self.valid_until is None or self.valid_until >= today

    def recipient_label(self) -> str:
        if self.scope == RecipientScope.ORGANISATION and self.recipient_organisation:
            return self.recipient_organisation.name
        if self.scope == RecipientScope.DISCIPLINE:
            return str(self.get_recipient_discipline_display())
        if self.scope == RecipientScope.PERSON and self.recipient_person:
            return str(self.recipient_person)
        return str(self.get_scope_display())

    def category_labels(self) -> list[str]:
        labels = dict(DataCategory.choices)
        return [str(labels[c]) for c in self.categories if c in labels]

    def purpose_labels(self) -> list[str]:
        labels = dict(Purpose.choices)
        return [str(labels[p]) for p in self.purposes if p in labels]

    def covers(self, *, person: Person, category: str, purpose: str, in_care_team: bool) -> bool:
        """Does this consent let ``person`` see ``category`` for ``purpose`` today?"""
        if not self.is_active or category not in self.categories or purpose not in self.purposes:
            return False
        match self.scope:
            case RecipientScope.CARE_TEAM:
                return in_care_team
            case RecipientScope.ORGANISATION:
                return self.recipient_organisation_id == person.organisation_id
            case RecipientScope.DISCIPLINE:
                return self.recipient_discipline == person.discipline
            case RecipientScope.PERSON:
                return self.recipient_person_id == person.pk
        return False
