"""The results page and the follow-up list cost the same number of queries however much data."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.conftest import log_in
from vangnet.screening.tests.world import (
    gfi_answers,
    network_coordinated_by,
    older_person_of,
    poh,
    record,
    scored,
)

pytestmark = pytest.mark.django_db


def _count(django_assert_max_num_queries: Any, http: HttpClient, url: str) -> int:
    with django_assert_max_num_queries(60) as context:
        response = http.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_results_page_does_not_grow_with_the_history(
    client: HttpClient, bob: User, django_assert_max_num_queries: Any
) -> None:
    older = older_person_of(poh(bob))
    start = timezone.now() - timedelta(days=300)
    record(older, bob, "gfi", gfi_answers(2), when=start)
    log_in(client, bob)
    url = reverse("screening:client", kwargs={"client_id": older.pk})
    few = _count(django_assert_max_num_queries, client, url)
    for day in range(1, 13):
        code = ("gfi", "tfi", "prisma7", "zrm5")[day % 4]
        record(older, bob, code, scored(code, day % 5), when=start + timedelta(days=day * 20))
    many = _count(django_assert_max_num_queries, client, url)
    assert many == few


def test_the_follow_up_list_does_not_grow_with_the_tasks(
    client: HttpClient, alice: User, bob: User, django_assert_max_num_queries: Any
) -> None:
    network = network_coordinated_by(alice)
    older = older_person_of(poh(bob), alice, network=network)
    record(older, bob, "gfi", gfi_answers(5))
    log_in(client, alice)
    few = _count(django_assert_max_num_queries, client, "/screening/follow-up/")
    for n in range(12):
        others = older_person_of(bob, *([alice] if n % 2 else []), network=network)
        record(others, bob, "gfi", gfi_answers(n % 8))
    many = _count(django_assert_max_num_queries, client, "/screening/follow-up/")
    assert many == few
