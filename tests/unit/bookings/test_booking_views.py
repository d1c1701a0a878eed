"""The booking page through the test client, Omneo mocked: every outcome keeps the input."""

from __future__ import annotations

import re
import uuid

import pytest
import requests
from django.utils.html import escape

from booking_portal.bookings import messages
from booking_portal.bookings.models import BookingAttempt
from tests.conftest import MOCK_BASE_URL, MOCK_TOKEN

pytestmark = pytest.mark.django_db
V3 = f"{MOCK_BASE_URL}/v3"
AVA = "9b1d2c64-0c39-4f3e-9d53-2f2a4c1f0a01"
SLOTS = {
    "data": {
        "date": "2026-05-11",
        "timezone": "Australia/Melbourne",
        "slots": [{"start_at": "2026-05-11 10:00:00", "end_at": "2026-05-11 10:30:00"}],
    }
}


@pytest.fixture
def omneo(settings, mocked_omneo, omneo_fixture):
    """The portal aimed at a mocked tenant with one service, one store, one customer."""
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_API_TOKEN = MOCK_TOKEN
    settings.OMNEO_READ_RETRIES = 0
    definition = {
        "id": 1,
        "name": "Suit fitting",
        "duration_minutes": 30,
        "booking_type": "instant",
    }
    page = {"meta": {"current_page": 1, "last_page": 1}}
    mocked_omneo.get(f"{V3}/appointment-definitions", json={"data": [definition], **page})
    location = {"id": 13, "name": "Melbourne Central", "timezone": "Australia/Melbourne"}
    mocked_omneo.get(f"{V3}/appointment-definitions/1/locations", json={"data": [location]})
    mocked_omneo.get(
        f"{V3}/appointment-definitions/1/questions", json=omneo_fixture("questions_versioned.json")
    )
    mocked_omneo.post(f"{V3}/appointment-definitions/1/available-slots", json=SLOTS)
    ava = {"id": AVA, "first_name": "Ava", "last_name": "Nguyen", "email": "ava@example.com"}
    mocked_omneo.get(f"{V3}/profiles", json={"data": [ava]})
    mocked_omneo.get(f"{V3}/profiles/{AVA}", json={"data": ava})
    return mocked_omneo


@pytest.fixture
def signed_in(client, staff_user):
    client.force_login(staff_user)
    return client


def booking_post(**fields):
    return {
        "form_token": str(uuid.uuid4()),
        "definition": "1",
        "profile_search": "ava",
        "profile": AVA,
        "location": "13",
        "date": "2026-05-11",
        "slot": "2026-05-11T10:00",
        "answers-0-value": "slim",
        "transaction_id": "1001",
        "notes": "Bring the jacket",
        **fields,
    }


def test_the_page_lists_services_with_duration_and_type(signed_in, omneo):
    response = signed_in.get("/book/")

    assert response.status_code == 200
    assert "Suit fitting · 30 min · instant" in response.text


def test_without_javascript_refresh_shows_the_dependent_choices(signed_in, omneo):
    response = signed_in.post(
        "/book/", {"refresh": "1", "definition": "1", "profile_search": "ava"}
    )

    text = response.text
    assert response.status_code == 200
    assert "Melbourne Central" in text  # the only store, chosen for them
    assert "Australia/Melbourne" in text
    assert 'value="2026-05-11T10:00"' in text  # the slot, in store time
    assert "Preferred fit" in text  # the service's question
    assert "Ava Nguyen" in text  # search results
    assert BookingAttempt.objects.count() == 0


def test_the_customer_part_searches_from_two_characters(signed_in, omneo):
    short = signed_in.get("/book/parts/customers/", {"profile_search": "a"}, HTTP_HX_REQUEST="true")
    found = signed_in.get(
        "/book/parts/customers/", {"profile_search": "av"}, HTTP_HX_REQUEST="true"
    )

    assert "Ava Nguyen" not in short.text
    assert "Ava Nguyen" in found.text
    assert "<html" not in found.text  # a fragment, not the page


def test_a_booking_redirects_to_its_confirmation(signed_in, omneo, omneo_fixture):
    omneo.post(f"{V3}/appointments", json=omneo_fixture("created_201.json"), status=201)

    response = signed_in.post("/book/", booking_post())

    attempt = BookingAttempt.objects.get()
    assert response.status_code == 302
    assert response.url == f"/book/done/{attempt.pk}/"
    page = signed_in.get(response.url).text
    assert "Appointment booked" in page
    assert 'data-testid="omneo-id">5012<' in page
    assert "Australia/Melbourne" in page


