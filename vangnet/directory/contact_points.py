"""Where the public can turn with a worry, as told by the apps that run those desks.

The social map sits below the wings, so it cannot ask them itself. A wing that
runs a desk for the public (the coordination point and the worry form, in
early detection) registers a source in its AppConfig.ready(); the poster for
older people and carers lists what the sources give, first of all.
"""

from collections.abc import Callable
from dataclasses import dataclass

from vangnet.directory.models import Network


@dataclass(frozen=True)
class ContactPoint:
    """One place to turn to, said in plain words."""

    # What someone would call about, as a question: "Worried about someone?"
    question: str
    # Who answers, and how to reach them.
    name: str
    phone: str = ""
    hours: str = ""
    # A page on this site (a path such as /signals/worry/) and the words before it.
    web_path: str = ""
    web_label: str = ""


ContactPointSource = Callable[[Network], list[ContactPoint]]

CONTACT_POINT_SOURCES: list[ContactPointSource] = []


def contact_point_source_register(source: ContactPointSource) -> None:
    """List what ``source`` gives for a network on the poster for the public (once)."""
    if source not in CONTACT_POINT_SOURCES:
        CONTACT_POINT_SOURCES.append(source)


def contact_points(network: Network) -> list[ContactPoint]:
    """Every registered place to turn to for the network, in the order of registration."""
    return [point for source in CONTACT_POINT_SOURCES for point in source(network)]
