"""/v3/profiles/{id}/visits and /v3/profiles/{id}/appointments: a customer's history."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from booking_portal.sandbox.models import SandboxVisit
from tests.unit.sandbox.conftest import AVA, fitting_body, tomorrow_at

VISITS = f"/v3/profiles/{AVA}/visits"
MELBOURNE = ZoneInfo("Australia/Melbourne")


def visit_body(**overrides) -> dict:
    body = {
        "visited_at": "2026-05-11 10:30:00",
        "timezone": "Australia/Melbourne",
        "location_id": 13,
        "external_id": "APPT-7",
        "tags": ["walk-in"],
    }
    return {**body, **overrides}


def record(sandbox, **overrides) -> dict:
    response = sandbox.post(VISITS, visit_body(**overrides))
    assert response.status_code == 201, response.content
    return response.json()["data"]


def test_a_visit_is_stored_in_its_zone_and_answered_in_utc_as_visited_at(sandbox):
    visit = record(sandbox)

    assert visit["visited_at"] == "2026-05-11T00:30:00.000000Z"
    assert "occurred_at" not in visit
    assert (visit["external_id"], visit["tags"], visit["location_id"]) == (
        "APPT-7",
        ["walk-in"],
        13,
    )
    assert SandboxVisit.objects.get().visited_at == datetime(2026, 5, 11, 10, 30, tzinfo=MELBOURNE)


def test_occurred_at_is_accepted_and_answered_as_visited_at(sandbox):
    body = visit_body()
    body["occurred_at"] = body.pop("visited_at")

    response = sandbox.post(VISITS, body)

    assert response.status_code == 201
    assert response.json()["data"]["visited_at"] == "2026-05-11T00:30:00.000000Z"


@pytest.mark.parametrize(
    ("body", "key", "message"),
    [
        ({"timezone": "Australia/Melbourne"}, "visited_at", "required"),
        (visit_body(timezone="Mars/Base"), "timezone", "valid timezone"),
        (visit_body(visited_at="today"), "visited_at", "format"),
        (visit_body(location_id=99), "location_id", "invalid"),
        (visit_body(location_id="13"), "location_id", "integer"),
        (visit_body(staff_id="nobody"), "staff_id", "invalid"),
        (visit_body(tags="vip"), "tags", "array"),
    ],
)
def test_a_visit_is_refused_with_the_field_at_fault(sandbox, body, key, message):
    response = sandbox.post(VISITS, body)

    assert response.status_code == 422
    assert message in " ".join(response.json()["errors"][key])


def test_the_list_finds_a_visit_by_external_id_newest_first(sandbox):
    older = record(sandbox, external_id="APPT-1", visited_at="2026-05-10 10:00:00")
    newer = record(sandbox, external_id="APPT-2")

    every = sandbox.get(VISITS).json()
    found = sandbox.get(VISITS, **{"filter[external_id]": "APPT-1"}).json()
    none = sandbox.get(VISITS, **{"filter[external_id]": "APPT-9"}).json()

    assert [v["id"] for v in every["data"]] == [newer["id"], older["id"]]
    assert [v["id"] for v in found["data"]] == [older["id"]]
    assert none["data"] == []


def test_read_change_and_delete_one_visit(sandbox):
    visit = record(sandbox)
    path = f"{VISITS}/{visit['id']}"

    changed = sandbox.put(
        path,
        {
            "tags": ["served"],
            "occurred_at": "2026-05-11 11:00:00",
            "timezone": "Australia/Melbourne",
        },
    )

    assert changed.json()["data"]["tags"] == ["served"]
    assert changed.json()["data"]["visited_at"] == "2026-05-11T01:00:00.000000Z"
    assert sandbox.get(path).status_code == 200
    assert sandbox.delete(path).status_code == 204
    assert sandbox.get(path).status_code == 404


def test_an_unknown_customer_is_not_found(sandbox):
    assert sandbox.get("/v3/profiles/nobody/visits").status_code == 404
    assert sandbox.post("/v3/profiles/nobody/visits", visit_body()).status_code == 404
    assert sandbox.get("/v3/profiles/nobody/appointments").status_code == 404


def test_a_customers_appointments_newest_first_and_by_status(sandbox):
    early = sandbox.post("/v3/appointments", fitting_body()).json()["data"]
    start = tomorrow_at(15)
    late_body = fitting_body(
        scheduled_start_at=start.strftime("%Y-%m-%d %H:%M:%S"),
        scheduled_end_at=start.replace(minute=45).strftime("%Y-%m-%d %H:%M:%S"),
    )
    late = sandbox.post("/v3/appointments", late_body).json()["data"]
    sandbox.put(f"/v3/appointments/{early['id']}", {"status": "cancelled"})

    mine = sandbox.get(f"/v3/profiles/{AVA}/appointments").json()
    cancelled = sandbox.get(f"/v3/profiles/{AVA}/appointments", **{"filter[status]": "cancelled"})

    assert [a["id"] for a in mine["data"]] == [late["id"], early["id"]]
    assert [a["id"] for a in cancelled.json()["data"]] == [early["id"]]


def test_the_appointment_list_filters_by_profile_newest_first(sandbox):
    early = sandbox.post("/v3/appointments", fitting_body()).json()["data"]
    start = tomorrow_at(15)
    late = sandbox.post(
        "/v3/appointments",
        fitting_body(
            scheduled_start_at=start.strftime("%Y-%m-%d %H:%M:%S"),
            scheduled_end_at=start.replace(minute=45).strftime("%Y-%m-%d %H:%M:%S"),
        ),
    ).json()["data"]

    listed = sandbox.get(
        "/v3/appointments", **{"filter[profile_id]": AVA, "sort": "-scheduled_start_at"}
    ).json()

    assert [a["id"] for a in listed["data"]] == [late["id"], early["id"]]
