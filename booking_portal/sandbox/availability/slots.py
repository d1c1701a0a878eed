"""Slot generation: the service's hours ∩ the store's ∩ (for staff services) the staff member's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from booking_portal.sandbox import data
from booking_portal.sandbox.http import WIRE
from booking_portal.sandbox.models import SandboxAppointment

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


def _window(day: date, *weekly_hours: dict[int, tuple[str, str]]) -> tuple[time, time]:
    """The part of a day that every one of these weekly schedules is open."""
    windows = [hours[day.weekday()] for hours in weekly_hours]
    opens = max(time.fromisoformat(opening) for opening, _ in windows)
    closes = min(time.fromisoformat(closing) for _, closing in windows)
    return opens, closes


def grid(definition: dict[str, Any], location: dict[str, Any], day: date) -> list[datetime]:
    """Every start the service's and the store's hours allow on a store-local day."""
    if definition["booking_type"] == "walk_in_only":
        return []
    zone = location_zone(location)
    opens, closes = _window(day, definition["hours"], location["hours"])
    duration = timedelta(minutes=definition["duration_minutes"])
    step = timedelta(minutes=definition["slot_interval_minutes"] or definition["duration_minutes"])
    start = datetime.combine(day, opens, tzinfo=zone)
    last = datetime.combine(day, closes, tzinfo=zone) - duration
    starts = []
    while start <= last:
        starts.append(start)
        start += step
    return starts


def staff_works(staff_id: str, start: datetime, end: datetime) -> bool:
    """Whether the staff member's own hours cover [start, end) (times in the store's zone)."""
    opens, closes = _window(start.date(), data.STAFF[staff_id]["hours"])
    return opens <= start.time() and end.time() <= closes


def within_booking_window(definition: dict[str, Any], zone: ZoneInfo, start: datetime) -> str:
    """ "" when bookable now, else "lead" or "advance"."""
    now = timezone.now()
    if start < now + timedelta(minutes=definition["min_lead_minutes"]):
        return "lead"
    max_days = definition["max_advance_days"]
    if max_days is not None and start.date() > now.astimezone(zone).date() + timedelta(max_days):
        return "advance"
    return ""


def _bookings(
    location_id: int, start: datetime, end: datetime, exclude_id: int | None = None
) -> list[SandboxAppointment]:
    """Active appointments at the store that overlap [start, end), but for exclude_id."""
    found = SandboxAppointment.objects.filter(
        location_id=location_id, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start
    ).only("definition_id", "staff_id", "start", "end")
    return list(found.exclude(pk=exclude_id) if exclude_id is not None else found)


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
        free = [sid for sid in pool if sid not in busy and staff_works(sid, start, end)]
        return len(free)
    taken = sum(1 for b in overlapping if b.definition_id == definition["id"])
    return max(0, (definition["max_concurrent_bookings"] or 1) - taken)


def remaining_capacity(
    definition: dict[str, Any],
    location_id: int,
    start: datetime,
    end: datetime,
    staff_id: str | None,
    *,
    exclude_id: int | None = None,
) -> int:
    """How many more bookings this start can take (per staff member for staff services).

    exclude_id leaves one appointment out of the count: the one being rescheduled.
    """
    pool = [staff_id] if staff_id else staff_pool(definition, location_id)
    bookings = _bookings(location_id, start, end, exclude_id)
    return _capacity(definition, pool, bookings, start, end)


def free_slots(
    definition: dict[str, Any], location: dict[str, Any], day: date, staff_id: str | None
) -> list[Candidate]:
    """The starts a booking could take right now on this day (one query for the day)."""
    return free_slots_between(definition, location, day, day, staff_id)


def free_slots_between(
    definition: dict[str, Any],
    location: dict[str, Any],
    first: date,
    last: date,
    staff_id: str | None,
) -> list[Candidate]:
    """The free starts on each store-local day from first to last: one query for them all."""
    zone = location_zone(location)
    duration = timedelta(minutes=definition["duration_minutes"])
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    starts = [
        start
        for day in days
        for start in grid(definition, location, day)
        if not within_booking_window(definition, zone, start)
    ]
    if not starts:
        return []
    bookings = _bookings(location["id"], starts[0], starts[-1] + duration)
    by_day: dict[date, list[SandboxAppointment]] = {}
    for booking in bookings:  # a booking can only overlap starts of the days it touches
        day = booking.start.astimezone(zone).date()
        while day <= booking.end.astimezone(zone).date():
            by_day.setdefault(day, []).append(booking)
            day += timedelta(days=1)
    pool = [staff_id] if staff_id else staff_pool(definition, location["id"])
    slots = []
    for start in starts:
        that_day = by_day.get(start.date(), [])
        capacity = _capacity(definition, pool, that_day, start, start + duration)
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
