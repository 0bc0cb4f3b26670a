"""Five months of referral history in the demo network, so the figures mean something.

Mostly GP practices referring to Welzijn Vlietdal, the network's point of
contact, with realistic times to first contact (most within the week, some
late), feedback, redirects, a few refusals, and follow-ups after three months.
Built from ``ctx.rng`` and ``ctx.now`` only, so every run gives the same history.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.log import Actor, log_accesses
from vangnet.audit.models import AccessPoint, AuditEvent
from vangnet.clients.models import CareTeamMember, Client
from vangnet.consent.models import (
    Consent,
    ConsentMethod,
    DataCategory,
    GivenBy,
    Purpose,
    RecipientScope,
)
from vangnet.core.demo import DemoContext
from vangnet.directory.models import (
    Discipline,
    Network,
    Organisation,
    OrganisationType,
    Person,
    Service,
)
from vangnet.notifications.models import Notification
from vangnet.referrals.models import (
    Category,
    ContactPreference,
    EventKind,
    FollowUpOutcome,
    Referral,
    ReferralEvent,
    ReferralSettings,
    Status,
    Theme,
)
from vangnet.referrals.workdays import add_working_days, is_working_day

HISTORY_DAYS = 150
REFERRAL_COUNT = 96

# Reasons (with their kind of question and usual themes), feedback and notes, in Dutch.
TEXTS: dict[str, Any] = json.loads((Path(__file__).parent / "data" / "demo.json").read_text())
REASONS: list[tuple[str, Category, tuple[Theme, ...]]] = [
    (text, Category(kind), tuple(Theme(t) for t in themes))
    for text, kind, themes in TEXTS["reasons"]
]
FOLLOW_UP_NOTES = {FollowUpOutcome(k): v for k, v in TEXTS["follow_up_notes"].items()}

REFERRER_DISCIPLINES = (Discipline.GP, Discipline.POH_ELDERLY)
# How many working days until the first contact: mostly within the agreed five.
CONTACT_DAYS = [1, 2, 3, 4, 5, 6, 7, 9, 12]
CONTACT_WEIGHTS = [14, 20, 20, 15, 12, 7, 5, 4, 3]


@dataclass
class _Plan:
    """The referrals, events and consents to write, gathered before one bulk write."""

    referrals: list[Referral] = field(default_factory=list)
    events: list[list[ReferralEvent]] = field(default_factory=list)
    consents: list[Consent] = field(default_factory=list)
    chains: list[tuple[int, int]] = field(default_factory=list)  # (successor, predecessor)


@dataclass(frozen=True)
class _Cast:
    """The receiving side of the demo: the point of contact, its staff, and other services."""

    welfare: Organisation
    social_worker: Person
    staff: list[Person]
    welfare_services: list[Service]
    elsewhere: list[Service]


def _working_moment(ctx: DemoContext, moment: datetime) -> datetime:
    """Move a moment onto a working day, during office hours."""
    local = timezone.localtime(moment)
    day = local.date()
    while not is_working_day(day):
        day -= timedelta(days=1)
    hour = ctx.rng.randint(8, 16)
    return timezone.make_aware(datetime.combine(day, time(hour, ctx.rng.choice((0, 15, 30, 45)))))


def _after_working_days(ctx: DemoContext, moment: datetime, days: int) -> datetime:
    day = add_working_days(timezone.localdate(moment), days)
    return timezone.make_aware(
        datetime.combine(day, time(ctx.rng.randint(9, 16), ctx.rng.choice((0, 20, 40))))
    )


def _first_contact_due(sent_at: datetime) -> date:
    """The term under the demo network's agreements, which keep the default rule."""
    return ReferralSettings().first_contact_due(timezone.localdate(sent_at))


def _label(person: Person) -> str:
    return f"{person.name} ({person.organisation.name})"


