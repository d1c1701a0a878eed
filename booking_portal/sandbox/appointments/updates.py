"""PUT /v3/appointments/{id}: a status change, a reschedule, staff, notes, meta or links.

Every check runs before anything is written, so a refused update changes nothing. The caller
holds the store's booking lock, so a reschedule's capacity check and its save are one step.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from booking_portal.sandbox import data
from booking_portal.sandbox.availability import slots
from booking_portal.sandbox.http import WIRE, wall_clock
from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.sandbox.validation import Errors, add

from . import lifecycle
from .contract import UPDATABLE_TIMES, update_contract_errors
from .rules import check_links, check_staff, check_time, linked_records


def _zone(appointment: SandboxAppointment) -> ZoneInfo:
    """The appointment's own zone; one without (Omneo allows it) keeps its store's clock."""
    if appointment.timezone:
        return ZoneInfo(appointment.timezone)
    return slots.location_zone(data.LOCATIONS[appointment.location_id])


def _as_body(appointment: SandboxAppointment) -> dict[str, Any]:
    """The appointment's time and staff as a create would have sent them."""
    zone = _zone(appointment)
    return {
        "scheduled_start_at": appointment.start.astimezone(zone).strftime(WIRE),
        "scheduled_end_at": appointment.end.astimezone(zone).strftime(WIRE),
        "timezone": zone.key,
        "assigned_staff_id": appointment.staff_id or None,
    }


def _check_new_staff(
    errors: Errors, appointment: SandboxAppointment, merged: dict[str, Any], definition: dict
) -> None:
    """A staff member given without a new time must be free at the appointment's time."""
    staff_id = merged["assigned_staff_id"]
    if not staff_id or appointment.status not in slots.ACTIVE_STATUSES:
        return
    zone = _zone(appointment)  # staff hours are the store's wall clock
    start, end = appointment.start.astimezone(zone), appointment.end.astimezone(zone)
    free = slots.staff_works(staff_id, start, end) and slots.remaining_capacity(
        definition, appointment.location_id, start, end, staff_id, exclude_id=appointment.pk
    )
    if not free:
        add(errors, "assigned_staff_id", "The staff member is not available at that time.")


def update_errors(appointment: SandboxAppointment, body: Any) -> Errors:
    """Every reason to refuse this update; empty when it may be applied."""
    errors = update_contract_errors(body)
    if errors:
        return errors
    definition = data.DEFINITIONS[appointment.definition_id]
    location = data.LOCATIONS[appointment.location_id]
    if "status" in body:
        refusal = lifecycle.transition_error(appointment.status, body["status"])
        if refusal:
            add(errors, "status", refusal)
    moving = [key for key in UPDATABLE_TIMES if key in body]
    if moving and appointment.status not in lifecycle.RESCHEDULABLE:
        for key in moving:
            add(errors, key, f"An appointment that is {appointment.status} cannot be moved.")
        moving = []
    merged = {**_as_body(appointment), **{key: body[key] for key in moving}}
    if "assigned_staff_id" in body:
        merged["assigned_staff_id"] = body["assigned_staff_id"]
        check_staff(errors, merged, definition, location["id"])
    if not errors.get("assigned_staff_id"):
        if moving:
            check_time(errors, merged, definition, location, exclude_id=appointment.pk)
        elif "assigned_staff_id" in body:
            _check_new_staff(errors, appointment, merged, definition)
    check_links(errors, body)
    return errors


def apply_update(appointment: SandboxAppointment, body: dict[str, Any]) -> None:
    """Write a checked update (see update_errors) and save it."""
    if any(key in body for key in UPDATABLE_TIMES):
        merged = {**_as_body(appointment), **body}
        zone = ZoneInfo(merged["timezone"])
        appointment.start = wall_clock(merged["scheduled_start_at"], zone) or appointment.start
        appointment.end = wall_clock(merged["scheduled_end_at"], zone) or appointment.end
        appointment.timezone = merged["timezone"]
    if "assigned_staff_id" in body:
        appointment.staff_id = body["assigned_staff_id"] or ""
    if "notes" in body:
        appointment.notes = body["notes"] or ""
    if "meta" in body:
        appointment.meta = body["meta"]
    transaction, order = linked_records(body)
    if "transaction" in body:
        appointment.transaction = transaction
    if "order" in body:
        appointment.order = order
    if "status" in body:
        lifecycle.set_status(appointment, body["status"], at=timezone.now())
    appointment.save()
