"""PUT /v3/appointments/{id}: the transition table, stamps, reschedules, staff, notes and links."""

from __future__ import annotations

from datetime import UTC, timedelta
from itertools import product

import pytest

from booking_portal.sandbox import data, faults
from booking_portal.sandbox.appointments.lifecycle import ALLOWED_TRANSITIONS, STATUS_STAMPS
from booking_portal.sandbox.models import SandboxAppointment
from tests.unit.sandbox.conftest import consultation_body, fitting_body, tomorrow_at

WIRE = "%Y-%m-%d %H:%M:%S"
STATUSES = tuple(ALLOWED_TRANSITIONS)
NOAH = data.demo_uuid("staff:Noah.Walker")
ISLA = data.demo_uuid("staff:Isla.Brown")  # Brisbane staff: not in Melbourne's pool


def book(sandbox, body) -> dict:
    response = sandbox.post("/v3/appointments", body)
    assert response.status_code == 201, response.content
    return response.json()["data"]


def fitting_at(hour: int, minute: int = 0, **overrides) -> dict:
    start = tomorrow_at(hour, minute)
    return fitting_body(
        scheduled_start_at=start.strftime(WIRE),
        scheduled_end_at=(start + timedelta(minutes=45)).strftime(WIRE),
        **overrides,
    )


def moved(hour: int, minute: int = 0, minutes: int = 45, **extra) -> dict:
    start = tomorrow_at(hour, minute)
    return {
        "scheduled_start_at": start.strftime(WIRE),
        "scheduled_end_at": (start + timedelta(minutes=minutes)).strftime(WIRE),
        "timezone": "Australia/Melbourne",
        **extra,
    }


PAIRS = list(product(STATUSES, STATUSES))


@pytest.mark.parametrize(("current", "wanted"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_every_status_change_follows_the_one_table(sandbox, current, wanted):
    appointment = book(sandbox, fitting_body(status=current))

    response = sandbox.put(f"/v3/appointments/{appointment['id']}", {"status": wanted})

    stored = SandboxAppointment.objects.get(pk=appointment["id"])
    if wanted in ALLOWED_TRANSITIONS[current]:
        assert response.status_code == 200, response.content
        assert response.json()["data"]["status"] == wanted
        assert response.json()["data"][STATUS_STAMPS[wanted]] is not None
        assert stored.status == wanted
    else:
        assert response.status_code == 422
        assert list(response.json()["errors"]) == ["status"]
        assert stored.status == current


def test_the_table_is_the_documented_lifecycle():
    assert {status: set(targets) for status, targets in ALLOWED_TRANSITIONS.items()} == {
        "requested": {"confirmed", "rejected", "cancelled"},
        "confirmed": {"arrived", "no_show", "cancelled"},
        "arrived": {"completed"},
        "cancelled": set(),
        "rejected": set(),
        "completed": set(),
        "no_show": set(),
    }


def test_an_unknown_status_is_invalid(sandbox):
    appointment = book(sandbox, fitting_body())

    response = sandbox.put(f"/v3/appointments/{appointment['id']}", {"status": "paused"})

    assert response.status_code == 422
    assert response.json()["errors"] == {"status": ["The selected status is invalid."]}


def test_each_stamp_stays_set_along_the_way(sandbox):
    appointment = book(sandbox, fitting_body())
    path = f"/v3/appointments/{appointment['id']}"

    sandbox.put(path, {"status": "arrived"})
    done = sandbox.put(path, {"status": "completed"}).json()["data"]

    assert all(done[stamp] for stamp in ("confirmed_at", "arrived_at", "completed_at"))
    assert done["cancelled_at"] is None
    assert sandbox.get(path).json()["data"]["completed_at"] == done["completed_at"]


def test_a_reschedule_moves_a_confirmed_appointment(sandbox):
    appointment = book(sandbox, fitting_at(10))

    response = sandbox.put(f"/v3/appointments/{appointment['id']}", moved(11, 15))

    assert response.status_code == 200, response.content
    expected = tomorrow_at(11, 15).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000000Z")
    assert response.json()["data"]["scheduled_start_at"] == expected
    assert SandboxAppointment.objects.get(pk=appointment["id"]).start == tomorrow_at(11, 15)


def test_a_requested_appointment_can_be_moved_and_confirmed_at_once(sandbox):
    start = tomorrow_at(10)
    repair = book(
        sandbox,
        fitting_body(
            appointment_definition_id=3,
            scheduled_end_at=(start + timedelta(minutes=20)).strftime(WIRE),
            answers=[],
        ),
    )

    response = sandbox.put(
        f"/v3/appointments/{repair['id']}", {**moved(12, minutes=20), "status": "confirmed"}
    )

    assert response.status_code == 200, response.content
    assert response.json()["data"]["status"] == "confirmed"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (moved(11, 15, minutes=30), "scheduled_end_at", "must be 45 minutes after the start"),
        ({"scheduled_start_at": tomorrow_at(11).strftime(WIRE)}, "scheduled_end_at", "45"),
        (moved(5), "scheduled_start_at", "outside the service's hours"),
        (moved(11, timezone="Australia/Perth"), "timezone", "the store's time zone"),
        (moved(11, timezone="Mars/Base"), "timezone", "valid timezone"),
        ({"scheduled_start_at": "tomorrow"}, "scheduled_start_at", "format"),
        ({"scheduled_start_at": ""}, "scheduled_start_at", "required"),
        ({"timezone": 7}, "timezone", "must be a string"),
    ],
)
def test_a_reschedule_is_checked_like_a_create(sandbox, change, field, message):
    appointment = book(sandbox, fitting_at(10))

    response = sandbox.put(f"/v3/appointments/{appointment['id']}", change)

    assert response.status_code == 422
    assert message in " ".join(response.json()["errors"][field])
    assert SandboxAppointment.objects.get(pk=appointment["id"]).start == tomorrow_at(10)


