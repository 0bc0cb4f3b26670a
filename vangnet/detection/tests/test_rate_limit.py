"""The worry form's limit holds under load: five per hour per address, never six."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.http import HttpRequest
from django.test import Client as HttpClient
from django.test import RequestFactory
from django.utils import timezone, translation

from vangnet.detection import throttle
from vangnet.detection.models import Signal, Throttle
from vangnet.directory.tests.factories import NetworkFactory

from .test_worry_form import REPORT, worry


def _request(address: str) -> HttpRequest:
    return RequestFactory().post(REPORT, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_a_place_comes_free_when_its_request_is_an_hour_old() -> None:
    request = _request("203.0.113.20")
    start = timezone.now()
    for minute in range(5):
        assert throttle.allow(request, throttle.REPORT, now=start + timedelta(minutes=minute))
    assert not throttle.allow(request, throttle.REPORT, now=start + timedelta(minutes=59))
    # The first request is now an hour old: exactly one more may come through.
    later = start + timedelta(hours=1)
    assert throttle.allow(request, throttle.REPORT, now=later)
    assert not throttle.allow(request, throttle.REPORT, now=later)
    assert Throttle.objects.filter(scope=throttle.REPORT).count() == 5


@pytest.mark.django_db
def test_the_sixth_worry_gets_the_dutch_page_for_too_many_requests(client: HttpClient) -> None:
    NetworkFactory.create()
    for _ in range(5):
        client.post(REPORT, worry(), REMOTE_ADDR="203.0.113.21")
    refused = client.post(REPORT, worry(), REMOTE_ADDR="203.0.113.21")
    body = refused.content.decode()
    assert refused.status_code == 429
    assert "Wacht even" in body
    assert "Bel 112" in body
    assert "Too Many Requests" not in body


@pytest.mark.django_db(transaction=True)
def test_ten_worries_at_the_same_moment_let_exactly_five_through_on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite writes one at a time")
    NetworkFactory.create()
    start = threading.Barrier(10)
    statuses: list[int] = []
    lock = threading.Lock()

    def post() -> None:
        try:
            http = HttpClient()
            start.wait(timeout=30)
            with translation.override("nl"):
                status = http.post(REPORT, worry(), REMOTE_ADDR="203.0.113.22").status_code
            with lock:
                statuses.append(status)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302] * 5 + [429] * 5
    assert Signal.objects.count() == 5
    assert Throttle.objects.count() == 5
