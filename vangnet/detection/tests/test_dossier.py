"""The signals' part of the dossier: counts and categories, never what was written."""

import pytest
from django.utils import translation

from vangnet.accounts.models import User
from vangnet.clients.access import decisions_for
from vangnet.clients.dossier import TIMELINE_LIMIT, Viewer
from vangnet.clients.tests.factories import client_shared_with
from vangnet.detection.dossier import SIGNALS_READ, SIGNALS_WRITE, signals_part
from vangnet.detection.models import SignalCategory, SignalStatus, Urgency
from vangnet.detection.tests.factories import SignalFactory

pytestmark = pytest.mark.django_db


def test_it_counts_open_and_urgent_signals_and_names_only_the_worry(bob: User) -> None:
    older = client_shared_with(bob)
    SignalFactory.create(network=older.network, client=older, urgency=Urgency.URGENT)
    SignalFactory.create(
        network=older.network,
        client=older,
        status=SignalStatus.CLOSED,
        close_reason="handled",
        categories=[SignalCategory.MEMORY, SignalCategory.EATING],
    )
    SignalFactory.create(network=older.network)  # about someone else
    decisions = decisions_for(bob, older)
    with translation.override("nl"):
        part = signals_part(older, Viewer(bob, decisions.person, decisions), limit=TIMELINE_LIMIT)
    assert [(line.text, line.warn) for line in part.lines] == [
        ("2 signalen, 1 nog open.", False),
        ("1 open signaal is dringend.", True),
    ]
    assert sorted(e.title for e in part.events) == [
        "Signaal: Eenzaamheid",
        "Signaal: Vergeetachtigheid, Eten en gewicht",
    ]
    text = repr(part)
    assert "Ze komt haar huis niet meer uit." not in text and "Henk Buurman" not in text
    assert [link.need for link in part.links] == [SIGNALS_READ, SIGNALS_WRITE, SIGNALS_READ]


def test_an_older_person_without_signals(bob: User) -> None:
    older = client_shared_with(bob)
    decisions = decisions_for(bob, older)
    with translation.override("nl"):
        part = signals_part(older, Viewer(bob, decisions.person, decisions), limit=5)
    assert [line.text for line in part.lines] == ["Geen signalen over deze oudere."]
    assert part.events == []
