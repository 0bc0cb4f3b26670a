"""The who-does-what poster: one page, legible, nothing outside its box, in three formats."""

import io
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from vangnet.directory.models import (
    Discipline,
    Network,
    PathwayStep,
    Responsibility,
)
from vangnet.directory.poster import Paper, PosterFormat, poster_layout, render_poster
from vangnet.directory.poster.layout import PosterLayout
from vangnet.directory.poster.png import DPI
from vangnet.directory.poster.text import safe_text, text_width, wrap
from vangnet.directory.tests.factories import (
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    StepAssignmentFactory,
)

SVG = "{http://www.w3.org/2000/svg}"
NIGHTS = {
    PathwayStep.SIGNALLING: "Huisartsenpost Vlietstreek: 0990-200200",
    PathwayStep.CONVERSATION: "Welzijnslijn voicemail, terugbellen op maandag",
    PathwayStep.ANALYSIS: "Thuiszorg Vlietdal, 24 uur per dag: 0990-300300",
    PathwayStep.PLAN: "Niet nodig: het MDO is alleen overdag",
    PathwayStep.CONTACT_PERSON: "Crisisdienst wijkteam: 0990-400400",
}


@pytest.fixture
def network(db: None) -> Network:
    network: Network = NetworkFactory.create(
        name="Netwerk Oude Kern",
        slug="oude-kern",
        night_and_weekend="Bel de Huisartsenpost Vlietstreek: 0990-200200. Bij levensgevaar: 112.",
    )
    for step, nights in NIGHTS.items():
        StepAssignmentFactory.create(
            network=network,
            step=step,
            organisation=OrganisationFactory.create(name=f"Zorgpartner stap {step.value}"),
            nights_weekends=nights,
        )
    # A second, contributing partner with Dutch letters in its name.
    StepAssignmentFactory.create(
        network=network,
        step=PathwayStep.SIGNALLING,
        organisation=OrganisationFactory.create(name="Apotheek Ëlsebeth & Zoë"),
        discipline=Discipline.PHARMACIST,
        responsibility=Responsibility.CONTRIBUTES,
        nights_weekends="Dienstapotheek Vlietdal: 0990-500500",
    )
    return network


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def assert_inside(layout: PosterLayout) -> None:
    """Every box lies on the page, every text run on the page and inside its own box."""
    tolerance = 0.01
    for rect in layout.rects:
        assert rect.x >= -tolerance and rect.y >= -tolerance, rect
        assert rect.right <= layout.width + tolerance, rect
        assert rect.bottom <= layout.height + tolerance, rect
    for run in layout.texts:
        assert run.size >= layout.paper.min_font_pt - tolerance, run
        assert run.x >= 0 and run.top >= 0, run
        assert run.x + run.width <= layout.width + tolerance, run
        assert run.bottom <= layout.height + tolerance, run
        if run.container is not None:
            box = layout.rects[run.container]
            assert run.x >= box.x and run.x + run.width <= box.right + tolerance, run
            assert run.top >= box.y - tolerance and run.bottom <= box.bottom + tolerance, run


def test_the_pdf_is_one_page_naming_every_step_and_the_night_numbers(network: Network) -> None:
    poster = render_poster(network, fmt=PosterFormat.PDF, paper=Paper.A4)
    reader = PdfReader(io.BytesIO(poster.content))
    assert len(reader.pages) == 1
    text = pdf_text(poster.content)
    for step in PathwayStep:
        assert str(step.label) in text
    for nights in NIGHTS.values():
        assert nights in text
    assert "Dienstapotheek Vlietdal: 0990-500500" in text
    assert "Apotheek Ëlsebeth & Zoë" in text
    assert "Netwerk Oude Kern" in text
    assert "Bel de Huisartsenpost Vlietstreek: 0990-200200. Bij levensgevaar: 112." in text


def test_a_step_nobody_covers_says_nobody_yet(network: Network) -> None:
    poster = render_poster(network, fmt=PosterFormat.PDF, paper=Paper.A3)
    text = pdf_text(poster.content)
    assert str(PathwayStep.CARRY_OUT.label) in text
    assert text.count("Nog niemand") == 1


def test_the_pdf_page_has_the_paper_size(network: Network) -> None:
    for paper, (width_mm, height_mm) in ((Paper.A4, (210, 297)), (Paper.A3, (297, 420))):
        poster = render_poster(network, fmt=PosterFormat.PDF, paper=paper)
        box = PdfReader(io.BytesIO(poster.content)).pages[0].mediabox
        assert float(box.width) == pytest.approx(width_mm * 72 / 25.4, abs=0.1)
        assert float(box.height) == pytest.approx(height_mm * 72 / 25.4, abs=0.1)


