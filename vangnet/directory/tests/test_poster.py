"""The who-does-what poster: one page, legible, nothing outside its box, in three formats."""

import io
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import segno
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from vangnet.directory.models import (
    Discipline,
    Network,
    PathwayStep,
    Responsibility,
)
from vangnet.directory.poster import Audience, Paper, PosterFormat, poster_layout, render_poster
from vangnet.directory.poster.model import PosterLayout
from vangnet.directory.poster.png import DPI
from vangnet.directory.poster.text import safe_text, text_width, wrap
from vangnet.directory.step_words import STEP_WORDS
from vangnet.directory.tests.factories import (
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    StepAssignmentFactory,
)

SITE = "https://vangnet.example.nl"
SVG = "{http://www.w3.org/2000/svg}"
NIGHTS = {
    PathwayStep.SIGNALLING: "Huisartsenpost Vlietstreek: 0990-200200",
    PathwayStep.CONVERSATION: "Welzijnslijn voicemail, terugbellen op maandag",
    PathwayStep.ANALYSIS: "Thuiszorg Vlietdal, 24 uur per dag: 0990-300300",
    PathwayStep.PLAN: "Niet nodig: het MDO is alleen overdag",
    PathwayStep.CONTACT_PERSON: "Crisisdienst wijkteam: 0990-400400",
}


@pytest.fixture(autouse=True)
def site(settings: Any) -> None:
    settings.SITE_URL = SITE


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
    # Whoever helps comes after whoever does the step, in one line when room is short.
    assert "Apotheek Ëlsebeth & Zoë" in text
    assert text.index("Zorgpartner stap 1") < text.index("Apotheek Ëlsebeth & Zoë")
    assert "Netwerk Oude Kern" in text
    assert "Bel de Huisartsenpost Vlietstreek: 0990-200200. Bij levensgevaar: 112." in text


@pytest.mark.parametrize("paper", list(Paper))
def test_plain_words_stand_beside_every_step(network: Network, paper: Paper) -> None:
    text = pdf_text(render_poster(network, fmt=PosterFormat.PDF, paper=paper).content)
    assert "Multidomeinanalyse" in text
    assert "Samen uitzoeken welke hulp u nodig heeft" in text
    for words in STEP_WORDS:
        assert str(words.plain) in text


def test_the_plain_words_are_one_row_per_step_in_dutch() -> None:
    assert [words.step for words in STEP_WORDS] == list(PathwayStep)
    with translation.override("nl"):
        plain = [str(words.plain) for words in STEP_WORDS]
    with translation.override("en"):
        english = [str(words.plain) for words in STEP_WORDS]
    assert len(set(plain)) == len(STEP_WORDS)
    assert all(nl != en for nl, en in zip(plain, english, strict=True))


def test_the_poster_prints_the_address_of_the_live_public_map(network: Network) -> None:
    address = f"{SITE}/map/oude-kern/public/"
    text = pdf_text(render_poster(network, fmt=PosterFormat.PDF, paper=Paper.A4).content)
    assert address in text
    assert "127.0.0.1" not in text


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
    assert f"{SITE}/map/oude-kern/public/" in (desc.text or "")
    words = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Nog niemand" in words
    assert str(PathwayStep.SIGNALLING.label) in words


