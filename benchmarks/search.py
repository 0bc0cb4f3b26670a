"""Social-map search against a plain fetch of the same page size, in the same run.

Builds a throw-away database with a large synthetic social map (by default 2,000
organisations, 20,000 people and 20,000 services: far more than one region),
then times, for a few typical searches, the first page (50) of people plus
services, and as the baseline the first 50 people and services without any
condition. It reports medians and the ratio search / baseline. A measurement,
not a test: nothing fails on time.

    .venv/bin/python benchmarks/search.py                    # SQLite in memory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vangnet_bench \\
        .venv/bin/python benchmarks/search.py                # PostgreSQL full-text search
"""

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.config.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

PAGE = 50
QUERIES = {
    "one name": "Jansen",
    "discipline": "wijkverpleegkundige",
    "need, broad": "eenzaam",
    "two words": "valpreventie bewegen",
    "no match": "xylofoonles",
}


def _fill(organisations: int, people: int, services: int, seed: int) -> None:
    from vangnet.directory.models import (
        Discipline,
        Domain,
        Need,
        Organisation,
        OrganisationType,
        Person,
        Service,
    )

    rng = random.Random(seed)
    surnames = ["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder"]
    words = ["ontmoeting", "koffie", "wandelen", "hulp", "advies", "bezoek", "groep", "maaltijd"]
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Organisatie {i} {rng.choice(words)}",
            type=rng.choice(list(OrganisationType.values)),
            domain=rng.choice(list(Domain.values)),
        )
        for i in range(organisations)
    )
    org_ids = list(Organisation.objects.values_list("pk", flat=True))
    Person.objects.bulk_create(
        Person(
            name=f"{rng.choice(['Anna', 'Piet', 'Fatima', 'Kees'])} {rng.choice(surnames)} {i}",
            discipline=rng.choice(list(Discipline.values)),
            organisation_id=rng.choice(org_ids),
        )
        for i in range(people)
    )
    Service.objects.bulk_create(
        Service(
            organisation_id=rng.choice(org_ids),
            name=f"{rng.choice(words).capitalize()} {i}",
            description=" ".join(rng.choice(words) for _ in range(12)),
            needs=rng.sample(list(Need.values), k=2),
        )
        for i in range(services)
    )
    if connection.vendor == "postgresql":
        # The search field is kept by a trigger on insert; refresh the planner's statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _median(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=2_000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--services", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from vangnet.directory.models import Person, Service
    from vangnet.directory.search import Criteria, search_people, search_services

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        _fill(args.organisations, args.people, args.services, args.seed)

        def baseline() -> None:
            list(Person.objects.select_related("organisation")[:PAGE])
            list(Service.objects.select_related("organisation")[:PAGE])

        base = _median(baseline, args.repeat)
        print(
            f"{args.organisations:,} organisations, {args.people:,} people, "
            f"{args.services:,} services on {connection.vendor}; median of {args.repeat} runs"
        )
        print(f"baseline (first {PAGE} people and services, no condition): {base * 1000:.1f} ms")
        print()
        print("| search                | ms     | ratio to baseline |")
        print("|-----------------------|--------|-------------------|")
        for label, text in QUERIES.items():
            criteria = Criteria(text=text)

            def run(criteria: Criteria = criteria) -> None:
                list(search_people(criteria)[:PAGE])
                list(search_services(criteria)[:PAGE])

            seconds = _median(run, args.repeat)
            print(f"| {label:<21} | {seconds * 1000:6.1f} | {seconds / base:17.1f} |")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
