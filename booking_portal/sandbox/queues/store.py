"""The queue's rules: which services take walk-ins where, and how an entry moves to served."""

from __future__ import annotations

from typing import Any

from booking_portal.sandbox import data
from booking_portal.sandbox.models import SandboxAppointment, SandboxQueueEntry
from booking_portal.sandbox.profiles.store import profile_find
from booking_portal.sandbox.validation import Errors, add, type_error

QUEUE_TRANSITIONS: dict[str, frozenset[str]] = {
    "waiting": frozenset({"called", "served", "cancelled"}),
    "called": frozenset({"served", "cancelled"}),
    "served": frozenset(),
    "cancelled": frozenset(),
}
REQUIRED = (("appointment_definition_id", int), ("location_id", int))
UPDATABLE = ("staff_id", "appointment_id", "status", "notes", "meta")


def takes_walk_ins(definition: dict[str, Any]) -> bool:
    return bool(definition["allow_walk_in"]) or definition["booking_type"] == "walk_in_only"


def _check_optional(errors: Errors, body: dict[str, Any]) -> None:
    for key in ("profile_id", "staff_id", "notes", "status"):
        if body.get(key) is not None:
            type_error(errors, key, body[key], str)
    if (
        body.get("appointment_id") is not None
        and not type_error(errors, "appointment_id", body["appointment_id"], int)
        and not SandboxAppointment.objects.filter(pk=body["appointment_id"]).exists()
    ):
        add(errors, "appointment_id", "The selected :attribute is invalid.")
    if body.get("meta") is not None and not isinstance(body["meta"], dict):
        add(errors, "meta", "The :attribute field must be an object.")
    staff_id = body.get("staff_id")
    if isinstance(staff_id, str) and staff_id and staff_id not in data.STAFF:
        add(errors, "staff_id", "The selected :attribute is invalid.")


def create_errors(body: Any) -> Errors:
    """Every reason to refuse a new queue entry; empty when it may be stored."""
    errors: Errors = {}
    if not isinstance(body, dict):
        body = {}
    for key, kind in REQUIRED:
        if body.get(key) is None or body.get(key) == "":
            add(errors, key, "The :attribute field is required.")
        else:
            type_error(errors, key, body[key], kind)
    _check_optional(errors, body)
    if errors:
        return errors
    definition = data.DEFINITIONS.get(body["appointment_definition_id"])
    if not definition or not definition["is_published"] or definition["is_archived"]:
        add(errors, "appointment_definition_id", "The selected :attribute is invalid.")
    elif not takes_walk_ins(definition):
        add(errors, "appointment_definition_id", "This service does not take walk-ins.")
    if definition and body["location_id"] not in definition["location_ids"]:
        add(errors, "location_id", "The selected :attribute is not offered for this service.")
    if body.get("profile_id") and profile_find(body["profile_id"]) is None:
        add(errors, "profile_id", "The selected :attribute is invalid.")
    if body.get("status") not in (None, *QUEUE_TRANSITIONS):
        add(errors, "status", "The selected :attribute is invalid.")
    return errors


def entry_create(body: dict[str, Any]) -> SandboxQueueEntry:
    """Store a checked entry (see create_errors)."""
    return SandboxQueueEntry.objects.create(
        definition_id=body["appointment_definition_id"],
        location_id=body["location_id"],
        profile_id=body.get("profile_id") or "",
        staff_id=body.get("staff_id") or "",
        appointment_id=body.get("appointment_id"),
        status=body.get("status") or "waiting",
        notes=body.get("notes") or "",
        meta=body.get("meta"),
    )


def update_errors(entry: SandboxQueueEntry, body: Any) -> Errors:
    """Every reason to refuse a PUT: a bad field, or a status the entry cannot move to."""
    errors: Errors = {}
    if not isinstance(body, dict):
        add(errors, "body", "The request body must be a JSON object.")
        return errors
    _check_optional(errors, body)
    status = body.get("status")
    if "status" in body and not errors.get("status") and status != entry.status:
        if status not in QUEUE_TRANSITIONS:
            add(errors, "status", "The selected :attribute is invalid.")
        elif not QUEUE_TRANSITIONS[entry.status]:
            add(errors, "status", f"A {entry.status} queue entry cannot change.")
        elif status not in QUEUE_TRANSITIONS[entry.status]:
            add(errors, "status", f"A {entry.status} queue entry cannot become {status}.")
    return errors


def entry_update(entry: SandboxQueueEntry, body: dict[str, Any]) -> None:
    """Write a checked PUT (see update_errors) and save it."""
    for key in UPDATABLE:
        if key not in body:
            continue
        value = body[key]
        if key in ("staff_id", "notes"):
            value = value or ""
        elif key == "status":
            value = value or entry.status
        setattr(entry, key, value)
    entry.save()
