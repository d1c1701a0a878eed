"""/v3/appointment-queues: walk-ins added (named or anonymous), filtered, moved on, removed."""

from __future__ import annotations

import pytest

from booking_portal.sandbox import data, faults
from tests.unit.sandbox.conftest import AVA, FITTING, STYLING, WALK_IN, fitting_body

QUEUES = "/v3/appointment-queues"
MIA = data.demo_uuid("staff:Mia.Chen")


def entry_body(**overrides) -> dict:
    return {"appointment_definition_id": WALK_IN, "location_id": 13, **overrides}


def add(sandbox, **overrides) -> dict:
    response = sandbox.post(QUEUES, entry_body(**overrides))
    assert response.status_code == 201, response.content
    return response.json()["data"]


def test_an_anonymous_walk_in_waits_with_no_profile(sandbox):
    entry = add(sandbox, notes="Hem", meta={"source": "counter"})

    assert entry["status"] == "waiting"
    assert (entry["profile_id"], entry["profile"], entry["staff"]) == (None, None, None)
    assert entry["location"]["timezone"] == "Australia/Melbourne"
    assert (entry["notes"], entry["meta"]) == ("Hem", {"source": "counter"})
    assert entry["created_at"].endswith("Z")


def test_a_named_walk_in_carries_the_customer_and_staff(sandbox):
    entry = add(sandbox, appointment_definition_id=FITTING, profile_id=AVA, staff_id=MIA)

    assert entry["profile"]["first_name"] == "Ava"
    assert entry["staff"]["first_name"] == "Mia"


@pytest.mark.parametrize(
    ("body", "key", "message"),
    [
        (entry_body(appointment_definition_id=None), "appointment_definition_id", "required"),
        (entry_body(location_id=None), "location_id", "required"),
        (entry_body(location_id="13"), "location_id", "must be an integer"),
        (entry_body(appointment_definition_id=STYLING), "appointment_definition_id", "walk-ins"),
        (entry_body(appointment_definition_id=99), "appointment_definition_id", "invalid"),
        (entry_body(appointment_definition_id=3, location_id=14), "location_id", "not offered"),
        (entry_body(profile_id="nobody"), "profile_id", "invalid"),
        (entry_body(staff_id="nobody"), "staff_id", "invalid"),
        (entry_body(status="asleep"), "status", "invalid"),
        (entry_body(meta=["x"]), "meta", "object"),
        (entry_body(appointment_id=999_999), "appointment_id", "invalid"),
    ],
)
def test_a_create_is_refused_with_the_field_at_fault(sandbox, body, key, message):
    response = sandbox.post(QUEUES, body)

    assert response.status_code == 422
    assert message in " ".join(response.json()["errors"][key])


@pytest.mark.parametrize(
    "path",
    [["called", "served"], ["called", "cancelled"], ["served"], ["cancelled"]],
)
def test_the_allowed_transitions(sandbox, path):
    entry = add(sandbox)

    for status in path:
        response = sandbox.put(f"{QUEUES}/{entry['id']}", {"status": status})
        assert response.status_code == 200, response.content

    assert response.json()["data"]["status"] == path[-1]


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("served", "called"),
        ("cancelled", "waiting"),
        ("called", "waiting"),
        ("served", "cancelled"),
    ],
)
def test_a_refused_transition_is_a_422_on_status(sandbox, first, then):
    entry = add(sandbox)
    sandbox.put(f"{QUEUES}/{entry['id']}", {"status": first})

    response = sandbox.put(f"{QUEUES}/{entry['id']}", {"status": then})

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["status"]


def test_serving_links_the_appointment_made_and_keeps_meta(sandbox):
    entry = add(sandbox)
    appointment_id = sandbox.post("/v3/appointments", fitting_body()).json()["data"]["id"]

    response = sandbox.put(
        f"{QUEUES}/{entry['id']}",
        {"status": "served", "appointment_id": appointment_id, "meta": {"served_at": "10:30"}},
    )

    served = response.json()["data"]
    assert (served["appointment_id"], served["meta"]) == (appointment_id, {"served_at": "10:30"})


def test_the_list_filters_and_sorts_oldest_first_unless_asked(sandbox):
    first = add(sandbox)
    second = add(sandbox, appointment_definition_id=FITTING, profile_id=AVA)
    add(sandbox, location_id=14)
    sandbox.put(f"{QUEUES}/{second['id']}", {"status": "called"})

    at_melbourne = sandbox.get(QUEUES, **{"filter[location_id]": "13"}).json()
    newest = sandbox.get(QUEUES, **{"filter[location_id]": "13", "sort": "-created_at"}).json()
    waiting = sandbox.get(QUEUES, **{"filter[status]": "waiting"}).json()
    hers = sandbox.get(QUEUES, **{"filter[profile_id]": AVA}).json()

    assert [e["id"] for e in at_melbourne["data"]] == [first["id"], second["id"]]
    assert [e["id"] for e in newest["data"]] == [second["id"], first["id"]]
    assert waiting["meta"]["total"] == 2
    assert [e["id"] for e in hers["data"]] == [second["id"]]


def test_read_delete_and_an_unknown_entry(sandbox):
    entry = add(sandbox)

    assert sandbox.get(f"{QUEUES}/{entry['id']}").json()["data"]["id"] == entry["id"]
    assert sandbox.delete(f"{QUEUES}/{entry['id']}").status_code == 204
    missing = sandbox.get(f"{QUEUES}/{entry['id']}")
    assert missing.status_code == 404
    assert "AppointmentQueue" in missing.json()["message"]


def test_armed_faults_answer_queue_writes(sandbox, settings):
    settings.OMNEO_SANDBOX_FAULTS = True
    entry = add(sandbox)
    faults.arm(kind="server_error", method="POST", path_suffix=QUEUES)
    faults.arm(kind="no_data", method="PUT", path_suffix=f"{QUEUES}/{entry['id']}")

    refused = sandbox.post(QUEUES, entry_body())
    applied = sandbox.put(f"{QUEUES}/{entry['id']}", {"status": "called"})

    assert refused.status_code == 500
    assert applied.json()["appointment_queue"]["status"] == "called"
