"""A store's day to look at: demo appointments today and tomorrow, a waitlist and walk-ins.

Call seed_demo_day() from the portal's demo set-up; calling it again replaces what it made.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from . import data
from .appointments import lifecycle
from .availability import slots
from .models import SandboxAppointment, SandboxQueueEntry, SandboxWaitlistEntry

DEMO_MARK = ["demo-day"]  # the meta of every seeded row, so a re-seed finds and replaces them
QUEUE_MARK = {"demo": "demo-day"}  # a queue entry's meta is an object
FITTING, STYLING, REPAIR, WALK_IN = 1, 2, 3, 4
# (definition, store-local start, status) for today, then tomorrow, at every store.
TODAY = (
    (FITTING, time(9, 0), "completed"),
    (FITTING, time(10, 30), "no_show"),
    (STYLING, time(11, 0), "arrived"),
    (FITTING, time(13, 0), "confirmed"),
    (REPAIR, time(14, 0), "requested"),
    (FITTING, time(15, 30), "cancelled"),
    (STYLING, time(16, 0), "confirmed"),
)
TOMORROW = (
    (FITTING, time(10, 0), "confirmed"),
    (REPAIR, time(11, 0), "requested"),
    (STYLING, time(14, 0), "confirmed"),
    (REPAIR, time(15, 0), "rejected"),
    (FITTING, time(16, 0), "cancelled"),
)
# The path each status took, so its earlier stamps are set too (completed was confirmed, arrived).
PATHS = {
    "requested": (),
    "confirmed": ("confirmed",),
    "arrived": ("confirmed", "arrived"),
    "completed": ("confirmed", "arrived", "completed"),
    "no_show": ("confirmed", "no_show"),
    "cancelled": ("confirmed", "cancelled"),
    "rejected": ("rejected",),
}


class SeededDay(NamedTuple):
    appointments: int
    waitlist_entries: int
    walk_ins: int = 0


def _appointment(
    definition_id: int, location_id: int, day: date, at: time, status: str, customer: str
) -> SandboxAppointment:
    definition = data.DEFINITIONS[definition_id]
    if location_id not in definition["location_ids"]:
        definition = data.DEFINITIONS[FITTING]  # every store offers the fitting
    location = data.LOCATIONS[location_id]
    zone = slots.location_zone(location)
    start = datetime.combine(day, at, tzinfo=zone)
    end = start + timedelta(minutes=definition["duration_minutes"])
    pool = slots.staff_pool(definition, location_id) if definition["requires_staff"] else []
    appointment = SandboxAppointment(
        definition_id=definition["id"],
        profile_id=customer,
        location_id=location_id,
        staff_id=pool[0] if pool else "",  # the first at each store works all its hours
        status="requested",
        start=start,
        end=end,
        timezone=zone.key,
        notes="Demo appointment",
        meta=DEMO_MARK,
        answers=[],
    )
    for step, moment in zip(PATHS[status], (start - timedelta(days=1), start, end), strict=False):
        lifecycle.set_status(appointment, step, at=moment)
    return appointment


@transaction.atomic
def seed_demo_day() -> SeededDay:
    """Replace the seeded appointments and waitlist entries with fresh ones (today, tomorrow)."""
    SandboxAppointment.objects.filter(meta=DEMO_MARK).delete()
    SandboxWaitlistEntry.objects.filter(meta=DEMO_MARK).delete()
    customers = list(data.PROFILES)
    made: list[SandboxAppointment] = []
    for location_id, location in data.LOCATIONS.items():
        today = timezone.now().astimezone(slots.location_zone(location)).date()
        plan = [(today, *row) for row in TODAY] + [(today + timedelta(1), *row) for row in TOMORROW]
        for day, definition_id, at, status in plan:
            customer = customers[len(made) % len(customers)]
            made.append(_appointment(definition_id, location_id, day, at, status, customer))
    SandboxAppointment.objects.bulk_create(made)
    melbourne = slots.location_zone(data.LOCATIONS[13])
    tomorrow_noon = datetime.combine(
        timezone.now().astimezone(melbourne).date() + timedelta(1), time(12), tzinfo=melbourne
    )
    entries = [
        SandboxWaitlistEntry(
            definition_id=FITTING,
            profile_id=data.demo_uuid("customer:Grace.Anderson"),
            location_id=13,
            desired_start=tomorrow_noon,
            notes="Any time tomorrow; prefers midday.",
            meta=DEMO_MARK,
        ),
        SandboxWaitlistEntry(
            definition_id=STYLING,
            profile_id=data.demo_uuid("customer:Oscar.Adams"),
            location_id=15,
            notes="Wants the next free consultation.",
            meta=DEMO_MARK,
        ),
    ]
    SandboxWaitlistEntry.objects.bulk_create(entries)
    walk_ins = _seed_walk_ins()
    return SeededDay(appointments=len(made), waitlist_entries=len(entries), walk_ins=walk_ins)


def _seed_walk_ins() -> int:
    """Two walk-ins waiting at every store that takes them: one anonymous, one a known customer."""
    SandboxQueueEntry.objects.filter(meta=QUEUE_MARK).delete()
    customer = data.demo_uuid("customer:Grace.Anderson")
    waiting = [
        SandboxQueueEntry(
            definition_id=WALK_IN,
            location_id=location_id,
            profile_id=profile_id,
            notes=notes,
            meta=QUEUE_MARK,
        )
        for location_id in data.DEFINITIONS[WALK_IN]["location_ids"]
        for profile_id, notes in (("", "Trouser hem"), (customer, "Jacket sleeves"))
    ]
    # One at a time, so created_at keeps the order they arrived in.
    for entry in waiting:
        entry.save()
    return len(waiting)
