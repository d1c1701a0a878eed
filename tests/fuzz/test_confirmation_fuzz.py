"""Any appointment Omneo might return still makes a confirmation and a calendar file."""

from __future__ import annotations

from datetime import UTC

from django.template.loader import render_to_string
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from booking_portal.bookings.booked import booked_appointment
from booking_portal.bookings.calendar_file import appointment_calendar
from tests.factories import BookingAttemptFactory

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30)
)
json_value = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=8,
)
moment = st.one_of(
    json_value,
    st.datetimes(timezones=st.just(UTC)).map(lambda when: when.isoformat()),
    st.datetimes().map(lambda when: when.strftime("%Y-%m-%d %H:%M:%S")),
)
answer = st.fixed_dictionaries(
    {},
    optional={
        "questionnaire_question_id": json_value,
        "question_label": json_value,
        "value": json_value,
    },
)
appointment = st.fixed_dictionaries(
    {},
    optional={
        "id": json_value,
        "status": st.one_of(json_value, st.sampled_from(["requested", "confirmed", "no_show"])),
        "appointment_definition": json_value,
        "profile": json_value,
        "location": json_value,
        "assigned_staff": json_value,
        "scheduled_start_at": moment,
        "scheduled_end_at": moment,
        "confirmed_at": moment,
        "timezone": st.one_of(json_value, st.sampled_from(["Australia/Perth", "Mars/Base"])),
        "transaction": json_value,
        "order": json_value,
        "notes": json_value,
        "answers": st.one_of(json_value, st.lists(answer, max_size=3)),
    },
)


def no_questions(definition_id):
    return []


@FUZZ
@given(data=appointment, shown=json_value, zone=st.text(max_size=40))
@example(data={"scheduled_start_at": "9999-12-31T23:59:59Z"}, shown=[], zone="Pacific/Kiritimati")
@example(data={"confirmed_at": "0001-01-01T00:00:00Z"}, shown=[["a"]], zone="Etc/GMT+12")
def test_any_returned_appointment_makes_a_page_and_a_calendar(data, shown, zone):
    attempt = BookingAttemptFactory.build(
        id=1, response_body={"data": data}, answers_display=shown, timezone=zone
    )

    booked = booked_appointment(attempt=attempt, questions_for=no_questions)
    page = render_to_string(
        "bookings/confirmation.html",
        {"attempt": attempt, "booked": booked, "book_again_url": "/book/"},
    )
    (event,) = Calendar.from_ical(appointment_calendar(booked)).events

    assert booked.when in page
    assert event.start is not None
