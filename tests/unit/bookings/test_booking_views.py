"""The booking page through the test client, Omneo mocked: every outcome keeps the input."""

from __future__ import annotations

import json
import re

import pytest
import requests
from django.utils.html import escape

from booking_portal.bookings import messages
from booking_portal.writes.models import BookingAttempt
from tests.conftest import MOCK_BASE_URL, MOCK_TOKEN
from tests.unit.bookings.page_posts import AVA, SAM, V3, booking_post

KIM_ID = "7d3c1a2e-5b6f-4c1d-9e8f-0a1b2c3d4e5f"

pytestmark = pytest.mark.django_db


def test_the_page_lists_services_with_duration_and_type(signed_in, omneo):
    response = signed_in.get("/book/")

    assert response.status_code == 200
    assert "Suit fitting" in response.text
    assert "30 min · confirmed at once" in response.text
    assert "60 min · needs approval" in response.text
    assert "instant" not in response.text
    assert "approval_required" not in response.text


def test_a_walk_in_only_service_is_listed_but_cannot_be_picked(signed_in, omneo):
    response = signed_in.get("/book/")

    walk_in = re.search(r'<input[^>]*name="definition" value="2"[^>]*>', response.text).group(0)
    assert "disabled" in walk_in
    assert "15 min · walk-in only: cannot be booked ahead" in response.text


def test_a_walk_in_only_service_submitted_anyway_is_refused_on_the_service(signed_in, omneo):
    response = signed_in.post("/book/", booking_post(signed_in, definition="2"))

    assert response.status_code == 422
    assert escape(messages.WALK_IN_ONLY) in response.text
    assert not [c for c in omneo.calls if c.request.url == f"{V3}/appointments"]


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


def test_the_questions_render_as_the_answers_formset(signed_in, omneo):
    response = signed_in.get("/book/", {"definition": "1"})

    assert 'name="answers-TOTAL_FORMS"' in response.text
    assert 'id="id_answers-0-value"' in response.text
    assert 'for="id_answers-0-value"' in response.text  # labelled


def slot_requests(omneo, definition_id: int) -> list[dict]:
    url = f"{V3}/appointment-definitions/{definition_id}/available-slots"
    return [json.loads(call.request.body) for call in omneo.calls if call.request.url == url]


def test_without_javascript_a_get_with_choices_shows_times_in_store_time(signed_in, omneo):
    response = signed_in.get("/book/", {"definition": "1", "location": "13", "date": "2026-05-11"})

    assert response.status_code == 200
    assert 'value="2026-05-11T10:00"' in response.text
    assert '10:00 AM<span class="visually-hidden"> to 10:30 AM</span>' in response.text
    assert "on Monday 11 May" in response.text
    assert "<strong>Australia/Melbourne</strong>" in response.text
    assert slot_requests(omneo, 1) == [{"location_id": 13, "date": "2026-05-11", "staff_id": None}]


def test_the_choices_part_is_a_fragment_with_stores_and_times(signed_in, omneo):
    response = signed_in.get(
        "/book/parts/choices/",
        {"definition": "1", "location": "13", "date": "2026-05-11"},
        HTTP_HX_REQUEST="true",
    )

    assert response.text.lstrip().startswith('<div id="choices"')
    assert "Melbourne Central" in response.text
    assert 'value="2026-05-11T10:00"' in response.text
    assert "Preferred fit" in response.text


def test_an_unknown_part_is_not_found(signed_in, omneo):
    assert signed_in.get("/book/parts/everything/").status_code == 404


def test_a_walk_in_only_service_offers_no_times(signed_in, omneo):
    response = signed_in.get("/book/", {"definition": "2", "location": "13", "date": "2026-05-11"})

    assert "walk-in only" in response.text
    assert 'name="slot"' not in response.text
    assert slot_requests(omneo, 2) == []


def test_a_staff_service_with_one_staff_member_chooses_them(signed_in, omneo):
    response = signed_in.get("/book/", {"definition": "3", "location": "13", "date": "2026-05-11"})

    assert re.search(rf'<option value="{SAM}" selected>Sam Lee</option>', response.text)
    assert 'value="2026-05-11T10:00"' in response.text
    assert slot_requests(omneo, 3) == [{"location_id": 13, "date": "2026-05-11", "staff_id": SAM}]


def test_a_staff_service_asks_for_a_staff_member_before_times(signed_in, omneo):
    kim = {"id": KIM_ID, "first_name": "Kim", "last_name": "Park", "email": "kim@example.com"}
    sam = {"id": SAM, "first_name": "Sam", "last_name": "Lee", "email": "sam@example.com"}
    omneo.replace(
        "POST", f"{V3}/appointment-definitions/3/available-staff", json={"data": [sam, kim]}
    )
    choices = {"definition": "3", "location": "13", "date": "2026-05-11"}

    before = signed_in.get("/book/", choices)
    after = signed_in.get("/book/", {**choices, "staff": SAM})

    assert "Sam Lee" in before.text
    assert "Any available" not in before.text
    assert "Choose a staff member to see their free times." in before.text
    assert slot_requests(omneo, 3) == [{"location_id": 13, "date": "2026-05-11", "staff_id": SAM}]
    assert 'value="2026-05-11T10:00"' in after.text