def build(ctx: DemoContext) -> None:
    network: Network = ctx.shared.get("network") or Network.objects.get(slug="demo")
    people: dict[str, Person] = ctx.shared.get("demo_people", {})
    clients: list[Client] = ctx.shared.get("clients") or list(
        Client.objects.filter(network=network)
    )
    social_worker = people.get("social_worker")
    if social_worker is None or not clients:
        return
    welfare = social_worker.organisation
    ReferralSettings.objects.update_or_create(
        network=network,
        defaults={
            "contact_organisation": welfare,
            "contact_person": social_worker,
            "updated_by": people["coordinator"].user if "coordinator" in people else None,
        },
    )
    staff = list(
        Person.objects.filter(
            organisation=welfare,
            discipline__in=[
                Discipline.SOCIAL_WORKER,
                Discipline.WELFARE_COACH,
                Discipline.ELDERLY_ADVISER,
            ],
        ).order_by("pk")
    ) or [social_worker]
    practices = list(
        Organisation.objects.filter(
            type=OrganisationType.GP_PRACTICE, network_parties__network=network
        ).order_by("pk")
    )
    referrers = {
        org.pk: list(
            Person.objects.filter(organisation=org, discipline__in=REFERRER_DISCIPLINES)
            .select_related("organisation", "user")
            .order_by("pk")
        )
        for org in practices
    }
    referrers = {pk: found for pk, found in referrers.items() if found}
    if not referrers:
        return
    gp = people.get("gp")
    welfare_services = list(Service.objects.filter(organisation=welfare).order_by("pk"))
    elsewhere = list(
        Service.objects.filter(organisation__network_parties__network=network)
        .exclude(organisation=welfare)
        .exclude(organisation__type=OrganisationType.GP_PRACTICE)
        .filter(organisation__domain="social")
        .select_related("organisation", "contact")
        .order_by("pk")
    )
    revoked = set(
        Consent.objects.filter(client__in=clients, revoked_at__isnull=False).values_list(
            "client_id", flat=True
        )
    )
    candidates = [c for c in clients if c.pk not in revoked]
    chosen = ctx.rng.sample(candidates, k=min(REFERRAL_COUNT, len(candidates)))
    practice_ids = sorted(referrers)
    # Bigger practices refer more: weights follow the order of the social map.
    practice_weights = [max(1, 8 - 2 * i) for i in range(len(practice_ids))]
    plan = _Plan()
    cast = _Cast(welfare, social_worker, staff, welfare_services, elsewhere)
    team: list[CareTeamMember] = []
    in_team = set(
        CareTeamMember.objects.filter(client__in=chosen).values_list("client_id", "person_id")
    )
    for index, client in enumerate(chosen):
        practice_id = ctx.rng.choices(practice_ids, weights=practice_weights)[0]
        referrer = ctx.rng.choice(referrers[practice_id])
        # The demo GP refers the freshest ones, so their login sees the loop close.
        if gp is not None and gp.organisation_id in referrers and index % 4 == 0:
            referrer = gp
        if (client.pk, referrer.pk) not in in_team:
            in_team.add((client.pk, referrer.pk))
            team.append(
                CareTeamMember(
                    client=client,
                    person=referrer,
                    role=str(referrer.get_discipline_display()),
                    since=ctx.today - timedelta(days=HISTORY_DAYS + 30),
                )
            )
        # The newest few fall in the last week, so the inbox has new referrals today.
        age = ctx.rng.randint(0, 4) if index < 5 else ctx.rng.randint(0, HISTORY_DAYS)
        sent_at = _working_moment(ctx, ctx.now - timedelta(days=age, hours=ctx.rng.randint(0, 6)))
        sent_at = min(sent_at, ctx.now - timedelta(minutes=30))
        # The two newest are still unread, so the point of contact has something new today.
        _plan_referral(ctx, plan, cast, client, referrer, sent_at, fresh=index < 2)
    CareTeamMember.objects.bulk_create(team)
    _write(ctx, plan, social_worker, gp)


