"""The appointment page shows its customer's other appointments, read beside the free times."""

from __future__ import annotations

import uuid
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest
from django.utils.html import escape

from booking_portal.appointments.seen import seen_seal
from booking_portal.common.customer_history import HISTORY_UNAVAILABLE
from booking_portal.omneo.reads import profiles
from booking_portal.omneo.resources import Appointment
from tests.conftest import MOCK_BASE_URL
from tests.unit.appointments.omneo_bodies import MELBOURNE, PAGE, V3, appointment_json

pytestmark = pytest.mark.django_db
URL = f"{V3}/appointments/501"
THEIRS = f"{V3}/profiles/p-1/appointments"
STORE = {"id": 13, "name": "Melbourne Central", "timezone": MELBOURNE}
AHEAD = appointment_json(
    502,
    start="2030-01-07T00:00:00Z",
    end="2030-01-07T01:00:00Z",
    appointment_definition={"id": 1, "name": "Suit fitting"},
)
PAST = appointment_json(503, start="2026-04-01T00:00:00Z", end="2026-04-01T00:45:00Z")


@pytest.fixture
def staff(client, staff_user, settings, mocked_omneo):
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_READ_RETRIES = 0
    mocked_omneo.get(f"{V3}/locations", json={"data": [STORE], **PAGE})
    mocked_omneo.get(URL, json={"data": appointment_json()})
    mocked_omneo.post(f"{V3}/appointment-definitions/1/available-slots", json={"data": {}})
    client.force_login(staff_user)
    return client


def test_the_page_shows_the_customers_appointments_with_book_again(staff, mocked_omneo):
    mocked_omneo.get(THEIRS, json={"data": [AHEAD, PAST], **PAGE})

    page = staff.get("/day/appointments/501/").text

    assert "Ava Nguyen\N{RIGHT SINGLE QUOTATION MARK}s appointments" in page
    assert "Mon 7 Jan 2030, 11:00 AM (Australia/Melbourne)" in page
    assert 'href="/day/appointments/502/"' in page
    assert escape("/book/?definition=1&location=13&staff=s-1&profile=p-1&first_free=1") in page
    paths = [urlparse(c.request.url).path for c in mocked_omneo.calls]
    assert paths.count("/api/v3/profiles/p-1/appointments") == 1


def test_a_failed_read_of_them_says_so_and_the_page_works(staff, mocked_omneo):
    mocked_omneo.get(THEIRS, status=500, body="down")

    page = staff.get("/day/appointments/501/").text

    assert escape(HISTORY_UNAVAILABLE) in page
    assert 'data-testid="status"' in page
    assert "Cancel appointment" in page


def test_a_cancel_forgets_the_customers_appointments(staff, mocked_omneo):
    mocked_omneo.get(THEIRS, json={"data": [AHEAD], **PAGE})
    mocked_omneo.put(URL, json={"data": appointment_json(status="cancelled")})
    profiles.profile_appointments(profile_id="p-1")
    appointment = Appointment.from_json(appointment_json())
    form = {
        "seal": seen_seal(appointment, ZoneInfo(MELBOURNE)),
        "action_token": str(uuid.uuid4()),
        "reason": "Customer unwell",
    }

    staff.post("/day/appointments/501/cancel/", form)
    profiles.profile_appointments(profile_id="p-1")

    paths = [urlparse(c.request.url).path for c in mocked_omneo.calls]
    assert [c.request.method for c in mocked_omneo.calls].count("PUT") == 1
    assert paths.count("/api/v3/profiles/p-1/appointments") == 2  # read again after the change
