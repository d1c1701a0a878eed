"""Omneo refusing the time or the customer of a booking: what the page says and keeps."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from booking_portal.bookings import messages
from tests.unit.bookings.page_posts import AVA, SAM, V3, booking_post

pytestmark = pytest.mark.django_db

TOO_SOON = "The scheduled start at must be at least 120 minutes away."
LATER_ONLY = {
    "data": {
        "date": "2026-05-11",
        "timezone": "Australia/Melbourne",
        "slots": [{"start_at": "2026-05-11 11:00:00", "end_at": "2026-05-11 11:30:00"}],
    }
}


def _refused(omneo, key: str, message: str) -> None:
    body = {"message": message, "errors": {key: [message]}}
    omneo.post(f"{V3}/appointments", json=body, status=422)


def test_a_refused_time_still_offered_keeps_the_time_and_shows_omneos_message(signed_in, omneo):
    # Given Omneo refuses the start, yet the fresh times still offer it
    _refused(omneo, "scheduled_start_at", TOO_SOON)

    # When the booking is sent
    response = signed_in.post("/book/", booking_post(signed_in))

    # Then the time stays ticked, Omneo's words are beside it, and nothing says "taken"
    text = response.text
    assert response.status_code == 422
    assert 'data-testid="slot-taken"' not in text
    assert "time-taken" not in text
    assert re.search(r'value="2026-05-11T10:00"[^>]*checked', text)
    assert re.search(r'id="id_slot_error">[^<]*must be at least 120 minutes away', text)


def test_a_refused_time_no_longer_offered_is_said_to_be_taken(signed_in, omneo):
    # Given Omneo refuses the start and the fresh times no longer offer it
    _refused(omneo, "scheduled_start_at", "The selected time is no longer available.")
    sent = booking_post(signed_in)
    omneo.replace(
        "POST", f"{V3}/appointment-definitions/1/available-slots", json=LATER_ONLY, status=200
    )

    # When the booking is sent
    response = signed_in.post("/book/", sent)

    # Then the page says it was just taken and strikes it out
    text = response.text
    assert response.status_code == 422
    assert 'data-testid="slot-taken"' in text
    assert escape(messages.TIME_TAKEN.format(time="Mon 11 May, 10:00 AM")) in text
    assert re.search(r'class="time-btn time-taken"[^>]*>10:00', text)
    assert 'value="2026-05-11T11:00"' in text


def test_a_refused_time_still_offered_keeps_the_staff_member(signed_in, omneo):
    # Given a service with staff, whose time Omneo refuses though it is still offered
    _refused(omneo, "scheduled_start_at", TOO_SOON)
    sent = booking_post(signed_in, definition="3", staff=SAM, **{"answers-TOTAL_FORMS": "0"})

    # When the booking is sent
    response = signed_in.post("/book/", sent)

    # Then the staff member is still chosen
    assert response.status_code == 422
    assert re.search(rf'value="{SAM}"[^>]*selected|selected[^>]*value="{SAM}"', response.text)
    assert 'data-testid="slot-taken"' not in response.text


def test_a_refused_customer_marks_the_cards_invalid_and_describes_them(signed_in, omneo):
    _refused(omneo, "profile_id", "The selected profile id is invalid.")

    response = signed_in.post("/book/", booking_post(signed_in))

    text = response.text
    assert response.status_code == 422
    card = re.search(rf'<input[^>]*name="profile" value="{AVA}"[^>]*>', text)
    assert card is not None
    assert 'aria-invalid="true"' in card.group(0)
    assert 'aria-describedby="id_profile_error"' in card.group(0)
    assert 'id="id_profile_error"' in text


def test_customer_cards_are_not_marked_invalid_without_an_error(signed_in, omneo):
    text = signed_in.get("/book/", {"profile_search": "ava"}).text

    assert re.search(rf'<input[^>]*name="profile" value="{AVA}"[^>]*>', text)
    assert 'aria-invalid="true"' not in text
