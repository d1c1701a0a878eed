"""The booking page's days and times: the strip, the groups, the nearest free times."""

from __future__ import annotations

from datetime import date

from booking_portal.bookings.page.times import (
    date_strip,
    last_bookable_day,
    nearest_slots,
    slot_groups,
)
from booking_portal.omneo.resources import Definition

DAY = date(2026, 11, 27)


def times(*starts: str) -> list[tuple[str, str]]:
    return [(f"2026-11-27T{start}", f"{start} label") for start in starts]


def test_times_are_grouped_morning_afternoon_evening_leaving_out_empty_parts():
    groups = slot_groups(times("09:00", "11:45", "12:00", "16:59"))

    assert [(name, [t.value[-5:] for t in group]) for name, group in groups] == [
        ("Morning", ["09:00", "11:45"]),
        ("Afternoon", ["12:00", "16:59"]),
    ]


def test_evening_starts_at_five():
    groups = slot_groups(times("17:00", "20:30"))

    assert [name for name, _ in groups] == ["Evening"]


def test_the_taken_time_stays_in_its_place_marked_and_the_chosen_one_is_ticked():
    groups = slot_groups(
        times("09:00", "11:00"), taken="2026-11-27T10:00", chosen="2026-11-27T11:00"
    )

    morning = groups[0][1]
    assert [(t.value[-5:], t.taken, t.chosen) for t in morning] == [
        ("09:00", False, False),
        ("10:00", True, False),
        ("11:00", False, True),
    ]
    assert morning[1].start == "10:00 AM"


def test_the_three_nearest_free_times_come_earliest_first():
    free = times("08:00", "09:30", "10:30", "11:00", "15:00")

    nearest = nearest_slots(free, "2026-11-27T10:00")

    assert [t.value[-5:] for t in nearest] == ["09:30", "10:30", "11:00"]


def test_nothing_is_near_an_unreadable_time():
    assert nearest_slots(times("09:00"), "soon") == []


def test_days_without_times_cannot_be_picked_and_say_why():
    strip = date_strip(
        start=DAY, last=date(2026, 11, 29), open_days=[DAY, date(2026, 11, 29)], chosen=DAY
    )

    assert [(d.day.day, d.bookable, d.reason, d.chosen) for d in strip] == [
        (27, True, "", True),
        (28, False, "no free times", False),
        (29, True, "", False),
    ]
    assert strip[0].words == ("Fri", "27", "Nov")


def test_without_open_days_known_every_day_can_be_tried():
    strip = date_strip(start=DAY, last=date(2026, 11, 28), open_days=None)

    assert all(day.bookable for day in strip)


def test_a_chosen_day_past_the_strip_is_added_at_its_end():
    strip = date_strip(start=DAY, last=date(2026, 11, 28), open_days=None, chosen=date(2027, 1, 5))

    assert strip[-1].iso == "2027-01-05"
    assert strip[-1].chosen


def test_the_strip_ends_with_the_services_booking_window():
    short = Definition(id=1, name="Repair", max_advance_days=7)
    open_ended = Definition(id=2, name="Fitting", max_advance_days=None)

    assert last_bookable_day(short, DAY) == date(2026, 12, 4)
    assert last_bookable_day(open_ended, DAY) == date(2026, 12, 27)  # the month's 31 days
