"""The sandbox's definition and question shapes."""

from __future__ import annotations

from booking_portal.sandbox import data
from booking_portal.sandbox.catalogue.serializers import condition_vars
from tests.unit.sandbox.conftest import FITTING, STYLING


def test_condition_vars_lists_every_key_read_once():
    condition = {
        "and": [
            {"==": [{"var": "has_alterations"}, "true"]},
            {"or": [{">": [{"var": ["chest_cm", 0]}, 100]}, {"!": {"var": "has_alterations"}}]},
        ]
    }

    assert condition_vars(condition) == ["has_alterations", "chest_cm"]
    assert condition_vars(None) == []


def test_a_definition_carries_its_own_hours_stores_and_staff(sandbox):
    styling = sandbox.get(f"/v3/appointment-definitions/{STYLING}").json()["data"]
    fitting = sandbox.get(f"/v3/appointment-definitions/{FITTING}").json()["data"]

    assert {
        (h["day_of_week"], h["available_from"], h["available_until"])
        for h in styling["normal_hours"]
    } == {
        (day, "07:00", "21:00")
        for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    }
    assert [loc["id"] for loc in styling["locations"]] == [13, 14, 15]
    assert styling["use_staff_from_location"] is True
    assert styling["staff"] == []  # the pool is each store's staff
    assert fitting["has_booking_questionnaire"] is True
    assert "hours" not in fitting


def test_the_location_list_of_a_definition_is_not_paginated(sandbox):
    body = sandbox.get(f"/v3/appointment-definitions/{STYLING}/locations").json()

    assert set(body) == {"data"}
    assert {loc["timezone"] for loc in body["data"]} == {
        "Australia/Melbourne",
        "Australia/Brisbane",
        "Australia/Perth",
    }


def test_profiles_have_e164_mobiles():
    assert len(data.PROFILES) >= 25
    assert all(
        p["mobile_phone"].startswith("+614") and len(p["mobile_phone"]) == 12
        for p in data.PROFILES.values()
    )


def test_a_definition_with_its_own_staff_lists_them_with_their_hours(sandbox):
    bespoke = sandbox.get("/v3/appointment-definitions/7").json()["data"]

    rows = {row["staff"]["first_name"]: row for row in bespoke["staff"]}
    assert set(rows) == {"Mia", "Leo"}
    assert all(row["is_active"] and row["appointment_definition_id"] == 7 for row in rows.values())
    monday = rows["Leo"]["staff"]["normal_hours"][0]
    assert (monday["day_of_week"], monday["available_from"], monday["available_until"]) == (
        "monday",
        "09:00",
        "17:00",
    )
    assert rows["Mia"]["staff"]["mobile_phone"].startswith("+61")
