"""The JSONLogic subset both the page and the sandbox use for question visibility."""

from __future__ import annotations

import pytest

from booking_portal.jsonlogic import evaluate, is_visible


@pytest.mark.parametrize(
    ("rule", "answers", "expected"),
    [
        (None, {}, True),
        ({"==": [{"var": "yes"}, "true"]}, {"yes": "true"}, True),
        ({"==": [{"var": "yes"}, True]}, {"yes": "true"}, True),
        ({"==": [{"var": "yes"}, "true"]}, {"yes": "false"}, False),
        ({"==": [{"var": "missing"}, "true"]}, {}, False),
        ({"!=": [{"var": "garment"}, "suit"]}, {"garment": "dress"}, True),
        ({">=": [{"var": "chest"}, 100]}, {"chest": "101.5"}, True),
        ({"<": [{"var": "chest"}, "x"]}, {"chest": "1"}, False),
        ({"in": ["waist", {"var": "areas"}]}, {"areas": '["waist"]'}, True),
        ({"and": [{"!!": {"var": "a"}}, {"!": {"var": "b"}}]}, {"a": "x", "b": ""}, True),
        ({"or": [{"var": "a"}, {"var": "b"}]}, {"a": "", "b": ""}, False),
        ({"===": [1, 1]}, {}, True),
        ({"!==": [1, "1"]}, {}, True),
        ({"unknown_op": [1]}, {}, False),
    ],
)
def test_visibility(rule, answers, expected):
    assert is_visible(rule, answers) is expected


def test_var_with_a_default():
    assert evaluate({"var": ["missing", "fallback"]}, {}) == "fallback"
