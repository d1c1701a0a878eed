"""apply_omneo_errors(): each 422 message lands beside the field that caused it, once."""

from __future__ import annotations

import pytest

from booking_portal.bookings.error_mapping import apply_omneo_errors
from booking_portal.bookings.payload import WIRE_FIELD_TO_FORM_FIELD, store_appointment_from_forms
from booking_portal.omneo.errors import OmneoValidationError
from tests.unit.bookings.booking_data import bound_forms, choices, submitted


def rejected(body: dict) -> OmneoValidationError:
    errors = {key: tuple(messages) for key, messages in body["errors"].items()}
    return OmneoValidationError(body["message"], field_errors=errors, status=422)


@pytest.fixture
def booking():
    """A valid fitting whose payload skips the unanswered questions 2 and 3 (0-based)."""
    form, answer_forms = bound_forms(
        submitted(**{"answers-4-value": "2020-01-01", "answers-5-value": "101"})
    )
    assert form.is_valid(), form.errors
    assert all(a.is_valid() for a in answer_forms)
    _, answer_index, _ = store_appointment_from_forms(
        form=form, answer_forms=answer_forms, choices=choices()
    )
    return form, answer_forms, answer_index


def apply(booking, body):
    form, answer_forms, answer_index = booking
    apply_omneo_errors(
        error=rejected(body), form=form, answer_forms=answer_forms, answer_index=answer_index
    )
    return form, answer_forms


def test_payload_positions_skip_unanswered_questions(booking):
    _, _, answer_index = booking

    assert answer_index == [0, 1, 4, 5]


def test_a_top_level_key_lands_on_its_field(booking, omneo_fixture):
    form, _ = apply(booking, omneo_fixture("booking_422_top_level.json"))

    assert form.has_error("slot", code="omneo")
    assert form.errors["slot"] == ["The “Time” field is required."]


def test_a_nested_transaction_key_lands_on_the_nested_field(booking, omneo_fixture):
    form, _ = apply(booking, omneo_fixture("booking_422_transaction_id.json"))

    assert form.errors["transaction_id"] == ["The selected “Transaction id” is invalid."]
    assert not form.non_field_errors()


def test_an_answer_key_lands_on_the_answer_that_was_nth_in_the_payload(booking, omneo_fixture):
    _, answer_forms = apply(booking, omneo_fixture("booking_422_answer_after_skipped.json"))

    # payload position 2 is formset position 4, the event date
    assert answer_forms[4].has_error("value", code="omneo")
    assert answer_forms[4].errors["value"] == [
        "The “Date of the event” field must be a date after or equal to today."
    ]
    assert not any(f.errors for i, f in enumerate(answer_forms) if i != 4)


def test_a_hidden_question_id_error_moves_to_the_visible_answer(booking, omneo_fixture):
    _, answer_forms = apply(booking, omneo_fixture("booking_422_question_id.json"))

    assert "questionnaire_question_id" not in answer_forms[0].errors
    assert answer_forms[0].errors["value"] == ["The selected “Which garment?” is invalid."]


def test_an_unknown_key_goes_to_the_summary(booking, omneo_fixture):
    form, _ = apply(booking, omneo_fixture("booking_422_unknown_key.json"))

    assert form.non_field_errors() == ["Capacity: The slot is held by another booking."]


def test_a_message_only_422_goes_to_the_summary(booking, omneo_fixture):
    form, _ = apply(booking, omneo_fixture("booking_422_message_only.json"))

    assert form.non_field_errors() == ["This appointment could not be booked."]


def test_an_out_of_range_answer_index_goes_to_the_summary(booking, omneo_fixture):
    form, answer_forms = apply(booking, omneo_fixture("booking_422_out_of_range.json"))

    assert form.non_field_errors() == ["The “Booking question 8” field is required."]
    assert not any(f.errors for f in answer_forms)


def test_several_messages_per_key_all_land_once(booking, omneo_fixture):
    body = omneo_fixture("booking_422_several_messages.json")
    form, _ = apply(booking, body)
    form, _ = apply(booking, body)  # a second pass adds nothing new

    assert form.errors["order_number"] == [
        "The “Order number” field must be a string.",
        "The selected “Order number” is invalid.",
    ]
    assert form.non_field_errors() == ['An answer to "Occasion" is required.']


@pytest.mark.parametrize("wire_key", sorted(WIRE_FIELD_TO_FORM_FIELD))
def test_every_wire_key_has_a_field_on_the_form(booking, wire_key):
    form, _ = apply(booking, {"message": "x", "errors": {wire_key: ["Wrong."]}})

    assert form.errors[WIRE_FIELD_TO_FORM_FIELD[wire_key]] == ["Wrong."]


def test_a_tag_error_lands_on_the_tags_field(booking):
    body = {"message": "x", "errors": {"meta.1": ["The meta.1 must be a string."]}}

    form, _ = apply(booking, body)

    assert form.errors["meta"] == [f"The “{form.fields['meta'].label}” must be a string."]
    assert not form.non_field_errors()
