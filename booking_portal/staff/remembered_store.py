"""The store each staff member booked at last, kept per user and read once per session."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from .models import RememberedStore

SESSION_KEY = "bookings.remembered_location"
ZONE_SESSION_KEY = "bookings.remembered_zone"
NONE_YET = 0  # in the session: this user has no store remembered yet


def remembered_location(request: HttpRequest) -> int | None:
    """The store to preselect for this staff member, or None."""
    cached = request.session.get(SESSION_KEY)
    if cached is None:
        row = RememberedStore.objects.filter(user=request.user).only("location_id", "timezone")
        kept = row.first()
        cached = kept.location_id if kept else NONE_YET
        request.session[SESSION_KEY] = cached
        request.session[ZONE_SESSION_KEY] = kept.timezone if kept else ""
    return cached or None


def remembered_zone(request: HttpRequest) -> str | None:
    """The remembered store's zone as its last booking showed it, or None when not known."""
    if remembered_location(request) is None:
        return None
    return request.session.get(ZONE_SESSION_KEY) or None


def remember_location(request: HttpRequest, location_id: int, zone: str = "") -> None:
    """Keep the store of a booking just made (and its zone), for this staff member's next one.

    One UPDATE in the usual case (a row exists); the session is written only when it changes.
    """
    kept = RememberedStore.objects.filter(user=request.user)
    if not kept.update(location_id=location_id, timezone=zone, updated_at=timezone.now()):
        RememberedStore.objects.update_or_create(
            user=request.user, defaults={"location_id": location_id, "timezone": zone}
        )
    if request.session.get(SESSION_KEY) != location_id:
        request.session[SESSION_KEY] = location_id
    if request.session.get(ZONE_SESSION_KEY) != zone:
        request.session[ZONE_SESSION_KEY] = zone
