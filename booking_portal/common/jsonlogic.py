"""A small JSONLogic evaluator: which booking questions are shown, and so required.

Both the booking page and the sandbox decide visibility with it; static/js/booking.js evaluates
the same subset in the browser, the same way.

Supports var, ==, !=, ===, !==, !, !!, and, or, in, <, >, <=, >=; unknown operators are false.
Answers are compared as the strings sent to Omneo, so a yes/no answer is "true" or "false", and
loose == treats the string "true" and the boolean true as equal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


def _truthy(value: Any) -> bool:
    if isinstance(value, list):
        return len(value) > 0
    return bool(value) and value not in ("0", "false")


def _loose_equal(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return str(left).lower() == str(right).lower()
    if left == right:
        return True
    return left is not None and right is not None and str(left) == str(right)


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _compare(test: Callable[[float, float], bool]) -> Callable[[Any, Any], bool]:
    def compare(left: Any, right: Any) -> bool:
        a, b = _number(left), _number(right)
        return a is not None and b is not None and test(a, b)

    return compare


BINARY: dict[str, Callable[[Any, Any], bool]] = {
    "==": _loose_equal,
    "!=": lambda a, b: not _loose_equal(a, b),
    "===": lambda a, b: a == b and type(a) is type(b),
    "!==": lambda a, b: not (a == b and type(a) is type(b)),
    "<": _compare(lambda a, b: a < b),
    ">": _compare(lambda a, b: a > b),
    "<=": _compare(lambda a, b: a <= b),
    ">=": _compare(lambda a, b: a >= b),
    "in": lambda a, b: a in b if isinstance(b, list | str) and a is not None else False,
}


def evaluate(rule: Any, data: Mapping[str, Any]) -> Any:
    """Evaluate a rule against answers keyed by mapping key; unknown operators are false."""
    if isinstance(rule, list):
        return [evaluate(item, data) for item in rule]
    if not isinstance(rule, dict) or len(rule) != 1:
        return rule
    operator, raw_args = next(iter(rule.items()))
    args = raw_args if isinstance(raw_args, list) else [raw_args]
    if operator == "var":
        name = evaluate(args[0], data) if args else None
        default = args[1] if len(args) > 1 else None
        return data.get(str(name), default) if name is not None else dict(data)
    values = [evaluate(arg, data) for arg in args]
    if operator == "!":
        return not _truthy(values[0] if values else None)
    if operator == "!!":
        return _truthy(values[0] if values else None)
    if operator == "and":
        return all(_truthy(value) for value in values)
    if operator == "or":
        return any(_truthy(value) for value in values)
    if operator in BINARY and len(values) >= 2:
        return BINARY[operator](values[0], values[1])
    return False


def is_visible(condition: Any, answers: Mapping[str, Any]) -> bool:
    """A question with no condition is always shown."""
    if condition in (None, "", {}):
        return True
    return _truthy(evaluate(condition, answers))
