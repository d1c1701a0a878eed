"""A store's day via GET /v3/appointments: a UTC window, statuses, staff, sorted, paged."""

from __future__ import annotations

from datetime import UTC, timedelta

from booking_portal.sandbox import data
from tests.unit.sandbox.conftest import consultation_body, fitting_body, tomorrow_at

WIRE = "%Y-%m-%d %H:%M:%S"
NOAH = data.demo_uuid("staff:Noah.Walker")


def book(sandbox, hour: int, **overrides) -> int:
    start = tomorrow_at(hour)
    body = fitting_body(
        scheduled_start_at=start.strftime(WIRE),
        scheduled_end_at=(start + timedelta(minutes=45)).strftime(WIRE),
        **overrides,
    )
    response = sandbox.post("/v3/appointments", body)
    assert response.status_code == 201, response.content
    return response.json()["data"]["id"]


def utc(hour: int) -> str:
    return tomorrow_at(hour).astimezone(UTC).strftime(WIRE)


def ids(sandbox, **params) -> list[int]:
    response = sandbox.get("/v3/appointments", **params)
    assert response.status_code == 200
    return [item["id"] for item in response.json()["data"]]


def test_a_half_open_utc_window_sorted_by_start(sandbox):
    three = book(sandbox, 15)
    nine = book(sandbox, 9)
    noon = book(sandbox, 12)

    window = {
        "filter[location_id]": "13",
        "filter[scheduled_start_at][gte]": utc(9),
        "filter[scheduled_start_at][lt]": utc(15),
        "sort": "scheduled_start_at",
    }

    assert ids(sandbox, **window) == [nine, noon]
    assert ids(sandbox, sort="scheduled_start_at") == [nine, noon, three]
    assert ids(sandbox, **{**window, "filter[location_id]": "14"}) == []


def test_statuses_in_a_list_and_not_equal(sandbox):
    confirmed = book(sandbox, 9)
    cancelled = book(sandbox, 10, status="cancelled")
    arrived = book(sandbox, 11, status="arrived")

    assert ids(sandbox, **{"filter[status][in]": "confirmed,arrived"}) == [confirmed, arrived]
    assert ids(sandbox, **{"filter[status][ne]": "cancelled"}) == [confirmed, arrived]
    assert ids(sandbox, **{"filter[status]": "cancelled"}) == [cancelled]


def test_by_assigned_staff(sandbox):
    book(sandbox, 9)
    mia = sandbox.post("/v3/appointments", consultation_body(hour=11)).json()["data"]["id"]
    noah = sandbox.post(
        "/v3/appointments", consultation_body(hour=13, assigned_staff_id=NOAH)
    ).json()["data"]["id"]

    assert ids(sandbox, **{"filter[assigned_staff_id]": NOAH}) == [noah]
    mia_id = data.demo_uuid("staff:Mia.Chen")
    assert ids(sandbox, **{"filter[assigned_staff_id][in]": f"{mia_id},{NOAH}"}) == [mia, noah]


def test_a_day_pages_in_order(sandbox):
    made = [book(sandbox, hour) for hour in (9, 10, 11, 12, 13)]
    params = {"sort": "scheduled_start_at", "page[size]": 2}

    pages = [ids(sandbox, **params, **{"page[number]": n}) for n in (1, 2, 3)]

    assert pages == [made[:2], made[2:4], made[4:]]


def test_a_location_that_is_not_a_number_matches_nothing(sandbox):
    book(sandbox, 9)

    assert ids(sandbox, **{"filter[location_id]": "melbourne"}) == []