@pytest.mark.parametrize("paper", list(Paper))
def test_every_text_is_at_least_the_smallest_size_and_headings_are_larger(
    network: Network, paper: Paper
) -> None:
    layout = poster_layout(network, paper, today=date(2026, 3, 2))
    assert paper.min_font_pt == (12.0 if paper is Paper.A4 else 16.0)
    assert min(run.size for run in layout.texts) >= paper.min_font_pt
    assert layout.body_size >= paper.min_font_pt

    def size(start: str) -> float:
        return next(run.size for run in layout.texts if run.text.startswith(start))

    # The step terms are set larger than the partners under them, the title larger still.
    assert size("Multidomeinanalyse") > layout.body_size
    assert size("Zorgpartner stap 3") == layout.body_size
    assert size("Wie doet wat") > size("Multidomeinanalyse")


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
@pytest.mark.parametrize("audience", list(Audience))
def test_nothing_overflows_the_page_or_its_box(
    network: Network, paper: Paper, audience: Audience
) -> None:
    layout = poster_layout(network, paper, audience=audience, today=date(2026, 3, 2))
    assert_inside(layout)
    assert layout.truncated == []


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
    assert layout.detail == 2
    assert sorted(layout.truncated) == sorted(str(step.label) for step in PathwayStep)
    poster = render_poster(network, fmt=PosterFormat.PDF, paper=paper)
    assert len(PdfReader(io.BytesIO(poster.content)).pages) == 1
    assert "andere partners: zie de sociale kaart online" in pdf_text(poster.content)


def test_a_private_phone_never_reaches_the_poster(network: Network) -> None:
    person = PersonFactory.create(private_phone="06-99887766", work_phone="")
    StepAssignmentFactory.create(
        network=network, step=PathwayStep.PLAN, organisation=person.organisation, person=person
    )
    for audience in Audience:
        poster = render_poster(network, fmt=PosterFormat.SVG, paper=Paper.A4, audience=audience)
        assert b"06-99887766" not in poster.content


def test_text_outside_the_core_font_gets_a_stand_in() -> None:
    assert safe_text("Zorg → thuis, ĳsbaan") == "Zorg -> thuis, ijsbaan"
    assert safe_text("Café “De Hoek” – €5") == "Café “De Hoek” – €5"
    lines = wrap([("Bereikbaar:", True), ("ma t/m vr van 8.00 tot 17.00 uur", False)], 10, 80)
    assert all(span.dx + span.width <= 80 for line in lines for span in line)
    assert text_width("ë", 10) == text_width("e", 10)


def test_a_long_address_breaks_after_a_slash() -> None:
    lines = wrap([("https://vangnet.example.nl/signals/worry/", True)], 12, 170)
    assert [line[0].text for line in lines] == ["https://vangnet.example.nl/", "signals/worry/"]


def test_the_download_needs_no_login_and_names_the_file(network: Network, client: Client) -> None:
    url = reverse("directory:poster", args=[network.slug])
    response = client.get(url, {"format": "svg", "size": "A3"})
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert 'filename="wie-doet-wat-oude-kern-A3.svg"' in response["Content-Disposition"]
    response = client.get(url, {"format": "pdf", "size": "A4", "audience": "public"})
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="wie-kunt-u-bellen-oude-kern-A4.pdf"' in response["Content-Disposition"]


def test_the_poster_page_offers_both_posters(network: Network, client: Client) -> None:
    html = client.get(reverse("directory:poster", args=[network.slug])).content.decode()
    assert "Voor wie" in html
    assert "Wie kunt u bellen: voor ouderen en mantelzorgers" in html
    assert "Wie doet wat: de zes stappen van de zorg" in html


def test_the_download_refuses_an_unknown_format_in_dutch(network: Network, client: Client) -> None:
    url = reverse("directory:poster", args=[network.slug])
    response = client.get(url, {"format": "docx"})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert client.get(url, {"format": "pdf", "size": "A0"}).status_code == 400
    assert client.get(url, {"format": "pdf", "audience": "\u00b2"}).status_code == 400
    assert client.get(reverse("directory:poster", args=["nergens"])).status_code == 404


@pytest.mark.parametrize("audience", list(Audience))
def test_the_download_query_count_does_not_grow_with_the_network(
    network: Network, client: Client, django_assert_max_num_queries: object, audience: Audience
) -> None:
    for _ in range(20):
        StepAssignmentFactory.create(network=network, step=PathwayStep.PLAN)
        StepAssignmentFactory.create(network=network, step=PathwayStep.SIGNALLING)
    url = reverse("directory:poster", args=[network.slug])
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        response = client.get(url, {"format": "svg", "audience": audience.value})
    assert response.status_code == 200


