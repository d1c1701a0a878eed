"""Omneo's time formats: store-local wall clock going in, UTC or offset ISO 8601 coming back."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WIRE_FORMAT = "%Y-%m-%d %H:%M:%S"


def zone_or_default(name: str | None, *, default: str) -> ZoneInfo:
    """The IANA zone by name, or the default zone when the name is empty or unknown."""
    try:
        return ZoneInfo(name or default)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        return ZoneInfo(default)


def parse_datetime(value: object, *, naive_zone: ZoneInfo | None = None) -> datetime | None:
    """Parse ISO 8601 or "YYYY-MM-DD HH:MM:SS"; naive values are read in naive_zone (else UTC)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=naive_zone or UTC)
    return moment


def parse_date(value: object) -> date | None:
    """Parse "YYYY-MM-DD" (or the date part of a timestamp)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def to_wire(moment: datetime, zone: ZoneInfo) -> str:
    """Format an aware moment as Omneo's request wall clock in the given zone."""
    return moment.astimezone(zone).strftime(WIRE_FORMAT)
