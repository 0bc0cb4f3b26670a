"""The printed export shows the moments someone looked in Dutch time, as the person lives them."""

from vangnet.rights.export import _local_minute


def test_a_utc_moment_prints_in_dutch_summer_time() -> None:
    # 10:15 UTC on 1 July is 12:15 in Amsterdam (UTC+2 in summer).
    assert _local_minute("2026-07-01T10:15:00+00:00") == "2026-07-01 12:15"


def test_a_utc_moment_prints_in_dutch_winter_time() -> None:
    # 23:30 UTC on 31 December is 00:30 on 1 January in Amsterdam (UTC+1 in winter).
    assert _local_minute("2026-12-31T23:30:00+00:00") == "2027-01-01 00:30"
