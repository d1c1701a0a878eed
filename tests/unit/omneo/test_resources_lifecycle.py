"""Lenient parsing of lifecycle shapes (stamps, nested ids, waitlist entries); partial bodies."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from booking_portal.omneo import resources
from booking_portal.omneo.resources import (
    UNSET,
    Appointment,
    AppointmentChanges,
    OrderLink,
    WaitlistEntry,
    WaitlistEntryInput,
)

PERTH = ZoneInfo("Australia/Perth")


def test_every_stamp_is_read_and_null_stamps_stay_none(omneo_fixture):
    data = omneo_fixture("created_201.json")["data"] | {
        "status": "completed",
        "arrived_at": "2026-05-11T01:58:00.000000Z",
        "completed_at": "2026-05-11T02:40:00Z",
        "cancelled_at": None,
        "no_show_at": "",
        "rejected_at": 17,
        "updated_at": "2026-05-11T02:40:00Z",
    }

    appointment = Appointment.from_json(data)

    assert appointment.arrived_at == datetime(2026, 5, 11, 1, 58, tzinfo=UTC)
    assert appointment.completed_at == datetime(2026, 5, 11, 2, 40, tzinfo=UTC)
    assert appointment.updated_at == appointment.completed_at
    assert appointment.cancelled_at is None
    assert appointment.no_show_at is None
    assert appointment.rejected_at is None


def test_ids_fall_back_to_the_nested_objects():
    appointment = Appointment.from_json(
        {
            "id": 1,
            "appointment_definition": {"id": 2, "name": "Fitting"},
            "profile": {"id": "p-1"},
            "location": {"id": 13, "name": "Melbourne"},
            "assigned_staff": {"id": "s-1"},
        }
    )

    assert appointment.appointment_definition_id == 2
    assert appointment.profile_id == "p-1"
    assert appointment.location_id == 13
    assert appointment.assigned_staff_id == "s-1"


def test_changes_send_only_what_is_set():
    assert AppointmentChanges().to_json() == {}
    assert AppointmentChanges().is_empty
    assert AppointmentChanges(status="confirmed").to_json() == {"status": "confirmed"}


def test_none_is_sent_as_null_to_detach_or_clear():
    changes = AppointmentChanges(
        transaction=None, order=None, notes=None, assigned_staff_id=None, meta=None
    )

    assert changes.to_json() == {
        "assigned_staff_id": None,
        "notes": None,
        "meta": None,
        "transaction": None,
        "order": None,
    }


def test_links_and_meta_are_sent_in_their_wire_shape():
    changes = AppointmentChanges(order=OrderLink(order_number="SO-2001"), meta=("a", "b"))

    assert changes.to_json() == {"order": {"order_number": "SO-2001"}, "meta": ["a", "b"]}
    assert changes.status is UNSET
    assert repr(UNSET) == "UNSET"


def test_a_reschedule_needs_aware_times():
    with pytest.raises(ValueError, match="aware"):
        AppointmentChanges.reschedule(
            start=datetime(2026, 5, 11, 10),  # noqa: DTZ001 - naive on purpose
            end=datetime(2026, 5, 11, 11),  # noqa: DTZ001
            timezone="Australia/Perth",
        )


def test_a_waitlist_input_leaves_out_what_is_unset():
    assert WaitlistEntryInput(
        appointment_definition_id=1, profile_id="p", location_id=13
    ).to_json() == {"appointment_definition_id": 1, "profile_id": "p", "location_id": 13}


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"desired_start_at": "2026-05-11T04:00:00.000000Z"}, datetime(2026, 5, 11, 4, tzinfo=UTC)),
        (
            {
                "desired_start_at": "2026-05-11 12:00:00",
                "location": {"id": 15, "timezone": PERTH.key},
            },
            datetime(2026, 5, 11, 12, tzinfo=PERTH),
        ),
        (
            {"desired_start_at": "2026-05-11 12:00:00", "timezone": PERTH.key},
            datetime(2026, 5, 11, 12, tzinfo=PERTH),
        ),
        ({"desired_start_at": "2026-05-11 12:00:00"}, datetime(2026, 5, 11, 12, tzinfo=UTC)),
        ({"desired_start_at": None}, None),
        ({"desired_start_at": "soon"}, None),
    ],
)
def test_a_desired_time_is_read_in_every_documented_shape(extra, expected):
    entry = WaitlistEntry.from_json({"id": 1, "location_id": 15, **extra})

    assert entry.desired_start_at == expected


def test_a_waitlist_entry_in_the_flat_shape():
    entry = WaitlistEntry.from_json(
        {
            "id": "4",
            "status": "fulfilled",
            "appointment_definition_id": "1",
            "profile_id": "p-1",
            "location_id": 13,
            "appointment_id": "99",
            "notes": "",
            "meta": ["a"],
            "created_at": "2026-05-10T00:00:00Z",
            "unknown": "ignored",
        }
    )

    assert (entry.id, entry.appointment_definition_id, entry.appointment_id) == (4, 1, 99)
    assert entry.status == "fulfilled"
    assert not entry.is_active
    assert entry.notes is None
    assert entry.meta == ("a",)
    assert entry.created_at == datetime(2026, 5, 10, tzinfo=UTC)


def test_a_waitlist_entry_in_the_nested_shape_with_object_meta():
    entry = WaitlistEntry.from_json(
        {
            "id": 5,
            "appointment_definition": {"id": 2, "name": "Styling"},
            "profile": {"id": "p-2", "first_name": "Ava", "last_name": "Nguyen"},
            "location": {"id": 14, "name": "Brisbane", "timezone": "Australia/Brisbane"},
            "appointment": {"id": 12},
            "meta": {"source": "phone"},
            "status": None,
        }
    )

    assert (entry.appointment_definition_id, entry.profile_id, entry.location_id) == (2, "p-2", 14)
    assert entry.definition_name == "Styling"
    assert entry.profile.display_name == "Ava Nguyen"
    assert entry.location.timezone == "Australia/Brisbane"
    assert entry.appointment_id == 12
    assert entry.meta == (("source", "phone"),)
    assert entry.status == "active"


def test_every_earlier_name_is_still_exported():
    for name in (
        "AnswerInput",
        "Appointment",
        "AppointmentAnswer",
        "DaySlots",
        "Definition",
        "LinkedRecord",
        "Location",
        "OrderLink",
        "Person",
        "Profile",
        "Question",
        "QuestionOption",
        "Slot",
        "StaffMember",
        "StoreAppointment",
        "TransactionLink",
    ):
        assert name in resources.__all__
        assert getattr(resources, name).__module__.startswith("booking_portal.omneo.resources.")
