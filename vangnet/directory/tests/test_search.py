"""Finding people and services: free text, Dutch need words, filters, and speed."""

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.conftest import log_in
from vangnet.directory.models import (
    Area,
    AreaLevel,
    Discipline,
    Domain,
    Need,
    Network,
    OrganisationType,
    Person,
    Service,
)
from vangnet.directory.search import (
    Criteria,
    matching_choices,
    query_words,
    search_people,
    search_services,
)
from vangnet.directory.tests.factories import (
    AreaFactory,
    NetworkFactory,
    NetworkPartyFactory,
    OrganisationFactory,
    PersonFactory,
    ServiceFactory,
    area_tree,
)

pytestmark = pytest.mark.django_db


@dataclass
class Map:
    municipality: Area
    oude_kern: Area
    nieuwbouw: Area
    fatima: Person
    jansen: Person
    physio: Person
    buddy: Service
    falls: Service


@pytest.fixture
def social_map() -> Map:
    municipality, _district, oude_kern = area_tree()
    other_district = AreaFactory.create(
        code="WK099902", name="Noord", level=AreaLevel.DISTRICT, parent=municipality
    )
    nieuwbouw = AreaFactory.create(
        code="BU09990201", name="Nieuwbouw", level=AreaLevel.NEIGHBOURHOOD, parent=other_district
    )
    welfare = OrganisationFactory.create(name="Welzijn De Schakel", type=OrganisationType.WELFARE)
    welfare.areas.add(municipality)
    practice = OrganisationFactory.create(
        name="Huisartsenpraktijk Het Plein",
        type=OrganisationType.GP_PRACTICE,
        domain=Domain.MEDICAL,
    )
    practice.areas.add(nieuwbouw)
    physio_practice = OrganisationFactory.create(
        name="Beweegpraktijk Centrum", type=OrganisationType.PARAMEDICAL, domain=Domain.MEDICAL
    )
    physio_practice.areas.add(oude_kern)
    fatima = PersonFactory.create(
        name="Fatima el Amrani", discipline=Discipline.SOCIAL_WORKER, organisation=welfare
    )
    jansen = PersonFactory.create(
        name="Dokter Jansen", discipline=Discipline.GP, organisation=practice
    )
    physio = PersonFactory.create(
        name="Kees Bakker", discipline=Discipline.PHYSIOTHERAPIST, organisation=physio_practice
    )
    buddy = ServiceFactory.create(
        name="Buurtmaatje",
        description="Een vrijwilliger komt wekelijks op bezoek voor een praatje.",
        organisation=welfare,
        contact=fatima,
        needs=[Need.LONELINESS],
    )
    falls = ServiceFactory.create(
        name="Valpreventie",
        description="Training in balans en kracht, in een groep.",
        organisation=physio_practice,
        contact=physio,
        needs=[Need.FALLS, Need.EXERCISE],
    )
    return Map(municipality, oude_kern, nieuwbouw, fatima, jansen, physio, buddy, falls)


def _people(**criteria: object) -> list[str]:
    return [p.name for p in search_people(Criteria(**criteria))]  # type: ignore[arg-type]


def _services(**criteria: object) -> list[str]:
    return [s.name for s in search_services(Criteria(**criteria))]  # type: ignore[arg-type]


def test_it_runs_on_the_database_under_test() -> None:
    # The same tests run on SQLite (icontains) and PostgreSQL (full text, 'dutch').
    assert connection.vendor in {"sqlite", "postgresql"}


def test_a_dutch_need_word_finds_services_tagged_with_that_need(social_map: Map) -> None:
    assert _services(text="eenzaam") == ["Buurtmaatje"]
    assert _services(text="eenzame") == ["Buurtmaatje"]
    assert _services(text="Vallen") == ["Valpreventie"]


def test_an_english_need_word_works_too(social_map: Map) -> None:
    assert _services(text="lonely") == ["Buurtmaatje"]
    assert _services(text="loneliness") == ["Buurtmaatje"]


def test_a_need_word_finds_the_people_who_help_with_it(social_map: Map) -> None:
    assert _people(text="eenzaam") == ["Fatima el Amrani"]


def test_a_name_finds_a_person_even_half_typed(social_map: Map) -> None:
    assert _people(text="Fatima") == ["Fatima el Amrani"]
    assert _people(text="fati") == ["Fatima el Amrani"]
    assert _people(text="Jansen") == ["Dokter Jansen"]


def test_a_discipline_word_finds_people_of_that_discipline(social_map: Map) -> None:
    assert _people(text="huisarts") == ["Dokter Jansen"]
    assert _people(text="sociaal werker") == ["Fatima el Amrani"]
    assert _people(text="physiotherapist") == ["Kees Bakker"]