def test_the_command_writes_the_poster(network: Network, tmp_path: Path) -> None:
    out = tmp_path / "poster.png"
    call_command("poster", "oude-kern", "--format", "png", "--size", "A4", "--out", str(out))
    assert Image.open(out).size == (1240, 1754)
    public = tmp_path / "poster.pdf"
    call_command("poster", "oude-kern", "--audience", "public", "--out", str(public))
    assert "Wie kunt u bellen?" in pdf_text(public.read_bytes())
    with pytest.raises(CommandError):
        call_command("poster", "nergens", "--out", str(out))


def test_the_qr_code_holds_the_address_of_the_public_map(network: Network) -> None:
    layout = poster_layout(network, Paper.A4)
    assert layout.qr is not None
    address = f"{SITE}/map/oude-kern/public/"
    assert layout.qr.text == address
    expected = segno.make(address, error="m", micro=False).matrix
    assert layout.qr.matrix == tuple(tuple(bool(c) for c in row) for row in expected)


@pytest.mark.parametrize("paper", list(Paper))
def test_the_qr_code_is_large_enough_to_scan_from_a_metre_in_a_white_quiet_zone(
    network: Network, paper: Paper
) -> None:
    layout = poster_layout(network, paper)
    qr = layout.qr
    assert qr is not None
    millimetres = qr.width / (72 / 25.4)
    assert millimetres >= (40 if paper is Paper.A4 else 56)
    # Four modules of white all round, inside the page, and nothing else drawn on them.
    zone = (
        qr.x - qr.quiet,
        qr.y - qr.quiet,
        qr.x + qr.width + qr.quiet,
        qr.y + qr.width + qr.quiet,
    )
    assert qr.quiet == pytest.approx(4 * qr.module)
    assert zone[0] >= 0 and zone[1] >= 0 and zone[2] <= layout.width and zone[3] <= layout.height

    def overlaps(left: float, top: float, right: float, bottom: float) -> bool:
        return left < zone[2] and right > zone[0] and top < zone[3] and bottom > zone[1]

    drawn = [r for r in layout.rects if overlaps(r.x, r.y, r.right, r.bottom)]
    assert [r.fill for r in drawn] == ["#ffffff"]
    assert not [t for t in layout.texts if overlaps(t.x, t.top, t.x + t.width, t.bottom)]


def test_the_svg_and_the_pdf_draw_the_qr_code_as_vectors(network: Network) -> None:
    layout = poster_layout(network, Paper.A4)
    assert layout.qr is not None
    runs = len(layout.qr.runs)
    svg = render_poster(network, fmt=PosterFormat.SVG, paper=Paper.A4).content
    root = ET.fromstring(svg)  # noqa: S314 (our own output)
    path = next(p for p in root.iter(f"{SVG}path") if p.get("id") == "qr-code")
    assert (path.get("d") or "").count("M") == runs
    pdf = render_poster(network, fmt=PosterFormat.PDF, paper=Paper.A4).content
    stream = PdfReader(io.BytesIO(pdf)).pages[0].get_contents()
    assert stream is not None
    assert stream.get_data().count(b" re") >= runs


def test_the_png_qr_code_has_every_module_where_segno_put_it(network: Network) -> None:
    """A decoder's first step, by hand: sample the centre of each module in the picture."""
    layout = poster_layout(network, Paper.A4)
    qr = layout.qr
    assert qr is not None
    image = Image.open(
        io.BytesIO(render_poster(network, fmt=PosterFormat.PNG, paper=Paper.A4).content)
    ).convert("L")
    scale = DPI / 72
    for row, cells in enumerate(qr.matrix):
        for col, dark in enumerate(cells):
            x = (qr.x + (col + 0.5) * qr.module) * scale
            y = (qr.y + (row + 0.5) * qr.module) * scale
            pixel = image.getpixel((round(x), round(y)))
            assert isinstance(pixel, int)
            assert (pixel < 128) == dark, (row, col)
