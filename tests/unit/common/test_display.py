"""An appointment's day, times and length, as staff read them out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking_portal.common.display import duration_in_words, time_range_in_words

SYDNEY = ZoneInfo("Australia/Sydney")


def test_a_range_reads_on_the_stores_clock_with_its_zone_named():
    start = datetime(2026, 11, 26, 23, 0, tzinfo=UTC)  # 10:00 AM in Sydney (summer time)

    words = time_range_in_words(start, start + timedelta(minutes=45), SYDNEY)

    assert words == (
        "Friday 27 November 2026, 10:00 AM \N{EN DASH} 10:45 AM (Australia/Sydney time)"
    )


def test_a_range_past_midnight_names_both_days():
    start = datetime(2026, 11, 27, 23, 30, tzinfo=SYDNEY)

    words = time_range_in_words(start, start + timedelta(hours=1), SYDNEY)

    assert words == (
        "Friday 27 November 2026, 11:30 PM \N{EN DASH} "
        "Saturday 28 November 2026, 12:30 AM (Australia/Sydney time)"
    )


@pytest.mark.parametrize("end", [None, datetime(2026, 11, 27, 9, 0, tzinfo=SYDNEY)])
def test_without_a_sensible_end_only_the_start_is_given(end):
    start = datetime(2026, 11, 27, 10, 0, tzinfo=SYDNEY)

    assert time_range_in_words(start, end, SYDNEY) == (
        "Friday 27 November 2026, 10:00 AM (Australia/Sydney time)"
    )


@pytest.mark.parametrize(
    ("length", "words"),
    [
        (timedelta(minutes=45), "45 minutes"),
        (timedelta(minutes=1), "1 minute"),
        (timedelta(hours=1), "1 hour"),
        (timedelta(minutes=90), "1 hour 30 minutes"),
        (timedelta(hours=2, minutes=1), "2 hours 1 minute"),
        (timedelta(0), ""),
        (timedelta(minutes=-5), ""),
        (None, ""),
    ],
)
def test_a_length_in_words(length, words):
    assert duration_in_words(length) == words
