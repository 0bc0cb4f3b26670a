"""Writes about referrals. Each is atomic, checks the transition table, and logs itself.

Every status change locks the referral row (``select_for_update``) and applies
only if the status and version are still those the person saw; whoever comes
second gets a clear message instead of a silent overwrite.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.accounts.models import User
from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AuditEvent
from vangnet.clients.access import professional_of
from vangnet.clients.models import Client
from vangnet.consent.actions import ConsentTerms, consent_record
from vangnet.consent.models import (
    Consent,
    ConsentMethod,
    DataCategory,
    GivenBy,
    Purpose,
    RecipientScope,
)
from vangnet.directory.models import Organisation, Person, Service
from vangnet.referrals import lifecycle
from vangnet.referrals.lifecycle import Side
from vangnet.referrals.models import (
    AFTER_FIRST_CONTACT,
    Category,
    EventKind,
    FollowUpOutcome,
    Referral,
    ReferralEvent,
    ReferralSettings,
    Status,
    Theme,
)
from vangnet.referrals.notifying import receivers_of, referral_notify, referrer_users
from vangnet.referrals.visibility import sides_of


class ReferralError(Exception):
    """A step that cannot be taken; ``message`` says why, in words for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConsentMissing(ReferralError):
    """A warm referral needs the older person's agreement first."""


class TransitionRefused(ReferralError):
    """The transition table does not allow this step, or it lacks its reason."""


class ReferralConflict(ReferralError):
    """Someone else changed the referral between reading and acting."""


class NotAParty(ReferralError):
    """The acting person is on neither end of the referral, or on the wrong one."""


@dataclass(frozen=True)
class Target:
    """Where a referral goes: an organisation, maybe one of its services, maybe one person."""

    organisation: Organisation
    service: Service | None = None
    person: Person | None = None
    point_of_contact: bool = False

    @classmethod
    def point_of_contact_of(cls, rules: ReferralSettings) -> "Target | None":
        if rules.contact_organisation is None:
            return None
        return cls(
            organisation=rules.contact_organisation,
            person=rules.contact_person,
            point_of_contact=True,
        )

    @classmethod
    def for_service(cls, service: Service) -> "Target":
        return cls(organisation=service.organisation, service=service, person=service.contact)


# Messages shown when someone else was first.
def _conflict_message(current: Referral, intended: str) -> str:
    if intended == Status.ACCEPTED and current.accepted_at is not None:
        return _("Someone else has just accepted this referral.")
    return _("Someone else has just changed this referral. Look at where it stands now.")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _person_of(actor: Actor) -> Person:
    person = professional_of(actor.user)
    if person is None:
        raise NotAParty(_("Your account has no place on the social map, so you cannot refer."))
    return person


def _actor_label(actor: Actor) -> str:
    user = actor.user
    if user is None:
        return _("Vangnet (automatic)")
    person = professional_of(user)
    if person is None:
        return user.full_name
    return f"{user.full_name} ({person.organisation.name})"[:250]


def _record_consent(
    *,
    actor: Actor,
    client: Client,
    organisation: Organisation,
    categories: Sequence[str],
    given_on: date,
    representative_name: str,
) -> Consent:
    """The older person's spoken agreement that ``organisation`` receives the referral."""
    return consent_record(
        actor=actor,
        client_id=client.pk,
        terms=ConsentTerms(
            categories=categories,
            purposes=[Purpose.REFERRAL],
            scope=RecipientScope.ORGANISATION,
            recipient_organisation=organisation,
            given_by=GivenBy.REPRESENTATIVE if representative_name else GivenBy.CLIENT,
            representative_name=representative_name,
            method=ConsentMethod.SPOKEN,
            given_on=given_on,
        ),
        purpose=Purpose.REFERRAL,
    )


