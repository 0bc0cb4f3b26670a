"""The poster for older people and carers, the poster's address, and a whole sheet used."""

import io
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from vangnet.core.demo import DemoContext
from vangnet.detection.models import CoordinationPoint
from vangnet.directory import demo
from vangnet.directory.models import Discipline, Network, PathwayStep, Responsibility
from vangnet.directory.poster import (
    Audience,
    Paper,
    PosterFormat,
    SiteAddressMissing,
    poster_layout,
    render_poster,
)
from vangnet.directory.poster.model import PosterLayout
from vangnet.directory.step_words import STEP_WORDS
from vangnet.directory.tests.factories import (
    NetworkFactory,
    OrganisationFactory,
    StepAssignmentFactory,
)

SITE = "https://vangnet.example.nl"
pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings: Any) -> None:
    settings.SITE_URL = SITE


@pytest.fixture
def network() -> Network:
    network: Network = NetworkFactory.create(
        name="Netwerk Oude Kern",
        slug="oude-kern",
        night_and_weekend="Bel de Huisartsenpost Vlietstreek: 0990-200200.",
    )
    StepAssignmentFactory.create(
        network=network,
        step=PathwayStep.SIGNALLING,
        organisation=OrganisationFactory.create(name="Huisartsenpraktijk Het Anker"),
        discipline=Discipline.POH_ELDERLY,
        phone="0990-211211",
    )
    StepAssignmentFactory.create(
        network=network,
        step=PathwayStep.SIGNALLING,
        organisation=OrganisationFactory.create(name="Apotheek De Vliet"),
        discipline=Discipline.PHARMACIST,
        responsibility=Responsibility.CONTRIBUTES,
    )
    StepAssignmentFactory.create(
        network=network,
        step=PathwayStep.PLAN,
        organisation=OrganisationFactory.create(name="Huisartsencoöperatie"),
        discipline=Discipline.GP,
    )
    StepAssignmentFactory.create(
        network=network,
        step=PathwayStep.CONTACT_PERSON,
        organisation=OrganisationFactory.create(name="Sociaal Wijkteam Centrum"),
        discipline=Discipline.POH_ELDERLY,
        phone="0990-410410",
    )
    CoordinationPoint.objects.create(
        network=network, phone="0990-220222", hours="ma t/m vr 9.00-17.00"
    )
    return network


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def holds_address(text: str, address: str) -> bool:
    """Whether the text holds the address, which may be broken over lines."""
    return address in "".join(text.split())


def test_it_says_whom_to_call_for_what_in_plain_words(site: None, network: Network) -> None:
    poster = render_poster(network, fmt=PosterFormat.PDF, paper=Paper.A4, audience=Audience.PUBLIC)
    text = pdf_text(poster.content)
    assert "Wie kunt u bellen?" in text
    assert "Hulp voor ouderen en hun mantelzorgers" in text
    # The network's desk and the worry form, its night number and 112.
    assert "Maakt u zich zorgen over iemand?" in text
    assert "Bel het coördinatiepunt van het wijknetwerk" in text
    assert "0990-220222" in text
    assert holds_address(text, f"{SITE}/signals/worry/")
    assert "Bel de Huisartsenpost Vlietstreek: 0990-200200." in text
    assert "112" in text
    # Who does a step someone would call about, under a plain question.
    assert "Gaat het thuis minder goed?" in text
    assert "Huisartsenpraktijk Het Anker" in text
    assert "0990-211211" in text
    assert "Wilt u één vast persoon die u altijd kunt bellen?" in text
    assert "0990-410410" in text
    assert f"{SITE}/map/oude-kern/public/" in text


def test_it_has_no_gaps_no_roles_and_no_professional_terms(site: None, network: Network) -> None:
    poster = render_poster(network, fmt=PosterFormat.PDF, paper=Paper.A3, audience=Audience.PUBLIC)
    text = pdf_text(poster.content)
    for step in PathwayStep:
        assert str(step.label) not in text
    for jargon in ("MDO", "POH", "Nog niemand", "Voert deze stap uit", "Helpt mee", "Apotheker"):
        assert jargon not in text
    # Helpers and steps behind the scenes are for the professionals' poster.
    assert "Apotheek De Vliet" not in text
    assert "Huisartsencoöperatie" not in text


