"""The opening matcher: a time freed on the day, and the waitlisted customers it suits.

A time is freed when its appointment is cancelled or marked no-show, or moved away from it by a
reschedule made in the portal (its write keeps the start it left), and it has not yet passed.
It suits an active waitlist entry for the same service and store whose wanted time is within
NEAR of it, or that wants no particular time. Staff may dismiss a match for their session.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from booking_portal.omneo.resources import Appointment, WaitlistEntry
from booking_portal.writes.models import AppointmentWrite

FREEING_STATUSES = frozenset({"cancelled", "no_show"})
MOVED = "rescheduled"  # the status a time left by a reschedule is shown with
NEAR = timedelta(hours=2)
SESSION_KEY = "appointments.dismissed_openings"


@dataclass(frozen=True)
class Opening:
    """A freed time and one waitlisted customer it suits."""

    freed: Appointment
    entry: WaitlistEntry
    service: str

    @property
    def key(self) -> str:
        return f"{self.entry.id}:{self.freed.id}"


def _wanted(entry: WaitlistEntry, zone: ZoneInfo) -> datetime | None:
    wanted = entry.desired_start_at
    if wanted is not None and wanted.tzinfo is None:  # a wall-clock wish: the store's clock
        return wanted.replace(tzinfo=zone)
    return wanted


def _suits(freed: Appointment, entry: WaitlistEntry, zone: ZoneInfo) -> bool:
    if (entry.appointment_definition_id, entry.location_id) != (
        freed.appointment_definition_id,
        freed.location_id,
    ):
        return False
    wanted = _wanted(entry, zone)
    start = freed.scheduled_start_at
    return wanted is None or (start is not None and abs(wanted - start) <= NEAR)


def times_left(*, location_id: int, on: date, zone: ZoneInfo) -> list[Appointment]:
    """The starts on `on` that reschedules made in the portal moved appointments away from.

    Each is the moved appointment as Omneo answered the reschedule, at the start it left and
    with the status "rescheduled"; read from the write records, so it costs no Omneo read.
    """
    start = datetime.combine(on, time(0), tzinfo=zone)
    writes = AppointmentWrite.objects.filter(
        kind=AppointmentWrite.Kind.RESCHEDULE,
        outcome=AppointmentWrite.Outcome.DONE,
        location_id=location_id,
        start_before__gte=start,
        start_before__lt=start + timedelta(days=1),
    ).order_by("start_before")
    left = []
    for write in writes:
        body = write.response_body if isinstance(write.response_body, dict) else {}
        if not isinstance(body.get("data"), dict):
            continue
        moved = Appointment.from_json(body["data"])
        left.append(dataclasses.replace(moved, status=MOVED, scheduled_start_at=write.start_before))
    return left


def openings_on(
    *,
    appointments: Iterable[Appointment],
    waiting: Sequence[tuple[WaitlistEntry, str]],
    zone: ZoneInfo,
    dismissed: Iterable[str] = (),
    now: datetime | None = None,
    moved: Iterable[Appointment] = (),
) -> list[Opening]:
    """Each freed time still to come, with every waiting (entry, service name) it suits.

    `moved` are the times reschedules left (see times_left); one the appointment has since
    moved back to is not free.
    """
    now = now or timezone.now()
    hidden = set(dismissed)
    appointments = list(appointments)
    held = {(a.id, a.scheduled_start_at) for a in appointments if a.status not in FREEING_STATUSES}
    candidates = [a for a in appointments if a.status in FREEING_STATUSES] + [
        time for time in moved if (time.id, time.scheduled_start_at) not in held
    ]
    freed = [
        appointment
        for appointment in candidates
        if appointment.scheduled_start_at is not None and appointment.scheduled_start_at > now
    ]
    found = [
        Opening(freed=time, entry=entry, service=service)
        for time in sorted(freed, key=lambda a: a.scheduled_start_at)
        for entry, service in waiting
        if _suits(time, entry, zone)
    ]
    return [opening for opening in found if opening.key not in hidden]


def dismissed_openings(session: Any) -> list[str]:
    kept = session.get(SESSION_KEY)
    return [str(key) for key in kept] if isinstance(kept, list) else []


def opening_dismiss(session: Any, *, entry_id: int, appointment_id: int) -> None:
    """Hide one match from this staff member's day (the entry stays on the waitlist)."""
    kept = dismissed_openings(session)
    key = f"{entry_id}:{appointment_id}"
    if key not in kept:
        session[SESSION_KEY] = [*kept[-199:], key]
