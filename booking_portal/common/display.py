"""How the portal shows times and statuses: every time carries its zone, one clock format."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from booking_portal.omneo.reads.zones import store_zone

LONG = "%a %-d %b %Y, %-I:%M %p"
SHEET = "%Y-%m-%d %H:%M"
DAY = "%A %-d %B %Y"

STATUS_WORDS = {
    "requested": "Requested (awaiting approval)",
    "confirmed": "Confirmed",
    "cancelled": "Cancelled",
    "arrived": "Arrived",
    "completed": "Completed",
    "no_show": "No show",
    "rejected": "Rejected",
}


def store_time(moment: datetime | None, zone_name: str | None, *, fmt: str = LONG) -> str:
    """The moment on the store's wall clock, followed by the zone's name; "" for no moment."""
    if moment is None:
        return ""
    zone = store_zone(zone_name)
    return f"{moment.astimezone(zone).strftime(fmt)} ({zone.key})"


def clock(moment: datetime) -> str:
    """A wall-clock time as staff read it: "10:00 AM" (as strftime's "%-I:%M %p", faster)."""
    hour = moment.hour
    return f"{hour % 12 or 12}:{moment.minute:02d} {'AM' if hour < 12 else 'PM'}"


def time_range_in_words(start: datetime, end: datetime | None, zone: ZoneInfo) -> str:
    """E.g. "Friday 27 November 2026, 10:00 AM to 10:45 AM (Australia/Sydney time)", en dash."""
    start = start.astimezone(zone)
    words = f"{start.strftime(DAY)}, {clock(start)}"
    if end is not None and end > start:
        end = end.astimezone(zone)
        same_day = end.date() == start.date()
        until = clock(end) if same_day else f"{end.strftime(DAY)}, {clock(end)}"
        words = f"{words} \N{EN DASH} {until}"
    return f"{words} ({zone.key} time)"


def duration_in_words(length: timedelta | None) -> str:
    """E.g. "45 minutes", "1 hour 30 minutes"; "" when the length is unknown or not positive."""
    if length is None or length <= timedelta(0):
        return ""
    minutes = max(1, round(length.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes or not hours:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


def status_in_words(status: str) -> str:
    """ "confirmed" → "Confirmed"; an unknown status is shown as Omneo sent it."""
    return STATUS_WORDS.get(status, status.replace("_", " ").capitalize())
