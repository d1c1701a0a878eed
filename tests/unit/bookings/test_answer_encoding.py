"""Answers as the strings Omneo expects, and Omneo's answers as staff read them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from booking_portal.bookings.answer_encoding import answer_for_people, encode_answer, raw_answer
from booking_portal.omneo.resources import Question


def question(kind: str) -> Question:
    return Question(questionnaire_question_id=1, label="Q", type=kind, mapping_key="q")


@pytest.mark.parametrize(
    ("kind", "value", "wire"),
    [
        ("boolean", "true", "true"),
        ("boolean", "false", "false"),
        ("number", Decimal("42.50"), "42.5"),
        ("number", Decimal("1E+2"), "100"),
        ("slider", Decimal(7), "7"),
        ("date", date(2026, 5, 11), "2026-05-11"),
        ("datetime", datetime(2026, 5, 11, 9, 5), "2026-05-11 09:05:00"),  # noqa: DTZ001
        ("multi_select", ["waist", "hem"], '["waist", "hem"]'),
        ("json", '{"a": 1}', '{"a": 1}'),
        ("json", "not json", '"not json"'),
        ("text", "slim", "slim"),
        ("email", "ava@example.com", "ava@example.com"),
        ("phone", "+61412323123", "+61412323123"),
        ("single_select", "suit", "suit"),
    ],
)
def test_each_type_has_one_wire_encoding(kind, value, wire):
    assert encode_answer(question(kind), value) == wire


@pytest.mark.parametrize(("kind", "value"), [("multi_select", []), ("text", None), ("text", "")])
def test_an_unanswered_question_encodes_to_nothing(kind, value):
    assert encode_answer(question(kind), value) == ""


def test_a_submitted_multi_select_reads_as_json_for_visibility_rules():
    assert raw_answer(question("multi_select"), ["waist"]) == '["waist"]'
    assert raw_answer(question("multi_select"), []) == ""
    assert raw_answer(question("boolean"), None) == ""


def test_answers_read_back_for_people():
    values = ("true", False, '["waist", "hem"]', ["a", "b"], None, "slim")

    assert [answer_for_people(v) for v in values] == ["Yes", "No", "waist, hem", "a, b", "", "slim"]
