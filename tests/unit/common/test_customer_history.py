"""A customer's appointments for the panel: upcoming soonest first, a few recent latest first."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from booking_portal.common.customer_history import (
    HISTORY_UNAVAILABLE,
    appointments_split,
    customer_panel,
)
from booking_portal.omneo.errors import OmneoServerError
from booking_portal.omneo.resources import Appointment
from tests.unit.appointments.omneo_bodies import appointment_json

NOW = datetime(2026, 5, 11, 0, 0, tzinfo=UTC)  # 10:00 AM in Melbourne


def _appointment(appointment_id: int, start: str, **extra) -> Appointment:
    end = start.replace(":00:00Z", ":45:00Z")
    return Appointment.from_json(appointment_json(appointment_id, start=start, end=end, **extra))


def test_upcoming_soonest_first_and_recent_latest_first():
    theirs = [
        _appointment(1, "2026-05-20T01:00:00Z"),
        _appointment(2, "2026-05-12T01:00:00Z"),
        _appointment(3, "2026-05-01T01:00:00Z"),
        _appointment(4, "2026-05-09T01:00:00Z", status="completed"),
    ]

    upcoming, recent = appointments_split(theirs, now=NOW)

    assert [e.appointment.id for e in upcoming] == [2, 1]
    assert [e.appointment.id for e in recent] == [4, 3]
    assert all(e.upcoming for e in upcoming)
    assert not any(e.upcoming for e in recent)


def test_only_a_few_recent_ones_are_shown():
    theirs = [_appointment(n, f"2026-04-{n:02d}T01:00:00Z") for n in range(1, 8)]

    _, recent = appointments_split(theirs, now=NOW, recent=3)

    assert [e.appointment.id for e in recent] == [7, 6, 5]


def test_a_cancelled_appointment_ahead_is_not_upcoming():
    theirs = [_appointment(1, "2026-05-20T01:00:00Z", status="cancelled")]

    upcoming, recent = appointments_split(theirs, now=NOW)

    assert upcoming == []
    assert [(e.appointment.id, e.status_words) for e in recent] == [(1, "Cancelled")]


def test_times_are_shown_on_the_stores_clock_with_its_zone():
    theirs = [_appointment(1, "2026-05-12T00:00:00Z")]  # 10:00 AM in Melbourne

    (entry,), _ = appointments_split(theirs, now=NOW)

    assert entry.when == "Tue 12 May 2026, 10:00 AM (Australia/Melbourne)"
    assert (entry.service, entry.store, entry.staff) == (
        "Suit fitting",
        "Melbourne Central",
        "Sam Lee",
    )


def test_a_zoneless_appointment_is_shown_in_the_portals_zone(settings):
    settings.PORTAL_DEFAULT_TIMEZONE = "Australia/Brisbane"
    bare = appointment_json(1, start="2026-05-12T00:00:00Z", end="2026-05-12T00:45:00Z")
    bare.update(timezone="", location={"id": 13, "name": "Melbourne Central"})

    (entry,), _ = appointments_split([Appointment.from_json(bare)], now=NOW)

    assert entry.when == "Tue 12 May 2026, 10:00 AM (Australia/Brisbane)"


def test_book_again_carries_service_store_staff_and_customer():
    (entry,), _ = appointments_split([_appointment(1, "2026-05-12T00:00:00Z")], now=NOW)

    assert entry.again == "1:13:s-1"
    assert entry.again_query == "definition=1&location=13&staff=s-1&profile=p-1&first_free=1"


@pytest.mark.parametrize("staff", [None, ""])
def test_book_again_without_staff_leaves_staff_out(staff):
    theirs = [_appointment(1, "2026-05-12T00:00:00Z", assigned_staff_id=staff, assigned_staff=None)]

    (entry,), _ = appointments_split(theirs, now=NOW)

    assert entry.again == "1:13:"
    assert "staff" not in entry.again_query


def test_a_failed_read_says_so_in_words():
    error = OmneoServerError("down", status=500)

    panel = customer_panel(name="Ava Nguyen", profile_id="p-1", read=error, now=NOW)

    assert panel.problem == HISTORY_UNAVAILABLE
    assert (panel.upcoming, panel.recent) == ([], [])
    assert panel.announce == HISTORY_UNAVAILABLE
