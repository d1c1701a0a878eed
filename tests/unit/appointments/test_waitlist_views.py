"""The day's waitlist: customers found by search (never an id typed), rows naming the service."""

from __future__ import annotations

import json
import re
import uuid

import pytest
import requests
from django.utils.html import escape

from booking_portal.appointments import messages
from booking_portal.appointments.forms import CHOOSE_CUSTOMER
from tests.conftest import MOCK_BASE_URL
from tests.unit.appointments.omneo_bodies import MELBOURNE, PAGE, V3

pytestmark = pytest.mark.django_db
STORE = {"id": 13, "name": "Melbourne Central", "timezone": MELBOURNE}
AVA = "0b9f6f0e-4d7e-4c59-9a3c-6f2f0f4f2a11"
AVA_JSON = {"id": AVA, "first_name": "Ava", "last_name": "Nguyen", "email": "ava@example.com"}
DEFINITIONS = [{"id": 1, "name": "Suit fitting"}, {"id": 2, "name": "Watch repair drop-off"}]


@pytest.fixture
def staff(client, staff_user, settings, mocked_omneo):
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_READ_RETRIES = 0
    mocked_omneo.get(f"{V3}/locations", json={"data": [STORE], **PAGE})
    mocked_omneo.get(f"{V3}/appointment-definitions", json={"data": DEFINITIONS, **PAGE})
    mocked_omneo.get(f"{V3}/appointments", json={"data": [], **PAGE})
    client.force_login(staff_user)
    return client


def _add_form(page: str) -> str:
    return re.search(r'data-testid="waitlist-add".*?</form>', page, re.S).group(0)


def test_the_add_form_asks_for_a_name_not_an_id(staff, mocked_omneo):
    mocked_omneo.get(f"{V3}/appointment-waitlists", json={"data": [], **PAGE})

    form = _add_form(staff.get("/day/?location=13").text)

    assert 'type="search" name="profile_search"' in form
    assert "profile id" not in form.lower()
    profile_inputs = re.findall(r'<input[^>]*\bname="profile"[^>]*>', form)
    assert all('type="radio"' in tag for tag in profile_inputs)  # chosen from a list, never typed


def test_typing_a_name_lists_the_matching_customers_to_choose_from(staff, mocked_omneo):
    mocked_omneo.get(f"{V3}/profiles", json={"data": [AVA_JSON], **PAGE})

    part = staff.get("/day/waitlist/customers/", {"profile_search": "ava"}).text

    assert re.search(rf'type="radio" name="profile" value="{AVA}"', part)
    assert "Ava Nguyen · ava@example.com" in part


def test_adding_without_choosing_a_customer_keeps_the_search_and_sends_nothing(staff, mocked_omneo):
    mocked_omneo.get(f"{V3}/appointment-waitlists", json={"data": [], **PAGE})
    mocked_omneo.get(f"{V3}/profiles", json={"data": [AVA_JSON], **PAGE})
    sent = {"location": "13", "action_token": str(uuid.uuid4()), "definition": "1"}

    response = staff.post("/day/waitlist/add/", sent | {"profile_search": "ava"})

    form = _add_form(response.text)
    assert response.status_code == 422
    assert escape(CHOOSE_CUSTOMER) in form
    assert f'value="{AVA}"' in form
    assert 'value="ava"' in form
    assert not [c for c in mocked_omneo.calls if c.request.method == "POST"]


def test_adding_the_chosen_customer_sends_their_profile(staff, mocked_omneo):
    mocked_omneo.get(f"{V3}/appointment-waitlists", json={"data": [], **PAGE})
    mocked_omneo.get(f"{V3}/profiles", json={"data": [AVA_JSON], **PAGE})
    entry = {"id": 78, "status": "active", "appointment_definition_id": 1, "profile_id": AVA}
    mocked_omneo.post(f"{V3}/appointment-waitlists", json={"data": entry | {"location_id": 13}})
    sent = {"location": "13", "action_token": str(uuid.uuid4()), "definition": "1"}

    staff.post("/day/waitlist/add/", sent | {"profile_search": "ava", "profile": AVA})

    posted = [c for c in mocked_omneo.calls if c.request.method == "POST"]
    assert json.loads(posted[0].request.body)["profile_id"] == AVA


