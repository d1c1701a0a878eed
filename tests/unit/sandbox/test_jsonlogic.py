"""The sandbox's JSONLogic subset, over answers as they arrive on the wire (strings)."""

from __future__ import annotations

import pytest

from booking_portal.sandbox.jsonlogic import evaluate, is_visible


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
