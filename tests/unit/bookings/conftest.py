"""The booking page's fixtures: a mocked Omneo tenant and a signed-in staff member."""

from __future__ import annotations

import pytest

from tests.conftest import MOCK_BASE_URL, MOCK_TOKEN
from tests.unit.bookings.page_posts import AVA, MONTH, SAM, SLOTS, V3


@pytest.fixture
def omneo(settings, mocked_omneo, omneo_fixture):
    """The portal aimed at a mocked tenant with one service, one store, one customer."""
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_API_TOKEN = MOCK_TOKEN
    settings.OMNEO_READ_RETRIES = 0
    definitions = [
        {"id": 1, "name": "Suit fitting", "duration_minutes": 30, "booking_type": "instant"},
        {"id": 2, "name": "Hem drop-in", "duration_minutes": 15, "booking_type": "walk_in_only"},
        {
            "id": 3,
            "name": "Stylist session",
            "duration_minutes": 60,
            "booking_type": "approval_required",
            "requires_staff": True,
        },
    ]
    page = {"meta": {"current_page": 1, "last_page": 1}}
    mocked_omneo.get(f"{V3}/appointment-definitions", json={"data": definitions, **page})
    location = {"id": 13, "name": "Melbourne Central", "timezone": "Australia/Melbourne"}
    for definition_id in (1, 2, 3):
        service = f"{V3}/appointment-definitions/{definition_id}"
        mocked_omneo.get(f"{service}/locations", json={"data": [location]})
        mocked_omneo.post(f"{service}/available-slots", json=SLOTS)
        mocked_omneo.post(f"{service}/available-slots-range", json=MONTH)
    mocked_omneo.get(
        f"{V3}/appointment-definitions/1/questions", json=omneo_fixture("questions_versioned.json")
    )
    for definition_id in (2, 3):
        empty = {"data": {"questionnaire": None, "questions": []}}
        mocked_omneo.get(f"{V3}/appointment-definitions/{definition_id}/questions", json=empty)
    sam = {"id": SAM, "first_name": "Sam", "last_name": "Lee", "email": "sam@example.com"}
    mocked_omneo.post(f"{V3}/appointment-definitions/3/available-staff", json={"data": [sam]})
    ava = {"id": AVA, "first_name": "Ava", "last_name": "Nguyen", "email": "ava@example.com"}
    mocked_omneo.get(f"{V3}/profiles", json={"data": [ava]})
    mocked_omneo.get(f"{V3}/profiles/{AVA}", json={"data": ava})
    mocked_omneo.get(f"{V3}/profiles/{AVA}/appointments", json={"data": [], **page})
    return mocked_omneo


@pytest.fixture
def signed_in(client, staff_user):
    client.force_login(staff_user)
    return client
