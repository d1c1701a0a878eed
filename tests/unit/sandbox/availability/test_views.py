"""The availability endpoints: slots for a day, staff with times, slots for a range."""

from __future__ import annotations

from booking_portal.sandbox import data
from tests.unit.sandbox.conftest import FITTING, STYLING, WALK_IN, tomorrow_at


def day_body(**extra):
    return {"location_id": 13, "date": tomorrow_at(10).date().isoformat(), **extra}


def test_slots_are_objects_in_store_time_on_the_interval(sandbox):
    body = sandbox.post(f"/v3/appointment-definitions/{FITTING}/available-slots", day_body()).json()

    slots = body["data"]["slots"]
    assert body["data"]["timezone"] == "Australia/Melbourne"
    assert slots[0]["start_at"].endswith("06:00:00")
    assert slots[1]["start_at"].endswith("06:15:00")
    assert slots[-1]["end_at"].endswith("22:00:00")
    assert slots[0]["capacity_remaining"] == 2
    assert body["meta"]["slot_interval_minutes"] == 15


def test_walk_in_only_services_offer_no_slots(sandbox):
    body = sandbox.post(f"/v3/appointment-definitions/{WALK_IN}/available-slots", day_body())

    assert body.json()["data"]["slots"] == []


def test_staff_availability_lists_the_stores_staff(sandbox):
    staff = sandbox.post(
        f"/v3/appointment-definitions/{STYLING}/available-staff", day_body(available_only=True)
    ).json()["data"]

    names = {(person["first_name"], person["last_name"]) for person in staff}
    assert names == set(data.STAFF_NAMES[13])
    assert all(person["has_available_slots"] for person in staff)


def test_staff_availability_on_a_service_without_staff_is_a_422(sandbox):
    response = sandbox.post(f"/v3/appointment-definitions/{FITTING}/available-staff", day_body())

    assert response.status_code == 422
    assert "requires_staff" in response.json()["errors"]


def test_slot_range_is_capped_at_31_days(sandbox):
    start = tomorrow_at(10).date()
    ok = sandbox.post(
        f"/v3/appointment-definitions/{FITTING}/available-slots-range",
        {"location_id": 15, "start_date": start.isoformat(), "end_date": start.isoformat()},
    )
    too_long = sandbox.post(
        f"/v3/appointment-definitions/{FITTING}/available-slots-range",
        {"location_id": 15, "start_date": "2026-01-01", "end_date": "2026-02-15"},
    )

    assert ok.json()["meta"]["timezone"] == "Australia/Perth"
    assert ok.json()["meta"]["total"] == len(ok.json()["data"]) > 0
    assert too_long.status_code == 422
    assert "end_date" in too_long.json()["errors"]
