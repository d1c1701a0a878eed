"""Question visibility: the JSONLogic subset booking.js evaluates in the browser, on the server.

The booking page and the sandbox share the evaluator, so both decide as the browser does.
"""

from __future__ import annotations

import pytest

from booking_portal.common.jsonlogic import evaluate, is_visible

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


def test_var_with_a_default():
    assert evaluate({"var": ["missing", "fallback"]}, {}) == "fallback"


def test_a_yes_no_answer_compares_as_its_wire_string():
    assert evaluate({"==": [{"var": "ok"}, "true"]}, {"ok": "true"}) is True
    assert evaluate({"===": [{"var": "ok"}, True]}, {"ok": "true"}) is False


@pytest.mark.parametrize(
    ("rule", "answers", "expected"),
    [
        ({"var": "garment"}, {"garment": "suit"}, "suit"),
        ({"var": ["missing", "fallback"]}, {}, "fallback"),
        ({"==": [{"var": "yes"}, "true"]}, {"yes": "true"}, True),
        ({"==": [{"var": "yes"}, True]}, {"yes": "true"}, True),  # wire "true" equals true
        ({"==": [{"var": "yes"}, True]}, {"yes": "false"}, False),
        ({"==": ["1", 1]}, {}, True),
        ({"!=": [{"var": "garment"}, "suit"]}, {"garment": "dress"}, True),
        ({"===": ["1", 1]}, {}, False),
        ({"===": [1, 1]}, {}, True),
        ({"!==": ["1", 1]}, {}, True),
        ({"!": {"var": "yes"}}, {"yes": "false"}, True),
        ({"!": [{"var": "yes"}]}, {"yes": "true"}, False),
        ({"!!": {"var": "notes"}}, {"notes": ""}, False),
        ({"!!": [{"var": "notes"}]}, {"notes": "hem"}, True),
        ({"and": [{"var": "a"}, {"var": "b"}]}, {"a": "x", "b": "0"}, False),
        ({"or": [{"var": "a"}, {"var": "b"}]}, {"a": "", "b": "y"}, True),
        ({"in": [{"var": "garment"}, ["suit", "dress"]]}, {"garment": "dress"}, True),
        ({"in": ["waist", {"var": "areas"}]}, {"areas": '["waist", "hem"]'}, True),
        ({"in": ["cape", {"var": "areas"}]}, {"areas": '["waist"]'}, False),
        ({"<": [{"var": "chest"}, 100]}, {"chest": "99.5"}, True),
        ({">": [{"var": "chest"}, 100]}, {"chest": "100"}, False),
        ({"<=": [{"var": "chest"}, 100]}, {"chest": "100"}, True),
        ({">=": [{"var": "chest"}, "x"]}, {"chest": "100"}, False),  # not a number: false
        ({"xor": [1, 2]}, {}, False),  # unknown operator
    ],
)
def test_evaluate(rule, answers, expected):
    assert evaluate(rule, answers) == expected


@pytest.mark.parametrize(
    ("condition", "answers", "shown"),
    [
        (None, {}, True),
        ({}, {}, True),
        ({"==": [{"var": "has_alterations"}, "true"]}, {"has_alterations": "true"}, True),
        ({"==": [{"var": "has_alterations"}, "true"]}, {"has_alterations": "false"}, False),
        ({"==": [{"var": "has_alterations"}, "true"]}, {}, False),  # unanswered: hidden
    ],
)
def test_is_visible(condition, answers, shown):
    assert is_visible(condition, answers) is shown
