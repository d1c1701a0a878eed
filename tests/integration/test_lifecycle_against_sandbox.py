"""The real client against the live sandbox over HTTP: one appointment's life, and a waitlist."""

from __future__ import annotations

from datetime import timedelta

import pytest

from booking_portal.omneo.client import OmneoClient
from booking_portal.omneo.errors import OmneoServerError, OmneoTimeout, OmneoValidationError
from booking_portal.omneo.resources import (
    AppointmentChanges,
    StoreAppointment,
    WaitlistEntryInput,
)
from booking_portal.sandbox import faults
from booking_portal.sandbox.models import SandboxAppointment
from tests.unit.sandbox.conftest import AVA, MELBOURNE, tomorrow_at

pytestmark = pytest.mark.integration
REPAIR = 3  # approval required: starts requested


@pytest.fixture(autouse=True)
def _faults_allowed(settings, sandbox_base_url):
    settings.OMNEO_SANDBOX_FAULTS = True
    faults.clear()


def a_repair(hour: int = 10) -> StoreAppointment:
    start = tomorrow_at(hour)
    return StoreAppointment(
        appointment_definition_id=REPAIR,
        profile_id=AVA,
        location_id=13,
        scheduled_start_at=start.strftime("%Y-%m-%d %H:%M:%S"),
        scheduled_end_at=(start + timedelta(minutes=20)).strftime("%Y-%m-%d %H:%M:%S"),
        timezone="Australia/Melbourne",
    )


def test_create_confirm_reschedule_cancel_one_appointment(sandbox_client):
    # Given a booking that needs approval
    created = sandbox_client.appointment_create(a_repair(10))

    # When staff confirm it, move it to 14:00, then cancel it
    confirmed = sandbox_client.appointment_update(
        created.id, AppointmentChanges(status="confirmed")
    )
    new_start = tomorrow_at(14)
    moved = sandbox_client.appointment_update(
        created.id,
        AppointmentChanges.reschedule(
            start=new_start, end=new_start + timedelta(minutes=20), timezone=MELBOURNE.key
        ),
    )
    cancelled = sandbox_client.appointment_update(
        created.id, AppointmentChanges(status="cancelled", notes="Customer rang to cancel")
    )

    # Then each step is read back, with its stamp
    assert created.status == "requested"
    assert confirmed.status == "confirmed"
    assert confirmed.confirmed_at is not None
    assert moved.scheduled_start_at == new_start
    assert moved.status == "confirmed"
    assert cancelled.status == "cancelled"
    assert cancelled.cancelled_at is not None
    assert cancelled.confirmed_at == confirmed.confirmed_at
    assert cancelled.notes == "Customer rang to cancel"
    assert sandbox_client.appointment_get(created.id).status == "cancelled"


def test_a_refused_transition_is_a_422_on_status(sandbox_client):
    created = sandbox_client.appointment_create(a_repair())

    with pytest.raises(OmneoValidationError) as caught:
        sandbox_client.appointment_update(created.id, AppointmentChanges(status="completed"))

    assert list(caught.value.field_errors) == ["status"]


def test_the_stores_day_lists_every_page_in_start_order(sandbox_client):
    made = [sandbox_client.appointment_create(a_repair(hour)).id for hour in (15, 9, 12)]
    sandbox_client.appointment_update(made[0], AppointmentChanges(status="cancelled"))
    day_start = tomorrow_at(0)

    day = sandbox_client.appointments_between(
        13, day_start, day_start + timedelta(days=1), page_size=2
    )
    open_only = sandbox_client.appointments_between(
        13, day_start, day_start + timedelta(days=1), statuses=["requested", "confirmed"]
    )
    elsewhere = sandbox_client.appointments_between(15, day_start, day_start + timedelta(days=1))

    assert [a.id for a in day] == [made[1], made[2], made[0]]
    assert [a.id for a in open_only] == [made[1], made[2]]
    assert elsewhere == []


def test_a_put_that_times_out_happened_and_its_outcome_is_unknown(sandbox_base_url, settings):
    impatient = OmneoClient(
        base_url=sandbox_base_url, token=settings.OMNEO_SANDBOX_TOKEN, read_timeout=0.5
    )
    created = impatient.appointment_create(a_repair())
    faults.arm(
        kind="timeout", method="PUT", path_suffix=f"/v3/appointments/{created.id}", seconds=1.5
    )

    with pytest.raises(OmneoTimeout) as caught:
        impatient.appointment_update(created.id, AppointmentChanges(status="confirmed"))

    assert caught.value.outcome_unknown is True
    assert SandboxAppointment.objects.get(pk=created.id).status == "confirmed"


def test_a_put_refused_with_a_500_is_sent_once(sandbox_client):
    created = sandbox_client.appointment_create(a_repair())
    faults.arm(kind="server_error", method="PUT", path_suffix=f"/v3/appointments/{created.id}")

    with pytest.raises(OmneoServerError) as caught:
        sandbox_client.appointment_update(created.id, AppointmentChanges(status="confirmed"))

    assert caught.value.outcome_unknown is True
    assert SandboxAppointment.objects.get(pk=created.id).status == "requested"


def test_waitlist_create_then_fulfil(sandbox_client):
    # Given a customer waiting for a fitting
    wish = tomorrow_at(12)
    entry = sandbox_client.waitlist_create(
        WaitlistEntryInput(
            appointment_definition_id=1,
            profile_id=AVA,
            location_id=13,
            desired_start_at=wish.strftime("%Y-%m-%d %H:%M:%S"),
            notes="Midday if possible",
        )
    )
    waiting = sandbox_client.waitlist_list(location_id=13, status="active")

    # When a slot is booked for them and the entry is fulfilled with it
    booked = sandbox_client.appointment_create(a_repair(12))
    fulfilled = sandbox_client.waitlist_update(
        entry.id, status="fulfilled", appointment_id=booked.id
    )

    # Then the entry is no longer waiting and points at the booking
    assert entry.status == "active"
    assert entry.desired_start_at == wish
    assert [e.id for e in waiting] == [entry.id]
    assert fulfilled.status == "fulfilled"
    assert fulfilled.appointment_id == booked.id
    assert sandbox_client.waitlist_list(location_id=13, status="active") == []
    assert sandbox_client.waitlist_get(entry.id).status == "fulfilled"


def test_a_final_waitlist_entry_refuses_a_change(sandbox_client):
    entry = sandbox_client.waitlist_create(
        WaitlistEntryInput(appointment_definition_id=1, profile_id=AVA, location_id=13)
    )
    sandbox_client.waitlist_update(entry.id, status="cancelled")

    with pytest.raises(OmneoValidationError) as caught:
        sandbox_client.waitlist_update(entry.id, status="active")

    assert list(caught.value.field_errors) == ["status"]
