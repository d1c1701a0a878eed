"""A store's day, one appointment and its last known status, and the store's waitlist."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.utils import timezone

from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.resources import Appointment, Location, WaitlistEntry

from . import catalogue
from .cache import cache_key, read_through
from .zones import store_zone

STATUS_SECONDS = 60  # the admin's "current status" read


@dataclass(frozen=True)
class HourGroup:
    """The appointments starting in one hour of the store's day, awaiting approval first."""

    starts: datetime
    appointments: tuple[Appointment, ...]


@dataclass(frozen=True)
class StoreDay:
    """One store's appointments on one store-local day, grouped by hour, after the filters."""

    location: Location
    on: date
    zone: ZoneInfo
    hours: tuple[HourGroup, ...]
    awaiting: int
    staff: tuple[tuple[str, str], ...] = ()
    total: int = 0
    shown: int = field(default=0)
    everything: tuple[Appointment, ...] = ()  # the whole day, whatever the filters


def _client(client: OmneoClient | None) -> OmneoClient:
    return client or get_omneo_client()


def store_today(location: Location) -> date:
    """Today's date on the store's clock."""
    return timezone.now().astimezone(store_zone(location.timezone)).date()


def _by_hour(appointments: Sequence[Appointment], zone: ZoneInfo) -> tuple[HourGroup, ...]:
    groups: dict[datetime, list[Appointment]] = {}
    for appointment in appointments:
        if appointment.scheduled_start_at is None:
            continue
        local = appointment.scheduled_start_at.astimezone(zone)
        groups.setdefault(local.replace(minute=0, second=0, microsecond=0), []).append(appointment)
    return tuple(
        HourGroup(
            starts=hour,
            appointments=tuple(
                sorted(rows, key=lambda a: (a.status != "requested", a.scheduled_start_at))
            ),
        )
        for hour, rows in sorted(groups.items())
    )


def store_day(
    *,
    location: Location,
    on: date,
    staff_id: str = "",
    status: str = "",
    client: OmneoClient | None = None,
) -> StoreDay:
    """The day read once from Omneo (every page), then filtered here by staff and status.

    Raises OmneoError when Omneo does not answer: the caller says so, never "no appointments".
    """
    zone = store_zone(location.timezone)
    start = datetime.combine(on, time(0), tzinfo=zone)
    end = datetime.combine(on + timedelta(days=1), time(0), tzinfo=zone)
    everything = _client(client).appointments_between(location.id, start, end)
    staff = sorted(
        {
            (a.assigned_staff_id, a.assigned_staff.display_name if a.assigned_staff else "")
            for a in everything
            if a.assigned_staff_id
        },
        key=lambda pair: pair[1],
    )
    shown = [
        a
        for a in everything
        if (not staff_id or a.assigned_staff_id == staff_id) and (not status or a.status == status)
    ]
    return StoreDay(
        location=location,
        on=on,
        zone=zone,
        hours=_by_hour(shown, zone),
        awaiting=sum(1 for a in everything if a.status == "requested"),
        staff=tuple(staff),
        total=len(everything),
        shown=len(shown),
        everything=tuple(everything),
    )


def waitlist_active(*, location_id: int, client: OmneoClient | None = None) -> list[WaitlistEntry]:
    """The store's active waitlist entries, oldest first."""
    entries = _client(client).waitlist_list(location_id=location_id, status="active")
    return sorted(entries, key=lambda entry: (entry.created_at is None, entry.created_at))


def appointment_get(*, appointment_id: int, client: OmneoClient | None = None) -> Appointment:
    """One appointment, read afresh (a page about to act on it)."""
    return _client(client).appointment_get(appointment_id)


def _status_key(appointment_id: int) -> str:
    return cache_key("appointment", appointment_id, "status")


def appointment_status_forget(*, appointment_id: int) -> None:
    """Drop the cached status after a write through the portal, so the admin reads it afresh."""
    cache.delete(_status_key(appointment_id))


def appointment_status_cached(
    *, appointment_id: int, client: OmneoClient | None = None
) -> str | None:
    """The appointment's current status in Omneo, read at most once a minute; None if unread."""
    try:
        return read_through(
            _status_key(appointment_id),
            lambda: _client(client).appointment_get(appointment_id).status,
            seconds=STATUS_SECONDS,
        )
    except OmneoError:
        return None


def appointment_zone(appointment: Appointment) -> ZoneInfo:
    """The zone the appointment's times are shown and moved in (see zones.store_zone).

    The store's zone comes from the cached store list; should Omneo not answer for it, the
    appointment's own zone (else the portal's) is used.
    """
    try:
        stores = catalogue.location_list()
    except OmneoError:
        stores = []
    store = next((store for store in stores if store.id == appointment.location_id), None)
    return store_zone(store.timezone if store else None, appointment.timezone)
