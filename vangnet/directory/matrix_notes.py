"""What higher parts of Vangnet add to a network's who-does-what matrix.

The social map sits below the apps that know how organisations work together,
so it cannot ask them itself. Such an app registers a source in its
AppConfig.ready(); the matrix shows the links it gives and marks the
organisations it names (for example: listed for a step, yet no trace of work
in the network for a year).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from vangnet.accounts.models import User
from vangnet.directory.models import Network


@dataclass(frozen=True)
class MatrixNotes:
    # (words, address) of pages about the network, shown above the matrix
    links: list[tuple[str, str]] = field(default_factory=list)
    # organisation id -> a short remark shown next to that organisation's rows
    remarks: dict[int, str] = field(default_factory=dict)


MatrixSource = Callable[[Network, User], MatrixNotes]

MATRIX_SOURCES: list[MatrixSource] = []


def matrix_source_register(source: MatrixSource) -> None:
    """Let ``source`` add links and remarks to every network's matrix (once)."""
    if source not in MATRIX_SOURCES:
        MATRIX_SOURCES.append(source)


def matrix_notes(network: Network, user: User) -> MatrixNotes:
    """Every registered source's links and remarks, in the order of registration."""
    notes = MatrixNotes()
    for source in MATRIX_SOURCES:
        given = source(network, user)
        notes.links.extend(given.links)
        for organisation, remark in given.remarks.items():
            notes.remarks.setdefault(organisation, remark)
    return notes