def test_without_a_coordination_point_it_still_names_the_worry_form(
    site: None, network: Network
) -> None:
    CoordinationPoint.objects.all().delete()
    poster = render_poster(network, fmt=PosterFormat.PDF, paper=Paper.A4, audience=Audience.PUBLIC)
    text = pdf_text(poster.content)
    assert "Vul het zorgenformulier in:" in text
    assert holds_address(text, f"{SITE}/signals/worry/")


def _columns(layout: PosterLayout) -> dict[float, float]:
    """For each column of boxes (by its left edge), the bottom of its lowest box."""
    top = min(r.y for r in layout.rects if r.stroke)
    bottoms: dict[float, float] = {}
    for rect in layout.rects:
        if rect.stroke and rect.y >= top:
            bottoms[round(rect.x, 1)] = max(bottoms.get(round(rect.x, 1), 0.0), rect.bottom)
    return bottoms


def _text_bottoms(layout: PosterLayout) -> dict[float, float]:
    """For each column, the lowest line of text in its boxes."""
    columns = sorted(_columns(layout))
    bottoms: dict[float, float] = {}
    for run in layout.texts:
        if run.container is None or not layout.rects[run.container].stroke:
            continue
        column = max(c for c in columns if c <= run.x + 0.01)
        bottoms[column] = max(bottoms.get(column, 0.0), run.bottom)
    return bottoms


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("audience", list(Audience))
def test_the_demo_poster_uses_the_whole_sheet(site: None, paper: Paper, audience: Audience) -> None:
    demo.build(DemoContext(seed=2026, now=datetime(2026, 3, 2, 9, tzinfo=UTC)))
    network = Network.objects.get(slug="demo")
    layout = poster_layout(network, paper, audience=audience, today=date(2026, 3, 2))
    assert layout.truncated == []
    assert layout.body_size >= paper.min_font_pt
    columns = _columns(layout)
    assert len(columns) == 2
    # Both columns end at the same line above the footer ...
    left, right = columns.values()
    assert left == pytest.approx(right, abs=0.5)
    # ... and neither is half empty: text runs down to near the bottom of each.
    flow_top = min(r.y for r in layout.rects if r.stroke)
    for column, text_bottom in _text_bottoms(layout).items():
        empty = (columns[column] - text_bottom) / (columns[column] - flow_top)
        assert empty < 0.2, (column, empty)


def test_in_production_an_unset_address_is_refused(settings: Any, network: Network) -> None:
    settings.DEBUG = False
    for unset in ("http://127.0.0.1:8000", "http://localhost:8000", "vangnet.example.nl", ""):
        settings.SITE_URL = unset
        with pytest.raises(SiteAddressMissing):
            render_poster(network, fmt=PosterFormat.PDF, paper=Paper.A4)


def test_the_demo_may_use_its_own_address(settings: Any, network: Network) -> None:
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8000"
    poster = render_poster(network, fmt=PosterFormat.PDF, paper=Paper.A4)
    assert "http://127.0.0.1:8000/map/oude-kern/public/" in pdf_text(poster.content)


def test_the_command_exits_2_without_an_address(
    settings: Any, network: Network, tmp_path: Path
) -> None:
    settings.DEBUG = False
    settings.SITE_URL = "http://127.0.0.1:8000"
    out = tmp_path / "poster.pdf"
    with pytest.raises(CommandError) as refused:
        call_command("poster", "oude-kern", "--out", str(out))
    assert refused.value.returncode == 2
    assert "VANGNET_SITE_URL" in str(refused.value)
    assert not out.exists()


def test_the_web_download_explains_in_dutch_without_an_address(
    settings: Any, network: Network, client: Client
) -> None:
    settings.DEBUG = False
    settings.SITE_URL = "http://127.0.0.1:8000"
    url = reverse("directory:poster", args=[network.slug])
    page = client.get(url)
    assert page.status_code == 200
    assert "het webadres van deze Vangnet is niet ingesteld" in page.content.decode()
    download = client.get(url, {"format": "pdf", "size": "A4", "audience": "public"})
    assert download.status_code == 409
    assert download["Content-Type"].startswith("text/html")
    assert "De poster kan niet worden gemaakt" in download.content.decode()


def test_every_step_has_plain_words_and_a_question_only_where_people_call() -> None:
    asked = {words.step for words in STEP_WORDS if words.question is not None}
    assert asked == {
        PathwayStep.SIGNALLING,
        PathwayStep.CONVERSATION,
        PathwayStep.ANALYSIS,
        PathwayStep.CONTACT_PERSON,
    }
