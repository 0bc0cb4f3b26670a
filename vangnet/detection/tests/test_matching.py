"""Matching a signal to an older person Vangnet already knows."""

from datetime import date

import pytest

from vangnet.clients.tests.factories import ClientFactory
from vangnet.detection.matching import (
    AGE,
    BIRTH_DATE,
    FIRST_NAME,
    NAME,
    POSTCODE_NUMBER,
    STREET_NUMBER,
    Registered,
    Subject,
    compare_names,
    edit_distance,
    find_matches,
    fold,
    name_tokens,
    rank,
    score,
    split_address,
)
from vangnet.detection.tests.factories import SignalFactory
from vangnet.directory.tests.factories import NetworkFactory

TODAY = date(2026, 6, 1)
MARIA = Registered(
    pk=1,
    given_name="Maria",
    family_name="Öztürk-de Vries",
    date_of_birth=date(1938, 4, 2),
    street="Lindelaan 12a",
    postcode="9999 AB",
)


def test_fold_ignores_case_accents_and_punctuation() -> None:
    assert fold("  Öztürk-de VRIES ") == "ozturk de vries"
    assert fold("Hélène d'Ancona") == "helene d ancona"


def test_name_tokens_drop_particles_titles_and_initials_stay() -> None:
    assert name_tokens("Mevrouw van der Berg") == ["berg"]
    assert name_tokens("dhr. J. ten Brink") == ["j", "brink"]
    assert name_tokens("Meijer") == name_tokens("Meyer")


def test_edit_distance_counts_a_swap_as_one() -> None:
    assert edit_distance("visser", "visser") == 0
    assert edit_distance("visser", "vsiser") == 1
    assert edit_distance("bakker", "baker") == 1
    assert edit_distance("", "abc") == 3


@pytest.mark.parametrize(
    "reported",
    [
        "Maria Öztürk-de Vries",
        "maria ozturk-de vries",
        "MARIA OZTURK",
        "mevrouw de vries",
        "M. Ozturk",
        "Marja Oztürk",
        "Maria Oztruk",
    ],
)
def test_spelling_case_and_diacritics_do_not_matter(reported: str) -> None:
    match = compare_names(reported, MARIA.given_name, MARIA.family_name)
    assert match.family >= 0.8, reported


def test_the_first_name_counts_as_initial_or_close_spelling() -> None:
    assert compare_names("M. Ozturk", "Maria", "Öztürk").given
    assert compare_names("Marja Ozturk", "Maria", "Öztürk").given
    assert not compare_names("Fatma Ozturk", "Maria", "Öztürk").given
    assert not compare_names("Ozturk", "Maria", "Öztürk").given


def test_a_different_name_does_not_match() -> None:
    assert compare_names("Piet Bakker", "Maria", "Visser").family < 0.5


@pytest.mark.parametrize(
    ("street", "expected"),
    [
        ("Lindelaan 12a", ("lindelaan", "12a")),
        ("lindelaan 12 A", ("lindelaan", "12a")),
        ("Lindelaan 12-a", ("lindelaan", "12-a")),
        ("Plein 1944 12", ("plein 1944", "12")),
        ("Kerkstraat", ("kerkstraat", "")),
    ],
)
def test_addresses_split_into_street_and_house_number(
    street: str, expected: tuple[str, str]
) -> None:
    assert split_address(street) == expected


def test_postcode_and_house_number_match_whatever_the_street_spelling() -> None:
    found = score(Subject(street="Lindenln. 12 A", postcode="9999ab"), MARIA, TODAY)
    assert POSTCODE_NUMBER in found.reasons
    assert found.points == 3.0


def test_another_house_number_at_the_same_postcode_is_no_address_match() -> None:
    found = score(Subject(street="Lindelaan 14", postcode="9999 AB"), MARIA, TODAY)
    assert found.reasons == ()


def test_an_addition_only_counts_when_both_give_one() -> None:
    assert (
        POSTCODE_NUMBER
        in score(Subject(street="Lindelaan 12", postcode="9999AB"), MARIA, TODAY).reasons
    )
    assert score(Subject(street="Lindelaan 12b", postcode="9999AB"), MARIA, TODAY).reasons == ()


def test_without_postcode_street_and_number_match() -> None:
    found = score(Subject(street="lindelaan 12a"), MARIA, TODAY)
    assert found.reasons == (STREET_NUMBER,)


def test_an_exact_match_on_everything_is_strong() -> None:
    found = score(
        Subject(
            name="Maria Öztürk-de Vries",
            street="Lindelaan 12a",
            postcode="9999 AB",
            birth_date=date(1938, 4, 2),
        ),
        MARIA,
        TODAY,
    )
    assert found.reasons == (NAME, FIRST_NAME, POSTCODE_NUMBER, BIRTH_DATE)
    assert found.strong


def test_a_rough_age_supports_a_match_and_a_wrong_one_counts_against() -> None:
    fits = score(Subject(name="Ozturk", age_band="85_plus"), MARIA, TODAY)
    assert AGE in fits.reasons  # born 1938: 88 in 2026
    wrong = score(Subject(name="Ozturk", age_band="65_74"), MARIA, TODAY)
    assert wrong.points < fits.points
    other_birthday = score(Subject(name="Ozturk", birth_date=date(1940, 1, 1)), MARIA, TODAY)
    assert other_birthday.points < 1


def test_only_worthwhile_candidates_are_ranked_best_first() -> None:
    neighbour = Registered(2, "Jan", "Bakker", date(1940, 1, 1), "Lindelaan 14", "9999 AB")
    namesake = Registered(3, "Maria", "de Vries", date(1950, 1, 1), "Dorpsstraat 1", "1234 AB")
    subject = Subject(name="Maria de Vries", street="Lindelaan 12a", postcode="9999 AB")
    ranked = rank(subject, [neighbour, namesake, MARIA], TODAY)
    assert [s.pk for s in ranked] == [1, 3]


@pytest.mark.django_db
def test_find_matches_looks_only_in_the_signals_network() -> None:
    home = NetworkFactory.create(slug="thuis")
    elsewhere = NetworkFactory.create(slug="elders")
    here = ClientFactory.create(
        network=home,
        given_name="Klaas",
        family_name="Zijlstra",
        street="Molenweg 4",
        postcode="9999 AA",
    )
    ClientFactory.create(
        network=elsewhere,
        given_name="Klaas",
        family_name="Zijlstra",
        street="Molenweg 4",
        postcode="9999 AA",
    )
    signal = SignalFactory.create(
        network=home,
        subject_name="klaas zylstra",
        subject_street="molenweg 4",
        subject_postcode="9999AA",
    )
    assert [s.pk for s in find_matches(signal)] == [here.pk]


@pytest.mark.django_db
def test_a_signal_without_name_or_address_matches_nobody() -> None:
    network = NetworkFactory.create()
    ClientFactory.create(network=network)
    signal = SignalFactory.create(network=network, subject_name="", subject_street="")
    assert find_matches(signal) == []
