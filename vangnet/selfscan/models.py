"""Self-scan rounds, the statements they ask about, and the answers, kept apart from names.

Who answered (``Participation``) and what was answered (``Response``) are separate
tables with nothing in common but the round: a response, its ratings and its
remarks have random keys, no time and no account, so results cannot be traced
back to a member, not even by the order of the keys.
"""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.directory.models import Network, Tier
from vangnet.selfscan.elements import Element

SCORES = range(1, 6)


class Statement(models.Model):
    """One statement of a network's own set, copied from the defaults and editable there."""

    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="selfscan_statements",
    )
    element = models.CharField(_("working element"), max_length=20, choices=Element.choices)
    text = models.CharField(_("statement"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    in_use = models.BooleanField(_("ask in new rounds"), default=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ("network", "element", "position", "pk")

    def __str__(self) -> str:
        return self.text


class Round(models.Model):
    """One self-scan round of a network, open from its start until its closing day."""

    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="selfscan_rounds",
    )
    title = models.CharField(_("name of the round"), max_length=100)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closes_on = models.DateField(_("last day to answer"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("self-scan round")
        verbose_name_plural = _("self-scan rounds")
        ordering = ("network", "-opened_at", "-pk")

    def __str__(self) -> str:
        return f"{self.network} · {self.title}"

    def is_open_on(self, day: date) -> bool:
        return self.closed_at is None and day <= self.closes_on

    @property
    def is_open(self) -> bool:
        return self.is_open_on(timezone.localdate())


class RoundStatement(models.Model):
    """A statement as it was asked in a round, so later edits do not change old answers."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="statements"
    )
    element = models.CharField(_("working element"), max_length=20, choices=Element.choices)
    text = models.CharField(_("statement"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("statement in a round")
        verbose_name_plural = _("statements in a round")
        ordering = ("round", "element", "position", "pk")

    def __str__(self) -> str:
        return self.text


class Participation(models.Model):
    """That a member answered in a round; nothing about what they answered."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=("round", "user"), name="selfscan_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.user_id}"


class Response(models.Model):
    """One member's answers in a round: a random key and their layer, no name and no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="responses"
    )
    tier = models.CharField(_("place in the network"), max_length=16, choices=Tier.choices)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return str(self.id)


class Rating(models.Model):
    # Random keys here too: counting keys would follow the order in which members answered.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        Response, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="ratings"
    )
    statement = models.ForeignKey(
        RoundStatement,
        verbose_name=_("statement"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(
                fields=("response", "statement"), name="selfscan_one_rating_per_statement"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="selfscan_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.score}"


class Remark(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        Response, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="remarks"
    )
    element = models.CharField(_("working element"), max_length=20, choices=Element.choices)
    text = models.TextField(_("remark"), max_length=1000)

    class Meta:
        verbose_name = _("remark")
        verbose_name_plural = _("remarks")

    def __str__(self) -> str:
        return self.text[:50]
