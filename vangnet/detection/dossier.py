"""The signals' part of the older person's dossier: how many, which are open, and when.

Registered in ``DetectionConfig.ready()``; the dossier builds it only for a
viewer whose consent covers signals for early detection, as the signal pages
about one older person require. It names what worried, never the description
or the reporter.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from vangnet.clients.dossier import (
    DossierSection,
    Event,
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
from vangnet.detection.models import OPEN_STATUSES, Signal, SignalStatus, Urgency

SIGNALS_READ = Need(DataCategory.SIGNALS, Purpose.EARLY_DETECTION)
SIGNALS_WRITE = Need(DataCategory.SIGNALS, Purpose.EARLY_DETECTION, for_write=True)


def signals_part(client: Client, viewer: Viewer, *, limit: int) -> Part:
    """The signals about the older person in short, with the newest in the timeline."""
    signals = Signal.objects.filter(client=client)
    counts = signals.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        urgent=Count("pk", filter=Q(status__in=OPEN_STATUSES, urgency=Urgency.URGENT)),
    )
    lines = [
        Line(
            ngettext(
                "%(total)s signal, %(open)s still open.",
                "%(total)s signals, %(open)s still open.",
                counts["total"],
            )
            % {"total": counts["total"], "open": counts["open"]}
            if counts["total"]
            else _("No signals about this older person.")
        )
    ]
    if counts["urgent"]:
        lines.append(
            Line(
                ngettext(
                    "%(count)s open signal is urgent.",
                    "%(count)s open signals are urgent.",
                    counts["urgent"],
                )
                % {"count": counts["urgent"]},
                warn=True,
            )
        )
    url = client_url("detection:client-signals", client)
    return Part(
        lines=lines,
        links=[
            Link(_("Signals"), url, SIGNALS_READ),
            Link(
                _("Record a signal"),
                client_url("detection:client-signal-new", client),
                SIGNALS_WRITE,
            ),
            Link(
                _("Already in view"), client_url("detection:client-in-view", client), SIGNALS_READ
            ),
        ],
        events=[
            Event(
                on=day_of(signal.received_at),
                at=signal.received_at,
                title=_("Signal: %(what)s")
                % {"what": ", ".join(signal.category_labels()) or _("something else")},
                detail=str(SignalStatus(signal.status).label),
                need=SIGNALS_READ,
                url=url,
            )
            for signal in signals.only("received_at", "categories", "status").order_by(
                "-received_at", "-pk"
            )[:limit]
        ],
    )


SECTION = DossierSection(
    key="signals",
    title=gettext_lazy("Signals"),
    order=20,
    need=SIGNALS_READ,
    not_shared=gettext_lazy(
        "The signals are not shared with you. "
        "Ask the older person or the contact person for consent."
    ),
    build=signals_part,
)
