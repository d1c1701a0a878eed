"""/v3/appointment-waitlists: create, filter and page, read, fulfil or cancel, delete."""

from __future__ import annotations

import pytest

from booking_portal.sandbox import data
from booking_portal.sandbox.models import SandboxWaitlistEntry
from tests.unit.sandbox.conftest import AVA, WALK_IN, fitting_body, tomorrow_at

OLIVER = data.demo_uuid("customer:Oliver.Smith")
WAITLISTS = "/v3/appointment-waitlists"


def entry_body(**overrides) -> dict:
    return {"appointment_definition_id": 1, "profile_id": AVA, "location_id": 13, **overrides}


def add(sandbox, **overrides) -> dict:
    response = sandbox.post(WAITLISTS, entry_body(**overrides))
    assert response.status_code == 201, response.content
    return response.json()["data"]


def booked(sandbox) -> int:
    return sandbox.post("/v3/appointments", fitting_body()).json()["data"]["id"]


def test_a_new_entry_is_active_with_its_store_local_wish_in_utc(sandbox):
    wish = tomorrow_at(12)

    entry = add(
        sandbox, desired_start_at=wish.strftime("%Y-%m-%d %H:%M:%S"), notes="Midday", meta=["x"]
    )

    assert entry["status"] == "active"
    assert entry["desired_start_at"].endswith("Z")
    assert SandboxWaitlistEntry.objects.get().desired_start == wish
    assert entry["profile"]["first_name"] == "Ava"
    assert entry["location"]["timezone"] == "Australia/Melbourne"
    assert entry["appointment_id"] is None
    assert (entry["notes"], entry["meta"]) == ("Midday", ["x"])


@pytest.mark.parametrize(
    ("body", "key", "message"),
    [
        (entry_body(appointment_definition_id=None), "appointment_definition_id", "required"),
        (entry_body(profile_id=None), "profile_id", "required"),
        (entry_body(location_id="13"), "location_id", "must be an integer"),
        (entry_body(appointment_definition_id=WALK_IN), "appointment_definition_id", "waitlist"),
        (entry_body(appointment_definition_id=99), "appointment_definition_id", "invalid"),
        (entry_body(profile_id="nobody"), "profile_id", "invalid"),
        (entry_body(appointment_definition_id=3, location_id=14), "location_id", "not offered"),
        (entry_body(desired_start_at="tomorrow"), "desired_start_at", "format"),
        (entry_body(status="fulfilled"), "status", "must be active"),
        (entry_body(meta="vip"), "meta", "array"),
    ],
)
def test_a_create_is_refused_with_the_field_at_fault(sandbox, body, key, message):
    response = sandbox.post(WAITLISTS, body)

    assert response.status_code == 422
    assert key in response.json()["errors"]
    assert message in response.json()["errors"][key][0]
    assert not SandboxWaitlistEntry.objects.exists()


def test_most_demo_services_take_a_waitlist():
    takes = {d["id"] for d in data.DEFINITIONS.values() if d["allow_waitlist"]}

    assert {1, 2, 3, 7} <= takes
    assert WALK_IN not in takes


def test_lists_filter_and_page(sandbox):
    first = add(sandbox)
    perth = add(sandbox, location_id=15, profile_id=OLIVER)
    repair = add(sandbox, appointment_definition_id=3)
    sandbox.put(f"{WAITLISTS}/{repair['id']}", {"status": "cancelled"})

    def ids(**params):
        return [e["id"] for e in sandbox.get(WAITLISTS, **params).json()["data"]]

    assert ids() == [first["id"], perth["id"], repair["id"]]
    assert ids(**{"filter[location_id]": "15"}) == [perth["id"]]
    assert ids(**{"filter[profile_id]": OLIVER}) == [perth["id"]]
    assert ids(**{"filter[status]": "active"}) == [first["id"], perth["id"]]
    assert ids(**{"filter[appointment_definition_id]": "3"}) == [repair["id"]]
    assert ids(**{"filter[location_id]": "abc"}) == []
    paged = sandbox.get(WAITLISTS, **{"page[size]": 2, "page[number]": 2}).json()
    assert [e["id"] for e in paged["data"]] == [repair["id"]]
    assert paged["meta"]["last_page"] == 2


def test_an_entry_is_fulfilled_with_the_appointment_booked(sandbox):
    entry = add(sandbox)
    appointment_id = booked(sandbox)

    response = sandbox.put(
        f"{WAITLISTS}/{entry['id']}", {"status": "fulfilled", "appointment_id": appointment_id}
    )

    assert response.status_code == 200, response.content
    assert response.json()["data"]["status"] == "fulfilled"
    assert response.json()["data"]["appointment_id"] == appointment_id
    assert response.json()["data"]["fulfilled_at"] is not None
    assert sandbox.get(f"{WAITLISTS}/{entry['id']}").json()["data"]["status"] == "fulfilled"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "fulfilled"}, "required when status is fulfilled"),
        ({"status": "fulfilled", "appointment_id": 999}, "invalid"),
        ({"status": "fulfilled", "appointment_id": "1"}, "must be an integer"),
    ],
)
def test_fulfilling_needs_an_existing_appointment(sandbox, change, message):
    entry = add(sandbox)

    response = sandbox.put(f"{WAITLISTS}/{entry['id']}", change)

    assert response.status_code == 422
    assert message in response.json()["errors"]["appointment_id"][0]
    assert SandboxWaitlistEntry.objects.get().status == "active"


@pytest.mark.parametrize("final", ["fulfilled", "cancelled"])
@pytest.mark.parametrize("wanted", ["active", "fulfilled", "cancelled"])
def test_fulfilled_and_cancelled_are_final(sandbox, final, wanted):
    entry = add(sandbox)
    appointment_id = booked(sandbox)
    path = f"{WAITLISTS}/{entry['id']}"
    sandbox.put(path, {"status": final, "appointment_id": appointment_id})

    response = sandbox.put(path, {"status": wanted, "appointment_id": appointment_id})

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["status"]
    assert SandboxWaitlistEntry.objects.get().status == final


@pytest.mark.parametrize(
    ("wanted", "expected"), [("active", 422), ("paused", 422), ("cancelled", 200)]
)
def test_an_active_entry_moves_only_by_the_table(sandbox, wanted, expected):
    entry = add(sandbox)

    response = sandbox.put(f"{WAITLISTS}/{entry['id']}", {"status": wanted})

    assert response.status_code == expected


def test_read_and_delete_and_404(sandbox):
    entry = add(sandbox)
    path = f"{WAITLISTS}/{entry['id']}"

    read = sandbox.get(path)
    deleted = sandbox.delete(path)
    gone = sandbox.get(path)

    assert read.json()["data"]["id"] == entry["id"]
    assert deleted.status_code == 204
    assert gone.status_code == 404
    assert gone.json() == {"message": "No query results for model [AppointmentWaitlist]."}
    assert sandbox.put(path, {"status": "cancelled"}).status_code == 404