def test_a_search_omneo_does_not_answer_says_so(staff, mocked_omneo):
    mocked_omneo.get(f"{V3}/profiles", body=requests.ConnectionError("down"))

    part = staff.get("/day/waitlist/customers/", {"profile_search": "ava"})

    assert part.status_code == 200
    assert escape(messages.CUSTOMERS_UNAVAILABLE) in part.text


def test_rows_name_the_service_when_omneo_sends_only_its_id(staff, mocked_omneo):
    entry = {"id": 77, "status": "active", "appointment_definition_id": 2, "profile_id": AVA}
    mocked_omneo.get(
        f"{V3}/appointment-waitlists", json={"data": [entry | {"location_id": 13}], **PAGE}
    )

    page = staff.get("/day/?location=13").text

    row = re.search(r'data-testid="waitlist-entry-77".*?</li>', page, re.S).group(0)
    assert '<span data-testid="waitlist-service">Watch repair drop-off</span>' in row


def _day_with_a_cancellation(mocked_omneo, *entries):
    from tests.unit.appointments.omneo_bodies import appointment_json

    cancelled = appointment_json(
        601, status="cancelled", start="2030-01-02T03:00:00Z", end="2030-01-02T03:45:00Z"
    )
    passed = appointment_json(602, status="no_show")  # 2026: long gone, frees nothing
    mocked_omneo.replace("GET", f"{V3}/appointments", json={"data": [cancelled, passed], **PAGE})
    waiting = [entry | {"status": "active", "location": STORE} for entry in entries]
    mocked_omneo.get(f"{V3}/appointment-waitlists", json={"data": waiting, **PAGE})


GRACE = {"id": 77, "appointment_definition_id": 1, "profile_id": AVA, "profile": AVA_JSON}
# Melbourne is UTC+11 in January: 03:00Z is 2 PM; she wants 1 PM, an hour before.
GRACE_WANTS = GRACE | {"desired_start_at": "2030-01-02 13:00:00"}
OTHER_SERVICE = {"id": 78, "appointment_definition_id": 2, "profile_id": "p-2"}
FAR_OFF = {
    "id": 79,
    "appointment_definition_id": 1,
    "profile_id": "p-3",
    "desired_start_at": "2030-01-02 09:00:00",
}


def test_a_freed_time_shows_the_waitlisted_customers_it_suits(staff, mocked_omneo):
    _day_with_a_cancellation(mocked_omneo, GRACE_WANTS, OTHER_SERVICE, FAR_OFF)

    page = staff.get("/day/?location=13&date=2030-01-02").text

    openings = re.search(r'data-testid="openings".*?</ul>', page, re.S).group(0)
    assert 'data-testid="opening-77-601"' in openings
    assert "Ava Nguyen" in openings
    assert "opening-78-" not in openings  # another service
    assert "opening-79-" not in openings  # wants a time five hours away
    assert "-602" not in openings  # a no-show already past frees nothing
    assert "date=2030-01-02" in openings  # Book now opens that day


def test_a_dismissed_match_stays_hidden_for_that_staff_member(staff, mocked_omneo):
    _day_with_a_cancellation(mocked_omneo, GRACE)

    staff.post("/day/openings/dismiss/", {"entry": "77", "appointment": "601"})
    page = staff.get("/day/?location=13&date=2030-01-02").text

    assert 'data-testid="opening-77-601"' not in page
    assert 'data-testid="waitlist-entry-77"' in page  # still waiting
    assert not [c for c in mocked_omneo.calls if c.request.method != "GET"]
