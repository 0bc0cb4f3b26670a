"""The neighbourhood's figures for one network and one quarter, counted from what Vangnet records.

Only counts leave these queries: no name, no id of an older person reaches a page.
Each source is read with one query, whatever its size, so the number of queries
does not grow with the data. Each indicator is a table of counts, per area (the
older person's neighbourhood) and per category, with its definition, period and
denominator in words; ``suppression`` decides which counts may be shown.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vangnet.care.models import Evaluation, Meeting, MeetingStatus, Plan
from vangnet.casefinding.models import CaseFindingRun
from vangnet.clients.access import clients_for_figures
from vangnet.consent.models import Consent
from vangnet.detection.models import Signal
from vangnet.directory.models import Network
from vangnet.monitoring.quarters import Quarter
from vangnet.monitoring.suppression import Suppressed, suppress
from vangnet.referrals.models import Referral
from vangnet.screening.models import AdministrationMode, ProfileChange, RiskProfile, Screening

SCREENING_AGE = 75
# The yearly questionnaire: a screening counts for coverage during twelve months.
SCREENING_VALID_DAYS = 365

type Label = str | Promise


@dataclass(frozen=True)
class Indicator:
    """One figure: a table of counts, rows by area (or practice), columns by category."""

    key: str
    title: Label
    definition: Label
    denominator: Label
    rows: list[Label]
    columns: list[Label]
    cells: list[list[int]]
    # Set for a yes/no table: the share of this column in each row's total is shown.
    rate_column: int | None = None
    # Counts of things, not of people (meetings): shown as they are.
    about_people: bool = True
    notes: list[tuple[Label, Label]] = field(default_factory=list)

    def suppressed(self, limit: int) -> Suppressed:
        return suppress(self.cells, limit if self.about_people else 1)

    def headline(self, table: Suppressed) -> float | None:
        """The network's figure for the trend: the total, or the share for a yes/no table."""
        last = len(table.grid) - 1
        if self.rate_column is None:
            return _float(table.shown(last, len(table.grid[0]) - 1))
        return rate(table, last, self.rate_column)


def _float(value: int | None) -> float | None:
    return None if value is None else float(value)


def rate(table: Suppressed, row: int, column: int) -> float | None:
    """The share (in %) of ``column`` in ``row``, only when every count of the row is shown."""
    total_column = len(table.grid[0]) - 1
    total = table.shown(row, total_column)
    counts = [table.shown(row, c) for c in range(total_column)]
    if not total or any(count is None for count in counts):
        return None
    return 100.0 * table.grid[row][column] / total


@dataclass(frozen=True)
class Areas:
    """The rows of a table: the network's areas in name order, then one for any other place."""

    ids: list[int]
    names: list[str]

    @classmethod
    def of(cls, network: Network) -> "Areas":
        pairs = list(network.areas.order_by("name", "pk").values_list("pk", "name"))
        return cls([pk for pk, _name in pairs], [name for _pk, name in pairs])

    @property
    def labels(self) -> list[Label]:
        return [*self.names, _("Other or unknown area")]

    def index(self, area_id: int | None) -> int:
        try:
            return self.ids.index(area_id) if area_id is not None else len(self.ids)
        except ValueError:
            return len(self.ids)

    def empty(self, columns: int) -> list[list[int]]:
        return [[0] * columns for _row in range(len(self.ids) + 1)]


class CameIn:
    """How an older person first came into view: the earliest trace Vangnet holds."""

    SIGNAL = 0
    REFERRAL = 1
    SCREENING = 2
    CASE_FINDING = 3
    DIRECT = 4
    LABELS: tuple[Label, ...] = (
        _("Signal"),
        _("Referral"),
        _("Screening by a professional"),
        _("Questionnaire (case-finding)"),
        _("Registered directly"),
    )

    @classmethod
    def of(
        cls,
        signal: datetime | None,
        referral: datetime | None,
        screening: datetime | None,
        screening_mode: str | None,
    ) -> int:
        screening_kind = (
            cls.CASE_FINDING if screening_mode == AdministrationMode.SELF else cls.SCREENING
        )
        traces = [
            (moment, kind)
            for moment, kind in (
                (signal, cls.SIGNAL),
                (referral, cls.REFERRAL),
                (screening, screening_kind),
            )
            if moment is not None
        ]
        return min(traces)[1] if traces else cls.DIRECT


