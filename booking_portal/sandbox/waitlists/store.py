"""The waitlist's rules: who may wait for what, and how an entry ends (fulfilled or cancelled)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from booking_portal.sandbox import data
from booking_portal.sandbox.availability import slots
from booking_portal.sandbox.http import wall_clock
from booking_portal.sandbox.models import SandboxAppointment, SandboxWaitlistEntry
from booking_portal.sandbox.profiles.store import profile_find
from booking_portal.sandbox.validation import Errors, add, type_error

WAITLIST_TRANSITIONS: dict[str, frozenset[str]] = {
    "active": frozenset({"fulfilled", "cancelled"}),
    "fulfilled": frozenset(),
    "cancelled": frozenset(),
}
WAITLIST_STAMPS = {"fulfilled": "fulfilled_at", "cancelled": "cancelled_at"}
REQUIRED = (("appointment_definition_id", int), ("profile_id", str), ("location_id", int))


def _check_optional(errors: Errors, body: dict[str, Any]) -> None:
    for key in ("desired_start_at", "notes", "status"):
        if body.get(key) is not None:
            type_error(errors, key, body[key], str)
    if body.get("appointment_id") is not None:
        type_error(errors, "appointment_id", body["appointment_id"], int)
    meta = body.get("meta")
    if meta is not None and not (isinstance(meta, list) and all(isinstance(m, str) for m in meta)):
        add(errors, "meta", "The :attribute field must be an array of strings.")


def _check_appointment(errors: Errors, appointment_id: Any, status: str | None) -> None:
    if status == "fulfilled" and appointment_id is None:
        add(errors, "appointment_id", "The :attribute field is required when status is fulfilled.")
    elif (
        appointment_id is not None
        and not errors.get("appointment_id")
        and not SandboxAppointment.objects.filter(pk=appointment_id).exists()
    ):
        add(errors, "appointment_id", "The selected :attribute is invalid.")


def create_errors(body: Any) -> Errors:
    """Every reason to refuse a new entry; empty when it may be stored."""
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
    elif not definition["allow_waitlist"]:
        add(errors, "appointment_definition_id", "This service does not take a waitlist.")
    if profile_find(body["profile_id"]) is None:
        add(errors, "profile_id", "The selected :attribute is invalid.")
    if definition and body["location_id"] not in definition["location_ids"]:
        add(errors, "location_id", "The selected :attribute is not offered for this service.")
    if body.get("status") not in (None, "active"):
        add(errors, "status", "A new waitlist entry must be active.")
    if body.get("desired_start_at") is not None and not errors.get("location_id"):
        zone = slots.location_zone(data.LOCATIONS[body["location_id"]])
        if wall_clock(body["desired_start_at"], zone) is None:
            add(
                errors,
                "desired_start_at",
                "The :attribute field must match the format Y-m-d H:i:s.",
            )
    return errors


def entry_create(body: dict[str, Any]) -> SandboxWaitlistEntry:
    """Store a checked entry (see create_errors); desired_start_at is the store's wall clock."""
    zone: ZoneInfo = slots.location_zone(data.LOCATIONS[body["location_id"]])
    desired = body.get("desired_start_at")
    return SandboxWaitlistEntry.objects.create(
        definition_id=body["appointment_definition_id"],
        profile_id=body["profile_id"],
        location_id=body["location_id"],
        desired_start=wall_clock(desired, zone) if desired else None,
        notes=body.get("notes") or "",
        meta=body.get("meta"),
    )


def update_errors(entry: SandboxWaitlistEntry, body: Any) -> Errors:
    """Every reason to refuse a PUT: a final entry, a refused status, a bad appointment."""
    errors: Errors = {}
    if not isinstance(body, dict):
        add(errors, "body", "The request body must be a JSON object.")
        return errors
    _check_optional(errors, body)
    status = body.get("status")
    if "status" in body and not errors.get("status"):
        if status not in WAITLIST_TRANSITIONS:
            add(errors, "status", "The selected :attribute is invalid.")
        elif not WAITLIST_TRANSITIONS[entry.status]:
            add(errors, "status", f"A {entry.status} waitlist entry cannot change.")
        elif status not in WAITLIST_TRANSITIONS[entry.status]:
            add(errors, "status", f"The waitlist entry is already {entry.status}.")
    appointment_id = body.get("appointment_id", entry.appointment_id)
    _check_appointment(errors, appointment_id, status)
    return errors


def entry_update(entry: SandboxWaitlistEntry, body: dict[str, Any]) -> None:
    """Write a checked PUT (see update_errors) and save it."""
    if "status" in body:
        entry.status = body["status"]
        setattr(entry, WAITLIST_STAMPS[entry.status], timezone.now())
    if "appointment_id" in body:
        entry.appointment_id = body["appointment_id"]
    if "notes" in body:
        entry.notes = body["notes"] or ""
    if "meta" in body:
        entry.meta = body["meta"]
    entry.save()
