"""Each screen with "how does this work?" has a short text in Dutch and a guide to go on to."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from vangnet.guide.guides import GUIDES
from vangnet.guide.screens import SCREEN_HELP

PACKAGE = Path(__file__).resolve().parents[2]
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jullie)\b", re.IGNORECASE)
INCLUDE = re.compile(r'{% include "includes/screen_help\.html" with screen="([\w.]+)" %}')


def _screens_in_templates() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for template in PACKAGE.glob("*/templates/**/*.html"):
        for screen in INCLUDE.findall(template.read_text()):
            found.setdefault(screen, []).append(template.name)
    return found


def _sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.?!])\s+", text.strip()) if part]


@pytest.mark.parametrize("screen", sorted(SCREEN_HELP))
def test_every_screen_has_help_in_dutch(screen: str) -> None:
    with translation.override("en"):
        english = str(SCREEN_HELP[screen].text)
    with translation.override("nl"):
        dutch = str(SCREEN_HELP[screen].text)
    assert dutch != english
    assert not INFORMAL.search(dutch), "the formal u, never je or jij"
    assert 2 <= len(_sentences(dutch)) <= 5


@pytest.mark.parametrize("screen", sorted(SCREEN_HELP))
def test_every_screen_points_to_a_guide(screen: str) -> None:
    assert SCREEN_HELP[screen].guide in GUIDES


def test_every_include_names_a_registered_screen_and_every_screen_is_used() -> None:
    used = _screens_in_templates()
    assert set(used) == set(SCREEN_HELP)


def test_the_main_screens_carry_the_help() -> None:
    used = _screens_in_templates()
    for screen in (
        "home",
        "clients.list",
        "clients.dossier",
        "detection.queue",
        "detection.report",
        "referrals.inbox",
        "care.plan",
        "care.evaluation",
        "care.meetings",
        "screening.tasks",
        "casefinding.index",
        "directory.search",
        "directory.networks",
        "audit.log",
        "clients.who_looked",
        "clients.consent",
        "economics.index",
    ):
        assert screen in used, screen


@pytest.mark.django_db
def test_the_worry_form_shows_the_help_in_dutch(client: Client) -> None:
    body = client.get("/signals/worry/").content.decode()
    assert "<summary>Hoe werkt dit?</summary>" in body
    assert "U heeft geen account nodig." in body
    assert 'href="/hulp/vrijwilliger/"' in body