def _open_referral(
    *,
    actor: Actor,
    client: Client,
    target: Target,
    referring_organisation: Organisation,
    referrer: Person | None,
    referrer_user: User | None,
    reason: str,
    categories: Sequence[str],
    contact_preference: str,
    contact_note: str,
    consent: Consent,
    moment: datetime,
    redirected_from: Referral | None = None,
    note: str = "",
) -> Referral:
    rules = ReferralSettings.for_network(client.network)
    referral = Referral.objects.create(
        client=client,
        network=client.network,
        referring_organisation=referring_organisation,
        referrer=referrer,
        referrer_user=referrer_user,
        receiving_organisation=target.organisation,
        service=target.service,
        receiving_person=target.person,
        to_point_of_contact=target.point_of_contact,
        reason=reason,
        categories=list(categories),
        contact_preference=contact_preference,
        contact_note=contact_note,
        consent=consent,
        sent_at=moment,
        first_contact_due_on=rules.first_contact_due(timezone.localdate(moment)),
        redirected_from=redirected_from,
        origin=(redirected_from.origin or redirected_from) if redirected_from else None,
    )
    ReferralEvent.objects.create(
        referral=referral,
        kind=EventKind.STATUS,
        to_status=Status.SENT,
        at=moment,
        actor=actor.user,
        actor_label=_actor_label(actor),
        note=note,
    )
    log_access(
        actor=actor,
        event=AuditEvent.CREATE,
        client_id=client.pk,
        data_category=DataCategory.REFERRAL,
        purpose=Purpose.REFERRAL,
        objects=[f"referral:{referral.pk}", f"organisation:{target.organisation.pk}"],
    )
    referral_notify(
        receivers_of(referral),
        _("New referral for your organisation"),
        _(
            "An older person has been referred to your organisation. Please make contact "
            "by %(date)s. Open the referral in Vangnet for the details."
        )
        % {"date": referral.first_contact_due_on.strftime("%d-%m-%Y")},
        referral,
    )
    return referral


def referral_create(
    *,
    actor: Actor,
    client: Client,
    target: Target,
    reason: str,
    categories: Sequence[str],
    contact_preference: str,
    agreed: bool,
    contact_note: str = "",
    representative_name: str = "",
    now: datetime | None = None,
) -> Referral:
    """Refer an older person warmly: their agreement, the referral and its log rows, at once.

    The agreement is recorded as a consent for the receiving organisation
    (name and contact details plus the referral, for the referral) and one for
    the referring organisation to hear back (the referral details), so the loop
    can close.
    """
    if not agreed:
        raise ConsentMissing(
            _(
                "A warm referral needs the older person's agreement. Ask first whether they "
                "agree that you pass on their details."
            )
        )
    reason = _one_line(reason)
    if not reason:
        raise ReferralError(_("Give the reason in one line."))
    chosen = clean_categories(categories)
    if not chosen:
        raise ReferralError(_("Choose at least one kind of question."))
    person = _person_of(actor)
    moment = now or timezone.now()
    given_on = timezone.localdate(moment)
    representative_name = representative_name.strip()
    with transaction.atomic():
        consent = _record_consent(
            actor=actor,
            client=client,
            organisation=target.organisation,
            categories=[DataCategory.IDENTITY, DataCategory.REFERRAL],
            given_on=given_on,
            representative_name=representative_name,
        )
        if person.organisation_id != target.organisation.pk:
            _record_consent(
                actor=actor,
                client=client,
                organisation=person.organisation,
                categories=[DataCategory.REFERRAL],
                given_on=given_on,
                representative_name=representative_name,
            )
        return _open_referral(
            actor=actor,
            client=client,
            target=target,
            referring_organisation=person.organisation,
            referrer=person,
            referrer_user=actor.user,
            reason=reason,
            categories=chosen,
            contact_preference=contact_preference,
            contact_note=_one_line(contact_note),
            consent=consent,
            moment=moment,
        )


def _lock(referral: Referral, expected_version: int | None, intended: str) -> Referral:
    """The referral's row, locked until commit; refused when it moved on since it was read."""
    current = (
        Referral.objects.select_for_update()
        .select_related("client__network", "network")
        .get(pk=referral.pk)
    )
    if expected_version is not None and current.version != expected_version:
        raise ReferralConflict(_conflict_message(current, intended))
    return current


