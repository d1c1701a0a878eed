"""A visit's rules: a time (`visited_at` or `occurred_at`) in a zone, a known store and staff."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from booking_portal.sandbox import data
from booking_portal.sandbox.http import wall_clock
from booking_portal.sandbox.models import SandboxVisit
from booking_portal.sandbox.validation import Errors, add, type_error

TIME_KEYS = ("visited_at", "occurred_at")


def _zone(name: Any) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if isinstance(name, str) and name else None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _time_key(body: dict[str, Any]) -> str:
    """Which key carries the time: visited_at when sent, else occurred_at (the sources disagree)."""
    return "visited_at" if body.get("visited_at") is not None else "occurred_at"


def _check_fields(errors: Errors, body: dict[str, Any]) -> None:
    for key in ("staff_id", "external_id", *TIME_KEYS, "timezone"):
        if body.get(key) is not None:
            type_error(errors, key, body[key], str)
    if (
        body.get("location_id") is not None
        and not type_error(errors, "location_id", body["location_id"], int)
        and body["location_id"] not in data.LOCATIONS
    ):
        add(errors, "location_id", "The selected :attribute is invalid.")
    staff_id = body.get("staff_id")
    if isinstance(staff_id, str) and staff_id and staff_id not in data.STAFF:
        add(errors, "staff_id", "The selected :attribute is invalid.")
    tags = body.get("tags")
    if tags is not None and not (isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
        add(errors, "tags", "The :attribute field must be an array of strings.")


def _check_time(errors: Errors, body: dict[str, Any], *, required: bool) -> None:
    key = _time_key(body)
    if body.get(key) is None:
        if required:
            add(errors, "visited_at", "The :attribute field is required.")
        return
    zone = _zone(body.get("timezone"))
    if zone is None:
        add(errors, "timezone", "The :attribute field must be a valid timezone.")
    elif not errors.get(key) and wall_clock(body[key], zone) is None:
        add(errors, key, "The :attribute field must match the format Y-m-d H:i:s.")


def visit_errors(body: Any, *, creating: bool) -> Errors:
    """Every reason to refuse a visit's POST (time required) or PUT (every field optional)."""
    errors: Errors = {}
    if not isinstance(body, dict):
        add(errors, "body", "The request body must be a JSON object.")
        return errors
    _check_fields(errors, body)
    _check_time(errors, body, required=creating)
    return errors


def visit_save(visit: SandboxVisit, body: dict[str, Any]) -> SandboxVisit:
    """Write a checked body (see visit_errors) onto a new or stored visit, and save it."""
    key = _time_key(body)
    if body.get(key) is not None:
        zone = ZoneInfo(body["timezone"])
        visit.visited_at = wall_clock(body[key], zone)
        visit.timezone = body["timezone"]
    for field in ("location_id", "tags"):
        if field in body:
            setattr(visit, field, body[field] if field != "tags" else body[field] or [])
    for field in ("staff_id", "external_id"):
        if field in body:
            setattr(visit, field, body[field] or "")
    visit.save()
    return visit