PROFILES = (RiskProfile.ROBUST, RiskProfile.FRAIL, RiskProfile.COMPLEX)


def _people(network: Network, quarter: Quarter, areas: Areas) -> list[Indicator]:
    """In view by profile, by how they came in, and consent coverage: one query."""
    before = quarter.before
    end = quarter.end
    person = OuterRef("pk")
    first_screening = Screening.objects.filter(client=person, completed_at__lt=before).order_by(
        "completed_at", "pk"
    )
    active_consent = Consent.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=end),
        Q(revoked_at__isnull=True) | Q(revoked_at__gte=before),
        client=person,
        given_on__lte=end,
    )
    rows = (
        clients_for_figures(network)
        .filter(registered_at__lt=before)
        .annotate(
            profile=Subquery(
                ProfileChange.objects.filter(client=person, changed_at__lt=before)
                .order_by("-changed_at", "-pk")
                .values("profile")[:1]
            ),
            first_signal=Subquery(
                Signal.objects.filter(client=person, received_at__lt=before)
                .order_by("received_at")
                .values("received_at")[:1]
            ),
            first_referral=Subquery(
                Referral.objects.filter(client=person, sent_at__lt=before)
                .order_by("sent_at")
                .values("sent_at")[:1]
            ),
            first_screening=Subquery(first_screening.values("completed_at")[:1]),
            first_screening_mode=Subquery(first_screening.values("mode")[:1]),
            consented=Exists(active_consent),
        )
        .order_by()
        .values_list(
            "neighbourhood_id",
            "profile",
            "first_signal",
            "first_referral",
            "first_screening",
            "first_screening_mode",
            "consented",
        )
    )
    profiles = areas.empty(len(PROFILES) + 1)
    came_in = areas.empty(len(CameIn.LABELS))
    consent = areas.empty(2)
    for area, profile, signal, referral, screening, mode, consented in rows:
        row = areas.index(area)
        column = PROFILES.index(profile) if profile in PROFILES else len(PROFILES)
        profiles[row][column] += 1
        came_in[row][CameIn.of(signal, referral, screening, mode)] += 1
        consent[row][0 if consented else 1] += 1
    in_view = _("Older people of the network registered in Vangnet by the end of the quarter.")
    return [
        Indicator(
            "profiles",
            _("Older people in view, by risk profile"),
            _(
                "Each older person counts once, in their neighbourhood, with the last risk "
                "profile recorded by the end of the quarter."
            ),
            in_view,
            areas.labels,
            [*(profile.label for profile in PROFILES), _("No profile yet")],
            profiles,
        ),
        Indicator(
            "came_in",
            _("Older people in view, by how they came in"),
            _(
                "The earliest trace Vangnet holds of each older person: a signal, a referral, "
                "a screening asked by a professional, or a questionnaire they filled in "
                "themselves (case-finding). Without any of these: registered directly."
            ),
            in_view,
            areas.labels,
            list(CameIn.LABELS),
            came_in,
        ),
        Indicator(
            "consent",
            _("Consent coverage"),
            _(
                "Older people with at least one consent to share that was valid on the last "
                "day of the quarter (given, not expired, not withdrawn)."
            ),
            in_view,
            areas.labels,
            [_("With a valid consent"), _("Without")],
            consent,
            rate_column=0,
        ),
    ]


