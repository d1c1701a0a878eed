"""Omneo reads for the store's day: stores, the day's appointments by hour, the waitlist."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.resources import Appointment, Location, WaitlistEntry
from booking_portal.omneo.timeparse import zone_or_default
from booking_portal.writes.models import BookingAttempt

STORES_SECONDS = 60
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


def _client(client: OmneoClient | None) -> OmneoClient:
    return client or get_omneo_client()


def store_zone(location: Location) -> ZoneInfo:
    return zone_or_default(location.timezone, default=settings.PORTAL_DEFAULT_TIMEZONE)


def location_list(*, client: OmneoClient | None = None) -> list[Location]:
    """Every store, by name (cached briefly; a failed read caches nothing)."""
    stores = cache.get("omneo:locations")
    if stores is None:
        stores = _client(client).location_list()
        cache.set("omneo:locations", stores, STORES_SECONDS)
    return sorted(stores, key=lambda store: store.name)


def default_location(*, user: Any, locations: Sequence[Location]) -> Location | None:
    """The store of the user's most recent booking attempt, else the first store."""
    last = (
        BookingAttempt.objects.filter(booked_by=user)
        .order_by("-created_at")
        .values_list("location_id", flat=True)
        .first()
    )
    by_id = {store.id: store for store in locations}
    return by_id.get(last) if last in by_id else next(iter(locations), None)


def store_today(location: Location) -> date:
    return timezone.now().astimezone(store_zone(location)).date()


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
    zone = store_zone(location)
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
    )


def waitlist_active(*, location_id: int, client: OmneoClient | None = None) -> list[WaitlistEntry]:
    """The store's active waitlist entries, oldest first."""
    entries = _client(client).waitlist_list(location_id=location_id, status="active")
    return sorted(entries, key=lambda entry: (entry.created_at is None, entry.created_at))


def appointment_get(*, appointment_id: int, client: OmneoClient | None = None) -> Appointment:
    return _client(client).appointment_get(appointment_id)


def _status_key(appointment_id: int) -> str:
    return f"omneo:appointment:{appointment_id}:status"


def appointment_status_forget(*, appointment_id: int) -> None:
    """Drop the cached status after a write through the portal, so the admin reads it afresh."""
    cache.delete(_status_key(appointment_id))


def appointment_status_cached(
    *, appointment_id: int, client: OmneoClient | None = None
) -> str | None:
    """The appointment's current status in Omneo, read at most once a minute; None if unread."""
    key = _status_key(appointment_id)
    status = cache.get(key)
    if status is None:
        try:
            status = _client(client).appointment_get(appointment_id).status
        except OmneoError:
            return None
        cache.set(key, status, STATUS_SECONDS)
    return status


def side_by_side(*reads: Callable[[], Any]) -> list[Any]:
    """Run independent reads at once; each result is its value or the OmneoError it raised."""

    def guarded(read: Callable[[], Any]) -> Any:
        try:
            return read()
        except OmneoError as error:
            return error

    if len(reads) == 1:
        return [guarded(reads[0])]
    with ThreadPoolExecutor(max_workers=len(reads)) as pool:
        return list(pool.map(guarded, reads))


def slot_choices(
    *, appointment: Appointment, on: date, client: OmneoClient | None = None
) -> list[tuple[str, str]]:
    """Free start times for the same service, store and staff on `on`, in the store's zone.

    Values are "YYYY-MM-DDTHH:MM" on the store's clock; labels like "2:00 PM".
    """
    zone = zone_or_default(appointment.timezone, default=settings.PORTAL_DEFAULT_TIMEZONE)
    day = _client(client).available_slots(
        appointment.appointment_definition_id,
        location_id=appointment.location_id,
        on=on,
        staff_id=appointment.assigned_staff_id,
        timezone=zone.key,
    )
    local = [slot.start_at.astimezone(zone) for slot in day.slots]
    return [(moment.strftime("%Y-%m-%dT%H:%M"), moment.strftime("%-I:%M %p")) for moment in local]
