"""The confirmation page and its calendar file: what staff read at the counter, and who may."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.html import escape
from icalendar import Calendar

from booking_portal.bookings.statuses import REQUESTED_HEADING
from booking_portal.writes.models import BookingAttempt
from tests.factories import BookingAttemptFactory
from tests.unit.bookings.page_posts import AVA

pytestmark = pytest.mark.django_db

SYDNEY_FITTING = {
    "id": 5012,
    "status": "confirmed",
    "appointment_definition_id": 1,
    "appointment_definition": {"id": 1, "name": "Suit fitting"},
    "profile": {"id": AVA, "first_name": "Ava", "last_name": "Nguyen", "email": "ava@example.com"},
    "location": {"id": 14, "name": "Pitt Street", "timezone": "Australia/Sydney"},
    "scheduled_start_at": "2026-11-26T23:00:00Z",
    "scheduled_end_at": "2026-11-26T23:45:00Z",
    "timezone": "Australia/Sydney",
    "answers": [{"questionnaire_question_id": 21, "question_label": "fit_q", "value": "slim"}],
}


def booked_for(user, **data) -> BookingAttempt:
    return BookingAttemptFactory(
        booked_by=user,
        profile_id=AVA,
        location_id=14,
        timezone="Australia/Sydney",
        omneo_appointment_id=5012,
        response_body={"data": SYDNEY_FITTING | data},
    )


def test_the_confirmation_gives_the_day_and_times_with_the_zone_in_words(
    signed_in, staff_user, omneo
):
    attempt = booked_for(staff_user)

    text = signed_in.get(f"/book/done/{attempt.pk}/").text

    when = "Friday 27 November 2026, 10:00 AM \N{EN DASH} 10:45 AM (Australia/Sydney time)"
    assert f'data-testid="start">{when}<' in text
    assert 'data-testid="duration">45 minutes<' in text
    assert 'data-testid="heading">Booked<' in text


def test_the_status_is_in_words_never_omneos_value(signed_in, staff_user, omneo):
    attempt = booked_for(staff_user, status="no_show")

    text = signed_in.get(f"/book/done/{attempt.pk}/").text

    assert 'data-testid="status">No show<' in text
    assert "no_show" not in text


def test_a_request_says_it_waits_for_approval(signed_in, staff_user, omneo):
    attempt = booked_for(staff_user, status="requested")

    text = signed_in.get(f"/book/done/{attempt.pk}/").text

    assert f'data-testid="heading">{REQUESTED_HEADING}<' in text
    assert "Requested (awaiting approval)" in text


def test_an_answer_shows_the_questions_label_and_the_options_label(signed_in, staff_user, omneo):
    attempt = booked_for(staff_user)  # nothing recorded: Omneo's answer is labelled

    text = signed_in.get(f"/book/done/{attempt.pk}/").text

    answers = text.split('data-testid="answers"', 1)[1].split("</dl>", 1)[0]
    assert "<dt" in answers
    assert "Preferred fit" in answers
    assert ">Slim<" in answers
    assert "slim" not in answers
    assert "fit_q" not in answers


def test_book_another_chooses_the_same_customer_and_store(signed_in, staff_user, omneo):
    attempt = booked_for(staff_user)

    text = signed_in.get(f"/book/done/{attempt.pk}/").text

    link = escape(f"/book/?profile={AVA}&location=14")
    assert f'href="{link}" data-testid="book-again">Book another for this customer<' in text
    assert f'href="/bookings/{attempt.pk}/calendar.ics" download' in text


def test_book_another_opens_the_booking_page_with_the_customer_chosen(signed_in, staff_user, omneo):
    attempt = booked_for(staff_user)
    text = signed_in.get(f"/book/done/{attempt.pk}/").text
    link = re.search(r'href="([^"]+)" data-testid="book-again"', text).group(1)

    response = signed_in.get(unescape(link))

    assert response.status_code == 200
    assert 'data-recap-for="customer">Ava Nguyen</dd>' in response.text


def test_the_omneo_id_is_a_small_reference(signed_in, staff_user, omneo):
    attempt = booked_for(staff_user)

    text = signed_in.get(f"/book/done/{attempt.pk}/").text

    assert 'Omneo reference <span data-testid="omneo-id">5012</span>' in text


def test_odd_data_from_omneo_still_shows_a_confirmation(signed_in, staff_user, omneo):
    attempt = booked_for(
        staff_user, scheduled_end_at=None, assigned_staff=None, profile="?", status=None
    )

    response = signed_in.get(f"/book/done/{attempt.pk}/")

    assert response.status_code == 200
    assert "10:00 AM \N{EN DASH} 10:45 AM (Australia/Sydney time)" in response.text  # booked 45'
    assert 'data-testid="staff">Not assigned<' in response.text


def test_the_calendar_file_is_an_ics_download(signed_in, staff_user, omneo):
    attempt = booked_for(staff_user)

    response = signed_in.get(f"/bookings/{attempt.pk}/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="appointment-5012.ics"'
    (event,) = Calendar.from_ical(response.content).events
    assert event["SUMMARY"] == "Suit fitting at Pitt Street"
    assert event.start.tzinfo.key == "Australia/Sydney"
    assert "Preferred fit: Slim" in str(event["DESCRIPTION"])


def test_a_calendar_file_from_odd_data_is_still_made(signed_in, staff_user, omneo):
    attempt = booked_for(staff_user, scheduled_start_at="soon", scheduled_end_at=[], profile=1)

    response = signed_in.get(f"/bookings/{attempt.pk}/calendar.ics")

    (event,) = Calendar.from_ical(response.content).events
    assert event.start == attempt.scheduled_start
    assert event.end == attempt.scheduled_end


@pytest.mark.parametrize("path", ["/book/done/{}/", "/bookings/{}/calendar.ics"])
def test_another_staff_members_booking_is_not_found(signed_in, staff_user, omneo, path):
    mine = booked_for(staff_user)
    theirs = booked_for(User.objects.create_user("kim"))

    assert signed_in.get(path.format(mine.pk)).status_code == 200
    assert signed_in.get(path.format(theirs.pk)).status_code == 404


@pytest.mark.parametrize("path", ["/book/done/{}/", "/bookings/{}/calendar.ics"])
@pytest.mark.parametrize("outcome", ["failed", "rejected", "unknown", "pending", "review"])
def test_a_booking_omneo_did_not_make_has_no_confirmation(
    signed_in, staff_user, omneo, path, outcome
):
    made = booked_for(staff_user)
    not_made = BookingAttemptFactory(booked_by=staff_user, outcome=outcome)

    assert signed_in.get(path.format(made.pk)).status_code == 200
    assert signed_in.get(path.format(not_made.pk)).status_code == 404


@pytest.mark.parametrize("path", ["/book/done/{}/", "/bookings/{}/calendar.ics"])
def test_a_booking_admin_sees_anyones(client, staff_user, booking_admin, omneo, path):
    theirs = booked_for(staff_user)
    client.force_login(booking_admin)

    assert client.get(path.format(theirs.pk)).status_code == 200


def test_the_calendar_file_needs_a_sign_in(client, staff_user):
    attempt = booked_for(staff_user)

    response = client.get(f"/bookings/{attempt.pk}/calendar.ics")

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/bookings/{attempt.pk}/calendar.ics"