def test_service_text_and_organisation_names_are_searched(social_map: Map) -> None:
    assert _services(text="vrijwilliger") == ["Buurtmaatje"]
    assert _services(text="balans") == ["Valpreventie"]
    assert _people(text="Schakel") == ["Fatima el Amrani"]


def test_every_word_must_match(social_map: Map) -> None:
    assert _people(text="eenzaam Jansen") == []
    assert _people(text="Fatima eenzaam") == ["Fatima el Amrani"]


def test_filters_for_discipline_and_need(social_map: Map) -> None:
    assert _people(discipline=Discipline.GP) == ["Dokter Jansen"]
    assert _people(need=Need.FALLS) == ["Kees Bakker"]
    assert _services(need=Need.LONELINESS) == ["Buurtmaatje"]
    assert _services(discipline=Discipline.SOCIAL_WORKER) == ["Buurtmaatje"]


def test_an_area_filter_includes_organisations_serving_an_ancestor(social_map: Map) -> None:
    # Welzijn serves the whole municipality, so also Oude Kern; the GP serves Nieuwbouw only.
    assert sorted(_people(area=social_map.oude_kern)) == ["Fatima el Amrani", "Kees Bakker"]
    assert sorted(_people(area=social_map.nieuwbouw)) == ["Dokter Jansen", "Fatima el Amrani"]
    assert _services(area=social_map.nieuwbouw) == ["Buurtmaatje"]
    assert sorted(_services(area=social_map.oude_kern)) == ["Buurtmaatje", "Valpreventie"]


def test_a_service_with_its_own_areas_does_not_inherit_its_organisations(
    social_map: Map,
) -> None:
    social_map.buddy.areas.add(social_map.oude_kern)
    assert _services(area=social_map.nieuwbouw) == []


def test_a_network_filter_uses_its_parties_and_areas(social_map: Map) -> None:
    network: Network = NetworkFactory.create()
    network.areas.add(social_map.nieuwbouw)
    assert sorted(_people(network=network)) == ["Dokter Jansen", "Fatima el Amrani"]
    NetworkPartyFactory.create(network=network, organisation=social_map.physio.organisation)
    assert "Kees Bakker" in _people(network=network)


def test_query_words_drop_filler_and_punctuation() -> None:
    assert query_words("Hulp bij eenzaamheid, voor mijn vader!") == ["hulp", "eenzaamheid", "vader"]
    assert matching_choices("eenzaam", Need) == [Need.LONELINESS]
    assert Need.MEDICAL not in matching_choices("medicatie", Need)


def test_anonymous_visitors_go_to_the_public_map(client: Client) -> None:
    network: Network = NetworkFactory.create()
    response = client.get(reverse("directory:search"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("directory:public_map", args=[network.slug])


def test_the_search_page_shows_how_to_reach_the_people_found(
    client: Client, bob: User, social_map: Map
) -> None:
    log_in(client, bob)
    html = client.get(reverse("directory:search"), {"q": "eenzaam"}).content.decode()
    assert "Fatima el Amrani" in html
    assert social_map.fatima.work_phone in html
    assert "Buurtmaatje" in html
    assert "Dokter Jansen" not in html


def test_htmx_gets_only_the_results(client: Client, bob: User, social_map: Map) -> None:
    log_in(client, bob)
    response = client.get(
        reverse("directory:search"), {"q": "valpreventie"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "Valpreventie" in html


def test_the_number_of_queries_does_not_grow_with_the_results(
    client: Client, bob: User, social_map: Map, django_assert_max_num_queries: object
) -> None:
    log_in(client, bob)
    url = reverse("directory:search")
    params: dict[str, str | int] = {"q": "eenzaam", "area": social_map.oude_kern.pk}
    # Generous ceiling: other parts of the page (menu, notices) have queries of their own.
    with django_assert_max_num_queries(25) as few:  # type: ignore[operator]
        client.get(url, params)
    welfare = social_map.fatima.organisation
    for n in range(40):
        PersonFactory.create(name=f"Maatje {n}", organisation=welfare)
        ServiceFactory.create(name=f"Koffie {n}", organisation=welfare, needs=[Need.LONELINESS])
    with django_assert_max_num_queries(len(few.captured_queries)) as many:  # type: ignore[operator]
        response = client.get(url, params)
    assert response.content.decode().count('class="card"') > 80
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_organisation_type_word_finds_people_there(social_map: Map) -> None:
    pharmacy = OrganisationFactory.create(name="De Vijzel", type=OrganisationType.PHARMACY)
    PersonFactory.create(name="Ali Demir", discipline=Discipline.PHARMACIST, organisation=pharmacy)
    assert _people(text="apotheek") == ["Ali Demir"]
    assert _people(text="pharmacy") == ["Ali Demir"]
