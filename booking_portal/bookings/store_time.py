"""Every time staff read carries its zone: one helper, shared by pages, the admin and CSV."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings

from booking_portal.omneo.timeparse import zone_or_default

LONG = "%a %-d %b %Y, %-I:%M %p"
SHEET = "%Y-%m-%d %H:%M"


def store_time(moment: datetime | None, zone_name: str | None, *, fmt: str = LONG) -> str:
    """The moment on the store's wall clock, followed by the zone's name; "" for no moment."""
    if moment is None:
        return ""
    zone = zone_or_default(zone_name, default=settings.PORTAL_DEFAULT_TIMEZONE)
    return f"{moment.astimezone(zone).strftime(fmt)} ({zone.key})"
