"""The profile's JSON shape, as the contract describes it."""

from __future__ import annotations

from typing import Any


def person_json(person: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "first_name", "last_name", "full_name", "email", "mobile_phone")
    return {key: person.get(key) for key in keys if key in person}
