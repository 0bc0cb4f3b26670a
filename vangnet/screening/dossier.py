"""The screening part of the older person's dossier: the risk profile, the latest results.

Registered in ``ScreeningConfig.ready()``; the dossier builds it only for a
viewer whose consent covers screening results for early detection, as the
screening page does. The SamenOud profile (robust, frail, complex care needs)
goes into the dossier's header.
"""

from contextlib import suppress

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from vangnet.clients.dossier import (
    DossierSection,
    Event,
    Fact,
    Line,
    Link,
    Need,
    Part,
    Viewer,
    client_url,
    day_of,
)
from vangnet.clients.models import Client
from vangnet.consent.models import DataCategory, Purpose
from vangnet.screening.engine.errors import InstrumentError
from vangnet.screening.engine.loader import load_instrument
from vangnet.screening.models import (
    FollowUpTask,
    ProfileChange,
    ProfileRuleName,
    RiskProfile,
    Screening,
)

SCREENING_READ = Need(DataCategory.SCREENING, Purpose.EARLY_DETECTION)
SCREENING_WRITE = Need(DataCategory.SCREENING, Purpose.EARLY_DETECTION, for_write=True)


def _title(code: str) -> str:
    """The instrument's short name as the screening page shows it; its code if unknown."""
    with suppress(InstrumentError):
        return load_instrument(code).title.get((get_language() or "nl")[:2])
    return code.upper()


def _result(screening: Screening) -> str:
    return _("%(instrument)s: %(score)s of %(max)s") % {
        "instrument": _title(screening.instrument),
        "score": screening.score,
        "max": screening.max_score,
    }


def screening_part(client: Client, viewer: Viewer, *, limit: int) -> Part:
    """The current risk profile, the latest result and the open follow-up, in short."""
    changes = list(
        ProfileChange.objects.filter(client=client).order_by("-changed_at", "-pk")[:limit]
    )
    results = list(
        Screening.objects.filter(client=client)
        .only("instrument", "score", "max_score", "positive", "completed_at")
        .order_by("-completed_at", "-pk")[:limit]
    )
    open_tasks = FollowUpTask.objects.filter(client=client).open().count()
    current = changes[0] if changes else None
    label = _("Risk profile")
    profile = (
        Fact(
            label, str(RiskProfile(current.profile).label), f"profile-tag profile-{current.profile}"
        )
        if current
        else Fact(label, _("not known yet"))
    )
    lines = [
        Line(
            _("Latest result: %(result)s on %(day)s.")
            % {
                "result": _result(results[0]),
                "day": date_format(day_of(results[0].completed_at), "j F Y"),
            }
            if results
            else _("No screening yet.")
        )
    ]
    if current is not None:
        lines.append(
            Line(
                _("Risk profile worked out with the %(rule)s.")
                % {"rule": ProfileRuleName(current.rule_name).label}
            )
        )
    if open_tasks:
        lines.append(
            Line(
                ngettext(
                    "%(count)s follow-up proposal waits for the coordinator.",
                    "%(count)s follow-up proposals wait for the coordinator.",
                    open_tasks,
                )
                % {"count": open_tasks},
                warn=True,
            )
        )
    url = client_url("screening:client", client)
    events = [
        Event(
            on=day_of(s.completed_at),
            at=s.completed_at,
            title=_result(s),
            detail=_("At or above the cut-off") if s.positive else _("Below the cut-off"),
            need=SCREENING_READ,
            url=url,
        )
        for s in results
    ]
    events += [
        Event(
            on=day_of(c.changed_at),
            at=c.changed_at,
            title=_("Risk profile: %(profile)s") % {"profile": RiskProfile(c.profile).label},
            detail=(
                _("Was: %(profile)s") % {"profile": RiskProfile(c.previous_profile).label}
                if c.previous_profile
                else ""
            ),
            need=SCREENING_READ,
            url=url,
        )
        for c in changes
    ]
    return Part(
        lines=lines,
        facts=[profile],
        links=[
            Link(_("Screening and risk profile"), url, SCREENING_READ),
            Link(_("Take a questionnaire"), client_url("screening:start", client), SCREENING_WRITE),
        ],
        events=events,
    )


SECTION = DossierSection(
    key="screening",
    title=gettext_lazy("Screening"),
    order=40,
    need=SCREENING_READ,
    not_shared=gettext_lazy(
        "The screening results are not shared with you. "
        "Ask the older person or the contact person for consent."
    ),
    build=screening_part,
    facts=(gettext_lazy("Risk profile"),),
)
