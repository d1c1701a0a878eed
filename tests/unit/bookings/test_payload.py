"""store_appointment_from_forms(): the StoreAppointment body from what staff entered."""

from __future__ import annotations

import json

from booking_portal.bookings.payload import store_appointment_from_forms
from tests.unit.bookings.booking_data import KIM, bound_forms, choices, submitted


def build(data, staff=None):
    form, answer_forms = bound_forms(data)
    assert form.is_valid(), form.errors
    assert all(answer_form.is_valid() for answer_form in answer_forms)
    return store_appointment_from_forms(
        form=form, answer_forms=answer_forms, choices=choices(staff)
    )


def test_times_are_store_wall_clock_and_end_is_start_plus_duration():
    appointment, _, summary = build(submitted())

    body = appointment.to_json()
    assert body["scheduled_start_at"] == "2026-05-11 10:00:00"
    assert body["scheduled_end_at"] == "2026-05-11 10:45:00"
    assert body["timezone"] == "Australia/Melbourne"
    assert summary.start.utcoffset().total_seconds() == 10 * 3600


def test_instant_services_default_to_confirmed_with_confirmed_at():
    body = build(submitted())[0].to_json()

    assert body["status"] == "confirmed"
    assert len(body["confirmed_at"]) == len("2026-05-11 10:00:00")


def test_staff_may_pick_a_status_and_confirmed_at():
    body = build(submitted(status="confirmed", confirmed_at="2026-05-10T09:30"))[0].to_json()

    assert body["status"] == "confirmed"
    assert body["confirmed_at"] == "2026-05-10 09:30:00"


def test_links_notes_meta_and_staff_are_sent_when_given():
    data = submitted(
        transaction_id="1001",
        transaction_receipt_ref="R-1",
        order_number="SO-2001",
        order_external_id="W-9",
        notes="Bring the jacket",
        meta="vip\n\n walk-by \n",
    )

    body = build(data, staff=KIM)[0].to_json()

    assert body["transaction"] == {"id": 1001, "receipt_ref": "R-1"}
    assert body["order"] == {"external_id": "W-9", "order_number": "SO-2001"}
    assert body["notes"] == "Bring the jacket"
    assert body["meta"] == ["vip", "walk-by"]
    assert body["assigned_staff_id"] == KIM.id


def test_nothing_optional_is_sent_when_left_empty():
    body = build(submitted())[0].to_json()

    assert not {"transaction", "order", "notes", "meta", "assigned_staff_id"} & set(body)


def test_answers_are_encoded_and_hidden_or_blank_ones_left_out():
    data = submitted(
        **{
            "answers-1-value": "true",
            "answers-2-value": "Shorten sleeves",
            "answers-3-value": ["waist", "hem"],
            "answers-4-value": "2026-12-01",
            "answers-5-value": "101.50",
        }
    )

    appointment, answer_index, _ = build(data)

    assert [(a.questionnaire_question_id, a.value) for a in appointment.answers] == [
        (21, "suit"),
        (23, "true"),
        (24, "Shorten sleeves"),
        (25, json.dumps(["waist", "hem"])),
        (26, "2026-12-01"),
        (27, "101.5"),
    ]
    assert answer_index == [0, 1, 2, 3, 4, 5]


def test_a_hidden_question_is_not_sent_even_if_filled_in():
    data = submitted(**{"answers-1-value": "false", "answers-2-value": "left over text"})

    appointment, _, _ = build(data)

    assert 24 not in [a.questionnaire_question_id for a in appointment.answers]


def test_the_summary_names_what_was_booked():
    _, _, summary = build(submitted(), staff=KIM)

    assert (summary.definition_name, summary.location_name, summary.customer_name) == (
        "Suit fitting",
        "Melbourne Central",
        "Ava Nguyen",
    )
    assert summary.staff_name == "Kim Lee"
