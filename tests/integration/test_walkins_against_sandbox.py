"""The real client against the live sandbox over HTTP: a walk-in's queue entry, visit, history."""

from __future__ import annotations

from datetime import timedelta

import pytest

from booking_portal.omneo.errors import (
    OmneoBadResponse,
    OmneoNotFound,
    OmneoServerError,
    OmneoValidationError,
)
from booking_portal.omneo.resources import QueueEntryInput, StoreAppointment, VisitInput
from booking_portal.sandbox import faults
from booking_portal.sandbox.models import SandboxQueueEntry, SandboxVisit
from tests.unit.sandbox.conftest import AVA, tomorrow_at

pytestmark = pytest.mark.integration
WALK_IN, STYLING, REPAIR = 4, 2, 3


@pytest.fixture(autouse=True)
def _faults_allowed(settings, sandbox_base_url):
    settings.OMNEO_SANDBOX_FAULTS = True
    faults.clear()


def a_repair(hour: int) -> StoreAppointment:
    start = tomorrow_at(hour)
    return StoreAppointment(
        appointment_definition_id=REPAIR,
        profile_id=AVA,
        location_id=13,
        scheduled_start_at=start.strftime("%Y-%m-%d %H:%M:%S"),
        scheduled_end_at=(start + timedelta(minutes=20)).strftime("%Y-%m-%d %H:%M:%S"),
        timezone="Australia/Melbourne",
    )


def test_a_walk_in_waits_is_called_and_served_into_an_appointment(sandbox_client):
    # Given an anonymous walk-in and a named one at Melbourne Central
    anonymous = sandbox_client.queue_create(
        QueueEntryInput(appointment_definition_id=WALK_IN, location_id=13)
    )
    named = sandbox_client.queue_create(
        QueueEntryInput(appointment_definition_id=WALK_IN, location_id=13, profile_id=AVA)
    )

    # When the named one is called, then served with the appointment made for them
    sandbox_client.queue_update(named.id, status="called", meta={"called_at": "10:05"})
    appointment = sandbox_client.appointment_create(a_repair(10))
    served = sandbox_client.queue_update(named.id, status="served", appointment_id=appointment.id)

    # Then the queue shows who still waits, oldest first, and the served entry is final
    waiting = sandbox_client.queue_list(location_id=13, status="waiting")
    assert [entry.id for entry in waiting] == [anonymous.id]
    assert anonymous.is_anonymous
    assert anonymous.location is not None
    assert (served.status, served.appointment_id) == ("served", appointment.id)
    assert served.profile is not None
    assert served.profile.first_name == "Ava"
    assert sandbox_client.queue_get(named.id).meta == {"called_at": "10:05"}
    with pytest.raises(OmneoValidationError) as caught:
        sandbox_client.queue_update(named.id, status="waiting")
    assert "status" in caught.value.field_errors


def test_a_service_that_takes_no_walk_ins_is_refused_on_its_field(sandbox_client):
    with pytest.raises(OmneoValidationError) as caught:
        sandbox_client.queue_create(
            QueueEntryInput(appointment_definition_id=STYLING, location_id=13)
        )

    assert "appointment_definition_id" in caught.value.field_errors


def test_a_queue_create_refused_with_a_500_is_sent_once(sandbox_client):
    faults.arm(kind="server_error", method="POST", path_suffix="/v3/appointment-queues")

    with pytest.raises(OmneoServerError) as caught:
        sandbox_client.queue_create(
            QueueEntryInput(appointment_definition_id=WALK_IN, location_id=13)
        )

    assert caught.value.outcome_unknown is True
    assert not SandboxQueueEntry.objects.exists()


def test_a_visit_is_recorded_once_and_found_by_its_external_id(sandbox_client):
    visit = VisitInput(
        visited_at="2026-05-11 10:30:00",
        timezone="Australia/Melbourne",
        location_id=13,
        external_id="APPT-42",
        tags=("walk-in",),
    )

    recorded = sandbox_client.visit_create(AVA, visit)
    found = sandbox_client.visit_list(AVA, external_id="APPT-42")
    other = sandbox_client.visit_list(AVA, external_id="APPT-43")

    assert [v.id for v in found] == [recorded.id]
    assert recorded.visited_at is not None
    assert recorded.visited_at.isoformat() == "2026-05-11T00:30:00+00:00"
    assert recorded.tags == ("walk-in",)
    assert other == []


def test_a_visit_whose_answer_is_lost_was_still_recorded(sandbox_client):
    faults.arm(kind="no_data", method="POST", path_suffix=f"/v3/profiles/{AVA}/visits")

    with pytest.raises(OmneoBadResponse) as caught:
        sandbox_client.visit_create(
            AVA, VisitInput(visited_at="2026-05-11 10:30:00", timezone="Australia/Melbourne")
        )

    assert caught.value.outcome_unknown is True
    assert SandboxVisit.objects.count() == 1


def test_a_customers_appointments_newest_first(sandbox_client):
    early = sandbox_client.appointment_create(a_repair(9))
    late = sandbox_client.appointment_create(a_repair(15))

    mine = sandbox_client.profile_appointments(AVA)
    requested = sandbox_client.profile_appointments(AVA, status="requested")
    listed = sandbox_client.appointment_list(filters={"profile_id": AVA})

    assert [a.id for a in mine] == [late.id, early.id]
    assert [a.id for a in requested] == [late.id, early.id]
    assert [a.id for a in listed] == [late.id, early.id]


def test_an_unknown_customer_is_not_found(sandbox_client):
    with pytest.raises(OmneoNotFound):
        sandbox_client.visit_list("nobody")
    with pytest.raises(OmneoNotFound):
        sandbox_client.profile_appointments("nobody")