def _coverage(network: Network, quarter: Quarter) -> Indicator:
    """Screened people aged 75+ per GP practice, over its latest case-finding run: two queries."""
    runs = (
        CaseFindingRun.objects.filter(
            organisation__network_parties__network=network, reference_date__lte=quarter.end
        )
        .select_related("organisation")
        .order_by("organisation__name", "organisation_id", "-reference_date", "-pk")
    )
    latest: dict[int, CaseFindingRun] = {}
    for run in runs:
        latest.setdefault(run.organisation_id, run)
    born_by = _years_before(quarter.end, SCREENING_AGE)
    screened_since = quarter.before - timedelta(days=SCREENING_VALID_DAYS)
    screened = dict(
        clients_for_figures(network)
        .filter(
            gp_practice_id__in=latest,
            registered_at__lt=quarter.before,
            date_of_birth__lte=born_by,
        )
        .filter(
            Exists(
                Screening.objects.filter(
                    client=OuterRef("pk"),
                    completed_at__gte=screened_since,
                    completed_at__lt=quarter.before,
                )
            )
        )
        .order_by()
        .values("gp_practice_id")
        .annotate(n=Count("pk"))
        .values_list("gp_practice_id", "n")
    )
    cells = []
    for practice, run in latest.items():
        done = min(int(screened.get(practice, 0)), run.patients_aged)
        cells.append([done, run.patients_aged - done])
    return Indicator(
        "coverage",
        _("Screening coverage of people aged 75 and over"),
        _(
            "Older people aged 75 or over at the end of the quarter, registered with the "
            "practice, with a screening in the twelve months up to the end of the quarter. "
            "Only practices with a case-finding run: its count of patients aged 75 or over "
            "is the denominator."
        ),
        _("Patients aged 75 or over in the practice's latest case-finding run."),
        [str(run.organisation) for run in latest.values()],
        [_("Screened"), _("Not screened")],
        cells,
        rate_column=0,
    )


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _signals(network: Network, quarter: Quarter, areas: Areas) -> Indicator:
    rows = (
        Signal.objects.filter(
            network=network, received_at__gte=quarter.since, received_at__lt=quarter.before
        )
        .order_by()
        .values_list(
            "subject_neighbourhood_id", "client__neighbourhood_id", "picked_up_at", "due_at"
        )
    )
    cells = areas.empty(2)
    for told_area, client_area, picked_up, due in rows:
        in_time = picked_up is not None and picked_up <= due
        cells[areas.index(client_area or told_area)][0 if in_time else 1] += 1
    return Indicator(
        "signals",
        _("Signals picked up within the service level"),
        _(
            "Signals received in the quarter, by the neighbourhood of the older person. In "
            "time: picked up by the professional it was passed on to before the term of the "
            "coordination point (urgent in hours, normal in working days) ran out."
        ),
        _("Signals received in the quarter."),
        areas.labels,
        [_("Picked up in time"), _("Later or not (yet)")],
        cells,
        rate_column=0,
    )


