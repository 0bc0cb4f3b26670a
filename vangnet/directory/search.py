"""Finding people and services on the social map.

On PostgreSQL free text goes through the stored 'dutch' search vectors (GIN-indexed, kept
by a trigger, see migration 0002); on SQLite it falls back to icontains over the same
fields. On both, query words are also matched against the Dutch and English labels of
needs, disciplines and organisation types, so "eenzaam" finds services for loneliness and
"apotheek" or "pharmacy" finds pharmacies.
"""

import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet, TextChoices
from django.utils import translation

from vangnet.directory.models import (
    Area,
    Discipline,
    Need,
    Network,
    NetworkParty,
    Organisation,
    OrganisationType,
    Person,
    Service,
    StepAssignment,
)

MAX_WORDS = 8
MIN_WORD = 2
# Words that say nothing about what someone looks for, in both languages.
STOP_WORDS = frozenset(
    {"and", "the", "for", "with", "of", "in", "on", "to", "een", "het", "de", "en", "van"}
    | {"voor", "met", "bij", "op", "te", "die", "dat", "er", "is", "zijn", "ik", "mijn"}
)
SEARCH_CONFIG = "dutch"


@dataclass(frozen=True)
class Criteria:
    """What someone looks for: free text plus optional filters."""

    text: str = ""
    discipline: str = ""
    need: str = ""
    area: Area | None = None
    network: Network | None = None

    @property
    def words(self) -> list[str]:
        return query_words(self.text)

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.discipline or self.need or self.area or self.network)

    @cached_property
    def area_ids(self) -> set[int]:
        return related_area_ids([self.area]) if self.area is not None else set()

    @cached_property
    def network_area_ids(self) -> set[int]:
        if self.network is None:
            return set()
        return related_area_ids(list(self.network.areas.all()))


def query_words(text: str) -> list[str]:
    words = [w for w in re.findall(r"\w+", text.lower()) if len(w) >= MIN_WORD]
    return [w[:40] for w in words if w not in STOP_WORDS][:MAX_WORDS]


@cache
def _label_words(choices: type[TextChoices]) -> dict[str, frozenset[str]]:
    """Every word of each choice's Dutch and English label, and of its stored value."""
    result: dict[str, set[str]] = {}
    for language in ("nl", "en"):
        with translation.override(language):
            for value, label in choices.choices:
                words = result.setdefault(value, set(re.findall(r"\w+", value.lower())))
                words.update(re.findall(r"\w+", str(label).lower()))
    return {
        value: frozenset(w for w in words if w not in STOP_WORDS) for value, words in result.items()
    }


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def word_matches_label(word: str, label_word: str) -> bool:
    """A query word matches a label word when it starts it ("eenzaam" → "eenzaamheid"),
    or shares a long stem with it ("eenzame" ~ "eenzaamheid", "lonely" ~ "loneliness")."""
    if len(word) >= 3 and label_word.startswith(word):
        return True
    shared = _common_prefix(word, label_word)
    return shared >= 5 and shared >= len(word) - 2


def matching_choices(word: str, choices: type[TextChoices]) -> list[str]:
    """The choice values whose Dutch or English label matches the query word."""
    return [
        value
        for value, label_words in _label_words(choices).items()
        if any(word_matches_label(word, lw) for lw in label_words)
    ]


def needs_q(needs: list[str], field: str = "needs") -> Q:
    """Rows whose JSON list of needs holds any of these."""
    q = Q()
    for need in needs:
        if _full_text():
            # jsonb containment, served by the GIN index on needs (migration 0002).
            q |= Q(**{f"{field}__contains": [need]})
        else:
            # SQLite has no JSON containment; the quotes stop "medical" matching "medication".
            q |= Q(**{f"{field}__icontains": f'"{need}"'})
    return q


def related_area_ids(areas: list[Area]) -> set[int]:
    """The areas themselves, the areas they lie in and the areas that lie in them.

    An organisation serving the municipality serves every neighbourhood in it, and a
    neighbourhood team belongs on the map of the municipality it works in. The area tree
    is read in one query, however deep it is.
    """
    if not areas:
        return set()
    parent_of = dict(Area.objects.values_list("pk", "parent_id"))
    children: dict[int, list[int]] = {}
    for pk, parent in parent_of.items():
        if parent is not None:
            children.setdefault(parent, []).append(pk)
    ids: set[int] = set()
    for area in areas:
        node: int | None = area.pk
        while node is not None and node not in ids:
            ids.add(node)
            node = parent_of.get(node)
        frontier = [area.pk]
        while frontier:
            below = [c for pk in frontier for c in children.get(pk, [])]
            ids.update(below)
            frontier = below
    return ids


