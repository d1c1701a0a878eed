"""Slot generation: service ∩ store ∩ staff hours, the booking window, and who may be asked for."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from booking_portal.sandbox import data
from tests.unit.sandbox.conftest import FITTING, MELBOURNE, REPAIR, STYLING, tomorrow_at

MIA = data.demo_uuid("staff:Mia.Chen")
NOAH = data.demo_uuid("staff:Noah.Walker")
ISLA = data.demo_uuid("staff:Isla.Brown")  # works at Brisbane, not Melbourne


def slots_for(sandbox, definition_id, day, **body):
    response = sandbox.post(
        f"/v3/appointment-definitions/{definition_id}/available-slots",
        {"location_id": 13, "date": day.isoformat(), **body},
    )
    assert response.status_code == 200, response.content
    return response.json()["data"]


def test_staff_slots_keep_to_the_services_and_the_staff_members_hours(sandbox):
    day = tomorrow_at(10).date()
    opens, closes = data.OFFICE_HOURS[day.weekday()]

    mia = slots_for(sandbox, STYLING, day, staff_id=MIA)["slots"]
    noah = slots_for(sandbox, STYLING, day, staff_id=NOAH)["slots"]

    # The consultation runs 07:00-21:00 inside a 06:00-22:00 store; Mia works all store hours.
    assert (mia[0]["time"], mia[-1]["end_at"][-8:]) == ("07:00", "21:00:00")
    # Noah works office hours only.
    assert (noah[0]["time"], noah[-1]["end_at"][-8:]) == (opens, f"{closes}:00")
    assert all(slot["capacity_remaining"] == 1 for slot in noah)


def test_without_a_staff_member_capacity_counts_everyone_working(sandbox):
    day = tomorrow_at(10).date()
    opens, _ = data.OFFICE_HOURS[day.weekday()]

    slots = {s["time"]: s["capacity_remaining"] for s in slots_for(sandbox, STYLING, day)["slots"]}

    assert slots["07:00"] == 1  # only Mia
    assert slots[opens] == 2  # Mia and Noah


def test_a_booked_staff_member_is_no_longer_offered_at_that_time(sandbox):
    start = tomorrow_at(11)
    created = sandbox.post(
        "/v3/appointments",
        {
            "appointment_definition_id": STYLING,
            "profile_id": data.demo_uuid("customer:Ava.Nguyen"),
            "location_id": 13,
            "assigned_staff_id": MIA,
            "scheduled_start_at": start.strftime("%Y-%m-%d %H:%M:%S"),
            "scheduled_end_at": (start + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S"),
            "timezone": "Australia/Melbourne",
            "answers": [{"questionnaire_question_id": 31, "value": "Wedding"}],
        },
    )
    assert created.status_code == 201, created.content

    mia = {s["time"] for s in slots_for(sandbox, STYLING, start.date(), staff_id=MIA)["slots"]}
    noah = {s["time"] for s in slots_for(sandbox, STYLING, start.date(), staff_id=NOAH)["slots"]}

    # The hour overlaps the 10:30, 11:00 and 11:30 starts for Mia only.
    assert {"10:30", "11:00", "11:30"}.isdisjoint(mia)
    assert {"10:00", "12:00"} <= mia
    assert "11:00" in noah


def test_a_staff_member_from_another_store_is_refused(sandbox):
    response = sandbox.post(
        f"/v3/appointment-definitions/{STYLING}/available-slots",
        {"location_id": 13, "date": tomorrow_at(10).date().isoformat(), "staff_id": ISLA},
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"staff_id": ["The selected staff id is invalid."]}


def test_slots_today_start_no_earlier_than_the_lead_time(sandbox):
    now = timezone.now()
    today = now.astimezone(MELBOURNE).date()
    earliest = now + timedelta(minutes=data.DEFINITIONS[FITTING]["min_lead_minutes"])
    # The fitting: 45 minutes every 15 from 06:00, last start 21:15, store open 06:00-22:00.
    grid = [
        datetime.combine(today, time(6), tzinfo=MELBOURNE) + timedelta(minutes=15 * step)
        for step in range(62)
    ]
    expected = [start.strftime("%H:%M") for start in grid if start >= earliest]

    slots = slots_for(sandbox, FITTING, today)["slots"]

    assert [slot["time"] for slot in slots] == expected


def test_no_slots_past_the_advance_limit(sandbox):
    limit = data.DEFINITIONS[FITTING]["max_advance_days"]
    today = timezone.now().astimezone(MELBOURNE).date()

    last_day = slots_for(sandbox, FITTING, today + timedelta(days=limit))["slots"]
    too_far = slots_for(sandbox, FITTING, today + timedelta(days=limit + 1))["slots"]

    assert last_day
    assert too_far == []


def test_slot_interval_defaults_to_the_duration(sandbox):
    # The watch repair has no interval of its own and lasts 20 minutes.
    assert data.DEFINITIONS[REPAIR]["slot_interval_minutes"] is None
    day = tomorrow_at(10).date()

    repair = slots_for(sandbox, REPAIR, day)["slots"]

    assert [s["time"] for s in repair[:3]] == ["06:00", "06:20", "06:40"]
    assert repair[0]["duration_minutes"] == 20


def test_a_malformed_date_is_a_422_on_its_key(sandbox):
    response = sandbox.post(
        f"/v3/appointment-definitions/{FITTING}/available-slots",
        {"location_id": 13, "date": "20301105"},
    )

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["date"]


def test_range_slots_are_sorted_both_ways(sandbox):
    start = tomorrow_at(10).date()
    body = {
        "location_id": 14,
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=1)).isoformat(),
    }
    path = f"/v3/appointment-definitions/{FITTING}/available-slots-range"

    ascending = sandbox.post(path, body).json()["data"]
    descending = sandbox.post(path, {**body, "sort": "desc"}).json()["data"]

    starts = [slot["start_at"] for slot in ascending]
    assert starts == sorted(starts)
    assert [slot["start_at"] for slot in descending] == starts[::-1]
    assert {s[:10] for s in starts} == {start.isoformat(), (start + timedelta(days=1)).isoformat()}