def _check(
    current: Referral, target: str, actor: Actor, note: str
) -> tuple[lifecycle.Transition, frozenset[Side]]:
    step = lifecycle.find(current.status, target)
    if step is None:
        raise TransitionRefused(
            _("This step is not possible: from “%(from)s” to “%(to)s”.")
            % {"from": Status(current.status).label, "to": Status(target).label}
        )
    sides = sides_of(professional_of(actor.user), current)
    if not step.sides & sides:
        raise NotAParty(_("Only the other organisation in this referral can take this step."))
    if step.needs_reason and not note.strip():
        raise TransitionRefused(_("Say why, in one line."))
    return step, sides


def _apply(
    *,
    actor: Actor,
    current: Referral,
    target: str,
    note: str,
    moment: datetime,
    changes: dict[str, Any] | None = None,
) -> Referral:
    """Write the new status if nobody else did first, with its history row and log row."""
    source = current.status
    updated = Referral.objects.filter(pk=current.pk, version=current.version, status=source).update(
        status=target, version=F("version") + 1, **(changes or {})
    )
    if updated != 1:
        # Only reachable where the row lock does nothing (SQLite between two connections).
        raise ReferralConflict(_conflict_message(Referral.objects.get(pk=current.pk), target))
    current.refresh_from_db()
    ReferralEvent.objects.create(
        referral=current,
        kind=EventKind.STATUS,
        from_status=source,
        to_status=target,
        at=moment,
        actor=actor.user,
        actor_label=_actor_label(actor),
        note=note,
    )
    log_access(
        actor=actor,
        event=AuditEvent.UPDATE,
        client_id=current.client_id,
        data_category=DataCategory.REFERRAL,
        purpose=Purpose.REFERRAL,
        objects=[f"referral:{current.pk}", f"status:{target}"],
    )
    return current


def referral_receive(*, actor: Actor, referral: Referral, now: datetime | None = None) -> Referral:
    """Mark a sent referral as read by someone of the receiving organisation."""
    moment = now or timezone.now()
    with transaction.atomic():
        current = _lock(referral, None, Status.RECEIVED)
        _check(current, Status.RECEIVED, actor, "")
        return _apply(
            actor=actor,
            current=current,
            target=Status.RECEIVED,
            note="",
            moment=moment,
            changes={"received_at": moment},
        )


def referral_accept(
    *, actor: Actor, referral: Referral, expected_version: int | None, now: datetime | None = None
) -> Referral:
    """Take the referral on: the acting person becomes its handler."""
    moment = now or timezone.now()
    with transaction.atomic():
        current = _lock(referral, expected_version, Status.ACCEPTED)
        # Without a version to compare, whoever comes second still learns it was accepted.
        if (
            expected_version is None
            and current.status != Status.RECEIVED
            and current.accepted_at is not None
        ):
            raise ReferralConflict(_conflict_message(current, Status.ACCEPTED))
        _check(current, Status.ACCEPTED, actor, "")
        current = _apply(
            actor=actor,
            current=current,
            target=Status.ACCEPTED,
            note="",
            moment=moment,
            changes={"accepted_at": moment, "handler": actor.user},
        )
        referral_notify(
            referrer_users(current),
            _("Your referral has been accepted"),
            _("The organisation you referred to has taken on your referral."),
            current,
        )
    return current


def referral_record_first_contact(
    *,
    actor: Actor,
    referral: Referral,
    expected_version: int | None,
    contacted_on: date,
    feedback: str = "",
    now: datetime | None = None,
) -> Referral:
    """The social worker spoke to the older person; the referrer hears back at once."""
    moment = now or timezone.now()
    today = timezone.localdate(moment)
    if contacted_on > today:
        raise ReferralError(_("The date of the first contact cannot be in the future."))
    if contacted_on < referral.sent_on():
        raise ReferralError(_("The first contact cannot be before the referral was sent."))
    feedback = feedback.strip()
    with transaction.atomic():
        current = _lock(referral, expected_version, Status.FIRST_CONTACT)
        _check(current, Status.FIRST_CONTACT, actor, "")
        rules = ReferralSettings.for_network(current.network)
        changes: dict[str, Any] = {
            "first_contact_on": contacted_on,
            "last_contact_on": contacted_on,
            "first_contact_feedback": feedback,
            "follow_up_due_on": contacted_on + timedelta(days=rules.follow_up_days),
        }
        if feedback and current.feedback_at is None:
            changes["feedback_at"] = moment
        if current.handler_id is None:
            changes["handler"] = actor.user
        current = _apply(
            actor=actor,
            current=current,
            target=Status.FIRST_CONTACT,
            note=feedback,
            moment=moment,
            changes=changes,
        )
        referral_notify(
            referrer_users(current),
            _("Feedback on your referral: first contact made"),
            _("The social worker has spoken to the older person you referred. Read the feedback."),
            current,
        )
    return current


