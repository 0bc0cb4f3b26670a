"""The older person's own experience: survey codes handed out and the answers given.

Neither table names a person. A code is stored only as its hash, with the network
and the quarter it counts for; it is deleted when it is used. An answer keeps only
the network, the quarter and the six scores: no time, no code, no professional.
"""

from django.db import models

from vangnet.directory.models import Network


class SurveyCode(models.Model):
    """A one-use code on a printed slip; the slip itself is the only link to the person."""

    digest = models.CharField(max_length=64, unique=True)
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    quarter = models.CharField(max_length=6)

    def __str__(self) -> str:
        return f"code {self.pk} ({self.quarter})"


class SurveyAnswer(models.Model):
    """One filled-in survey: 1-5 per statement, 0 for "don't know", empty when skipped."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    quarter = models.CharField(max_length=6, db_index=True)
    contact = models.PositiveSmallIntegerField(null=True)
    listened = models.PositiveSmallIntegerField(null=True)
    matters = models.PositiveSmallIntegerField(null=True)
    next_steps = models.PositiveSmallIntegerField(null=True)
    fitting = models.PositiveSmallIntegerField(null=True)
    overall = models.PositiveSmallIntegerField(null=True)

    def __str__(self) -> str:
        return f"answer {self.pk} ({self.quarter})"
