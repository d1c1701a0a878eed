"""Helpers for talking to the sandbox through Django's test client."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from booking_portal.sandbox import data, faults

MELBOURNE = ZoneInfo("Australia/Melbourne")
AVA = data.demo_uuid("customer:Ava.Nguyen")
FITTING, STYLING, REPAIR, WALK_IN = 1, 2, 3, 4


def tomorrow_at(hour: int, minute: int = 0, zone: ZoneInfo = MELBOURNE) -> datetime:
    """A store-local time tomorrow: always inside the demo's hours and booking window."""
    day = timezone.now().astimezone(zone).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def fitting_body(**overrides: Any) -> dict[str, Any]:
    """A valid create for the suit fitting at Melbourne Central, tomorrow at 10:00."""
    start = tomorrow_at(10)
    body = {
        "appointment_definition_id": FITTING,
        "profile_id": AVA,
        "location_id": 13,
        "scheduled_start_at": start.strftime("%Y-%m-%d %H:%M:%S"),
        "scheduled_end_at": (start + timedelta(minutes=45)).strftime("%Y-%m-%d %H:%M:%S"),
        "timezone": "Australia/Melbourne",
        "answers": [{"questionnaire_question_id": 21, "value": "suit"}],
    }
    body.update(overrides)
    return body


def consultation_body(hour: int = 11, **overrides: Any) -> dict[str, Any]:
    """A valid create for a styling consultation with Mia (one booking per staff member)."""
    start = tomorrow_at(hour)
    body = fitting_body(
        appointment_definition_id=STYLING,
        assigned_staff_id=data.demo_uuid("staff:Mia.Chen"),
        scheduled_start_at=start.strftime("%Y-%m-%d %H:%M:%S"),
        scheduled_end_at=(start + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S"),
        answers=[{"questionnaire_question_id": 31, "value": "Wedding"}],
    )
    body.update(overrides)
    return body


class Sandbox:
    """The sandbox API through the test client, with the token it accepts."""

    def __init__(self, client: Any, token: str) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/sandbox/api{path}", params, headers=self.headers)

    def delete(self, path: str) -> Any:
        return self.client.delete(f"/sandbox/api{path}", headers=self.headers)

    def put(self, path: str, body: Any) -> Any:
        return self.client.put(
            f"/sandbox/api{path}",
            json.dumps(body),
            content_type="application/json",
            headers=self.headers,
        )

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(
            f"/sandbox/api{path}",
            json.dumps(body),
            content_type="application/json",
            headers=self.headers,
        )


@pytest.fixture
def sandbox(client: Any, settings: Any, db: None) -> Sandbox:
    return Sandbox(client, settings.OMNEO_SANDBOX_TOKEN)


@pytest.fixture(autouse=True)
def _no_faults_left_over(request: pytest.FixtureRequest) -> None:
    """Tests that use the database start with no faults armed (faults are rows in it)."""
    names = set(request.fixturenames)
    if names & {"transactional_db", "live_server"}:
        request.getfixturevalue("transactional_db")
    elif "db" in names:
        request.getfixturevalue("db")
    else:
        return
    faults.clear()