def clean_categories(categories: Iterable[str]) -> list[str]:
    """The known kinds of question among ``categories``, once each, in ``Category`` order."""
    chosen = set(categories)
    return [c for c in Category.values if c in chosen]


def _clean_themes(themes: Iterable[str]) -> list[str]:
    chosen = set(themes)
    return [t for t in Theme.values if t in chosen]


def referral_start(
    *,
    actor: Actor,
    referral: Referral,
    expected_version: int | None,
    themes: Iterable[str] = (),
    note: str = "",
    now: datetime | None = None,
) -> Referral:
    """Support or an activity has started."""
    moment = now or timezone.now()
    with transaction.atomic():
        current = _lock(referral, expected_version, Status.IN_PROGRESS)
        _check(current, Status.IN_PROGRESS, actor, "")
        chosen = _clean_themes(themes)
        return _apply(
            actor=actor,
            current=current,
            target=Status.IN_PROGRESS,
            note=note.strip(),
            moment=moment,
            changes={"themes": chosen} if chosen else {},
        )


def referral_complete(
    *,
    actor: Actor,
    referral: Referral,
    expected_version: int | None,
    feedback: str,
    themes: Iterable[str] = (),
    now: datetime | None = None,
) -> Referral:
    """Close the referral with feedback in plain words: what was agreed, which activity."""
    feedback = feedback.strip()
    if not feedback:
        raise ReferralError(_("Tell the referrer in a few words what was agreed."))
    moment = now or timezone.now()
    with transaction.atomic():
        current = _lock(referral, expected_version, Status.COMPLETED)
        _check(current, Status.COMPLETED, actor, "")
        changes: dict[str, Any] = {"completed_at": moment, "completion_feedback": feedback}
        chosen = _clean_themes(themes)
        if chosen:
            changes["themes"] = chosen
        if current.feedback_at is None:
            changes["feedback_at"] = moment
        current = _apply(
            actor=actor,
            current=current,
            target=Status.COMPLETED,
            note=feedback,
            moment=moment,
            changes=changes,
        )
        referral_notify(
            referrer_users(current),
            _("Feedback on your referral: completed"),
            _("The support after your referral is completed. Read the feedback."),
            current,
        )
    return current


def referral_decline(
    *,
    actor: Actor,
    referral: Referral,
    expected_version: int | None,
    note: str = "",
    now: datetime | None = None,
) -> Referral:
    """The older person does not want the support (now)."""
    moment = now or timezone.now()
    with transaction.atomic():
        current = _lock(referral, expected_version, Status.DECLINED)
        _check(current, Status.DECLINED, actor, "")
        current = _apply(
            actor=actor,
            current=current,
            target=Status.DECLINED,
            note=note.strip(),
            moment=moment,
            changes={"ended_at": moment},
        )
        referral_notify(
            referrer_users(current),
            _("Your referral has stopped"),
            _("There is news about your referral. Read it in Vangnet."),
            current,
        )
    return current


def referral_cancel(
    *,
    actor: Actor,
    referral: Referral,
    expected_version: int | None,
    reason: str,
    now: datetime | None = None,
) -> Referral:
    """Stop the referral for another reason; the other end hears of it."""
    moment = now or timezone.now()
    with transaction.atomic():
        current = _lock(referral, expected_version, Status.CANCELLED)
        _step, sides = _check(current, Status.CANCELLED, actor, reason)
        current = _apply(
            actor=actor,
            current=current,
            target=Status.CANCELLED,
            note=_one_line(reason),
            moment=moment,
            changes={"ended_at": moment},
        )
        others: list[User | None] = []
        if Side.REFERRER not in sides:
            others += referrer_users(current)
        if Side.RECEIVER not in sides:
            others += [current.handler] if current.handler else receivers_of(current)
        referral_notify(
            others,
            _("A referral has been cancelled"),
            _("A referral you are involved in has been cancelled. Read why in Vangnet."),
            current,
        )
    return current