def test_an_optional_staff_service_offers_any_available(signed_in, omneo):
    response = signed_in.get("/book/", {"definition": "1", "location": "13"})

    assert "Any available" in response.text


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

    response = signed_in.post("/book/", booking_post(signed_in))

    attempt = BookingAttempt.objects.get()
    assert response.status_code == 302
    assert response.url == f"/book/done/{attempt.pk}/"
    page = signed_in.get(response.url).text
    assert 'data-testid="heading">Booked<' in page
    assert 'data-testid="omneo-id">5012<' in page
    assert "Australia/Melbourne" in page


def test_the_booking_sent_is_in_store_time_without_hidden_answers(signed_in, omneo, omneo_fixture):
    omneo.post(f"{V3}/appointments", json=omneo_fixture("created_201.json"), status=201)

    signed_in.post(
        "/book/", booking_post(signed_in, **{"answers-1-value": "hidden, so never sent"})
    )

    sent = json.loads(
        next(c for c in omneo.calls if c.request.url == f"{V3}/appointments").request.body
    )
    assert sent["scheduled_start_at"] == "2026-05-11 10:00:00"
    assert sent["scheduled_end_at"] == "2026-05-11 10:30:00"
    assert sent["timezone"] == "Australia/Melbourne"
    assert sent["status"] == "confirmed"
    assert sent["answers"] == [{"questionnaire_question_id": 21, "value": "slim"}]
    assert sent["transaction"] == {"id": 1001}


def test_an_answer_error_links_to_its_question_and_describes_it(signed_in, omneo):
    errors = {"answers.0.value": ["The selected answers.0.value is invalid."]}
    omneo.post(f"{V3}/appointments", json={"message": "x", "errors": errors}, status=422)

    response = signed_in.post("/book/", booking_post(signed_in))

    text = response.text
    assert response.status_code == 422
    assert '<a href="#id_answers-0-value">The selected “Preferred fit” is invalid.</a>' in text
    assert 'aria-describedby="id_answers-0-value_error"' in text
    assert 'id="id_answers-0-value_error"' in text


def test_a_422_comes_back_with_messages_beside_fields_and_input_kept(
    signed_in, omneo, omneo_fixture
):
    omneo.post(f"{V3}/appointments", json=omneo_fixture("validation_422_nested.json"), status=422)
    sent = booking_post(signed_in)

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

    response = signed_in.post("/book/", booking_post(signed_in))

    assert response.status_code == 200
    assert escape(expected) in response.text
    assert "Bring the jacket" in response.text


def test_a_server_error_with_nothing_found_yet_offers_a_check_not_a_second_booking(
    signed_in, omneo
):
    omneo.post(f"{V3}/appointments", body="<h1>oops</h1>", status=500)
    omneo.get(f"{V3}/appointments", json={"data": [], "meta": {"current_page": 1, "last_page": 1}})
    sent = booking_post(signed_in)

    response = signed_in.post("/book/", sent)

    attempt = BookingAttempt.objects.get()
    assert attempt.outcome == "unknown"
    assert response.status_code == 202
    assert escape(messages.unsettled_message(attempt)) in response.text
    assert "Book appointment</button>" not in response.text  # no plain Book button
    assert 'data-testid="check-again"' in response.text
    assert "Bring the jacket" in response.text
    assert sent["form_token"] in response.text  # the spent token: a resubmit shows this attempt


def test_a_timeout_found_later_goes_to_the_confirmation(signed_in, omneo, omneo_fixture):
    sent = booking_post(signed_in)
    omneo.post(f"{V3}/appointments", body=requests.ReadTimeout("slow"))
    made = omneo_fixture("created_201.json")["data"] | {
        "scheduled_start_at": "2026-05-11T00:00:00Z",
        "meta": [f"booking-portal:{sent['form_token']}"],
    }
    omneo.get(
        f"{V3}/appointments", json={"data": [made], "meta": {"current_page": 1, "last_page": 1}}
    )

    response = signed_in.post("/book/", sent, follow=True)

    assert 'data-testid="heading">Booked<' in response.text
    assert escape(messages.RECOVERED) in response.text


def test_a_timeout_not_found_says_the_outcome_is_unknown(signed_in, omneo):
    omneo.post(f"{V3}/appointments", body=requests.ReadTimeout("slow"))
    omneo.get(f"{V3}/appointments", json={"data": [], "meta": {"current_page": 1, "last_page": 1}})

    response = signed_in.post("/book/", booking_post(signed_in))

    assert escape(messages.OUTCOME_UNKNOWN) in response.text


