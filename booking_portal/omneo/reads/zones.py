"""The one rule for the zone a store's times are shown, chosen and sent in."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings


def known_zone(name: str | None) -> ZoneInfo | None:
    """The IANA zone by that name; None for no name or one that is not a zone."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        return None


def store_zone(store: str | None = None, appointment: str | None = None) -> ZoneInfo:
    """The store's zone, else the appointment's, else PORTAL_DEFAULT_TIMEZONE.

    Every page, action and write asks this, so a zone-less appointment at a zone-less store
    is shown, offered times and moved in one zone: the portal's.
    """
    return (
        known_zone(store)
        or known_zone(appointment)
        or known_zone(settings.PORTAL_DEFAULT_TIMEZONE)
        or ZoneInfo("UTC")
    )
