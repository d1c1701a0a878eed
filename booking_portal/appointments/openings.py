"""The opening matcher: a time freed on the day, and the waitlisted customers it suits.

A time is freed when its appointment is cancelled or marked no-show and it has not yet passed.
It suits an active waitlist entry for the same service and store whose wanted time is within
NEAR of it, or that wants no particular time. Staff may dismiss a match for their session.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from booking_portal.omneo.resources import Appointment, WaitlistEntry

FREEING_STATUSES = frozenset({"cancelled", "no_show"})
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


def openings_on(
    *,
    appointments: Iterable[Appointment],
    waiting: Sequence[tuple[WaitlistEntry, str]],
    zone: ZoneInfo,
    dismissed: Iterable[str] = (),
    now: datetime | None = None,
) -> list[Opening]:
    """Each freed time still to come, with every waiting (entry, service name) it suits."""
    now = now or timezone.now()
    hidden = set(dismissed)
    freed = [
        appointment
        for appointment in appointments
        if appointment.status in FREEING_STATUSES
        and appointment.scheduled_start_at is not None
        and appointment.scheduled_start_at > now
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