def test_a_422_comes_back_with_messages_beside_fields_and_input_kept(
    signed_in, omneo, omneo_fixture
):
    omneo.post(f"{V3}/appointments", json=omneo_fixture("validation_422_nested.json"), status=422)
    sent = booking_post()

    response = signed_in.post("/book/", sent)

    text = response.text
    assert response.status_code == 422
    assert "<title>Error:" in text
    assert "There is a problem" in text
    assert 'href="#id_transaction_id"' in text
    assert 'id="id_transaction_id_error"' in text
    assert re.search(
        r'aria-invalid="true"[^>]*id="id_transaction_id"|id="id_transaction_id"[^>]*aria-invalid="true"',
        text,
    )
    assert 'value="1001"' in text  # input kept
    assert "Bring the jacket" in text
    assert re.search(rf'value="{AVA}"[^>]*checked', text)
    assert sent["form_token"] not in text  # a new token for the next attempt


@pytest.mark.parametrize(
    ("status", "headers", "expected"),
    [
        (401, {}, messages.CREDENTIALS_REFUSED),
        (403, {}, messages.CREDENTIALS_REFUSED),
        (429, {"Retry-After": "30"}, messages.RATE_LIMITED.format(seconds=30)),
    ],
)
def test_refusals_say_what_to_do_and_keep_the_input(signed_in, omneo, status, headers, expected):
    omneo.post(f"{V3}/appointments", json={"message": "no"}, status=status, headers=headers)

    response = signed_in.post("/book/", booking_post())

    assert response.status_code == 200
    assert escape(expected) in response.text
    assert "Bring the jacket" in response.text


def test_a_server_error_with_nothing_found_says_try_again(signed_in, omneo):
    omneo.post(f"{V3}/appointments", body="<h1>oops</h1>", status=500)
    omneo.get(f"{V3}/appointments", json={"data": [], "meta": {"current_page": 1, "last_page": 1}})

    response = signed_in.post("/book/", booking_post())

    assert escape(messages.NOT_ANSWERING) in response.text
    assert BookingAttempt.objects.get().outcome == "unknown"


def test_a_timeout_found_later_goes_to_the_confirmation(signed_in, omneo, omneo_fixture):
    omneo.post(f"{V3}/appointments", body=requests.ReadTimeout("slow"))
    made = omneo_fixture("created_201.json")["data"] | {
        "scheduled_start_at": "2026-05-11T00:00:00Z"
    }
    omneo.get(
        f"{V3}/appointments", json={"data": [made], "meta": {"current_page": 1, "last_page": 1}}
    )

    response = signed_in.post("/book/", booking_post(), follow=True)

    assert "Appointment booked" in response.text
    assert escape(messages.RECOVERED) in response.text


def test_a_timeout_not_found_says_the_outcome_is_unknown(signed_in, omneo):
    omneo.post(f"{V3}/appointments", body=requests.ReadTimeout("slow"))
    omneo.get(f"{V3}/appointments", json={"data": [], "meta": {"current_page": 1, "last_page": 1}})

    response = signed_in.post("/book/", booking_post())

    assert escape(messages.OUTCOME_UNKNOWN) in response.text


def test_a_repeated_token_shows_the_first_result_without_calling_omneo(
    signed_in, omneo, omneo_fixture
):
    omneo.post(f"{V3}/appointments", json=omneo_fixture("created_201.json"), status=201)
    sent = booking_post()

    first = signed_in.post("/book/", sent)
    again = signed_in.post("/book/", sent)

    assert again.status_code == 302
    assert again.url == first.url
    assert sum(1 for call in omneo.calls if call.request.url == f"{V3}/appointments") == 1


def test_local_errors_use_the_same_summary(signed_in, omneo):
    response = signed_in.post("/book/", booking_post(slot="", profile=""))

    assert response.status_code == 422
    assert 'href="#id_slot_0"' in response.text
    assert 'href="#id_profile_0"' in response.text
    assert BookingAttempt.objects.count() == 0


def test_a_failed_look_up_shows_a_message_not_a_500(signed_in, settings, mocked_omneo):
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_READ_RETRIES = 0
    mocked_omneo.get(f"{V3}/appointment-definitions", body=requests.ConnectionError("down"))

    response = signed_in.get("/book/")

    assert response.status_code == 200
    assert escape(messages.LOOKUP_FAILED) in response.text


def test_the_token_never_reaches_the_page(signed_in, omneo, omneo_fixture):
    omneo.post(f"{V3}/appointments", json=omneo_fixture("validation_422_nested.json"), status=422)

    pages = [signed_in.get("/book/").text, signed_in.post("/book/", booking_post()).text]

    assert all(MOCK_TOKEN not in page for page in pages)


def test_reopen_fills_the_form_from_an_earlier_attempt(signed_in, omneo, omneo_fixture):
    omneo.post(f"{V3}/appointments", json=omneo_fixture("validation_422_nested.json"), status=422)
    signed_in.post("/book/", booking_post(notes="Reopen me"))
    attempt = BookingAttempt.objects.get()

    response = signed_in.get(f"/bookings/{attempt.pk}/reopen/", follow=True)

    assert "Reopen me" in response.text
    assert 'value="1001"' in response.text
    assert str(attempt.form_token) not in response.text