def test_a_reschedule_into_the_past_breaks_the_lead_time(sandbox):
    appointment = book(sandbox, fitting_at(10))
    yesterday = tomorrow_at(10) - timedelta(days=2)

    response = sandbox.put(
        f"/v3/appointments/{appointment['id']}",
        {
            "scheduled_start_at": yesterday.strftime(WIRE),
            "scheduled_end_at": (yesterday + timedelta(minutes=45)).strftime(WIRE),
        },
    )

    assert response.status_code == 422
    assert "at least 30 minutes away" in response.json()["errors"]["scheduled_start_at"][0]


def test_a_reschedule_into_a_full_slot_is_refused(sandbox):
    book(sandbox, fitting_at(11))
    book(sandbox, fitting_at(11))  # the fitting takes two at once
    appointment = book(sandbox, fitting_at(9))

    response = sandbox.put(f"/v3/appointments/{appointment['id']}", moved(11))

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "scheduled_start_at": ["That time is no longer available."]
    }


def test_a_reschedule_does_not_count_the_appointment_itself(sandbox):
    # Given 10:00 is full: this appointment and one other
    book(sandbox, fitting_at(10))
    appointment = book(sandbox, fitting_at(10))

    # When it moves 15 minutes (still overlapping its own old time)
    response = sandbox.put(f"/v3/appointments/{appointment['id']}", moved(10, 15))

    # Then only the other booking counts against the new time
    assert response.status_code == 200, response.content


def test_a_staff_reschedule_is_refused_when_the_staff_member_is_busy(sandbox):
    book(sandbox, consultation_body(hour=11))
    mine = book(sandbox, consultation_body(hour=13))

    response = sandbox.put(f"/v3/appointments/{mine['id']}", moved(11, minutes=60))

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "scheduled_start_at": ["That time is no longer available."]
    }


@pytest.mark.parametrize("status", ["arrived", "cancelled", "completed", "no_show", "rejected"])
def test_only_requested_or_confirmed_appointments_move(sandbox, status):
    appointment = book(sandbox, fitting_at(10, status=status))

    response = sandbox.put(f"/v3/appointments/{appointment['id']}", moved(12))

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"scheduled_start_at", "scheduled_end_at", "timezone"}