def organisations_serving(area_ids: set[int]) -> QuerySet[Organisation]:
    through = Organisation.areas.through
    return Organisation.objects.filter(
        pk__in=through.objects.filter(area_id__in=area_ids).values("organisation_id")
    )


def services_serving_q(area_ids: set[int]) -> Q:
    """Services serving these areas: their own areas, or their organisation's when they
    list none."""
    through = Service.areas.through
    own = Q(pk__in=through.objects.filter(area_id__in=area_ids).values("service_id"))
    listed_any = Q(pk__in=through.objects.values("service_id"))
    inherited = ~listed_any & Q(organisation__in=organisations_serving(area_ids))
    return own | inherited


def network_organisation_ids(
    network: Network, area_ids: set[int] | None = None
) -> QuerySet[Organisation]:
    """Organisations in a network: its parties, those with a pathway step, and those
    serving its areas."""
    if area_ids is None:
        area_ids = related_area_ids(list(network.areas.all()))
    parties = NetworkParty.objects.filter(network=network).values("organisation_id")
    assigned = StepAssignment.objects.filter(network=network).values("organisation_id")
    return Organisation.objects.filter(
        Q(pk__in=parties) | Q(pk__in=assigned) | Q(pk__in=organisations_serving(area_ids))
    )


def _full_text() -> bool:
    return connection.vendor == "postgresql"


def _tsquery(words: list[str]) -> SearchQuery:
    # Words are \w+ only, so the raw syntax cannot be broken; ':*' lets "eenza" find
    # "eenzaam" while typing.
    return SearchQuery(" & ".join(f"{w}:*" for w in words), search_type="raw", config=SEARCH_CONFIG)


# The fields each search vector is made of (migration 0002); SQLite searches the same.
TEXT_FIELDS: dict[type[Organisation] | type[Person] | type[Service], list[str]] = {
    Organisation: ["name", "description", "city"],
    Person: ["name", "discipline"],
    Service: ["name", "description", "audience", "how_to_access"],
}


def matching_pks(model: type[Organisation] | type[Person] | type[Service], word: str) -> Any:
    """Primary keys of the rows whose own text matches the word.

    A separate subquery per table lets PostgreSQL use each table's GIN index instead of
    testing every row of a join.
    """
    rows: QuerySet[Any] = model.objects.all()
    if _full_text():
        rows = rows.filter(search_vector=_tsquery([word]))
    else:
        q = Q()
        for name in TEXT_FIELDS[model]:
            q |= Q(**{f"{name}__icontains": word})
        rows = rows.filter(q)
    return rows.order_by().values("pk")


def _union(parts: list[QuerySet[Any]]) -> Any:
    """One subquery of primary keys from several one-column querysets.

    A UNION lets the database look up each part through its own index and then fetch
    only the matching rows, instead of testing every row against every condition.
    """
    first, *rest = parts
    return first.union(*rest) if rest else first


def _services_for_word(word: str) -> Any:
    """Primary keys of services a query word points at, by their text or their needs."""
    parts: list[QuerySet[Any]] = [matching_pks(Service, word)]
    needs = matching_choices(word, Need)
    if needs:
        parts.append(Service.objects.filter(needs_q(needs)).order_by().values("pk"))
    return _union(parts)


def _people_for_word(word: str) -> Any:
    """Primary keys of people a query word points at."""
    people = Person.objects.order_by()
    parts: list[QuerySet[Any]] = [
        matching_pks(Person, word),
        people.filter(organisation_id__in=matching_pks(Organisation, word)).values("pk"),
        # The contact person of a service the word points at.
        Service.objects.filter(pk__in=_services_for_word(word), contact__isnull=False)
        .order_by()
        .values("contact_id"),
    ]
    disciplines = matching_choices(word, Discipline)
    if disciplines:
        parts.append(people.filter(discipline__in=disciplines).values("pk"))
    types = matching_choices(word, OrganisationType)
    if types:
        parts.append(people.filter(organisation__type__in=types).values("pk"))
    needs = matching_choices(word, Need)
    if needs:
        # Someone who works where help with this need is offered.
        offering = Service.objects.filter(needs_q(needs)).order_by().values("organisation_id")
        parts.append(people.filter(organisation_id__in=offering).values("pk"))
    return _union(parts)


