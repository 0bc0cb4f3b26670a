"""Writes to business cases. Each is atomic and leaves its row in the access log.

A business case holds no personal data, so its log rows name no older person;
they record who changed or exported which case, as every other write in Vangnet does.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.forms import BaseModelFormSet, ModelForm
from django.utils.translation import gettext as _

from vangnet.audit.log import Actor, log_access
from vangnet.audit.models import AuditEvent
from vangnet.directory.models import Network, NetworkParty, OrganisationType
from vangnet.economics.activity import Period, counted, measure
from vangnet.economics.calculation import figures_of
from vangnet.economics.models import (
    BenefitLine,
    BusinessCase,
    CaseParty,
    CostLine,
    PartyKind,
    Phase,
    QualitativeBenefit,
    UnitCostOverride,
)

# The payers who sit at every table, whether or not they are on the social map.
PAYERS: list[tuple[str, str]] = [
    (PartyKind.MUNICIPALITY, "Gemeente (Wmo)"),
    (PartyKind.HEALTH_INSURER, "Zorgverzekeraar (Zvw)"),
    (PartyKind.CARE_OFFICE, "Zorgkantoor (Wlz)"),
    (PartyKind.OLDER_PEOPLE, "Ouderen en mantelzorgers"),
]
KIND_OF_ORGANISATION = {
    OrganisationType.GP_PRACTICE: PartyKind.GP_PRACTICE,
    OrganisationType.HOME_CARE: PartyKind.HOME_CARE,
    OrganisationType.ELDERLY_CARE: PartyKind.HOME_CARE,
    OrganisationType.WELFARE: PartyKind.WELFARE,
    OrganisationType.VOLUNTEER_ORGANISATION: PartyKind.WELFARE,
    OrganisationType.CARER_SUPPORT: PartyKind.WELFARE,
    OrganisationType.NEIGHBOURHOOD_TEAM: PartyKind.MUNICIPALITY,
    OrganisationType.MUNICIPALITY: PartyKind.MUNICIPALITY,
    OrganisationType.HOUSING_CORPORATION: PartyKind.HOUSING,
}


def _log(actor: Actor, case: BusinessCase, event: AuditEvent, what: str = "") -> None:
    log_access(
        actor=actor,
        event=event,
        client_id=None,
        objects=[f"economics.case:{case.pk}"],
        reason=what,
    )


def case_create(
    *,
    actor: Actor,
    network: Network,
    title: str,
    period_start: date,
    period_end: date,
    horizon_years: int,
) -> BusinessCase:
    """A new case, with the network's partners and the usual payers already at the table."""
    with transaction.atomic():
        case = BusinessCase(
            network=network,
            title=title,
            period_start=period_start,
            period_end=period_end,
            horizon_years=horizon_years,
            created_by=actor.user,
        )
        case.full_clean()
        case.save()
        position = 0
        names: set[str] = set()
        partners = NetworkParty.objects.filter(network=network).select_related("organisation")
        for partner in partners.order_by("tier", "organisation__name"):
            organisation = partner.organisation
            if organisation.name in names:
                continue
            CaseParty.objects.create(
                case=case,
                name=organisation.name[:120],
                kind=KIND_OF_ORGANISATION.get(OrganisationType(organisation.type), PartyKind.OTHER),
                organisation=organisation,
                position=position,
            )
            names.add(organisation.name)
            position += 1
        for kind, name in PAYERS:
            if name not in names:
                CaseParty.objects.create(case=case, name=name, kind=kind, position=position)
                position += 1
        _log(actor, case, AuditEvent.CREATE)
    return case


def phase_save(
    *,
    actor: Actor,
    case: BusinessCase,
    phase: Phase,
    forms: Sequence[ModelForm[Any]] = (),
    formsets: Sequence[BaseModelFormSet[Any, Any]] = (),
    unit_costs: dict[str, tuple[Decimal, str]] | None = None,
) -> BusinessCase:
    """Save one phase's screen at once: the case's own fields, its rows, its own unit costs."""
    with transaction.atomic():
        for form in forms:
            form.save()
        for formset in formsets:
            formset.save(commit=False)
            for instance in formset.deleted_objects:
                instance.delete()
            for position, instance in enumerate(formset.new_objects, start=1000):
                instance.case = case
                instance.position = position
                instance.save()
            for instance, _changed in formset.changed_objects:
                instance.save()
        if unit_costs is not None:
            unit_costs_set(case=case, own=unit_costs)
        case.phase_reached = max(case.phase_reached, int(phase))
        case.save(update_fields=["phase_reached", "updated_at"])
        _log(actor, case, AuditEvent.UPDATE, str(Phase(phase).label))
    return case


def unit_costs_set(*, case: BusinessCase, own: dict[str, tuple[Decimal, str]]) -> None:
    """Replace the case's own unit costs with ``own`` (key: amount, reason). Inside an action."""
    UnitCostOverride.objects.filter(case=case).exclude(key__in=list(own)).delete()
    for key, (amount, reason) in own.items():
        UnitCostOverride.objects.update_or_create(
            case=case, key=key, defaults={"amount": amount, "reason": reason[:300]}
        )


def annualised(count: int, *, threshold: int, days: int) -> Decimal:
    """A count over ``days`` as a count per year, small counts raised to the threshold."""
    per_year = Decimal(counted(count, threshold)) * Decimal(365) / Decimal(max(days, 1))
    return per_year.quantize(Decimal("0.1"))