# What stepping back undoes, per status left behind.
_UNDO: dict[str, dict[str, Any]] = {
    Status.ACCEPTED: {"accepted_at": None, "handler": None},
    Status.FIRST_CONTACT: {
        "first_contact_on": None,
        "last_contact_on": None,
        "follow_up_due_on": None,
    },
    Status.IN_PROGRESS: {},
    Status.COMPLETED: {"completed_at": None},
}


def referral_step_back(
    *,
    actor: Actor,
    referral: Referral,
    expected_version: int | None,
    to: str,
    reason: str,
    now: datetime | None = None,
) -> Referral:
    """Go back one step to ``to``, for instance after a click by mistake; always with a reason."""
    moment = now or timezone.now()
    with transaction.atomic():
        current = _lock(referral, expected_version, to)
        step, _sides = _check(current, to, actor, reason)
        if not step.backward:
            raise TransitionRefused(_("Going back is only possible one step at a time."))
        return _apply(
            actor=actor,
            current=current,
            target=to,
            note=_one_line(reason),
            moment=moment,
            changes=dict(_UNDO.get(current.status, {})),
        )


def referral_redirect(
    *,
    actor: Actor,
    referral: Referral,
    expected_version: int | None,
    target: Target,
    reason: str,
    agreed: bool,
    now: datetime | None = None,
) -> Referral:
    """Send the referral on to another organisation or service; returns the new referral.

    The older person must agree to the new organisation too; the referrer stays
    the referrer and hears of the redirect.
    """
    if not agreed:
        raise ConsentMissing(
            _("The older person must agree that the referral goes to the other organisation.")
        )
    moment = now or timezone.now()
    with transaction.atomic():
        current = _lock(referral, expected_version, Status.REDIRECTED)
        if (
            target.organisation.pk == current.receiving_organisation_id
            and (target.service.pk if target.service else None) == current.service_id
        ):
            raise TransitionRefused(_("Choose another organisation or service."))
        _check(current, Status.REDIRECTED, actor, reason)
        current = _apply(
            actor=actor,
            current=current,
            target=Status.REDIRECTED,
            note=_one_line(reason),
            moment=moment,
            changes={"ended_at": moment},
        )
        consent = _record_consent(
            actor=actor,
            client=current.client,
            organisation=target.organisation,
            categories=[DataCategory.IDENTITY, DataCategory.REFERRAL],
            given_on=timezone.localdate(moment),
            representative_name="",
        )
        successor = _open_referral(
            actor=actor,
            client=current.client,
            target=target,
            referring_organisation=current.referring_organisation,
            referrer=current.referrer,
            referrer_user=current.referrer_user,
            reason=current.reason,
            categories=list(current.categories),
            contact_preference=current.contact_preference,
            contact_note=current.contact_note,
            consent=consent,
            moment=moment,
            redirected_from=current,
            note=_one_line(reason),
        )
        referral_notify(
            referrer_users(current),
            _("Your referral has been passed on"),
            _("Your referral has been passed on to another organisation. Read why in Vangnet."),
            successor,
        )
    return successor


