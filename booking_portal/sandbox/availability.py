"""Slot generation: the service's hours ∩ the store's ∩ (for staff services) the staff member's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from . import data
from .models import SandboxAppointment

WIRE = "%Y-%m-%d %H:%M:%S"
ACTIVE_STATUSES = ("requested", "confirmed", "arrived")


def location_zone(location: dict[str, Any]) -> ZoneInfo:
    return ZoneInfo(location["timezone"] or settings.PORTAL_DEFAULT_TIMEZONE)


def staff_pool(definition: dict[str, Any], location_id: int) -> list[str]:
    """Staff who can take this service at this store."""
    if definition["use_staff_from_location"]:
        return [sid for sid, person in data.STAFF.items() if person["location_id"] == location_id]
    return [sid for sid in definition["staff_ids"] if data.STAFF[sid]["location_id"] == location_id]


@dataclass(frozen=True)
class Candidate:
    start: datetime
    end: datetime
    capacity: int


def _open_window(location: dict[str, Any], staff_ids: list[str], day: date) -> tuple[time, time]:
    opens, closes = location["hours"][day.weekday()]
    for staff_id in staff_ids:
        staff_open, staff_close = data.STAFF[staff_id]["hours"][day.weekday()]
        opens, closes = max(opens, staff_open), min(closes, staff_close)
    return time.fromisoformat(opens), time.fromisoformat(closes)


def grid(definition: dict[str, Any], location: dict[str, Any], day: date) -> list[datetime]:
    """Every start time the service's hours allow on a store-local day, ignoring bookings."""
    if definition["booking_type"] == "walk_in_only":
        return []
    zone = location_zone(location)
    opens, closes = _open_window(location, [], day)
    duration = timedelta(minutes=definition["duration_minutes"])
    step = timedelta(minutes=definition["slot_interval_minutes"] or definition["duration_minutes"])
    start = datetime.combine(day, opens, tzinfo=zone)
    last = datetime.combine(day, closes, tzinfo=zone) - duration
    starts = []
    while start <= last:
        starts.append(start)
        start += step
    return starts


def within_booking_window(definition: dict[str, Any], zone: ZoneInfo, start: datetime) -> str:
    """ "" when bookable now, else "lead" or "advance"."""
    now = timezone.now()
    if start < now + timedelta(minutes=definition["min_lead_minutes"]):
        return "lead"
    max_days = definition["max_advance_days"]
    if max_days is not None and start.date() > now.astimezone(zone).date() + timedelta(max_days):
        return "advance"
    return ""


def _bookings(location_id: int, start: datetime, end: datetime) -> list[SandboxAppointment]:
    """Active appointments at the store that overlap [start, end)."""
    return list(
        SandboxAppointment.objects.filter(
            location_id=location_id, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start
        ).only("definition_id", "staff_id", "start", "end")
    )


def _capacity(
    definition: dict[str, Any],
    pool: list[str],
    bookings: list[SandboxAppointment],
    start: datetime,
    end: datetime,
) -> int:
    overlapping = [b for b in bookings if b.start < end and b.end > start]
    if definition["requires_staff"]:
        busy = {b.staff_id for b in overlapping}
        return len([staff_id for staff_id in pool if staff_id not in busy])
    taken = sum(1 for b in overlapping if b.definition_id == definition["id"])
    return max(0, (definition["max_concurrent_bookings"] or 1) - taken)


def remaining_capacity(
    definition: dict[str, Any],
    location_id: int,
    start: datetime,
    end: datetime,
    staff_id: str | None,
) -> int:
    """How many more bookings this start can take (per staff member for staff services)."""
    pool = [staff_id] if staff_id else staff_pool(definition, location_id)
    return _capacity(definition, pool, _bookings(location_id, start, end), start, end)


def free_slots(
    definition: dict[str, Any], location: dict[str, Any], day: date, staff_id: str | None
) -> list[Candidate]:
    """The starts a booking could take right now on this day (one query for the day)."""
    zone = location_zone(location)
    duration = timedelta(minutes=definition["duration_minutes"])
    starts = [
        start
        for start in grid(definition, location, day)
        if not within_booking_window(definition, zone, start)
    ]
    if not starts:
        return []
    bookings = _bookings(location["id"], starts[0], starts[-1] + duration)
    pool = [staff_id] if staff_id else staff_pool(definition, location["id"])
    slots = []
    for start in starts:
        capacity = _capacity(definition, pool, bookings, start, start + duration)
        if capacity > 0:
            slots.append(Candidate(start=start, end=start + duration, capacity=capacity))
    return slots


def slot_json(slot: Candidate, duration: int) -> dict[str, Any]:
    return {
        "start_at": slot.start.strftime(WIRE),
        "end_at": slot.end.strftime(WIRE),
        "duration_minutes": duration,
        "capacity_remaining": slot.capacity,
        "label": slot.start.strftime("%-I:%M %p"),
        "time": slot.start.strftime("%H:%M"),
    }
