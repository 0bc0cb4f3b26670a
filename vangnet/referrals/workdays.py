"""Working days for the first-contact term: Monday to Friday, without general holidays.

The holidays are those of the Algemene termijnenwet, article 3 (the days a Dutch
legal term skips): New Year's Day, Good Friday (article 3, second paragraph),
Easter Monday, King's Day, 5 May, Ascension Day, Whit Monday, and both Christmas
days. King's Day is 27 April, or 26 April when the 27th is a Sunday (Wet van 2013
on King's Day, in force since 2014).
"""

from datetime import date, timedelta
from functools import cache


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (anonymous algorithm: Meeus, Jones, Butcher)."""
    golden = year % 19
    century, year_in_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon_correction = (century - correction + 1) // 3
    epact = (19 * golden + century - leap_centuries - moon_correction + 15) % 30
    leap_years, year_rest = divmod(year_in_century, 4)
    weekday = (32 + 2 * century_rest + 2 * leap_years - epact - year_rest) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


@cache
def general_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = date(year, 4, 26)
    return frozenset(
        {
            date(year, 1, 1),
            easter - timedelta(days=2),  # Good Friday
            easter + timedelta(days=1),  # Easter Monday
            kings_day,
            date(year, 5, 5),
            easter + timedelta(days=39),  # Ascension Day
            easter + timedelta(days=50),  # Whit Monday
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in general_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself does not count)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``; 0 when ``end`` is not later."""
    total = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            total += 1
    return total


def last_working_day_of_week(day: date) -> date | None:
    """The last working day of ``day``'s week (Monday to Sunday), or None in a week without one."""
    friday = day - timedelta(days=day.weekday()) + timedelta(days=4)
    for back in range(5):
        candidate = friday - timedelta(days=back)
        if is_working_day(candidate):
            return candidate
    return None


def end_of_week_term(start: date, minimum: int) -> date:
    """The end of ``start``'s working week, or of a later week when too little of it is left.

    The term ends on the last working day of the week ``start`` lies in when at
    least ``minimum`` working days lie after ``start`` up to and including that
    day; otherwise on the last working day of the next week (and so on, should a
    week of holidays leave too few).
    """
    week = start
    while True:
        end = last_working_day_of_week(week)
        if end is not None and working_days_between(start, end) >= minimum:
            return end
        week = week - timedelta(days=week.weekday()) + timedelta(days=7)
