"""Tenant custom fields (what registers a Clienteling app), kept in the shared cache."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

CACHE_KEY = "sandbox:custom-fields"
KEEP_SECONDS = 7 * 24 * 60 * 60
TYPES = frozenset({"json", "string", "text", "boolean", "number"})


def fields_all() -> dict[str, dict[str, Any]]:
    return dict(cache.get(CACHE_KEY) or {})


def field_key(body: dict[str, Any]) -> str:
    return f"{body.get('namespace')}:{body.get('handle')}"


def field_errors(body: Any, *, creating: bool) -> dict[str, list[str]]:
    """Laravel-style errors for a custom field body; an empty dict when it is acceptable."""
    if not isinstance(body, dict):
        return {"namespace": ["The namespace field is required."]}
    errors: dict[str, list[str]] = {}
    for name in ("namespace", "handle", "type"):
        if creating and not (isinstance(body.get(name), str) and body[name].strip()):
            errors[name] = [f"The {name} field is required."]
    if "type" in body and body["type"] not in TYPES:
        errors["type"] = ["The selected type is invalid."]
    if (
        body.get("type", "json") == "json"
        and "value" in body
        and not isinstance(body["value"], dict | list)
    ):
        errors["value"] = ["The value must be valid JSON."]
    if creating and field_key(body) in fields_all():
        errors["handle"] = ["The handle has already been taken."]
    return errors


def field_save(key: str, body: dict[str, Any]) -> dict[str, Any]:
    """Store the field under its `namespace:handle` key and return it as Omneo answers."""
    stored = fields_all()
    namespace, _, handle = key.partition(":")
    field = {
        **stored.get(key, {}),
        **{name: body[name] for name in ("type", "value") if name in body},
        "namespace": namespace,
        "handle": handle,
    }
    field.setdefault("type", "json")
    stored[key] = field
    cache.set(CACHE_KEY, stored, KEEP_SECONDS)
    return field
