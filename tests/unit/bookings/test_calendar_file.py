"""The calendar file of a booking, read back as a calendar application would read it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from booking_portal.bookings.booked import BookedAppointment
from booking_portal.bookings.calendar_file import (
    NO_STAFF,
    appointment_calendar,
    calendar_filename,
)
from booking_portal.omneo.resources import LinkedRecord

SYDNEY = ZoneInfo("Australia/Sydney")
START = datetime(2026, 11, 26, 23, 0, tzinfo=UTC)  # 10:00 AM in Sydney
STAMP = datetime(2026, 11, 20, 1, 2, 3, tzinfo=UTC)

FITTING = BookedAppointment(
    attempt_id=3,
    omneo_id=5012,
    status="confirmed",
    service="Suit fitting",
    customer_name="Ava Nguyen",
    customer_email="ava@example.com",
    customer_phone="0400 000 001",
    profile_id="9b1d2c64-0c39-4f3e-9d53-2f2a4c1f0a01",
    store="Pitt Street",
    location_id=14,
    staff="Sam Lee",
    zone=SYDNEY,
    start=START,
    end=START + timedelta(minutes=45),
    confirmed_at=None,
    notes="Bring the navy suit",
    answers=(("Preferred fit", "Slim"), ("Areas to alter", "Sleeves, Waist")),
    transaction=LinkedRecord(id=1001),
    order=None,
)


def read_back(booked: BookedAppointment) -> tuple[Calendar, object]:
    calendar = Calendar.from_ical(appointment_calendar(booked, stamp=STAMP))
    (event,) = calendar.events
    return calendar, event


def test_the_event_starts_and_ends_on_the_stores_clock():
    calendar, event = read_back(FITTING)

    assert event.start == datetime(2026, 11, 27, 10, 0, tzinfo=SYDNEY)
    assert event.start.tzinfo.key == "Australia/Sydney"
    assert event.end == datetime(2026, 11, 27, 10, 45, tzinfo=SYDNEY)
    assert event["DTSTART"].params["TZID"] == "Australia/Sydney"
    assert [zone["TZID"] for zone in calendar.timezones] == ["Australia/Sydney"]


def test_the_event_is_named_after_the_omneo_appointment():
    _, event = read_back(FITTING)

    assert event["UID"] == "omneo-appointment-5012@booking-portal"
    assert event["SUMMARY"] == "Suit fitting at Pitt Street"
    assert event["LOCATION"] == "Pitt Street"
    assert event.DTSTAMP == STAMP
    assert event["STATUS"] == "CONFIRMED"
    assert calendar_filename(FITTING) == "appointment-5012.ics"


def test_the_description_says_who_what_and_what_was_answered():
    _, event = read_back(replace(FITTING, status="no_show"))

    description = str(event["DESCRIPTION"])
    assert "Customer: Ava Nguyen · ava@example.com · 0400 000 001" in description
    assert "Staff: Sam Lee" in description
    assert "Status: No show" in description
    assert "no_show" not in description
    assert "- Preferred fit: Slim\n- Areas to alter: Sleeves, Waist" in description
    assert "Notes: Bring the navy suit" in description


def test_a_request_is_tentative():
    _, event = read_back(replace(FITTING, status="requested"))

    assert event["STATUS"] == "TENTATIVE"


def test_no_staff_and_no_end_still_make_a_calendar():
    _, event = read_back(replace(FITTING, staff="", end=None, answers=(), notes=""))

    assert event.start == datetime(2026, 11, 27, 10, 0, tzinfo=SYDNEY)
    assert "DTEND" not in event
    assert f"Staff: {NO_STAFF}" in str(event["DESCRIPTION"])
    assert "Answers" not in str(event["DESCRIPTION"])


@pytest.mark.parametrize("zone", ["UTC", "America/New_York"])
def test_any_zone_is_named_in_the_event(zone):
    _, event = read_back(replace(FITTING, zone=ZoneInfo(zone)))

    assert event.start == START
    assert event.start.tzinfo.key == zone


def test_without_an_omneo_id_the_attempt_names_the_event():
    _, event = read_back(replace(FITTING, omneo_id=None))

    assert event["UID"] == "omneo-appointment-attempt-3@booking-portal"