def _plan_referral(
    ctx: DemoContext,
    plan: _Plan,
    cast: "_Cast",
    client: Client,
    referrer: Person,
    sent_at: datetime,
    *,
    fresh: bool = False,
) -> None:
    rng, now = ctx.rng, ctx.now
    welfare, social_worker, staff = cast.welfare, cast.social_worker, cast.staff
    welfare_services, elsewhere = cast.welfare_services, cast.elsewhere
    reason, category, _themes = rng.choice(REASONS)
    service = rng.choice(welfare_services) if welfare_services and rng.random() < 0.2 else None
    # GPs know the first service best: it also gets the second one's share, so at least one
    # service has the ten referrals the social map needs to show how it answers them.
    if service is not None and service in welfare_services[1:2]:
        service = welfare_services[0]
    handler_person = social_worker if rng.random() < 0.45 else rng.choice(staff)
    referral = Referral(
        client=client,
        network=client.network,
        referring_organisation=referrer.organisation,
        referrer=referrer,
        referrer_user=referrer.user,
        receiving_organisation=welfare,
        service=service,
        receiving_person=social_worker,
        to_point_of_contact=service is None,
        reason=reason,
        categories=[category],
        contact_preference=rng.choices(ContactPreference.values, weights=[50, 30, 15, 5])[0],
        sent_at=sent_at,
        first_contact_due_on=_first_contact_due(sent_at),
    )
    consent_day = timezone.localdate(sent_at)
    for organisation, categories in (
        (welfare, [DataCategory.IDENTITY, DataCategory.REFERRAL]),
        (referrer.organisation, [DataCategory.REFERRAL]),
    ):
        plan.consents.append(
            Consent(
                client=client,
                categories=categories,
                purposes=[Purpose.REFERRAL],
                scope=RecipientScope.ORGANISATION,
                recipient_organisation=organisation,
                given_by=GivenBy.CLIENT,
                method=ConsentMethod.SPOKEN,
                given_on=consent_day,
                recorded_by=referrer.user,
                recorded_at=sent_at,
            )
        )
    events: list[ReferralEvent] = []

    def step(status: Status, at: datetime, by: Person | None, note: str = "") -> bool:
        """Move on to ``status`` at ``at``, unless that lies in the future."""
        if at >= now:
            return False
        events.append(
            ReferralEvent(
                kind=EventKind.STATUS,
                from_status=referral.status if events else "",
                to_status=status,
                at=at,
                actor=by.user if by else None,
                actor_label=_label(by) if by else "Vangnet",
                note=note,
            )
        )
        referral.status = status
        return True

    step(Status.SENT, sent_at, referrer)
    referral.status = Status.SENT
    received = sent_at + timedelta(hours=rng.randint(1, 20))
    if fresh or not step(Status.RECEIVED, received, handler_person):
        return _finish(plan, referral, events, None)
    referral.received_at = received
    roll = rng.random()
    if roll < 0.04:
        moment = received + timedelta(hours=rng.randint(2, 30))
        if step(Status.CANCELLED, moment, referrer, rng.choice(TEXTS["cancel_reasons"])):
            referral.ended_at = moment
        return _finish(plan, referral, events, None)
    if roll < 0.10 and elsewhere:
        moment = received + timedelta(hours=rng.randint(2, 48))
        if step(Status.REDIRECTED, moment, handler_person, rng.choice(TEXTS["redirect_reasons"])):
            referral.ended_at = moment
            _finish(plan, referral, events, None)
            successor_service = rng.choice(elsewhere)
            successor = Referral(
                client=client,
                network=client.network,
                referring_organisation=referral.referring_organisation,
                referrer=referrer,
                referrer_user=referrer.user,
                receiving_organisation=successor_service.organisation,
                service=successor_service,
                receiving_person=successor_service.contact,
                reason=referral.reason,
                categories=list(referral.categories),
                contact_preference=referral.contact_preference,
                sent_at=moment,
                first_contact_due_on=_first_contact_due(moment),
            )
            plan.consents.append(
                Consent(
                    client=client,
                    categories=[DataCategory.IDENTITY, DataCategory.REFERRAL],
                    purposes=[Purpose.REFERRAL],
                    scope=RecipientScope.ORGANISATION,
                    recipient_organisation=successor_service.organisation,
                    given_by=GivenBy.CLIENT,
                    method=ConsentMethod.SPOKEN,
                    given_on=timezone.localdate(moment),
                    recorded_by=handler_person.user,
                    recorded_at=moment,
                )
            )
            _continue(
                ctx,
                plan,
                successor,
                [],
                successor_service.contact,
                moment,
                redirect_of=len(plan.referrals) - 1,
            )
            return None
        return _finish(plan, referral, events, None)
    _continue(ctx, plan, referral, events, handler_person, received)
    return None


