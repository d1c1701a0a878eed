"""Hostile input on the booking form and its answers: a field error, never a payload or a 500."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from booking_portal.bookings.answer_forms import AnswerForm
from booking_portal.common.input_rules import (
    CONTROL_CHARACTERS,
    NOT_AN_ID,
    NoControlCharacters,
    parse_positive_id,
)
from booking_portal.omneo.resources import Question
from tests.unit.bookings.booking_data import bound_forms, submitted


def errors_of(**fields: str) -> dict[str, list[str]]:
    form, _ = bound_forms(submitted(**fields))
    form.is_valid()
    return form.errors


@pytest.mark.parametrize(
    "slot", ["0001-01-01T00:00", "9999-12-31T23:59", "1999-12-31T10:00", "2999-01-01T10:00"]
)
def test_an_absurd_slot_is_a_field_error(slot):
    assert "slot" in errors_of(slot=slot)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1970-01-01"])
def test_an_absurd_date_is_a_field_error(day):
    assert "date" in errors_of(date=day)


@pytest.mark.parametrize("confirmed_at", ["0001-01-01T00:00", "9999-12-31T23:59"])
def test_an_absurd_confirmation_time_is_a_field_error(confirmed_at):
    assert "confirmed_at" in errors_of(status="confirmed", confirmed_at=confirmed_at)


@pytest.mark.parametrize(
    "profile", ["../appointments/1", "x?filter[status]=cancelled", "..", "p-ava", "1" * 36]
)
def test_a_profile_id_must_be_an_omneo_uuid(profile):
    assert errors_of(profile=profile)["profile"] == [NOT_AN_ID]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("order_number", "SO-2001\x1b[31m"),
        ("transaction_external_id", "POS\x7f"),
        ("transaction_receipt_ref", "R\u0085x"),
        ("order_external_id", "line\nbreak"),
        ("profile_search", "ava\x08"),
        ("notes", "bell\x07"),
        ("meta", "tag\x1fx"),
    ],
)
def test_control_characters_are_a_field_error(field, value):
    assert errors_of(**{field: value})[field] == [CONTROL_CHARACTERS]


@pytest.mark.parametrize("field", ["notes", "order_number", "profile_search"])
def test_nul_is_a_field_error(field):
    assert field in errors_of(**{field: "a\x00b"})


def test_notes_keep_line_breaks_and_tabs():
    form, _ = bound_forms(submitted(notes="Line one\r\n\tLine two"))

    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("field", "length"), [("notes", 5001), ("meta", 2001), ("profile_search", 101), ("slot", 17)]
)
def test_every_text_field_is_bounded(field, length):
    assert field in errors_of(**{field: "a" * length})


@pytest.mark.parametrize("number", ["9" * 30, "-5", "0", "9223372036854775808"])
def test_omneo_integers_are_bounded(number):
    assert "transaction_id" in errors_of(transaction_id=number)
    assert "order_id" in errors_of(order_id=number)


def answer(kind: str, value: str, **question: object) -> AnswerForm:
    form = AnswerForm(
        {"value": value},
        question=Question(questionnaire_question_id=1, label="Q", type=kind, **question),
    )
    form.is_valid()
    return form


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("text", "a\x1bb"),
        ("text", "a" * 1001),
        ("textarea", "a\x00b"),
        ("textarea", "a" * 5001),
        ("json", '{"a": "\x07"}'),
        ("phone", "+61\x0c4"),
        ("phone", "1" * 33),
        ("email", "a\x01@example.com"),
        ("date", "0001-01-01"),
        ("date", "9999-12-31"),
        ("datetime", "0001-01-01T00:00"),
        ("number", "9" * 31),
        ("number", "NaN"),
        ("slider", "-Infinity"),
    ],
)
def test_hostile_answers_are_field_errors(kind, value):
    assert "value" in answer(kind, value).errors


def test_a_textarea_answer_keeps_its_line_breaks():
    assert answer("textarea", "first\nsecond\ttabbed").errors == {}


def test_a_birthday_answer_is_in_the_window():
    assert answer("date", "1950-06-01").errors == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        ("0", None),
        ("-1", None),
        ("abc", None),
        ("\u0661\u0662", None),
        ("9" * 20, None),
    ],
)
def test_ids_are_positive_ascii_digits_within_64_bits(text, expected):
    assert parse_positive_id(text) == expected


def test_the_control_character_validator_reports_once_for_nul():
    with pytest.raises(ValidationError):
        NoControlCharacters()("a\x1b")
    NoControlCharacters()("a\x00b")  # Django's own NUL validator reports that one
