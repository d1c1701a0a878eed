"""Lenient parsing of Omneo's shapes, and the exact request body the contract asks for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from zoneinfo import ZoneInfo

import pytest

from booking_portal.omneo.errors import retry_after_seconds
from booking_portal.omneo.resources import (
    Appointment,
    Definition,
    OrderLink,
    Person,
    Slot,
    StoreAppointment,
)
from booking_portal.omneo.timeparse import parse_datetime, to_wire, zone_or_default

MELBOURNE = ZoneInfo("Australia/Melbourne")


def test_appointment_accepts_nulls_where_the_contract_says_string(omneo_fixture):
    data = omneo_fixture("created_201.json")["data"]
    data.update({"confirmed_at": None, "scheduled_end_at": None, "meta": {"source": "sdk"}})

    appointment = Appointment.from_json(data)

    assert appointment.confirmed_at is None
    assert appointment.scheduled_end_at is None
    assert appointment.meta == (("source", "sdk"),)


def test_an_appointments_times_without_offset_are_the_stores_wall_clock(omneo_fixture):
    data = omneo_fixture("created_201.json")["data"] | {
        "timezone": "Australia/Perth",
        "confirmed_at": "2026-05-11 09:30:00",
        "scheduled_start_at": "2026-05-11T02:00:00Z",
    }

    appointment = Appointment.from_json(data)

    assert appointment.confirmed_at == datetime(2026, 5, 11, 1, 30, tzinfo=UTC)
    assert appointment.scheduled_start_at == datetime(2026, 5, 11, 2, 0, tzinfo=UTC)


def test_naive_response_times_are_utc():
    assert parse_datetime("2026-05-11 00:00:00") == datetime(2026, 5, 11, tzinfo=UTC)


def test_naive_slot_times_are_the_stores_wall_clock():
    slot = Slot.from_json("2026-05-11 10:00:00", zone=MELBOURNE)

    assert slot.start_at.astimezone(UTC) == datetime(2026, 5, 11, 0, 0, tzinfo=UTC)


def test_unreadable_slots_are_dropped():
    assert Slot.from_json({"start_at": "soon"}, zone=MELBOURNE) is None
    assert Slot.from_json(42, zone=MELBOURNE) is None


def test_wire_times_are_store_local():
    assert to_wire(datetime(2026, 5, 11, 0, 0, tzinfo=UTC), MELBOURNE) == "2026-05-11 10:00:00"


def test_missing_zone_falls_back_to_the_default():
    assert zone_or_default(None, default="Australia/Perth") == ZoneInfo("Australia/Perth")
    assert zone_or_default("Not/AZone", default="Australia/Perth") == ZoneInfo("Australia/Perth")


def test_definition_ignores_unknown_fields_and_reads_flags():
    definition = Definition.from_json(
        {"id": "4", "name": "Repair", "requires_staff": 1, "booking_type": "walk_in_only", "x": 1}
    )

    assert definition.id == 4
    assert definition.requires_staff is True
    assert definition.offers_slots is False


def test_staff_rows_of_a_definition_read_the_nested_profile():
    row = {
        "id": 7,
        "staff_id": "s-9",
        "is_active": True,
        "staff": {"id": "s-9", "first_name": "Jo"},
    }

    assert Person.from_json(row) == Person(id="s-9", first_name="Jo")


def test_store_appointment_leaves_out_what_is_unset():
    body = StoreAppointment(
        appointment_definition_id=1,
        profile_id="p-1",
        location_id=13,
        scheduled_start_at="2026-05-11 10:00:00",
        scheduled_end_at="2026-05-11 10:30:00",
        timezone="Australia/Melbourne",
        order=OrderLink(order_number="SO-1"),
    ).to_json()

    assert body == {
        "appointment_definition_id": 1,
        "profile_id": "p-1",
        "location_id": 13,
        "scheduled_start_at": "2026-05-11 10:00:00",
        "scheduled_end_at": "2026-05-11 10:30:00",
        "timezone": "Australia/Melbourne",
        "order": {"order_number": "SO-1"},
    }


@pytest.mark.parametrize(("header", "expected"), [("12", 12.0), ("", None), ("soon", None)])
def test_retry_after_in_seconds(header, expected):
    assert retry_after_seconds(header) == expected


def test_retry_after_as_an_http_date():
    later = datetime.now(UTC) + timedelta(seconds=90)

    seconds = retry_after_seconds(format_datetime(later, usegmt=True))

    assert 80 <= seconds <= 90


@pytest.mark.parametrize("name", ["A" * 300, "{'a': {'b': None}}" * 40, "../" * 120])
def test_a_zone_name_too_long_for_a_file_is_unknown_not_a_crash(name):
    from booking_portal.omneo.resources.parsing import zone_or_none

    assert zone_or_none(name) is None
    assert zone_or_default(name, default="Australia/Perth") == ZoneInfo("Australia/Perth")
    appointment = Appointment.from_json({"id": 1, "timezone": name})
    assert appointment.id == 1


@pytest.mark.parametrize("number", [float("inf"), float("-inf"), float("nan")])
def test_an_id_that_is_not_a_finite_number_is_read_as_missing(number):
    appointment = Appointment.from_json({"id": number, "location_id": number})

    assert (appointment.id, appointment.location_id) == (0, 0)
