"""A customer's appointments as staff read them: what is coming up, and what happened lately."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.reads.zones import store_zone
from booking_portal.omneo.resources import Appointment

from .display import clock, status_in_words

RECENT_SHOWN = 3
FIRST_FREE = "first_free"  # asks the booking page to choose the next free time
OVER = frozenset({"cancelled", "rejected", "no_show", "completed"})  # never coming up again
DATE_FORMAT = "%a %-d %b %Y"
HISTORY_UNAVAILABLE = (
    "Their appointments could not be read from Omneo just now. Everything else on this page works."
)


def history_zone(appointment: Appointment) -> ZoneInfo:
    """The zone its times are shown in: the store's as Omneo sent it, else its own (store_zone)."""
    store = appointment.location.timezone if appointment.location else None
    return store_zone(store, appointment.timezone)


@dataclass(frozen=True)
class HistoryEntry:
    """One of the customer's appointments, with its local time in words."""

    appointment: Appointment
    when: str  # "Fri 27 Nov 2026, 10:00 AM (Australia/Melbourne)"
    service: str
    store: str
    staff: str
    status_words: str
    upcoming: bool

    @property
    def again(self) -> str:
        """Service, store and staff member as "Book again" sends them: "1:13:<staff id>"."""
        a = self.appointment
        return f"{a.appointment_definition_id}:{a.location_id}:{a.assigned_staff_id or ''}"

    @property
    def again_query(self) -> str:
        """The booking page's query for the same service, store, staff member and customer."""
        a = self.appointment
        query = {
            "definition": a.appointment_definition_id,
            "location": a.location_id,
            "staff": a.assigned_staff_id or "",
            "profile": a.profile_id,
            FIRST_FREE: 1,
        }
        return urlencode({key: value for key, value in query.items() if value != ""})


def _entry(appointment: Appointment, *, upcoming: bool) -> HistoryEntry:
    start = appointment.scheduled_start_at
    zone = history_zone(appointment)
    when = ""
    if start is not None:
        local = start.astimezone(zone)
        when = f"{local.strftime(DATE_FORMAT)}, {clock(local)} ({zone.key})"
    staff = appointment.assigned_staff
    return HistoryEntry(
        appointment=appointment,
        when=when,
        service=appointment.definition_name or "An appointment",
        store=appointment.location.name if appointment.location else "",
        staff=staff.display_name if staff else "",
        status_words=status_in_words(appointment.status),
        upcoming=upcoming,
    )


def appointments_split(
    appointments: Sequence[Appointment], *, now: datetime, recent: int = RECENT_SHOWN
) -> tuple[list[HistoryEntry], list[HistoryEntry]]:
    """Upcoming ones (to start, not over; soonest first) and a few recent ones (latest first)."""
    timed = [a for a in appointments if a.scheduled_start_at is not None]
    coming = [a for a in timed if a.scheduled_start_at >= now and a.status not in OVER]
    rest = [a for a in timed if a.scheduled_start_at < now or a.status in OVER]
    coming.sort(key=lambda a: a.scheduled_start_at)
    rest.sort(key=lambda a: a.scheduled_start_at, reverse=True)
    return (
        [_entry(a, upcoming=True) for a in coming],
        [_entry(a, upcoming=False) for a in rest[:recent]],
    )


@dataclass(frozen=True)
class CustomerPanel:
    """The chosen customer's upcoming and recent appointments, or why they cannot be shown."""

    name: str
    profile_id: str
    upcoming: list[HistoryEntry]
    recent: list[HistoryEntry]
    problem: str = ""

    @property
    def announce(self) -> str:
        if self.problem:
            return self.problem
        return f"{self.name}: {len(self.upcoming)} upcoming, {len(self.recent)} recent"


def customer_panel(
    *, name: str, profile_id: str, read: Sequence[Appointment] | OmneoError, now: datetime
) -> CustomerPanel:
    """The panel from the read of the customer's appointments (or the error it raised)."""
    if isinstance(read, OmneoError):
        return CustomerPanel(name, profile_id, [], [], problem=HISTORY_UNAVAILABLE)
    upcoming, recent = appointments_split(read, now=now)
    return CustomerPanel(name, profile_id, upcoming, recent)
