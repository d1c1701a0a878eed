"""An appointment's day, times and length as a sentence staff can read out at the counter."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

DAY = "%A %-d %B %Y"
CLOCK = "%-I:%M %p"


def time_range_in_words(start: datetime, end: datetime | None, zone: ZoneInfo) -> str:
    """E.g. "Friday 27 November 2026, 10:00 AM to 10:45 AM (Australia/Sydney time)", en dash."""
    start = start.astimezone(zone)
    words = f"{start.strftime(DAY)}, {start.strftime(CLOCK)}"
    if end is not None and end > start:
        end = end.astimezone(zone)
        same_day = end.date() == start.date()
        until = end.strftime(CLOCK) if same_day else f"{end.strftime(DAY)}, {end.strftime(CLOCK)}"
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
