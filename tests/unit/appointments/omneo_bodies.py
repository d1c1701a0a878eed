"""Appointment bodies as a mocked Omneo answers them, for the day's and the actions' tests."""

from __future__ import annotations

from typing import Any

from tests.conftest import MOCK_BASE_URL

V3 = f"{MOCK_BASE_URL}/v3"
MELBOURNE = "Australia/Melbourne"
PAGE = {"meta": {"current_page": 1, "last_page": 1}}


def appointment_json(
    appointment_id: int = 501,
    *,
    status: str = "confirmed",
    start: str = "2026-05-11T00:00:00Z",
    end: str = "2026-05-11T00:45:00Z",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": appointment_id,
        "status": status,
        "appointment_definition_id": 1,
        "appointment_definition": {"id": 1, "name": "Suit fitting"},
        "profile_id": "p-1",
        "profile": {"id": "p-1", "first_name": "Ava", "last_name": "Nguyen"},
        "location_id": 13,
        "location": {"id": 13, "name": "Melbourne Central", "timezone": MELBOURNE},
        "assigned_staff_id": "s-1",
        "assigned_staff": {"id": "s-1", "first_name": "Sam", "last_name": "Lee"},
        "scheduled_start_at": start,
        "scheduled_end_at": end,
        "timezone": MELBOURNE,
        **extra,
    }
