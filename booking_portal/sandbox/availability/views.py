"""Omneo v3 availability endpoints: staff, slots for a day, slots for a range."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from booking_portal.sandbox import data
from booking_portal.sandbox.catalogue.serializers import staff_summary
from booking_portal.sandbox.http import (
    as_day,
    as_int,
    endpoint,
    json_body,
    not_found,
    unprocessable,
)

from .slots import free_slots, free_slots_between, slot_json, staff_pool


@dataclass
class AvailabilityRequest:
    """A checked availability body: the service, the store and what else was sent."""

    definition: dict[str, Any] | None
    location: dict[str, Any] | None
    body: dict[str, Any]
    errors: dict[str, list[str]] = field(default_factory=dict)

    def day(self, key: str = "date") -> date | None:
        """A YYYY-MM-DD value of the body; an error under its key when it is not one."""
        day = as_day(self.body.get(key))
        if day is None:
            self.errors[key] = [f"The {key.replace('_', ' ')} field must be a valid date."]
        return day


def availability_request(request: HttpRequest, definition_id: int) -> AvailabilityRequest:
    """Read the body; the location must be one the service is offered at."""
    body = json_body(request)
    body = body if isinstance(body, dict) else {}
    definition = data.DEFINITIONS.get(definition_id)
    location = data.LOCATIONS.get(as_int(body.get("location_id")) or 0)
    checked = AvailabilityRequest(definition, location, body)
    if definition and (location is None or location["id"] not in definition["location_ids"]):
        checked.errors["location_id"] = ["The selected location id is invalid."]
    return checked


def _staff_choice(asked: AvailabilityRequest) -> str | None:
    """The staff_id sent for a staff service (it must be in the store's pool); else None."""
    staff_id = asked.body.get("staff_id") or None
    if not (asked.definition and asked.location and asked.definition["requires_staff"]):
        return None
    pool = staff_pool(asked.definition, asked.location["id"])
    if staff_id is not None and staff_id not in pool:
        asked.errors["staff_id"] = ["The selected staff id is invalid."]
        return None
    return staff_id


@endpoint("POST")
def available_staff(request: HttpRequest, definition_id: int) -> HttpResponse:
    asked = availability_request(request, definition_id)
    definition, location, body = asked.definition, asked.location, asked.body
    if definition is None:
        return not_found()
    if not definition["requires_staff"]:
        asked.errors["requires_staff"] = ["This appointment definition does not require staff."]
    day = asked.day()
    if asked.errors or location is None or day is None:
        return unprocessable(asked.errors)
    staff = []
    for index, staff_id in enumerate(staff_pool(definition, location["id"])):
        has_slots = bool(free_slots(definition, location, day, staff_id))
        if body.get("available_only") and not has_slots:
            continue
        staff.append(
            {
                **staff_summary(staff_id),
                "has_available_slots": has_slots,
                "is_default_location": True,
                "sort_order": index,
            }
        )
    meta = {
        "assigned_staff_required": True,
        "selection_required_by_customer": definition["customer_must_select_staff"],
    }
    return JsonResponse({"data": staff, "meta": meta})


def _rule_meta(definition: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "slot_interval_minutes",
        "duration_minutes",
        "buffer_before_minutes",
        "buffer_after_minutes",
        "min_lead_minutes",
        "max_advance_days",
        "max_concurrent_bookings",
    )
    return {key: definition[key] for key in keys}


@endpoint("POST")
def available_slots(request: HttpRequest, definition_id: int) -> HttpResponse:
    asked = availability_request(request, definition_id)
    definition, location = asked.definition, asked.location
    if definition is None:
        return not_found()
    day = asked.day()
    if asked.errors or location is None or day is None:
        return unprocessable(asked.errors)
    staff_id = _staff_choice(asked)
    if asked.errors:
        return unprocessable(asked.errors)
    slots = free_slots(definition, location, day, staff_id)
    duration = definition["duration_minutes"]
    return JsonResponse(
        {
            "data": {
                "date": day.isoformat(),
                "timezone": location["timezone"],
                "appointment_definition_id": definition_id,
                "location_id": location["id"],
                "requires_staff": definition["requires_staff"],
                "customer_must_select_staff": definition["customer_must_select_staff"],
                "assigned_staff_required": definition["requires_staff"],
                "staff": staff_summary(staff_id) if staff_id in data.STAFF else None,
                "slots": [slot_json(slot, duration) for slot in slots],
            },
            "meta": _rule_meta(definition),
        }
    )


@endpoint("POST")
def available_slots_range(request: HttpRequest, definition_id: int) -> HttpResponse:
    asked = availability_request(request, definition_id)
    definition, location, body = asked.definition, asked.location, asked.body
    if definition is None:
        return not_found()
    start, end = asked.day("start_date"), asked.day("end_date")
    if start and end and end < start:
        asked.errors["end_date"] = ["The end date must be a date after or equal to start date."]
    elif start and end and (end - start).days + 1 > 31:
        asked.errors["end_date"] = ["The date range may not be greater than 31 days."]
    staff_id = _staff_choice(asked)
    if asked.errors or location is None or start is None or end is None:
        return unprocessable(asked.errors)
    duration = definition["duration_minutes"]
    slots = [
        slot_json(slot, duration)
        for slot in free_slots_between(definition, location, start, end, staff_id)
    ]
    if body.get("sort") == "desc":
        slots.reverse()
    meta = {
        **_rule_meta(definition),
        "timezone": location["timezone"],
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "total": len(slots),
    }
    return JsonResponse({"data": slots, "meta": meta})
