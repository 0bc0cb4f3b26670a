"""Writes of the self-scan. Each is atomic; opening a round and editing statements are logged.

A member's answers are deliberately not logged: the access log would tie a name
to a moment, and the participation row already says that they answered.
"""

from collections.abc import Mapping
from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AuditEvent
from vangnet.directory.models import Network
from vangnet.notifications.actions import notify
from vangnet.selfscan.elements import Element, default_statements
from vangnet.selfscan.membership import members_of
from vangnet.selfscan.models import (
    Participation,
    Rating,
    Remark,
    Response,
    Round,
    RoundStatement,
    Statement,
)

NOTIFICATION_KIND = "selfscan_round"


class AlreadyAnswered(Exception):
    """The member has answered in this round before."""


class RoundClosed(Exception):
    """The round no longer takes answers."""


def _log(actor: Actor, event: AuditEvent, obj: str, reason: str = "") -> None:
    log_access(actor=actor, event=event, client_id=None, objects=[obj], reason=reason)


def statements_ensure(*, network: Network) -> list[Statement]:
    """The network's statements; on first use the default set is copied in."""
    with transaction.atomic():
        existing = list(Statement.objects.filter(network=network))
        if existing:
            return existing
        return Statement.objects.bulk_create(
            Statement(network=network, element=element, text=text, position=position)
            for element, texts in default_statements().items()
            for position, text in enumerate(texts, 1)
        )


def statements_save(
    *,
    actor: Actor,
    network: Network,
    changes: Mapping[int, tuple[str, bool]],
    added: list[tuple[str, str]],
) -> None:
    """Change the network's statements (id → text, in use) and add new ones (element, text)."""
    with transaction.atomic():
        for statement in Statement.objects.filter(network=network, pk__in=changes):
            text, in_use = changes[statement.pk]
            if (statement.text, statement.in_use) != (text, in_use):
                statement.text, statement.in_use = text, in_use
                statement.save(update_fields=["text", "in_use"])
        for element, text in added:
            last = Statement.objects.filter(network=network, element=element).count()
            Statement.objects.create(network=network, element=element, text=text, position=last + 1)
        _log(actor, AuditEvent.UPDATE, f"selfscan.statements:{network.pk}")


def round_open(*, actor: Actor, network: Network, title: str, closes_on: date) -> Round:
    """Open a round with the network's statements in use, and tell every member."""
    with transaction.atomic():
        statements = [s for s in statements_ensure(network=network) if s.in_use]
        round_ = Round.objects.create(
            network=network, title=title, closes_on=closes_on, opened_by=actor.user
        )
        RoundStatement.objects.bulk_create(
            RoundStatement(round=round_, element=s.element, text=s.text, position=s.position)
            for s in statements
        )
        _log(actor, AuditEvent.CREATE, f"selfscan.round:{round_.pk}")
        notify(
            recipients=[member.user for member in members_of(network)],
            kind=NOTIFICATION_KIND,
            subject=_("Self-scan of %(network)s: your view is asked") % {"network": network.name},
            body=_(
                "A new round of the network's self-scan has started. It takes about ten "
                "minutes. Your answers are not shown with your name. You can answer "
                "until %(day)s."
            )
            % {"day": closes_on.strftime("%d-%m-%Y")},
            url=reverse("selfscan:answer", args=[round_.pk]),
        )
    return round_


def round_close(*, actor: Actor, round_: Round) -> None:
    with transaction.atomic():
        round_.closed_at = timezone.now()
        round_.save(update_fields=["closed_at"])
        _log(actor, AuditEvent.UPDATE, f"selfscan.round:{round_.pk}", "closed")


def response_submit(
    *,
    round_: Round,
    user_id: int,
    tier: str,
    scores: Mapping[int, int],
    remarks: Mapping[str, str],
) -> Response:
    """Store one member's answers, once per round; raises AlreadyAnswered the second time.

    ``scores`` maps every round statement's id to 1-5; ``remarks`` maps an element to
    its (possibly empty) remark. The participation and the answers are written together.
    """
    asked = set(RoundStatement.objects.filter(round=round_).values_list("pk", flat=True))
    if set(scores) != asked or any(score not in range(1, 6) for score in scores.values()):
        raise ValueError("every statement of the round needs a score from 1 to 5")
    try:
        with transaction.atomic():
            # Locks the round, so a closing and an answer do not cross.
            locked = Round.objects.select_for_update().get(pk=round_.pk)
            if not locked.is_open:
                raise RoundClosed
            Participation.objects.create(round=locked, user_id=user_id)
            response = Response.objects.create(round=locked, tier=tier)
            Rating.objects.bulk_create(
                Rating(response=response, statement_id=pk, score=score)
                for pk, score in scores.items()
            )
            Remark.objects.bulk_create(
                Remark(response=response, element=element, text=text.strip())
                for element, text in remarks.items()
                if element in Element.values and text.strip()
            )
    except IntegrityError as error:
        raise AlreadyAnswered from error
    return response
