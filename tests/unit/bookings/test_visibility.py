"""Question visibility: the JSONLogic subset booking.js evaluates in the browser, on the server."""

from __future__ import annotations

import pytest

from booking_portal.bookings.visibility import evaluate, is_visible
from booking_portal.sandbox.jsonlogic import is_visible as sandbox_is_visible

CASES = [
    (None, {}, True),
    ({}, {}, True),
    ({"==": [{"var": "yes"}, "true"]}, {"yes": "true"}, True),
    ({"==": [{"var": "yes"}, True]}, {"yes": "true"}, True),
    ({"==": [{"var": "yes"}, True]}, {"yes": "false"}, False),
    ({"==": [{"var": "yes"}, "true"]}, {"yes": "false"}, False),
    ({"==": [{"var": "missing"}, "true"]}, {}, False),
    ({"!=": [{"var": "garment"}, "suit"]}, {"garment": "dress"}, True),
    ({"!=": [{"var": "garment"}, "suit"]}, {"garment": "suit"}, False),
    ({">=": [{"var": "chest"}, 100]}, {"chest": "101.5"}, True),
    ({">": [{"var": "chest"}, 100]}, {"chest": "100"}, False),
    ({"<=": [{"var": "chest"}, 100]}, {"chest": "100"}, True),
    ({"<": [{"var": "chest"}, "x"]}, {"chest": "1"}, False),
    ({"in": ["waist", {"var": "areas"}]}, {"areas": '["waist"]'}, True),
    ({"in": ["hem", {"var": "areas"}]}, {"areas": '["waist"]'}, False),
    ({"in": [{"var": "garment"}, ["suit", "dress"]]}, {"garment": "dress"}, True),
    ({"and": [{"!!": {"var": "a"}}, {"!": {"var": "b"}}]}, {"a": "x", "b": ""}, True),
    ({"or": [{"var": "a"}, {"var": "b"}]}, {"a": "", "b": ""}, False),
    ({"!": {"var": "yes"}}, {"yes": "false"}, True),
    ({"===": [1, 1]}, {}, True),
    ({"===": [1, "1"]}, {}, False),
    ({"!==": [1, "1"]}, {}, True),
    ({"unknown_op": [1]}, {}, False),
]


@pytest.mark.parametrize(("rule", "answers", "expected"), CASES)
def test_visibility(rule, answers, expected):
    assert is_visible(rule, answers) is expected


@pytest.mark.parametrize(("rule", "answers", "expected"), CASES)
def test_the_sandbox_decides_visibility_as_the_page_does(rule, answers, expected):
    assert sandbox_is_visible(rule, answers) is expected


def test_var_with_a_default():
    assert evaluate({"var": ["missing", "fallback"]}, {}) == "fallback"


def test_a_yes_no_answer_compares_as_its_wire_string():
    assert evaluate({"==": [{"var": "ok"}, "true"]}, {"ok": "true"}) is True
    assert evaluate({"===": [{"var": "ok"}, True]}, {"ok": "true"}) is False
