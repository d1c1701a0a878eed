"""The queue entry's JSON shape: its fields plus the profile, store and staff objects (or null)."""

from __future__ import annotations

from typing import Any

from booking_portal.sandbox import data
from booking_portal.sandbox.catalogue.serializers import location_json, staff_summary
from booking_portal.sandbox.http import iso
from booking_portal.sandbox.models import SandboxQueueEntry
from booking_portal.sandbox.profiles.store import profile_find


def queue_entry_json(entry: SandboxQueueEntry) -> dict[str, Any]:
    """A queue entry: UTC times; profile is null for an anonymous walk-in, staff when unassigned."""
    profile = profile_find(entry.profile_id) if entry.profile_id else None
    return {
        "id": entry.pk,
        "appointment_definition_id": entry.definition_id,
        "profile_id": entry.profile_id or None,
        "profile": (
            {key: profile[key] for key in ("id", "first_name", "last_name", "email")}
            if profile
            else None
        ),
        "location_id": entry.location_id,
        "location": location_json(data.LOCATIONS[entry.location_id]),
        "staff_id": entry.staff_id or None,
        "staff": staff_summary(entry.staff_id) if entry.staff_id in data.STAFF else None,
        "appointment_id": entry.appointment_id,
        "status": entry.status,
        "notes": entry.notes or None,
        "meta": entry.meta,
        "created_at": iso(entry.created_at),
        "updated_at": iso(entry.updated_at),
    }
