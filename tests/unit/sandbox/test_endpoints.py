"""The sandbox's read endpoints, auth, pagination and fault injection."""

from __future__ import annotations

import pytest

from booking_portal.sandbox import data, faults
from tests.unit.sandbox.conftest import FITTING, STYLING, WALK_IN, tomorrow_at


def day_body(**extra):
    return {"location_id": 13, "date": tomorrow_at(10).date().isoformat(), **extra}


def test_every_endpoint_needs_the_bearer_token(client, db):
    response = client.get("/sandbox/api/v3/locations", headers={"Authorization": "Bearer wrong"})

    assert response.status_code == 401
    assert response.json() == {"message": "Unauthenticated."}


def test_definition_list_filters_and_paginates(sandbox):
    first = sandbox.get(
        "/v3/appointment-definitions",
        **{"filter[is_published]": "1", "filter[is_archived]": "0", "page[size]": "3"},
    ).json()
    second = sandbox.get(
        "/v3/appointment-definitions",
        **{
            "filter[is_published]": "1",
            "filter[is_archived]": "0",
            "page[size]": "3",
            "page[number]": "2",
        },
    ).json()

    ids = [d["id"] for d in first["data"] + second["data"]]
    assert ids == [1, 2, 3, 4, 7]  # archived 5 and unpublished 6 left out
    assert first["meta"] == {
        "current_page": 1,
        "last_page": 2,
        "per_page": 3,
        "total": 5,
        "from": 1,
        "to": 3,
    }
    assert first["links"]["next"] is not None
    assert second["links"]["next"] is None


def test_questions_come_in_the_versioned_shape(sandbox):
    body = sandbox.get(f"/v3/appointment-definitions/{FITTING}/questions").json()["data"]

    alterations = next(q for q in body["questions"] if q["mapping_key"] == "alterations")
    assert body["questionnaire"]["purpose"] == "booking"
    assert alterations["version"]["type"] == "textarea"
    assert alterations["visibility_condition"] == {"==": [{"var": "has_alterations"}, "true"]}
    assert alterations["visibility_dependencies"] == ["has_alterations"]
    types = {q["version"]["type"] for q in body["questions"]}
    assert {
        "text",
        "textarea",
        "single_select",
        "multi_select",
        "boolean",
        "date",
        "number",
    } <= types


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


@pytest.mark.parametrize(
    ("term", "expected"),
    [("ava", "Ava Nguyen"), ("OLIVER.SMITH@", "Oliver Smith"), ("0412300000", "Ava Nguyen")],
)
def test_profile_search_by_name_email_or_phone(sandbox, term, expected):
    found = sandbox.get("/v3/profiles", search=term).json()["data"]

    assert expected in [p["full_name"] for p in found]


def test_profile_search_accepts_the_sdk_spelling(sandbox):
    found = sandbox.get("/v3/profiles", **{"filter[search]": "charlotte"}).json()["data"]

    assert [p["full_name"] for p in found] == ["Charlotte Jones"]


def test_unknown_paths_answer_json_404(sandbox):
    response = sandbox.get("/v3/nothing-here")

    assert response.status_code == 404
    assert "message" in response.json()


def test_faults_do_nothing_unless_enabled(sandbox, settings):
    settings.OMNEO_SANDBOX_FAULTS = False
    faults.arm(kind="server_error", method="GET", path_suffix="/v3/locations")

    assert sandbox.get("/v3/locations").status_code == 200
    assert sandbox.post("/_faults", {"kind": "server_error"}).status_code == 404


@pytest.mark.parametrize(
    ("kind", "status"),
    [("rate_limit", 429), ("server_error", 500), ("unauthorized", 401), ("forbidden", 403)],
)
def test_armed_faults_answer_once(sandbox, settings, kind, status):
    settings.OMNEO_SANDBOX_FAULTS = True
    faults.arm(kind=kind, method="GET", path_suffix="/v3/locations", seconds=7)

    failed = sandbox.get("/v3/locations")
    recovered = sandbox.get("/v3/locations")

    assert failed.status_code == status
    assert recovered.status_code == 200
    if kind == "rate_limit":
        assert failed["Retry-After"] == "7"


def test_a_malformed_create_still_creates(sandbox, settings):
    from booking_portal.sandbox.models import SandboxAppointment
    from tests.unit.sandbox.conftest import fitting_body

    settings.OMNEO_SANDBOX_FAULTS = True
    armed = sandbox.post("/_faults", {"kind": "malformed"})

    response = sandbox.post("/v3/appointments", fitting_body())

    assert armed.status_code == 201
    assert response.status_code == 201
    assert response.content == b"<html>oops"
    assert SandboxAppointment.objects.count() == 1


def test_latency_delays_then_answers_normally(sandbox, settings):
    import time

    settings.OMNEO_SANDBOX_FAULTS = True
    faults.arm(kind="latency", method="GET", path_suffix="/v3/locations", seconds=0.3)

    started = time.monotonic()
    response = sandbox.get("/v3/locations")
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert elapsed >= 0.3
    assert [item["id"] for item in response.json()["data"]] == list(data.LOCATIONS)
