"""GET /v3/appointments: filters, time ranges, sort and pages; GET /v3/appointments/{id}."""

from __future__ import annotations

from datetime import UTC, timedelta

from booking_portal.sandbox import data
from tests.unit.sandbox.conftest import REPAIR, fitting_body, tomorrow_at

OLIVER = data.demo_uuid("customer:Oliver.Smith")


def at(hour: int, **overrides):
    start = tomorrow_at(hour)
    return fitting_body(
        scheduled_start_at=start.strftime("%Y-%m-%d %H:%M:%S"),
        scheduled_end_at=(start + timedelta(minutes=45)).strftime("%Y-%m-%d %H:%M:%S"),
        **overrides,
    )


def book(sandbox, body) -> int:
    response = sandbox.post("/v3/appointments", body)
    assert response.status_code == 201, response.content
    return response.json()["data"]["id"]


def ids(sandbox, **params) -> list[int]:
    response = sandbox.get("/v3/appointments", **params)
    assert response.status_code == 200
    return [item["id"] for item in response.json()["data"]]


def test_filters_by_field_and_start_time(sandbox):
    nine = book(sandbox, at(9))
    noon = book(sandbox, at(12, profile_id=OLIVER))
    three = book(sandbox, at(15))
    noon_utc = tomorrow_at(12).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    assert ids(sandbox, **{"filter[profile_id]": OLIVER}) == [noon]
    assert ids(sandbox, **{"filter[scheduled_start_at][gte]": noon_utc}) == [noon, three]
    assert ids(sandbox, **{"filter[scheduled_start_at][lte]": noon_utc}) == [nine, noon]
    assert ids(sandbox, **{"filter[status]": "requested"}) == []
    assert ids(sandbox, **{"filter[location_id]": "14"}) == []
    assert ids(sandbox, **{"filter[appointment_definition_id]": "1"}) == [nine, noon, three]


def test_an_approval_service_starts_requested_and_filters_by_status(sandbox):
    start = tomorrow_at(10)
    body = fitting_body(
        appointment_definition_id=REPAIR,
        scheduled_end_at=(start + timedelta(minutes=20)).strftime("%Y-%m-%d %H:%M:%S"),
        answers=[],
    )
    created = sandbox.post("/v3/appointments", body).json()["data"]

    assert created["status"] == "requested"
    assert created["confirmed_at"] is None
    assert ids(sandbox, **{"filter[status]": "requested"}) == [created["id"]]


def test_sorts_and_pages(sandbox):
    made = [book(sandbox, at(hour)) for hour in (9, 10, 11)]

    newest_first = sandbox.get("/v3/appointments", sort="-scheduled_start_at", **{"page[size]": 2})
    second_page = sandbox.get(
        "/v3/appointments", sort="-scheduled_start_at", **{"page[size]": 2, "page[number]": 2}
    )
    past_the_end = sandbox.get("/v3/appointments", **{"page[size]": 2, "page[number]": 3})

    assert [a["id"] for a in newest_first.json()["data"]] == made[:0:-1]
    assert newest_first.json()["meta"]["last_page"] == 2
    assert [a["id"] for a in second_page.json()["data"]] == [made[0]]
    assert second_page.json()["meta"]["from"] == second_page.json()["meta"]["to"] == 3
    assert past_the_end.json()["data"] == []
    assert past_the_end.json()["meta"]["current_page"] == 3
    assert past_the_end.json()["links"]["next"] is None


def test_reads_one_appointment_or_answers_404(sandbox):
    made = book(sandbox, at(9, notes="Bring the jacket"))

    found = sandbox.get(f"/v3/appointments/{made}")
    missing = sandbox.get("/v3/appointments/999999")

    assert found.json()["data"]["notes"] == "Bring the jacket"
    assert missing.status_code == 404
    assert missing.json() == {"message": "No query results for model [Appointment]."}
