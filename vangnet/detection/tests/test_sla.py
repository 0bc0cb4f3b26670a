"""Service levels: urgent the same day, normal within five working days (Monday to Friday)."""

from datetime import date, timedelta

import pytest
from django.test import override_settings

from vangnet.detection.models import CoordinationPoint
from vangnet.detection.sla import (
    Terms,
    add_working_days,
    default_terms,
    due_at,
    terms_for,
    timer,
    working_days_between,
)
from vangnet.detection.tests.factories import aware
from vangnet.directory.tests.factories import NetworkFactory

TERMS = Terms(urgent_hours=8, normal_working_days=5)


def test_working_days_skip_the_weekend() -> None:
    friday = date(2026, 11, 27)
    assert add_working_days(friday, 1) == date(2026, 11, 30)  # Monday
    assert add_working_days(friday, 5) == date(2026, 12, 4)  # next Friday
    saturday = date(2026, 11, 28)
    assert add_working_days(saturday, 1) == date(2026, 11, 30)
    assert add_working_days(saturday, 5) == date(2026, 12, 4)
    assert working_days_between(friday, date(2026, 12, 1)) == 2


def test_a_normal_signal_on_wednesday_is_due_at_the_end_of_next_wednesday() -> None:
    received = aware(2026, 11, 25, 10, 30)  # Wednesday
    assert due_at(received, False, TERMS) == aware(2026, 12, 3, 0, 0)


def test_a_normal_signal_on_friday_counts_across_the_weekend() -> None:
    received = aware(2026, 11, 27, 16, 0)  # Friday afternoon
    due = due_at(received, False, TERMS)
    assert due == aware(2026, 12, 5, 0, 0)  # the end of the next Friday
    assert (due - received).days == 7


def test_a_signal_on_saturday_counts_from_monday() -> None:
    received = aware(2026, 11, 28, 9, 0)
    assert due_at(received, False, TERMS) == aware(2026, 12, 5, 0, 0)
    sunday = aware(2026, 11, 29, 23, 0)
    assert due_at(sunday, False, TERMS) == aware(2026, 12, 5, 0, 0)


def test_an_urgent_signal_is_due_the_same_day() -> None:
    received = aware(2026, 11, 25, 9, 0)
    due = due_at(received, True, TERMS)
    assert due == aware(2026, 11, 25, 17, 0)
    assert due.date() == received.date()


def test_an_urgent_signal_on_saturday_does_not_wait_for_monday() -> None:
    received = aware(2026, 11, 28, 10, 0)
    assert due_at(received, True, TERMS) == aware(2026, 11, 28, 18, 0)


def test_the_timer_shows_working_days_hours_and_overdue() -> None:
    received = aware(2026, 11, 25, 10, 0)  # Wednesday
    due = due_at(received, False, TERMS)
    at_start = timer(due, received)
    assert not at_start.overdue and not at_start.soon
    assert "5" in at_start.label
    friday = timer(due, aware(2026, 11, 27, 10, 0))
    assert "3" in friday.label  # Monday, Tuesday, Wednesday
    last_day = timer(due, aware(2026, 12, 2, 20, 0))
    assert last_day.soon and "4" in last_day.label  # four hours to midnight
    late = timer(due, aware(2026, 12, 5, 9, 0))
    assert late.overdue
    assert "2" in late.label  # overdue by 2 days


def test_an_urgent_timer_counts_hours_and_minutes() -> None:
    due = aware(2026, 11, 25, 17, 0)
    assert timer(due, aware(2026, 11, 25, 12, 0)).soon
    assert "5" in timer(due, aware(2026, 11, 25, 12, 0)).label
    assert "30" in timer(due, aware(2026, 11, 25, 16, 30)).label
    assert timer(due, due + timedelta(hours=3)).overdue


@override_settings(VANGNET_SIGNAL_SLA_URGENT_HOURS=4, VANGNET_SIGNAL_SLA_NORMAL_WORKING_DAYS=2)
def test_the_terms_come_from_the_settings() -> None:
    assert default_terms() == Terms(urgent_hours=4, normal_working_days=2)


@pytest.mark.django_db
def test_a_network_can_set_its_own_terms() -> None:
    network = NetworkFactory.create()
    assert terms_for(network) == default_terms()
    CoordinationPoint.objects.create(network=network, sla_normal_working_days=3)
    assert terms_for(network) == Terms(urgent_hours=8, normal_working_days=3)