def percentile(values: Sequence[int], share: float) -> int:
    """Nearest rank: the smallest value with at least ``share`` of all values at or below it."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[int]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def _referrals(network: Network, quarter: Quarter, areas: Areas, limit: int) -> Indicator:
    rows = (
        Referral.objects.filter(
            network=network,
            origin__isnull=True,
            sent_at__gte=quarter.since,
            sent_at__lt=quarter.before,
        )
        .order_by()
        .values_list("client__neighbourhood_id", "feedback_at", "sent_at", "first_contact_on")
    )
    cells = areas.empty(2)
    days: list[int] = []
    for area, feedback, sent, contact in rows:
        cells[areas.index(area)][0 if feedback is not None else 1] += 1
        if contact is not None:
            days.append(max(0, (contact - timezone.localdate(sent)).days))
    if len(days) >= limit:
        notes: list[tuple[Label, Label]] = [
            (_("Median days to first contact"), f"{median(days):g}"),
            (_("90th percentile of days to first contact"), str(percentile(days, 0.9))),
        ]
    else:
        notes = [(_("Days to first contact"), _("too few first contacts to show"))]
    return Indicator(
        "referrals",
        _("Referrals and the closed loop"),
        _(
            "Referrals to social work sent in the quarter (a redirect counts once), by the "
            "neighbourhood of the older person. Closed loop: the receiver sent feedback to the "
            "referrer. Days to first contact are calendar days from sending to the first "
            "contact, over the referrals with a first contact (median and 90th percentile, "
            "only from as many contacts as the threshold)."
        ),
        _("Referrals sent in the quarter."),
        areas.labels,
        [_("Feedback returned"), _("No feedback yet")],
        cells,
        rate_column=0,
        notes=notes,
    )


def _meetings(network: Network, quarter: Quarter) -> Indicator:
    held = Meeting.objects.filter(
        network=network,
        status=MeetingStatus.HELD,
        starts_at__gte=quarter.since,
        starts_at__lt=quarter.before,
    ).count()
    return Indicator(
        "meetings",
        _("MDOs held"),
        _("Multidisciplinary meetings of the network held in the quarter."),
        _("Not a share: a number of meetings, not of people."),
        [network.name],
        [_("Held")],
        [[held]],
        about_people=False,
    )


def _evaluations(network: Network, quarter: Quarter, areas: Areas) -> Indicator:
    """Evaluations due in the quarter: held by the due date, or late or still not held."""
    today = timezone.localdate()
    due = (
        Evaluation.objects.filter(
            plan__client__network=network, due_on__gte=quarter.start, due_on__lte=quarter.end
        )
        .order_by()
        .values_list("plan__client__neighbourhood_id", "held_on", "due_on")
    )
    cells = areas.empty(2)
    for area, held_on, due_on in due:
        cells[areas.index(area)][0 if due_on is None or held_on <= due_on else 1] += 1
    waiting = (
        Plan.objects.filter(
            client__network=network,
            evaluate_on__gte=quarter.start,
            evaluate_on__lte=quarter.end,
            evaluate_on__lt=today,
        )
        .order_by()
        .values_list("client__neighbourhood_id", flat=True)
    )
    for area in waiting:
        cells[areas.index(area)][1] += 1
    return Indicator(
        "evaluations",
        _("Plans with an evaluation on time"),
        _(
            "Care and support plans whose evaluation was due in the quarter. On time: the "
            "evaluation was held on or before the date it was due. A plan still waiting for "
            "an evaluation that is past due counts as not on time."
        ),
        _("Evaluations due in the quarter (by their due date, up to today)."),
        areas.labels,
        [_("Evaluated on time"), _("Late or not yet")],
        cells,
        rate_column=0,
    )


def indicators(network: Network, quarter: Quarter, limit: int) -> list[Indicator]:
    """Every figure of ``network`` for ``quarter``, in the order of the page."""
    areas = Areas.of(network)
    return [
        *_people(network, quarter, areas),
        _coverage(network, quarter),
        _signals(network, quarter, areas),
        _referrals(network, quarter, areas, limit),
        _meetings(network, quarter),
        _evaluations(network, quarter, areas),
    ]


@dataclass(frozen=True)
class Trend:
    """One indicator's network figure per quarter: None where it may not be shown."""

    key: str
    title: Label
    quarters: list[Quarter]
    values: list[float | None]
    is_rate: bool


def trends(network: Network, quarters: Iterable[Quarter], limit: int) -> list[Trend]:
    """The headline figure of every indicator for each quarter, oldest first."""
    periods = list(quarters)
    per_quarter = [indicators(network, quarter, limit) for quarter in periods]
    found = []
    for position, first in enumerate(per_quarter[0] if per_quarter else []):
        values = [
            figures[position].headline(figures[position].suppressed(limit))
            for figures in per_quarter
        ]
        found.append(Trend(first.key, first.title, periods, values, first.rate_column is not None))
    return found