def _continue(
    ctx: DemoContext,
    plan: _Plan,
    referral: Referral,
    events: list[ReferralEvent],
    handler: Person | None,
    since: datetime,
    redirect_of: int | None = None,
) -> None:
    """From received (or freshly redirected) to wherever it stands today."""
    rng, now = ctx.rng, ctx.now

    def step(status: Status, at: datetime, note: str = "") -> bool:
        if at >= now:
            return False
        events.append(
            ReferralEvent(
                kind=EventKind.STATUS,
                from_status=referral.status if events else "",
                to_status=status,
                at=at,
                actor=handler.user if handler else None,
                actor_label=_label(handler) if handler else "Vangnet",
                note=note,
            )
        )
        referral.status = status
        return True

    if redirect_of is not None:
        referral.status = Status.SENT
        events.append(
            ReferralEvent(
                kind=EventKind.STATUS,
                to_status=Status.SENT,
                at=since,
                actor_label=_label(handler) if handler else "Vangnet",
            )
        )
        received = since + timedelta(hours=rng.randint(2, 30))
        if not step(Status.RECEIVED, received):
            return _finish(plan, referral, events, redirect_of)
        referral.received_at = received
        since = received
    accepted = since + timedelta(hours=rng.randint(1, 24))
    if not step(Status.ACCEPTED, accepted):
        return _finish(plan, referral, events, redirect_of)
    referral.accepted_at = accepted
    referral.handler = handler.user if handler else None
    days = rng.choices(CONTACT_DAYS, weights=CONTACT_WEIGHTS)[0]
    contact = _after_working_days(ctx, referral.sent_at, days)
    if contact <= accepted:
        contact = accepted + timedelta(hours=2)
    escalation = timezone.make_aware(
        datetime.combine(referral.first_contact_due_on + timedelta(days=1), time(7, 0))
    )
    if escalation < min(contact, now):
        referral.escalated_at = escalation
        events.append(
            ReferralEvent(
                kind=EventKind.ESCALATED,
                at=escalation,
                actor_label="Vangnet",
                note=f"Geen eerste contact vóór {referral.first_contact_due_on:%d-%m-%Y}.",
            )
        )
    feedback = rng.choice(TEXTS["first_contact_feedback"]) if rng.random() < 0.75 else ""
    if not step(Status.FIRST_CONTACT, contact, feedback):
        return _finish(plan, referral, events, redirect_of)
    referral.first_contact_on = timezone.localdate(contact)
    referral.first_contact_feedback = feedback
    if feedback:
        referral.feedback_at = contact
    referral.last_contact_on = referral.first_contact_on
    referral.follow_up_due_on = referral.first_contact_on + timedelta(days=91)
    roll = rng.random()
    if roll < 0.08:
        moment = contact + timedelta(days=rng.randint(1, 10))
        if step(Status.DECLINED, moment, TEXTS["decline_note"]):
            referral.ended_at = moment
        return _finish(plan, referral, events, redirect_of)
    reason_themes = next((t for r, _c, t in REASONS if r == referral.reason), (Theme.PLAY,))
    started = contact + timedelta(days=rng.randint(3, 12))
    if not step(Status.IN_PROGRESS, started):
        return _finish(plan, referral, events, redirect_of)
    referral.themes = [t.value for t in reason_themes[: rng.randint(1, len(reason_themes))]]
    later = started + timedelta(days=rng.randint(5, 13))
    if rng.random() < 0.6 and later < now:
        # A second conversation: the follow-up counts from it.
        referral.last_contact_on = timezone.localdate(later)
        referral.follow_up_due_on = referral.last_contact_on + timedelta(days=91)
        events.append(
            ReferralEvent(
                kind=EventKind.CONTACT,
                at=later,
                actor=handler.user if handler else None,
                actor_label=_label(handler) if handler else "Vangnet",
                note=f"Gesprek op {referral.last_contact_on:%d-%m-%Y}; vragen hoe het gaat op "
                f"{referral.follow_up_due_on:%d-%m-%Y}.",
            )
        )
    completed = started + timedelta(days=rng.randint(14, 50))
    if rng.random() < 0.85:
        text = rng.choice(TEXTS["completion_feedback"])
        if step(Status.COMPLETED, completed, text):
            referral.completed_at = completed
            referral.completion_feedback = text
            referral.feedback_at = referral.feedback_at or completed
    _follow_up(ctx, referral, events, handler)
    return _finish(plan, referral, events, redirect_of)


