"""Laravel's validation errors: messages under dot-notation keys, and the 422 body they make."""

from __future__ import annotations

from typing import Any

Errors = dict[str, list[str]]


def attribute(key: str) -> str:
    """Laravel's readable attribute: top-level underscores become spaces, dotted keys stay."""
    return key if "." in key else key.replace("_", " ")


def add(errors: Errors, key: str, message: str) -> None:
    errors.setdefault(key, []).append(message.replace(":attribute", attribute(key)))


def type_error(errors: Errors, key: str, value: Any, kind: type) -> bool:
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        add(errors, key, "The :attribute field must be an integer.")
        return True
    if kind is str and not isinstance(value, str):
        add(errors, key, "The :attribute field must be a string.")
        return True
    return False


def laravel_body(errors: Errors) -> dict[str, Any]:
    """The 422 body: the first message, how many more, and every message by key."""
    messages = [message for key_messages in errors.values() for message in key_messages]
    summary = messages[0] if messages else "The given data was invalid."
    if len(messages) > 1:
        more = len(messages) - 1
        summary += f" (and {more} more error{'s' if more > 1 else ''})"
    return {"message": summary, "errors": errors}