def test_the_svg_is_xml_with_a_title_and_a_description(network: Network) -> None:
    poster = render_poster(network, fmt=PosterFormat.SVG, paper=Paper.A4)
    root = ET.fromstring(poster.content)  # noqa: S314 (our own output)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "210mm"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and "Netwerk Oude Kern" in (title.text or "")
    assert desc is not None and "0990-200200" in (desc.text or "")
    words = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Nog niemand" in words
    assert str(PathwayStep.SIGNALLING.label) in words


@pytest.mark.parametrize(("paper", "pixels"), [(Paper.A4, (1240, 1754)), (Paper.A3, (1754, 2480))])
def test_the_png_has_the_pixel_size_of_the_paper_at_150_dpi(
    network: Network, paper: Paper, pixels: tuple[int, int]
) -> None:
    assert DPI == 150
    poster = render_poster(network, fmt=PosterFormat.PNG, paper=paper)
    image = Image.open(io.BytesIO(poster.content))
    assert image.format == "PNG"
    assert image.size == pixels
    assert image.info["dpi"] == pytest.approx((150, 150), abs=0.05)


@pytest.mark.parametrize("paper", list(Paper))
def test_nothing_overflows_the_page_or_its_box(network: Network, paper: Paper) -> None:
    layout = poster_layout(network, paper, today=date(2026, 3, 2))
    assert_inside(layout)
    assert layout.truncated_steps == []
    assert layout.body_size >= paper.min_font_pt


@pytest.mark.parametrize("paper", list(Paper))
def test_a_crowded_network_shrinks_then_shortens_with_a_note(db: None, paper: Paper) -> None:
    network: Network = NetworkFactory.create(
        slug="vol", night_and_weekend="Bel de huisartsenpost of 112. " * 10
    )
    long_text = "Alleen na overleg met de praktijkondersteuner en de wijkverpleegkundige " * 2
    for step in PathwayStep:
        for n in range(9):
            StepAssignmentFactory.create(
                network=network,
                step=step,
                organisation=OrganisationFactory.create(name=f"Organisatie {step.value}-{n} " * 3),
                when=long_text,
                evenings=long_text,
                nights_weekends="Huisartsenpost 0990-200200 " + long_text,
            )
    layout = poster_layout(network, paper)
    assert_inside(layout)
    assert layout.body_size == paper.min_font_pt
    assert sorted(layout.truncated_steps) == [step.value for step in PathwayStep]
    poster = render_poster(network, fmt=PosterFormat.PDF, paper=paper)
    assert len(PdfReader(io.BytesIO(poster.content)).pages) == 1
    assert "andere partners: zie de sociale kaart online" in pdf_text(poster.content)


def test_a_private_phone_never_reaches_the_poster(network: Network) -> None:
    person = PersonFactory.create(private_phone="06-99887766", work_phone="")
    StepAssignmentFactory.create(
        network=network, step=PathwayStep.PLAN, organisation=person.organisation, person=person
    )
    poster = render_poster(network, fmt=PosterFormat.SVG, paper=Paper.A4)
    assert b"06-99887766" not in poster.content


def test_text_outside_the_core_font_gets_a_stand_in() -> None:
    assert safe_text("Zorg → thuis, ĳsbaan") == "Zorg -> thuis, ijsbaan"
    assert safe_text("Café “De Hoek” – €5") == "Café “De Hoek” – €5"
    lines = wrap([("Bereikbaar:", True), ("ma t/m vr van 8.00 tot 17.00 uur", False)], 10, 80)
    assert all(span.dx + span.width <= 80 for line in lines for span in line)
    assert text_width("ë", 10) == text_width("e", 10)


def test_the_download_needs_no_login_and_names_the_file(network: Network, client: Client) -> None:
    url = reverse("directory:poster", args=[network.slug])
    response = client.get(url, {"format": "svg", "size": "A3"})
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert 'filename="wie-doet-wat-oude-kern-A3.svg"' in response["Content-Disposition"]
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"


def test_the_download_refuses_an_unknown_format(network: Network, client: Client) -> None:
    url = reverse("directory:poster", args=[network.slug])
    assert client.get(url, {"format": "docx"}).status_code == 400
    assert client.get(url, {"size": "A0"}).status_code == 400
    assert client.get(reverse("directory:poster", args=["nergens"])).status_code == 404


def test_the_download_query_count_does_not_grow_with_the_network(
    network: Network, client: Client, django_assert_max_num_queries: object
) -> None:
    for _ in range(20):
        StepAssignmentFactory.create(network=network, step=PathwayStep.PLAN)
    url = reverse("directory:poster", args=[network.slug])
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        assert client.get(url, {"format": "svg"}).status_code == 200


def test_the_command_writes_the_poster(network: Network, tmp_path: object) -> None:
    from pathlib import Path

    out = Path(str(tmp_path)) / "poster.png"
    call_command("poster", "oude-kern", "--format", "png", "--size", "A4", "--out", str(out))
    assert Image.open(out).size == (1240, 1754)
    with pytest.raises(CommandError):
        call_command("poster", "nergens", "--out", str(out))