def _follow_up(
    ctx: DemoContext, referral: Referral, events: list[ReferralEvent], handler: Person | None
) -> None:
    due = referral.follow_up_due_on
    if due is None or due > ctx.today:
        return
    reminded = timezone.make_aware(datetime.combine(due, time(7, 0)))
    if reminded >= ctx.now:
        return
    referral.follow_up_reminded_at = reminded
    events.append(
        ReferralEvent(kind=EventKind.FOLLOW_UP_REMINDER, at=reminded, actor_label="Vangnet")
    )
    recorded = reminded + timedelta(days=ctx.rng.randint(0, 12), hours=ctx.rng.randint(2, 8))
    if recorded >= ctx.now or ctx.rng.random() < 0.2:
        return
    outcome = ctx.rng.choices(FollowUpOutcome.values, weights=[50, 22, 8, 12, 8])[0]
    referral.follow_up_outcome = outcome
    referral.follow_up_note = FOLLOW_UP_NOTES[FollowUpOutcome(outcome)]
    referral.follow_up_recorded_at = recorded
    events.append(
        ReferralEvent(
            kind=EventKind.FOLLOW_UP,
            at=recorded,
            actor=handler.user if handler else None,
            actor_label=_label(handler) if handler else "Vangnet",
            note=f"{FollowUpOutcome(outcome).label}. {referral.follow_up_note}",
        )
    )


def _finish(
    plan: _Plan, referral: Referral, events: list[ReferralEvent], redirect_of: int | None
) -> None:
    referral.version = max(1, sum(1 for e in events if e.kind == EventKind.STATUS))
    plan.referrals.append(referral)
    plan.events.append(events)
    if redirect_of is not None:
        plan.chains.append((len(plan.referrals) - 1, redirect_of))


def _write(ctx: DemoContext, plan: _Plan, social_worker: Person, gp: Person | None) -> None:
    Consent.objects.bulk_create(plan.consents)
    consents_by_client: dict[tuple[int, int], Consent] = {}
    for consent in plan.consents:
        if DataCategory.IDENTITY in consent.categories and consent.recipient_organisation_id:
            consents_by_client[(consent.client_id, consent.recipient_organisation_id)] = consent
    for referral in plan.referrals:
        found = consents_by_client.get((referral.client_id, referral.receiving_organisation_id))
        referral.consent = found
    Referral.objects.bulk_create(plan.referrals)
    for successor, predecessor in plan.chains:
        first = plan.referrals[predecessor]
        plan.referrals[successor].redirected_from = first
        plan.referrals[successor].origin = first.origin or first
    Referral.objects.bulk_update(
        [plan.referrals[s] for s, _p in plan.chains], ["redirected_from", "origin"]
    )
    rows = []
    for referral, events in zip(plan.referrals, plan.events, strict=True):
        for event in events:
            event.referral = referral
            rows.append(event)
    ReferralEvent.objects.bulk_create(rows)
    log_accesses(
        actor=Actor(social_worker.user, access_point=AccessPoint.CLI),
        event=AuditEvent.CREATE,
        client_ids=sorted({r.client_id for r in plan.referrals}),
        data_category=DataCategory.REFERRAL,
        purpose=Purpose.REFERRAL,
        objects=["demo-load"],
    )
    _inbox_messages(plan, social_worker.user, gp.user if gp else None)


def _inbox_messages(plan: _Plan, social_worker: User | None, gp: User | None) -> None:
    """A few unread messages, as the real actions would have left them."""
    from vangnet.referrals.notifying import referral_url

    messages: list[Notification] = []
    fresh = [r for r in plan.referrals if r.status == Status.SENT][:2]
    for referral in fresh:
        if social_worker is not None:
            messages.append(
                Notification(
                    recipient=social_worker,
                    kind="referral",
                    subject=TEXTS["new_referral_subject"],
                    body=TEXTS["new_referral_body"],
                    url=referral_url(referral),
                )
            )
    answered = [r for r in plan.referrals if r.referrer_user == gp and r.feedback_at is not None][
        -2:
    ]
    for referral in answered:
        if gp is not None:
            messages.append(
                Notification(
                    recipient=gp,
                    kind="referral",
                    subject=TEXTS["feedback_subject"],
                    body=TEXTS["feedback_body"],
                    url=referral_url(referral),
                )
            )
    Notification.objects.bulk_create(messages)
