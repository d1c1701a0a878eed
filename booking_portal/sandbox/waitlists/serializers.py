"""The waitlist entry's JSON shape, as the contract describes it."""

from __future__ import annotations

from typing import Any

from booking_portal.sandbox import data
from booking_portal.sandbox.catalogue.serializers import location_json
from booking_portal.sandbox.http import iso
from booking_portal.sandbox.models import SandboxWaitlistEntry
from booking_portal.sandbox.profiles.store import profile_of


def waitlist_entry_json(entry: SandboxWaitlistEntry) -> dict[str, Any]:
    """A waitlist entry: UTC times, the nested profile, store and service summaries."""
    definition = data.DEFINITIONS[entry.definition_id]
    profile = profile_of(entry.profile_id)
    return {
        "id": entry.pk,
        "appointment_definition_id": entry.definition_id,
        "appointment_definition": {key: definition[key] for key in ("id", "name", "handle")},
        "profile_id": entry.profile_id,
        "profile": {key: profile[key] for key in ("id", "first_name", "last_name", "email")},
        "location_id": entry.location_id,
        "location": location_json(data.LOCATIONS[entry.location_id]),
        "status": entry.status,
        "desired_start_at": iso(entry.desired_start),
        "appointment_id": entry.appointment_id,
        "notes": entry.notes or None,
        "meta": entry.meta,
        "fulfilled_at": iso(entry.fulfilled_at),
        "cancelled_at": iso(entry.cancelled_at),
        "created_at": iso(entry.created_at),
        "updated_at": iso(entry.updated_at),
    }
