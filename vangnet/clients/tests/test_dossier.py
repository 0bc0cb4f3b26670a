"""The older person's dossier: what each viewer sees, what it links to, what it logs, how fast."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.http import Http404
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from vangnet.accounts.models import Role, User
from vangnet.audit.log import Actor
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.care.tests.factories import action_for
from vangnet.clients import dossier
from vangnet.clients.models import BreakGlassGrant, Client
from vangnet.clients.tests.dossier_world import at, dossier_world, share_only
from vangnet.clients.tests.factories import in_care_team, person_for
from vangnet.conftest import log_in, make_user
from vangnet.consent.models import DataCategory, Purpose
from vangnet.detection.tests.factories import SignalFactory
from vangnet.referrals.tests.factories import refer
from vangnet.screening.tests.world import gfi_answers, record

pytestmark = pytest.mark.django_db


class _Page(HTMLParser):
    """The links inside <main>, and the text of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.in_main = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "main":
            self.in_main = True
        if tag == "a" and self.in_main and values.get("href"):
            self.links.append(str(values["href"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main = False


def _url(older: Client) -> str:
    return reverse("clients:detail", kwargs={"client_id": older.pk})


def _open(http: HttpClient, older: Client) -> tuple[str, list[str]]:
    response = http.get(_url(older))
    assert response.status_code == 200
    html = response.content.decode()
    parser = _Page()
    parser.feed(html)
    return html, parser.links


def _follow_every_link(http: HttpClient, links: list[str]) -> list[str]:
    """Open every link of the page that leads to another page; return the ones that fail."""
    failed = []
    for link in sorted(set(links)):
        if link.startswith("#"):
            continue
        assert link.startswith("/"), link
        if http.get(link).status_code != 200:
            failed.append(link)
    return failed


def test_it_refuses_a_stranger(client: HttpClient, bob: User, charlie: User) -> None:
    older = dossier_world(bob).client
    person_for(charlie)
    log_in(client, charlie)
    before = AccessLogEntry.objects.count()
    response = client.get(_url(older))
    assert response.status_code == 404
    assert older.family_name not in response.content.decode()
    assert AccessLogEntry.objects.count() == before


def test_the_header_shows_age_profile_step_contact_person_and_evaluation(
    client: HttpClient, bob: User
) -> None:
    older = dossier_world(bob).client
    log_in(client, bob)
    html, _links = _open(client, older)
    assert f"{older.age} jaar" in html
    assert '<span class="profile-tag profile-frail">Kwetsbaar</span>' in html
    evaluate_on = timezone.localdate() + timedelta(days=80)
    assert f"<dt>Volgende evaluatie</dt><dd>{evaluate_on.day} " in html
    assert "Bob Jansen (Huisarts" in html
    # The step bar is an ordered list of six; the latest moment (the contact person) is current.
    bar = re.search(r'<ol class="step-bar">(.*?)</ol>', html, re.S)
    assert bar is not None
    assert bar.group(1).count("<li") == 6
    assert re.search(
        r'<li class="step step-done" aria-current="step">\s*<span class="step-label">'
        r"Aanspreekpunt",
        bar.group(1),
    )
    assert bar.group(1).count('aria-current="step"') == 1
    assert "Nu: stap 5, Aanspreekpunt." in html


def test_a_team_member_with_full_consent_sees_every_section_and_every_link_opens(
    client: HttpClient, bob: User
) -> None:
    older = dossier_world(bob).client
    log_in(client, bob)
    html, links = _open(client, older)
    for title in ("Plan", "Signalen", "Verwijzingen", "Screening", "Zorgteam", "Privacy"):
        assert f'">{title}</h2>' in html, title
    assert "niet met u gedeeld" not in html
    for page in (
        f"/care/clients/{older.pk}/",
        f"/signals/client/{older.pk}/",
        f"/referrals/client/{older.pk}/",
        f"/screening/{older.pk}/",
        f"/clients/{older.pk}/who-looked/",
        f"/clients/{older.pk}/consent/",
    ):
        assert f'href="{page}"' in html, page
    assert _follow_every_link(client, links) == []


def test_a_professional_with_partial_consent_sees_identity_and_plan_and_no_dead_links(
    client: HttpClient, bob: User
) -> None:
    older = dossier_world(bob).client
    share_only(older, [DataCategory.IDENTITY, DataCategory.PLAN])
    log_in(client, bob)
    html, links = _open(client, older)
    assert "Het plan is niet met u gedeeld" not in html
    assert f'href="/care/clients/{older.pk}/plan/"' in html
    assert "Plan versie 3, ingestemd op" in html
    for line in (
        "De uitkomsten van de screening zijn niet met u gedeeld. "
        "Vraag de oudere of het aanspreekpunt om toestemming.",
        "De verwijzingen zijn niet met u gedeeld. "
        "Vraag de oudere of het aanspreekpunt om toestemming.",
        "De signalen zijn niet met u gedeeld. Vraag de oudere of het aanspreekpunt om toestemming.",
    ):
        assert line in html
    assert '<dt>Risicoprofiel</dt><dd><span class="muted">niet met u gedeeld</span></dd>' in html
    for hidden in ("Kwetsbaar", "GFI", "Naar Welzijn Testdorp", "Verwezen naar", "Signaal:"):
        assert hidden not in html, hidden
    for page in (f"/screening/{older.pk}/", f"/referrals/client/{older.pk}/", "/signals/client/"):
        assert f'href="{page}' not in html.replace(f"/referrals/client/{older.pk}/new/", ""), page
    # Referring needs only the name and address: offered, and it opens.
    assert f'href="/referrals/client/{older.pk}/new/"' in html
    assert (
        "Niet in dit overzicht, omdat het niet met u gedeeld is: Signalen, Verwijzingen, "
        "Screening." in html
    )
    assert _follow_every_link(client, links) == []


def test_without_the_plan_the_step_bar_says_it_is_not_shared(client: HttpClient, bob: User) -> None:
    older = dossier_world(bob).client
    share_only(older, [DataCategory.IDENTITY])
    log_in(client, bob)
    html, links = _open(client, older)
    assert (
        "Het plan is niet met u gedeeld. Vraag de oudere of het aanspreekpunt om toestemming."
        in html
    )
    assert "Het traject is niet met u gedeeld." in html
    assert 'aria-current="step"' not in html
    assert "/care/clients/" not in html
    assert _follow_every_link(client, links) == []


def test_a_read_only_account_gets_no_links_to_change_anything(
    client: HttpClient, bob: User
) -> None:
    older = dossier_world(bob).client
    reader = make_user("rita@example.org", "Rita Lezer", Role.READ_ONLY)
    in_care_team(older, reader)
    log_in(client, reader)
    html, links = _open(client, older)
    for page in ("/new/", "/start/", "/team/add/", "/contact-person/", "/edit/", "/end/"):
        assert not [link for link in links if link.endswith(page)], page
    assert "uit het zorgteam halen" not in html
    assert _follow_every_link(client, links) == []


def test_the_timeline_is_newest_first(client: HttpClient, bob: User) -> None:
    older = dossier_world(bob).client
    log_in(client, bob)
    html, _links = _open(client, older)
    timeline = html[html.index('<ol class="timeline">') :]
    days = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">', timeline)
    assert days and days == sorted(days, reverse=True)
    order = [
        "Plan versie 3",
        "Verwezen naar Welzijn Testdorp",
        "Risicoprofiel: Kwetsbaar",
        "Multidomeinanalyse",
        "Gesprek met de oudere",
        "Signaal: Vallen",
    ]
    positions = [timeline.index(title) for title in order]
    assert positions == sorted(positions)
    # What was said in the signal stays on the signal's own page.
    assert "Is twee keer gevallen" not in html
    # A meeting next week has not happened yet: it is in the plan's summary, not the timeline.
    assert "Op de agenda van het MDO op" in html
    assert "MDO van" not in timeline


def test_reading_the_dossier_logs_each_kind_of_data_shown(client: HttpClient, bob: User) -> None:
    older = dossier_world(bob).client
    log_in(client, bob)
    before = AccessLogEntry.objects.order_by("-pk").first()
    _open(client, older)
    rows = AccessLogEntry.objects.filter(pk__gt=before.pk if before else 0)
    assert set(rows.values_list("event", "client_id", "user_id")) == {
        (AuditEvent.READ, older.pk, bob.pk)
    }
    assert sorted(rows.values_list("data_category", "purpose")) == sorted(
        [
            (DataCategory.IDENTITY, Purpose.CARE_PLAN),
            (DataCategory.PLAN, Purpose.CARE_PLAN),
            (DataCategory.PLAN, Purpose.MDO),
            (DataCategory.REFERRAL, Purpose.REFERRAL),
            (DataCategory.SCREENING, Purpose.EARLY_DETECTION),
            (DataCategory.SIGNALS, Purpose.EARLY_DETECTION),
        ]
    )
    screening = rows.get(data_category=DataCategory.SCREENING)
    assert "dossier:screening" in screening.objects_involved
    assert not rows.filter(break_glass=True).exists()


def test_partial_consent_logs_only_what_was_shown(client: HttpClient, bob: User) -> None:
    older = dossier_world(bob).client
    share_only(older, [DataCategory.IDENTITY, DataCategory.PLAN])
    log_in(client, bob)
    before = AccessLogEntry.objects.order_by("-pk").first()
    _open(client, older)
    rows = AccessLogEntry.objects.filter(pk__gt=before.pk if before else 0)
    assert set(rows.values_list("data_category", flat=True)) == {
        DataCategory.IDENTITY,
        DataCategory.PLAN,
    }


def _dossier_queries(http: HttpClient, older: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert http.get(_url(older)).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_events(
    client: HttpClient, bob: User, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    world = dossier_world(bob)
    older = world.client
    log_in(client, bob)
    _dossier_queries(client, older)  # the first read sets up what every later one finds
    few = _dossier_queries(client, older)
    today = timezone.localdate()
    for n in range(30):
        SignalFactory.create(network=older.network, client=older, received_at=at(today, 1))
        action_for(bob, older, person_for(bob), due_on=today + timedelta(days=n))
    for n in range(8):
        refer(world, now=at(today - timedelta(days=n)))
        record(older, bob, "gfi", gfi_answers(n % 9), when=at(today - timedelta(days=n), 9))
    with django_assert_max_num_queries(few):
        html, _links = _open(client, older)
    assert "31 signalen, 31 nog open." in html
    assert html.count("<time ") == dossier.TIMELINE_LIMIT


def test_a_section_is_registered_once() -> None:
    count = len(dossier.DOSSIER_SECTIONS)
    dossier.dossier_section_register(dossier.DOSSIER_SECTIONS[0])
    assert len(dossier.DOSSIER_SECTIONS) == count


def test_the_dossier_is_opened_only_through_the_door(bob: User, charlie: User) -> None:
    older = dossier_world(bob).client
    person_for(charlie)
    with pytest.raises(Http404):
        dossier.dossier_open(Actor(charlie), older.pk)
    opened = dossier.dossier_open(Actor(bob), older.pk)
    assert [s.key for s in opened.sections] == [
        "plan",
        "signals",
        "referrals",
        "screening",
        "team",
        "privacy",
    ]
    assert all(s.shared for s in opened.sections)


def test_a_coordinator_in_the_care_team_may_also_erase_and_review_and_every_link_opens(
    client: HttpClient, alice: User, bob: User
) -> None:
    older = dossier_world(bob).client
    in_care_team(older, alice)
    log_in(client, alice)
    html, links = _open(client, older)
    assert f'href="/clients/{older.pk}/erase/"' in html
    assert 'href="/log/emergency/"' in html
    assert _follow_every_link(client, links) == []


def test_with_emergency_access_the_viewer_is_told_and_reads_only(
    client: HttpClient, bob: User, charlie: User
) -> None:
    older = dossier_world(bob).client
    person_for(charlie)
    BreakGlassGrant.objects.create(
        client=older,
        user=charlie,
        reason="Ligt op de grond",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    log_in(client, charlie)
    html, links = _open(client, older)
    assert "U kijkt met noodtoegang." in html and "Ligt op de grond" in html
    assert not [link for link in links if link.endswith(("/new/", "/add/", "/start/", "/edit/"))]
    rows = AccessLogEntry.objects.filter(user_id=charlie.pk)
    assert rows.count() > 1 and not rows.filter(break_glass=False).exists()
    assert _follow_every_link(client, links) == []