def test_staff_can_be_reassigned_within_the_pool(sandbox):
    mine = book(sandbox, consultation_body(hour=11))

    response = sandbox.put(f"/v3/appointments/{mine['id']}", {"assigned_staff_id": NOAH})

    assert response.status_code == 200, response.content
    assert response.json()["data"]["assigned_staff"]["first_name"] == "Noah"


@pytest.mark.parametrize(
    ("staff_id", "message"),
    [
        (ISLA, "The selected assigned staff id is invalid."),
        (None, "The assigned staff id field is required."),
    ],
)
def test_staff_outside_the_pool_or_none_is_refused(sandbox, staff_id, message):
    mine = book(sandbox, consultation_body(hour=11))

    response = sandbox.put(f"/v3/appointments/{mine['id']}", {"assigned_staff_id": staff_id})

    assert response.status_code == 422
    assert response.json()["errors"] == {"assigned_staff_id": [message]}


def test_a_busy_staff_member_cannot_be_assigned(sandbox):
    book(sandbox, consultation_body(hour=11, assigned_staff_id=NOAH))
    mine = book(sandbox, consultation_body(hour=11))

    response = sandbox.put(f"/v3/appointments/{mine['id']}", {"assigned_staff_id": NOAH})

    assert response.status_code == 422
    assert "not available" in response.json()["errors"]["assigned_staff_id"][0]


def test_notes_meta_and_links_change_and_detach(sandbox):
    appointment = book(sandbox, fitting_body(transaction={"id": 1001}, notes="Old"))
    path = f"/v3/appointments/{appointment['id']}"

    changed = sandbox.put(
        path, {"notes": "Rang ahead", "meta": ["vip"], "order": {"order_number": "SO-2002"}}
    ).json()["data"]
    detached = sandbox.put(path, {"transaction": None, "notes": None}).json()["data"]

    assert changed["notes"] == "Rang ahead"
    assert changed["meta"] == ["vip"]
    assert changed["order"]["id"] == 2002
    assert changed["transaction"]["id"] == 1001
    assert detached["transaction"] is None
    assert detached["transaction_id"] is None
    assert detached["notes"] is None
    assert detached["order_id"] == 2002


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"transaction": {"id": 5}}, "transaction.id"),
        ({"order": {"order_number": "SO-1"}}, "order.order_number"),
        ({"meta": "vip"}, "meta"),
        ({"notes": 3}, "notes"),
    ],
)
def test_bad_links_and_fields_are_refused_like_a_create(sandbox, change, key):
    appointment = book(sandbox, fitting_body())

    response = sandbox.put(f"/v3/appointments/{appointment['id']}", change)

    assert response.status_code == 422
    assert list(response.json()["errors"]) == [key]


def test_an_unknown_appointment_is_a_404(sandbox):
    response = sandbox.put("/v3/appointments/999", {"status": "cancelled"})

    assert response.status_code == 404
    assert response.json() == {"message": "No query results for model [Appointment]."}


def test_a_body_that_is_not_an_object_is_refused(sandbox):
    appointment = book(sandbox, fitting_body())

    response = sandbox.put(f"/v3/appointments/{appointment['id']}", ["cancelled"])

    assert response.status_code == 422


def test_faults_apply_to_a_put(sandbox, settings):
    settings.OMNEO_SANDBOX_FAULTS = True
    appointment = book(sandbox, fitting_body())
    path = f"/v3/appointments/{appointment['id']}"
    faults.arm(kind="server_error", method="PUT", path_suffix=path)

    failed = sandbox.put(path, {"status": "cancelled"})
    retried = sandbox.put(path, {"status": "cancelled"})

    assert failed.status_code == 500
    assert retried.status_code == 200
    assert SandboxAppointment.objects.get(pk=appointment["id"]).status == "cancelled"


def test_a_malformed_answer_to_a_put_follows_a_real_change(sandbox, settings):
    settings.OMNEO_SANDBOX_FAULTS = True
    appointment = book(sandbox, fitting_body())
    faults.arm(kind="malformed", method="PUT", path_suffix=f"/v3/appointments/{appointment['id']}")

    response = sandbox.put(f"/v3/appointments/{appointment['id']}", {"status": "arrived"})

    assert response.status_code == 200
    assert SandboxAppointment.objects.get(pk=appointment["id"]).status == "arrived"