def test_a_repeated_token_shows_the_first_result_without_calling_omneo(
    signed_in, omneo, omneo_fixture
):
    omneo.post(f"{V3}/appointments", json=omneo_fixture("created_201.json"), status=201)
    sent = booking_post(signed_in)

    first = signed_in.post("/book/", sent)
    again = signed_in.post("/book/", sent)

    assert again.status_code == 302
    assert again.url == first.url
    assert sum(1 for call in omneo.calls if call.request.url == f"{V3}/appointments") == 1


def test_local_errors_use_the_same_summary(signed_in, omneo):
    response = signed_in.post("/book/", booking_post(signed_in, slot="", profile=""))

    assert response.status_code == 422
    assert 'href="#slot-2026-05-11T10:00"' in response.text  # the first time offered
    assert 'id="slot-2026-05-11T10:00"' in response.text
    assert 'href="#id_profile_0"' in response.text
    assert BookingAttempt.objects.count() == 0


def test_a_failed_look_up_shows_a_message_not_a_500(signed_in, settings, mocked_omneo):
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_READ_RETRIES = 0
    mocked_omneo.get(f"{V3}/appointment-definitions", body=requests.ConnectionError("down"))

    response = signed_in.get("/book/")

    assert response.status_code == 200
    assert escape(messages.LOOKUP_PROBLEMS["definition"]) in response.text


def test_the_token_never_reaches_the_page(signed_in, omneo, omneo_fixture):
    omneo.post(f"{V3}/appointments", json=omneo_fixture("validation_422_nested.json"), status=422)

    pages = [signed_in.get("/book/").text, signed_in.post("/book/", booking_post(signed_in)).text]

    assert all(MOCK_TOKEN not in page for page in pages)


def test_reopen_fills_the_form_from_an_earlier_attempt(signed_in, omneo, omneo_fixture):
    omneo.post(f"{V3}/appointments", json=omneo_fixture("validation_422_nested.json"), status=422)
    signed_in.post("/book/", booking_post(signed_in, notes="Reopen me"))
    attempt = BookingAttempt.objects.get()

    response = signed_in.get(f"/bookings/{attempt.pk}/reopen/", follow=True)

    assert "Reopen me" in response.text
    assert 'value="1001"' in response.text
    assert str(attempt.form_token) not in response.text


def test_a_booking_made_from_book_now_marks_its_waitlist_entry_fulfilled(
    signed_in, omneo, omneo_fixture
):
    # Given staff followed "Book now" for waitlist entry 77 (Ava, the fitting, Melbourne Central)
    signed_in.get(f"/day/waitlist/77/book/?definition=1&location=13&profile={AVA}")
    omneo.post(f"{V3}/appointments", json=omneo_fixture("created_201.json"), status=201)
    entry = {"id": 77, "status": "fulfilled", "appointment_id": 5012, "profile_id": AVA}
    omneo.put(f"{V3}/appointment-waitlists/77", json={"data": entry})
    sent = booking_post(signed_in)

    # When the booking is made, and the form is sent a second time
    response = signed_in.post("/book/", sent, follow=True)
    signed_in.post("/book/", sent)

    # Then the entry was marked fulfilled with the new appointment, once
    puts = [c for c in omneo.calls if c.request.method == "PUT"]
    assert [c.request.body for c in puts] == [b'{"status": "fulfilled", "appointment_id": 5012}']
    assert "Waitlist entry 77 marked fulfilled with appointment 5012." in response.text
    assert "waitlist-offer" not in response.text


def test_no_time_suits_opens_the_waitlist_form_filled_with_this_customer(signed_in, omneo):
    omneo.get(f"{V3}/locations", json={"data": [{"id": 13, "name": "Melbourne Central"}]})
    omneo.get(f"{V3}/appointments", json={"data": [], "meta": {"current_page": 1, "last_page": 1}})
    omneo.get(f"{V3}/appointment-waitlists", json={"data": []})
    sent = booking_post(signed_in, slot="") | {"waitlist": "1"}

    response = signed_in.post("/book/", sent)
    day = signed_in.get(response.url)

    assert response.status_code == 302
    assert response.url.startswith("/day/?location=13&waitlist_definition=1&date=2026-05-11")
    form = re.search(r'data-testid="waitlist-add".*?</form>', day.text, re.S).group(0)
    assert f'value="{AVA}"' in form
    assert "Ava Nguyen" in form
    assert re.search(r'<option value="1" selected>', form)
    assert not [
        c
        for c in omneo.calls
        if c.request.method in ("POST", "PUT")
        and "appointment" in c.request.url
        and "slots" not in c.request.url
    ]


def test_the_waitlist_button_needs_the_customer_first(signed_in, omneo):
    sent = booking_post(signed_in, profile="", slot="") | {"waitlist": "1"}

    response = signed_in.post("/book/", sent)

    assert response.status_code == 422
    assert escape(messages.WAITLIST_NEEDS_CHOICES) in response.text