def _services_for_word_anywhere(word: str) -> Any:
    """Primary keys of services found through their own text, needs, organisation or
    contact person."""
    services = Service.objects.order_by()
    parts: list[QuerySet[Any]] = [
        matching_pks(Service, word),
        services.filter(organisation_id__in=matching_pks(Organisation, word)).values("pk"),
        services.filter(contact_id__in=matching_pks(Person, word)).values("pk"),
    ]
    needs = matching_choices(word, Need)
    if needs:
        parts.append(services.filter(needs_q(needs)).values("pk"))
    disciplines = matching_choices(word, Discipline)
    if disciplines:
        parts.append(services.filter(contact__discipline__in=disciplines).values("pk"))
    types = matching_choices(word, OrganisationType)
    if types:
        parts.append(services.filter(organisation__type__in=types).values("pk"))
    return _union(parts)


def search_people(criteria: Criteria) -> QuerySet[Person]:
    """People matching every query word and every filter, best match first."""
    people = Person.objects.select_related("organisation")
    for word in criteria.words:
        people = people.filter(pk__in=_people_for_word(word))
    if criteria.discipline:
        people = people.filter(discipline=criteria.discipline)
    if criteria.need:
        offering = Service.objects.filter(needs_q([criteria.need]))
        people = people.filter(
            Q(pk__in=offering.filter(contact__isnull=False).values("contact_id"))
            | Q(organisation_id__in=offering.values("organisation_id"))
        )
    if criteria.area is not None:
        people = people.filter(organisation__in=organisations_serving(criteria.area_ids))
    if criteria.network is not None:
        in_network = network_organisation_ids(criteria.network, criteria.network_area_ids)
        people = people.filter(organisation__in=in_network)
    if _full_text() and criteria.words:
        rank = SearchRank(F("search_vector"), _tsquery(criteria.words))
        return people.annotate(rank=rank).order_by("-rank", "name", "pk")
    return people.order_by("name", "pk")


def search_services(criteria: Criteria) -> QuerySet[Service]:
    """Services matching every query word and every filter, best match first."""
    services = Service.objects.select_related("organisation", "contact")
    for word in criteria.words:
        services = services.filter(pk__in=_services_for_word_anywhere(word))
    if criteria.discipline:
        staffed = Person.objects.filter(discipline=criteria.discipline).values("organisation_id")
        services = services.filter(
            Q(contact__discipline=criteria.discipline) | Q(organisation_id__in=staffed)
        )
    if criteria.need:
        services = services.filter(needs_q([criteria.need]))
    if criteria.area is not None:
        services = services.filter(services_serving_q(criteria.area_ids))
    if criteria.network is not None:
        network_areas = criteria.network_area_ids
        services = services.filter(
            services_serving_q(network_areas)
            | Q(organisation__in=network_organisation_ids(criteria.network, network_areas))
        )
    if _full_text() and criteria.words:
        rank = SearchRank(F("search_vector"), _tsquery(criteria.words))
        return services.annotate(rank=rank).order_by("-rank", "name", "pk")
    return services.order_by("name", "pk")


def area_choices() -> list[tuple[int, str]]:
    """Every area as (pk, "Municipality › District › Neighbourhood"), in tree order."""
    areas = list(Area.objects.only("pk", "name", "parent_id"))
    by_pk = {a.pk: a for a in areas}

    def path(area: Area) -> list[str]:
        names: list[str] = []
        node: Area | None = area
        while node is not None:
            names.append(node.name)
            node = by_pk.get(node.parent_id) if node.parent_id else None
        return names[::-1]

    labelled = [(a.pk, path(a)) for a in areas]
    labelled.sort(key=lambda item: [n.lower() for n in item[1]])
    return [(pk, " › ".join(names)) for pk, names in labelled]
