"""The demo network's self-scan: one finished round with enough answers, and one open round.

The finished round is answered by the demo accounts that are members, and by
demo colleagues made here for people on the social map who have no account yet,
so the results can be shown. The open round waits for the demo logins.
"""

from datetime import timedelta

from django.urls import reverse

from vangnet.accounts.demo import DEMO_EMAIL_DOMAIN
from vangnet.accounts.models import Role, User
from vangnet.audit.log import Actor
from vangnet.audit.models import AccessPoint
from vangnet.core.demo import DEMO_PASSWORD, DemoContext
from vangnet.directory.models import Network, NetworkParty, Person
from vangnet.notifications.models import Notification
from vangnet.selfscan import actions
from vangnet.selfscan.elements import Element
from vangnet.selfscan.membership import members_of
from vangnet.selfscan.models import Round, RoundStatement

ANSWERS = 9
# Where the demo network stands, per element: the usual score, so the agenda says something.
TYPICAL = {
    Element.KNOW: 4,
    Element.LINES: 4,
    Element.KNOWLEDGE: 3,
    Element.RESPONSIBILITY: 3,
    Element.NEEDS: 2,
}
REMARKS = {
    Element.LINES: "De huisartsenpraktijk is overdag slecht bereikbaar voor de wijkverpleging.",
    Element.RESPONSIBILITY: "Niet altijd duidelijk wie na het MDO de actie oppakt.",
    Element.NEEDS: "We praten vaak over de oudere, nog te weinig met de mantelzorger.",
}


def _colleagues(network: Network, wanted: int) -> None:
    """Demo accounts for people of the network's parties who have none, up to ``wanted``."""
    organisations = NetworkParty.objects.filter(network=network).values("organisation_id")
    people = Person.objects.filter(organisation_id__in=organisations, user__isnull=True)
    for number, person in enumerate(people.order_by("pk")[:wanted], 1):
        user = User.objects.create_user(
            email=f"collega-{number}@{DEMO_EMAIL_DOMAIN}",
            password=DEMO_PASSWORD,
            full_name=person.name,
        )
        user.groups.add(Role.PROFESSIONAL.group())
        person.user = user
        person.save(update_fields=["user"])


def build(ctx: DemoContext) -> None:
    network: Network | None = ctx.shared.get("network") or Network.objects.first()
    coordinator: Person | None = ctx.shared.get("demo_people", {}).get("coordinator")
    if network is None or coordinator is None or coordinator.user is None:
        return
    actor = Actor(user=coordinator.user, access_point=AccessPoint.CLI)
    members = members_of(network)
    if len(members) < ANSWERS:
        _colleagues(network, ANSWERS - len(members))
        members = members_of(network)
    autumn = actions.round_open(
        actor=actor,
        network=network,
        title="Najaar vorig jaar",
        closes_on=ctx.today + timedelta(days=1),
    )
    statements = list(RoundStatement.objects.filter(round=autumn))
    for member in members[:ANSWERS]:
        scores = {
            s.pk: max(1, min(5, TYPICAL[Element(s.element)] + ctx.rng.choice((-1, 0, 0, 1))))
            for s in statements
        }
        remarks = {e.value: text for e, text in REMARKS.items() if ctx.rng.random() < 0.4}
        actions.response_submit(
            round_=autumn, user_id=member.user.pk, tier=member.tier, scores=scores, remarks=remarks
        )
    # The old round's invitations were read long ago.
    Notification.objects.filter(url=reverse("selfscan:answer", args=[autumn.pk])).delete()
    # Backdated after the answers, so the round reads as the one before the open round.
    Round.objects.filter(pk=autumn.pk).update(
        opened_at=ctx.now - timedelta(days=180),
        closes_on=ctx.today - timedelta(days=160),
        closed_at=ctx.now - timedelta(days=160),
    )
    actions.round_open(
        actor=actor, network=network, title="Voorjaar", closes_on=ctx.today + timedelta(days=21)
    )
    ctx.shared["selfscan_finished_round"] = autumn
