"""The overlap rule: the same customer, not cancelled, any store; touching ends do not overlap."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from booking_portal.bookings import messages
from booking_portal.bookings.overlap import (
    appointment_overlapping,
    booking_overlap,
    overlap_question,
)
from booking_portal.omneo.resources import Appointment
from booking_portal.writes.summary import BookingSummary
from tests.factories import BookingAttemptFactory
from tests.unit.appointments.omneo_bodies import PAGE, V3, appointment_json

# Ava's Suit fitting: 10:00-10:45 AM in Melbourne.
START = datetime(2026, 5, 11, 0, 0, tzinfo=UTC)
THEIRS = Appointment.from_json(appointment_json(1))
TOKEN = "0b5c4a43-5d7e-4a8e-8f3e-2f1a0c9d7e61"


def _overlaps(start: datetime, minutes: int = 30, *, theirs=(THEIRS,), profile_id="p-1"):
    end = start + timedelta(minutes=minutes)
    return appointment_overlapping(list(theirs), profile_id=profile_id, start=start, end=end)


@pytest.mark.parametrize(
    ("offset", "minutes"),
    [(0, 30), (-15, 30), (30, 60), (-60, 180), (10, 5)],
    ids=["same start", "starts before", "starts during", "around it", "inside it"],
)
def test_a_booking_meeting_their_appointment_overlaps(offset, minutes):
    assert _overlaps(START + timedelta(minutes=offset), minutes) == THEIRS


@pytest.mark.parametrize(
    ("offset", "minutes"),
    [(45, 30), (-30, 30), (120, 30)],
    ids=["starts as it ends", "ends as it starts", "later that day"],
)
def test_touching_or_apart_does_not_overlap(offset, minutes):
    assert _overlaps(START + timedelta(minutes=offset), minutes) is None


@pytest.mark.parametrize("status", ["cancelled", "rejected"])
def test_a_cancelled_appointment_does_not_count(status):
    gone = Appointment.from_json(appointment_json(1, status=status))

    assert _overlaps(START, theirs=[gone]) is None


def test_another_customers_appointment_does_not_count():
    someone_else = Appointment.from_json(appointment_json(1, profile_id="p-2", profile=None))

    assert _overlaps(START, theirs=[someone_else]) is None


def test_an_appointment_at_another_store_counts():
    elsewhere = Appointment.from_json(
        appointment_json(
            1,
            location_id=14,
            location={"id": 14, "name": "Brisbane", "timezone": "Australia/Brisbane"},
        )
    )

    assert _overlaps(START, theirs=[elsewhere]) == elsewhere


def test_the_question_names_the_customer_service_and_their_time():
    question = overlap_question(name="Ava", appointment=THEIRS)

    assert question == messages.OVERLAP_QUESTION.format(
        name="Ava", service="Suit fitting", time="10:00 AM"
    )
    assert question == "Ava already has Suit fitting at 10:00 AM that day \N{EM DASH} book anyway?"


def test_the_appointment_this_booking_made_is_not_an_overlap():
    made = Appointment.from_json(appointment_json(1, meta=[f"booking-portal:{TOKEN}"]))

    found = appointment_overlapping(
        [made], profile_id="p-1", start=START, end=START + timedelta(minutes=30),
        own_tag=f"booking-portal:{TOKEN}",
    )  # fmt: skip

    assert found is None


def _summary(start: datetime = START, minutes: int = 30) -> BookingSummary:
    return BookingSummary(
        definition_id=1,
        definition_name="Suit fitting",
        location_id=13,
        location_name="Melbourne Central",
        profile_id="p-1",
        customer_name="Ava",
        customer_email="",
        staff_id=None,
        staff_name="",
        start=start,
        end=start + timedelta(minutes=minutes),
        timezone="Australia/Melbourne",
    )


@pytest.fixture
def tenant(settings, mocked_omneo):
    settings.OMNEO_BASE_URL, settings.OMNEO_API_TOKEN = V3.removesuffix("/v3"), "t"
    settings.OMNEO_READ_RETRIES = 0
    return mocked_omneo


@pytest.mark.django_db
def test_a_form_already_sent_is_not_asked_about(tenant, staff_user):
    BookingAttemptFactory(form_token=TOKEN, booked_by=staff_user)

    assert booking_overlap(form_token=TOKEN, summary=_summary()) == ""
    assert len(tenant.calls) == 0


@pytest.mark.django_db
def test_a_booking_still_in_doubt_is_left_to_the_create_step(tenant, staff_user):
    BookingAttemptFactory(
        booked_by=staff_user,
        outcome="unknown",
        profile_id="p-1",
        definition_id=1,
        location_id=13,
        scheduled_start=START,
    )

    assert booking_overlap(form_token=TOKEN, summary=_summary()) == ""
    assert len(tenant.calls) == 0


@pytest.mark.django_db
def test_the_check_reads_the_customers_appointments_once(tenant):
    tenant.get(f"{V3}/profiles/p-1/appointments", json={"data": [appointment_json(1)], **PAGE})

    first = booking_overlap(form_token=TOKEN, summary=_summary())
    second = booking_overlap(form_token=TOKEN, summary=_summary(START + timedelta(hours=2)))

    assert first == "Ava already has Suit fitting at 10:00 AM that day \N{EM DASH} book anyway?"
    assert second == ""
    assert len(tenant.calls) == 1  # the second check asks the cache


@pytest.mark.django_db
def test_a_failed_read_asks_nothing(tenant):
    tenant.get(f"{V3}/profiles/p-1/appointments", status=503, body="down")

    assert booking_overlap(form_token=TOKEN, summary=_summary()) == ""
