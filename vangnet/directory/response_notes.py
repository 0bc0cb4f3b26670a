"""How services and organisations answer referrals in practice, from a higher part of Vangnet.

The social map sits below the app that keeps the referrals, so it cannot count
them itself. That app registers a source in its AppConfig.ready(); the social
map shows the line the source gives for a service or an organisation, and
nothing when the source has too few referrals to say something.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ResponseNotes:
    # service id -> one line of plain words, only for services with enough referrals
    services: dict[int, str] = field(default_factory=dict)
    # organisation id -> the same, for organisations
    organisations: dict[int, str] = field(default_factory=dict)


# Called with the ids of the services and of the organisations on a page.
ResponseSource = Callable[[Collection[int], Collection[int]], ResponseNotes]

RESPONSE_SOURCES: list[ResponseSource] = []


def response_source_register(source: ResponseSource) -> None:
    """Let ``source`` give the response lines on the social map (once)."""
    if source not in RESPONSE_SOURCES:
        RESPONSE_SOURCES.append(source)


def response_notes(
    *, services: Collection[int] = (), organisations: Collection[int] = ()
) -> ResponseNotes:
    """Every registered source's lines for these services and organisations; the first wins."""
    notes = ResponseNotes()
    if not services and not organisations:
        return notes
    for source in RESPONSE_SOURCES:
        given = source(services, organisations)
        for pk, line in given.services.items():
            notes.services.setdefault(pk, line)
        for pk, line in given.organisations.items():
            notes.organisations.setdefault(pk, line)
    return notes