def activity_prefill(*, actor: Actor, case: BusinessCase) -> dict[str, int]:
    """Fill or refresh the cost lines from what Vangnet counted in the case's period.

    A line whose count was changed with a reason keeps that count; its measured
    count is refreshed beside it. Returns, per activity, what was done by
    organisations that are not at the table (those counts are not costed).
    """
    period = Period(case.network, case.period_start, case.period_end)
    measured = measure(period)
    with transaction.atomic():
        parties = {
            party.organisation_id: party
            for party in CaseParty.objects.filter(case=case, organisation__isnull=False)
        }
        existing = {
            (line.activity, line.party_id): line
            for line in CostLine.objects.filter(case=case).exclude(activity="")
        }
        elsewhere: dict[str, int] = {}
        position = 0
        for found in measured:
            activity = found.activity
            for organisation_id, count in sorted(
                found.by_organisation.items(), key=lambda item: (item[0] is None, item[0] or 0)
            ):
                party = parties.get(organisation_id) if organisation_id else None
                if party is None:
                    elsewhere[activity.key] = elsewhere.get(activity.key, 0) + count
                    continue
                per_year = annualised(count, threshold=case.count_threshold, days=case.period_days)
                source = _("%(source)s, %(start)s to %(end)s") % {
                    "source": activity.source,
                    "start": case.period_start.strftime("%d-%m-%Y"),
                    "end": case.period_end.strftime("%d-%m-%Y"),
                }
                line = existing.get((activity.key, party.pk))
                if line is None:
                    line = CostLine(
                        case=case,
                        party=party,
                        category=activity.category,
                        description=str(activity.label)[:200],
                        activity=activity.key,
                        minutes_each=activity.default_minutes,
                        position=position,
                    )
                line.measured_count = count
                line.measured_per_year = per_year
                line.measured_source = source[:300]
                if not line.override_reason:
                    line.count_per_year = per_year
                line.save()
                position += 1
        _log(actor, case, AuditEvent.UPDATE, "prefill")
    return elsewhere


def proposal_accept(*, actor: Actor, case: BusinessCase) -> BusinessCase:
    """Take Vangnet's proposed split as each party's agreed transfer (the table may change it)."""
    figures = figures_of(case)
    with transaction.atomic():
        for party in figures.book.parties:
            party.agreed_transfer = figures.proposal.received(party.name)
            party.save(update_fields=["agreed_transfer"])
        case.phase_reached = max(case.phase_reached, int(Phase.DECISION))
        case.save(update_fields=["phase_reached", "updated_at"])
        _log(actor, case, AuditEvent.UPDATE, "proposal")
    return case


def agreement_record(
    *, actor: Actor, case: BusinessCase, agreed_on: date, note: str
) -> BusinessCase:
    """Record that the table agreed, on which date, and what."""
    with transaction.atomic():
        case.agreed_on = agreed_on
        case.agreement_note = note
        case.agreed_by = actor.user
        case.phase_reached = int(Phase.DECISION)
        case.save(
            update_fields=[
                "agreed_on",
                "agreement_note",
                "agreed_by",
                "phase_reached",
                "updated_at",
            ]
        )
        _log(actor, case, AuditEvent.UPDATE, "agreement")
    return case


def _moved[R: CostLine | BenefitLine | QualitativeBenefit](
    rows: list[R], case: BusinessCase, parties: dict[int, CaseParty]
) -> list[R]:
    """Unsaved copies of ``rows`` for ``case``, each with its party's copy."""
    for row in rows:
        row.pk = None
        row.case = case
        row.party = parties[row.party_id]
    return rows


def case_copy(*, actor: Actor, case: BusinessCase, title: str) -> BusinessCase:
    """A scenario: the whole case copied under a new name, to change its assumptions."""
    with transaction.atomic():
        copy = BusinessCase.objects.get(pk=case.pk)
        copy.pk = None
        copy.title = title
        copy.copied_from = case
        copy.agreed_on = None
        copy.agreement_note = ""
        copy.agreed_by = None
        copy.created_by = actor.user
        copy.save()
        party_map: dict[int, CaseParty] = {}
        for party in CaseParty.objects.filter(case=case):
            old = party.pk
            party.pk = None
            party.case = copy
            party.save()
            party_map[old] = party
        CostLine.objects.bulk_create(
            _moved(list(CostLine.objects.filter(case=case)), copy, party_map)
        )
        BenefitLine.objects.bulk_create(
            _moved(list(BenefitLine.objects.filter(case=case)), copy, party_map)
        )
        QualitativeBenefit.objects.bulk_create(
            _moved(list(QualitativeBenefit.objects.filter(case=case)), copy, party_map)
        )
        UnitCostOverride.objects.bulk_create(
            UnitCostOverride(case=copy, key=row.key, amount=row.amount, reason=row.reason)
            for row in UnitCostOverride.objects.filter(case=case)
        )
        _log(actor, copy, AuditEvent.CREATE, f"copy of {case.pk}")
    return copy


def case_export_log(*, actor: Actor, case: BusinessCase, format_name: str) -> None:
    """An export leaves its row in the log too."""
    with transaction.atomic():
        _log(actor, case, AuditEvent.EXPORT, format_name)
