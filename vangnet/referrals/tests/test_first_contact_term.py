"""The first-contact term: "het liefst in dezelfde week" (Movisie, seed 004).

Every expected date below is worked out by hand on the 2026 calendar.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.conftest import log_in
from vangnet.referrals.models import FirstContactRule, ReferralSettings
from vangnet.referrals.workdays import end_of_week_term, last_working_day_of_week

from .factories import World, build_world, refer

AMS = ZoneInfo("Europe/Amsterdam")


def _default_term(sent_on: date) -> date:
    return ReferralSettings().first_contact_due(sent_on)


@pytest.mark.parametrize(
    ("sent_on", "due_on"),
    [
        # Monday to Wednesday 2-4 March: at least two working days left, so Friday 6 March.
        (date(2026, 3, 2), date(2026, 3, 6)),
        (date(2026, 3, 3), date(2026, 3, 6)),
        (date(2026, 3, 4), date(2026, 3, 6)),
        # Thursday leaves only Friday; Friday and the weekend leave nothing: Friday 13 March.
        (date(2026, 3, 5), date(2026, 3, 13)),
        (date(2026, 3, 6), date(2026, 3, 13)),
        (date(2026, 3, 7), date(2026, 3, 13)),
        (date(2026, 3, 8), date(2026, 3, 13)),
    ],
)
def test_the_default_term_ends_in_the_same_week_where_possible(sent_on: date, due_on: date) -> None:
    assert _default_term(sent_on) == due_on


def test_a_holiday_friday_ends_the_week_on_thursday() -> None:
    # Good Friday is 3 April 2026: Tuesday 31 March leaves Wednesday and Thursday.
    assert last_working_day_of_week(date(2026, 4, 1)) == date(2026, 4, 2)
    assert _default_term(date(2026, 3, 31)) == date(2026, 4, 2)
    # Wednesday 1 April leaves only Thursday: then Friday 10 April (Easter Monday skipped).
    assert _default_term(date(2026, 4, 1)) == date(2026, 4, 10)


def test_ascension_day_counts_as_no_working_day() -> None:
    # Ascension Day is Thursday 14 May 2026; Wednesday 13 May leaves only Friday 15 May.
    assert _default_term(date(2026, 5, 11)) == date(2026, 5, 15)
    assert _default_term(date(2026, 5, 13)) == date(2026, 5, 22)


def test_a_larger_minimum_moves_more_days_to_the_next_week() -> None:
    assert end_of_week_term(date(2026, 3, 3), 4) == date(2026, 3, 13)
    assert end_of_week_term(date(2026, 3, 2), 4) == date(2026, 3, 6)


def test_a_network_can_keep_a_fixed_number_of_working_days() -> None:
    rules = ReferralSettings(
        first_contact_rule=FirstContactRule.WORKING_DAYS, first_contact_working_days=5
    )
    # Thursday 5 March plus five working days: Thursday 12 March.
    assert rules.first_contact_due(date(2026, 3, 5)) == date(2026, 3, 12)


@pytest.mark.django_db
def test_a_referral_sent_on_tuesday_is_due_on_friday(bob: User, alice: User) -> None:
    world = build_world(bob, alice)
    referral = refer(world, now=datetime(2026, 3, 3, 15, 0, tzinfo=AMS))
    assert referral.first_contact_due_on == date(2026, 3, 6)


@pytest.mark.django_db
def test_the_coordinator_chooses_the_rule_and_bad_input_is_refused(bob: User, alice: User) -> None:
    world: World = build_world(bob, alice)
    coordinator = HttpClient()
    log_in(coordinator, alice)
    url = reverse("referrals:settings", kwargs={"slug": world.network.slug})
    page = coordinator.get(url).content.decode()
    assert "In dezelfde week als dat kan" in page
    data = {
        "contact_organisation": world.welfare.pk,
        "contact_person": "",
        "first_contact_rule": "next_year",
        "first_contact_working_days": "²",
        "follow_up_days": "91",
    }
    response = coordinator.post(url, data)
    assert response.status_code == 200
    world.rules.refresh_from_db()
    assert world.rules.first_contact_rule == FirstContactRule.SAME_WEEK
    data.update(first_contact_rule="working_days", first_contact_working_days="3")
    assert coordinator.post(url, data).status_code == 302
    world.rules.refresh_from_db()
    assert world.rules.first_contact_due(date(2026, 3, 5)) == date(2026, 3, 10)
