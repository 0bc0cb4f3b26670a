"""Dates are written one way on every screen, in the reader's language and local time."""

from datetime import UTC, date, datetime

from django.template import Context, Template
from django.utils import translation

WINTER_AFTERNOON = datetime(2026, 11, 3, 13, 5, tzinfo=UTC)  # 14:05 in Amsterdam
SUMMER_EVENING = datetime(2026, 6, 30, 22, 30, tzinfo=UTC)  # 00:30 on 1 July in Amsterdam


def _render(source: str, value: object, language: str = "nl") -> str:
    with translation.override(language):
        return Template("{% load datum %}" + source).render(Context({"value": value}))


def test_a_date_is_written_out_in_dutch() -> None:
    assert _render("{{ value|datum }}", date(2026, 11, 3)) == "3 november 2026"


def test_a_moment_gets_its_local_time_when_asked() -> None:
    assert _render('{{ value|datum:"time" }}', WINTER_AFTERNOON) == "3 november 2026, 14:05"
    assert _render("{{ value|datum }}", WINTER_AFTERNOON) == "3 november 2026"


def test_the_local_date_counts_not_the_date_in_utc() -> None:
    assert _render('{{ value|datum:"time" }}', SUMMER_EVENING) == "1 juli 2026, 00:30"


def test_the_weekday_can_lead() -> None:
    assert _render('{{ value|datum:"weekday time" }}', WINTER_AFTERNOON) == (
        "dinsdag 3 november 2026, 14:05"
    )


def test_english_when_the_reader_chose_english() -> None:
    assert _render('{{ value|datum:"time" }}', WINTER_AFTERNOON, "en") == ("3 November 2026, 14:05")


def test_a_date_asked_for_a_time_stays_a_date() -> None:
    assert _render('{{ value|datum:"time" }}', date(2026, 11, 3)) == "3 november 2026"


def test_nothing_is_written_for_an_empty_value() -> None:
    assert _render("{{ value|datum }}", None) == ""
    assert _render("{{ value|datum }}", "") == ""
