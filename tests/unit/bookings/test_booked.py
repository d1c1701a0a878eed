"""A created booking in words: Omneo's appointment first, the attempt's record standing in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import requests

from booking_portal.bookings.booked import STATUS_NOT_GIVEN, booked_appointment
from booking_portal.omneo.resources import Question, QuestionOption
from tests.factories import BookingAttemptFactory
from tests.unit.bookings.page_posts import V3

FIT = Question(
    questionnaire_question_id=21,
    label="Preferred fit",
    type="single_select",
    options=(QuestionOption("Slim", "slim"),),
)


def attempt_with(**fields):
    """A created attempt, not saved: the words need no database."""
    return BookingAttemptFactory.build(id=1, **fields)


def made(**data):
    """An attempt whose appointment Omneo returned with these fields."""
    return attempt_with(response_body={"data": {"id": 5012, **data}})


def no_questions(definition_id):
    raise AssertionError("the questions were read although nothing needed labelling")


def test_omneos_appointment_gives_the_names_and_times(omneo_fixture):
    data = omneo_fixture("created_201.json")["data"]
    data["profile"]["mobile_phone"] = "0400 000 001"
    attempt = attempt_with(
        response_body={"data": data}, answers_display=[["Preferred fit", "Slim"]]
    )

    booked = booked_appointment(attempt=attempt, questions_for=no_questions)

    assert (booked.service, booked.store) == ("Suit fitting", "Melbourne Central")
    assert booked.customer_name == "Ava Nguyen"
    assert (booked.customer_email, booked.customer_phone) == (
        "ava.nguyen@example.com",
        "0400 000 001",
    )
    assert booked.start == datetime(2026, 5, 11, 0, 0, tzinfo=UTC)
    assert booked.duration == "30 minutes"
    assert booked.zone.key == "Australia/Melbourne"
    assert booked.answers == (("Preferred fit", "Slim"),)
    assert booked.transaction_words == "1001 · receipt R-1001"


def test_what_omneo_left_out_comes_from_the_attempt():
    attempt = attempt_with(
        response_body={"data": {"id": 5012}},
        staff_name="Sam Lee",
        payload={"status": "requested", "notes": "Window seat"},
    )

    booked = booked_appointment(attempt=attempt, questions_for=no_questions)

    assert booked.customer_name == attempt.customer_name
    assert booked.customer_email == attempt.customer_email
    assert (booked.service, booked.store) == ("Suit fitting", "Melbourne Central")
    assert booked.staff == "Sam Lee"
    assert (booked.start, booked.end) == (attempt.scheduled_start, attempt.scheduled_end)
    assert booked.status == "requested"
    assert booked.notes == "Window seat"


def test_a_missing_end_is_the_start_plus_the_length_booked():
    attempt = made(scheduled_start_at="2026-05-12T02:00:00Z", scheduled_end_at=None)

    booked = booked_appointment(attempt=attempt, questions_for=no_questions)

    assert booked.start == datetime(2026, 5, 12, 2, 0, tzinfo=UTC)
    assert booked.end == booked.start + timedelta(minutes=45)  # the factory books 45 minutes


def test_an_end_before_the_start_is_not_believed():
    attempt = made(
        scheduled_start_at="2026-05-12T02:00:00Z", scheduled_end_at="2026-05-12T01:00:00Z"
    )

    booked = booked_appointment(attempt=attempt, questions_for=no_questions)

    assert booked.end == booked.start + timedelta(minutes=45)


def test_no_status_from_omneo_or_the_form_says_so():
    booked = booked_appointment(attempt=made(), questions_for=no_questions)

    assert booked.status_words == STATUS_NOT_GIVEN


def test_unrecorded_answers_are_labelled_by_the_services_questions():
    answer = {"questionnaire_question_id": 21, "question_label": "fit_q", "value": "slim"}
    asked = []

    def questions_for(definition_id):
        asked.append(definition_id)
        return [FIT]

    booked = booked_appointment(
        attempt=made(appointment_definition_id=1, answers=[answer]), questions_for=questions_for
    )

    assert booked.answers == (("Preferred fit", "Slim"),)
    assert asked == [1]


def test_when_the_questions_cannot_be_read_the_answers_still_show(omneo):
    omneo.replace(
        "GET", f"{V3}/appointment-definitions/1/questions", body=requests.ConnectionError("down")
    )
    answer = {"questionnaire_question_id": 21, "question_label": "Fit", "value": True}

    booked = booked_appointment(attempt=made(appointment_definition_id=1, answers=[answer]))

    assert booked.answers == (("Fit", "Yes"),)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("9999-12-31T23:00:00Z", None),
        ("0001-01-01T00:00:00Z", "9999-12-31T23:00:00Z"),
        ("2026-05-12T02:00:00Z", "9999-12-31T23:59:59Z"),
    ],
)
def test_times_no_zone_could_show_are_not_believed(start, end):
    attempt = made(scheduled_start_at=start, scheduled_end_at=end, confirmed_at=end)

    booked = booked_appointment(attempt=attempt, questions_for=no_questions)

    assert booked.start.year == 2026
    assert booked.end - booked.start == timedelta(minutes=45)
    assert booked.confirmed_at is None
    assert booked.when.endswith("(Australia/Melbourne time)")
