"""The screening part of the dossier: the SamenOud profile in the header, results in short."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from vangnet.accounts.models import User
from vangnet.clients.access import decisions_for
from vangnet.clients.dossier import TIMELINE_LIMIT, Viewer
from vangnet.screening.dossier import screening_part
from vangnet.screening.tests.world import gfi_answers, older_person_of, poh, record

pytestmark = pytest.mark.django_db


def test_the_profile_goes_into_the_header_and_its_history_into_the_timeline(bob: User) -> None:
    older = older_person_of(poh(bob))
    now = timezone.now()
    record(older, bob, "gfi", gfi_answers(1), when=now - timedelta(days=60))
    record(older, bob, "gfi", gfi_answers(6), when=now - timedelta(days=2))
    decisions = decisions_for(bob, older)
    with translation.override("nl"):
        part = screening_part(older, Viewer(bob, decisions.person, decisions), limit=TIMELINE_LIMIT)
    (fact,) = part.facts
    assert (fact.label, fact.value, fact.tone) == (
        "Risicoprofiel",
        "Kwetsbaar",
        "profile-tag profile-frail",
    )
    assert part.lines[0].text.startswith(
        "Laatste uitkomst: Groningen Frailty Indicator (GFI): 6 van 15 op "
    )
    titles = [(e.title, e.detail) for e in part.events]
    assert ("Risicoprofiel: Kwetsbaar", "Was: Robuust") in titles
    assert ("Groningen Frailty Indicator (GFI): 1 van 15", "Onder de afkapwaarde") in titles


def test_without_a_screening_the_profile_is_not_known_yet(bob: User) -> None:
    older = older_person_of(poh(bob))
    decisions = decisions_for(bob, older)
    with translation.override("nl"):
        part = screening_part(older, Viewer(bob, decisions.person, decisions), limit=TIMELINE_LIMIT)
    assert [(f.label, f.value) for f in part.facts] == [("Risicoprofiel", "nog niet bekend")]
    assert [line.text for line in part.lines] == ["Nog geen screening."]
