"""The guides per role: public pages with print layout, and the same text in docs/handleiding/."""

import html
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from vangnet.accounts.models import User
from vangnet.conftest import log_in
from vangnet.guide.guides import GUIDES, Guide, markdown_files

DOCS = Path(__file__).resolve().parents[3] / "docs" / "handleiding"
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jullie)\b", re.IGNORECASE)


def _texts(guide: Guide) -> list[str]:
    texts = [guide.title, guide.intro]
    for section in guide.sections:
        texts += [section.title, *section.text, *section.steps, *section.points]
    return texts


def test_there_is_a_guide_for_each_role() -> None:
    assert set(GUIDES) == {
        "huisarts",
        "wijkverpleegkundige",
        "sociaal-werker",
        "coordinator",
        "vrijwilliger",
        "alleen-lezen",
    }


@pytest.mark.parametrize("slug", sorted(GUIDES))
def test_a_guide_speaks_to_the_reader_as_u(slug: str) -> None:
    for text in _texts(GUIDES[slug]):
        assert not INFORMAL.search(text), text


def test_the_files_in_docs_are_up_to_date() -> None:
    """After changing guides.py, run `vangnet guides` to write docs/handleiding again."""
    expected = markdown_files()
    on_disk = {path.name: path.read_text("utf-8") for path in DOCS.glob("*.md")}
    assert on_disk == expected


def test_the_command_check_says_when_a_file_is_stale(tmp_path: Path) -> None:
    call_command("guides", "--out", str(tmp_path), stdout=StringIO())
    out = StringIO()
    call_command("guides", "--out", str(tmp_path), "--check", stdout=out)
    assert "up to date" in out.getvalue()
    (tmp_path / "vrijwilliger.md").write_text("oud", "utf-8")
    with pytest.raises(CommandError, match=r"vrijwilliger\.md"):
        call_command("guides", "--out", str(tmp_path), "--check", stdout=StringIO())


@pytest.mark.django_db
def test_the_index_lists_every_guide_without_logging_in(client: Client) -> None:
    response = client.get("/hulp/")
    assert response.status_code == 200
    body = response.content.decode()
    for slug, guide in GUIDES.items():
        assert f'href="/hulp/{slug}/"' in body
        assert html.escape(guide.title) in body


@pytest.mark.django_db
@pytest.mark.parametrize("slug", sorted(GUIDES))
def test_a_guide_page_shows_the_same_text_as_its_markdown(client: Client, slug: str) -> None:
    response = client.get(f"/hulp/{slug}/")
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    markdown = (DOCS / f"{slug}.md").read_text("utf-8")
    for text in _texts(GUIDES[slug]):
        assert text in page
        assert text in markdown
    assert '<article class="guide" lang="nl">' in page


@pytest.mark.django_db
def test_an_unknown_guide_is_not_found(client: Client) -> None:
    assert client.get("/hulp/tandarts/").status_code == 404


@pytest.mark.django_db
def test_the_footer_links_to_the_guides(client: Client, bob: User) -> None:
    log_in(client, bob)
    body = client.get("/").content.decode()
    assert 'href="/hulp/"' in body
    assert "Hulp: handleidingen per rol" in body