def referral_record_follow_up(
    *,
    actor: Actor,
    referral: Referral,
    expected_version: int | None,
    outcome: str,
    note: str = "",
    now: datetime | None = None,
) -> Referral:
    """How the older person is doing about three months after the last conversation."""
    if outcome not in FollowUpOutcome.values:
        raise ReferralError(_("Choose how the older person is doing."))
    moment = now or timezone.now()
    with transaction.atomic():
        current = _lock(referral, expected_version, "")
        if current.status not in AFTER_FIRST_CONTACT or current.first_contact_on is None:
            raise TransitionRefused(_("A follow-up comes after the first contact."))
        if current.follow_up_recorded_at is not None:
            raise ReferralConflict(_("The follow-up of this referral is already recorded."))
        if Side.RECEIVER not in sides_of(professional_of(actor.user), current):
            raise NotAParty(_("Only the organisation that received the referral records this."))
        Referral.objects.filter(pk=current.pk).update(
            follow_up_outcome=outcome,
            follow_up_note=_one_line(note)[:300],
            follow_up_recorded_at=moment,
            version=F("version") + 1,
        )
        current.refresh_from_db()
        ReferralEvent.objects.create(
            referral=current,
            kind=EventKind.FOLLOW_UP,
            at=moment,
            actor=actor.user,
            actor_label=_actor_label(actor),
            note=f"{FollowUpOutcome(outcome).label}. {current.follow_up_note}".strip(),
        )
        log_access(
            actor=actor,
            event=AuditEvent.UPDATE,
            client_id=current.client_id,
            data_category=DataCategory.REFERRAL,
            purpose=Purpose.REFERRAL,
            objects=[f"referral:{current.pk}", "follow-up"],
        )
        referral_notify(
            referrer_users(current),
            _("Feedback on your referral: three months later"),
            _("The social worker asked how the older person you referred is doing. Read it."),
            current,
        )
    return current


def referral_record_contact(
    *,
    actor: Actor,
    referral: Referral,
    expected_version: int | None,
    contacted_on: date,
    note: str = "",
    now: datetime | None = None,
) -> Referral:
    """A later conversation with the older person; the follow-up moves to count from it.

    Movisie, "Medisch en sociaal verbonden" (seed 004), on WELzijn voor Elkaar Houten:
    "Drie maanden na het laatste gesprek neemt de consulent welzijn contact op om te
    vragen hoe het gaat." So the follow-up date is the network's number of days after
    the last recorded conversation, and a reminder already sent is withdrawn.
    """
    moment = now or timezone.now()
    if contacted_on > timezone.localdate(moment):
        raise ReferralError(_("The date of the conversation cannot be in the future."))
    with transaction.atomic():
        current = _lock(referral, expected_version, "")
        if not current.can_record_contact():
            raise TransitionRefused(
                _(
                    "A later conversation is recorded after the first contact and before "
                    "the follow-up."
                )
            )
        if Side.RECEIVER not in sides_of(professional_of(actor.user), current):
            raise NotAParty(_("Only the organisation that received the referral records this."))
        last = current.last_contact_on or current.first_contact_on
        if last is not None and contacted_on < last:
            raise ReferralError(
                _("The conversation cannot be before the last one recorded, on %(date)s.")
                % {"date": last.strftime("%d-%m-%Y")}
            )
        rules = ReferralSettings.for_network(current.network)
        follow_up_due_on = contacted_on + timedelta(days=rules.follow_up_days)
        Referral.objects.filter(pk=current.pk).update(
            last_contact_on=contacted_on,
            follow_up_due_on=follow_up_due_on,
            follow_up_reminded_at=None,
            version=F("version") + 1,
        )
        current.refresh_from_db()
        note = _one_line(note)[:300]
        ReferralEvent.objects.create(
            referral=current,
            kind=EventKind.CONTACT,
            at=moment,
            actor=actor.user,
            actor_label=_actor_label(actor),
            note=(
                _("Conversation on %(day)s; ask how it goes on %(due)s. %(note)s")
                % {
                    "day": contacted_on.strftime("%d-%m-%Y"),
                    "due": follow_up_due_on.strftime("%d-%m-%Y"),
                    "note": note,
                }
            ).strip(),
        )
        log_access(
            actor=actor,
            event=AuditEvent.UPDATE,
            client_id=current.client_id,
            data_category=DataCategory.REFERRAL,
            purpose=Purpose.REFERRAL,
            objects=[f"referral:{current.pk}", "conversation"],
        )
    return current


def settings_save(
    *, actor: Actor, rules: ReferralSettings, data: dict[str, Any]
) -> ReferralSettings:
    """A coordinator sets the network's point of contact, term and follow-up."""
    with transaction.atomic():
        for name, value in data.items():
            setattr(rules, name, value)
        rules.updated_by = actor.user
        rules.full_clean()
        rules.save()
    return rules
