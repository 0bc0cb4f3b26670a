from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client as Browser

from vangnet.accounts.models import User
from vangnet.clients.tests.factories import coordinating, in_network
from vangnet.conftest import log_in
from vangnet.directory.tests.factories import NetworkFactory
from vangnet.monitoring.tests.world import World, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(alice: User) -> World:
    built = build()
    coordinating(alice, built.network)
    return built


def test_the_coordinator_sees_the_quarters_figures(
    client: Browser, alice: User, world: World
) -> None:
    log_in(client, alice)

    response = client.get("/figures/test/?quarter=2026Q3")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Signals picked up within the service level" in page or "Signalen op tijd" in page
    assert "&lt; 10" in page
    assert "<svg" in page and "<title" in page and "<desc" in page


def test_the_menu_leads_a_coordinator_of_one_network_to_its_figures(
    client: Browser, alice: User, world: World
) -> None:
    log_in(client, alice)

    response = client.get("/figures/")

    assert response.status_code == 302
    assert response["Location"] == "/figures/test/"


def test_it_refuses_a_professional(client: Browser, bob: User, world: World) -> None:
    in_network(bob, world.network)
    log_in(client, bob)

    index = client.get("/figures/")
    assert index.status_code == 200
    assert world.network.name not in index.content.decode()
    assert client.get("/figures/test/").status_code == 404
    assert client.get("/figures/test/report.pdf?quarter=2026Q3").status_code == 404
    assert client.get("/figures/test/signals.csv?quarter=2026Q3").status_code == 404


def test_it_refuses_a_coordinator_of_another_network(
    client: Browser, charlie: User, world: World
) -> None:
    charlie.groups.add(*User.objects.get(email="alice@example.org").groups.all())
    coordinating(charlie, NetworkFactory.create(name="Elders", slug="elders"))
    log_in(client, charlie)

    assert client.get("/figures/test/").status_code == 404
    assert client.get("/figures/test/signals.csv?quarter=2026Q3").status_code == 404


@pytest.mark.parametrize("typed", ["2026Q5", "²", "9" * 40, "1999Q1"])
def test_a_bad_quarter_is_said_in_one_sentence_and_kept(
    client: Browser, alice: User, world: World, typed: str
) -> None:
    log_in(client, alice)

    response = client.get("/figures/test/", {"quarter": typed})

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_a_nul_byte_is_refused_without_an_error(client: Browser, alice: User, world: World) -> None:
    log_in(client, alice)

    assert client.get("/figures/test/", {"quarter": "2026Q\x003"}).status_code == 400


def test_the_csv_hides_small_counts_as_the_page_does(
    client: Browser, alice: User, world: World
) -> None:
    log_in(client, alice)

    response = client.get("/figures/test/signals.csv?quarter=2026Q3")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode()
    assert "< 10" in text
    assert "Maria" not in text and "Visser" not in text
    assert client.get("/figures/test/nothing.csv?quarter=2026Q3").status_code == 404


def test_the_report_is_a_pdf(client: Browser, alice: User, world: World) -> None:
    log_in(client, alice)

    response = client.get("/figures/test/report.pdf?quarter=2026Q3")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_command_writes_the_report(world: World, tmp_path: Path) -> None:
    out = tmp_path / "rapport.pdf"

    call_command("report", "test", "--quarter", "2026Q3", "--out", str(out))

    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("quarter", ["2026Q5", "²"])
def test_the_command_refuses_a_bad_quarter_with_exit_code_2(
    world: World, tmp_path: Path, quarter: str
) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("report", "test", "--quarter", quarter, "--out", str(tmp_path / "x.pdf"))

    assert raised.value.returncode == 2
    assert "2026Q3" in str(raised.value)


def test_the_command_refuses_an_unknown_network(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("report", "nowhere", "--quarter", "2026Q3", "--out", str(tmp_path / "x.pdf"))

    assert raised.value.returncode == 2
