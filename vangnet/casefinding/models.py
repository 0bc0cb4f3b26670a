"""A practice's case-finding runs: the ranked list made from one uploaded extract."""

import uuid

import polars as pl
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.casefinding.deficits import FrailtyCategory
from vangnet.directory.models import Organisation


def result_path(run: "CaseFindingRun", filename: str) -> str:
    # A random name: the folder is not served, and names must not be guessable anyway.
    return f"casefinding/{run.organisation_id}/{uuid.uuid4().hex}.parquet"


class CaseFindingRunQuerySet(models.QuerySet["CaseFindingRun"]):
    def of_practice(self, practice: Organisation) -> "CaseFindingRunQuerySet":
        return self.filter(organisation=practice)


class CaseFindingRun(models.Model):
    """One upload of a GP practice's extract and the ranked list made from it."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("GP practice"),
        on_delete=models.CASCADE,
        related_name="case_finding_runs",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    reference_date = models.DateField(_("reference date"))
    practice_code = models.CharField(
        _("practice code"),
        max_length=40,
        blank=True,
        help_text=_("Only this practice of the extract; empty for all of them."),
    )
    patients_total = models.PositiveIntegerField(_("patients in the extract"))
    patients_aged = models.PositiveIntegerField(_("patients aged 75 or over"))
    patients_excluded = models.PositiveIntegerField(_("left out (screened recently or in care)"))
    patients_listed = models.PositiveIntegerField(_("people on the list"))
    category_counts = models.JSONField(_("people per category"), default=dict)
    result = models.FileField(_("ranked list"), upload_to=result_path)

    objects = CaseFindingRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("case-finding run")
        verbose_name_plural = _("case-finding runs")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.organisation} · {self.reference_date.isoformat()}"

    def categories(self) -> list[tuple[str, int]]:
        """(label, count) per category, from fit to severe."""
        return [
            (str(category.label), int(self.category_counts.get(category.value, 0)))
            for category in FrailtyCategory
        ]

    def ranked(self) -> pl.DataFrame:
        """The stored list, in rank order per practice (deficits as a bit mask)."""
        with self.result.open("rb") as handle:
            return pl.read_parquet(handle)
