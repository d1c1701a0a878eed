"""Waitlist entries: a customer waiting for a service at a store, until fulfilled or cancelled."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from booking_portal.omneo.timeparse import parse_datetime

from .definitions import Location
from .parsing import JSON, as_dict, as_int, as_meta, as_str, opt_int, opt_str, zone_or_none
from .profiles import Person

WAITLIST_STATUSES = ("active", "fulfilled", "cancelled")


@dataclass(frozen=True)
class WaitlistEntryInput:
    """The body of POST /v3/appointment-waitlists; desired_start_at is the store's wall clock."""

    appointment_definition_id: int
    profile_id: str
    location_id: int
    desired_start_at: str | None = None
    notes: str | None = None
    meta: tuple[str, ...] | None = None
    status: str | None = None

    def to_json(self) -> JSON:
        body: JSON = {
            "appointment_definition_id": self.appointment_definition_id,
            "profile_id": self.profile_id,
            "location_id": self.location_id,
        }
        optional = {
            "desired_start_at": self.desired_start_at,
            "notes": self.notes,
            "meta": list(self.meta) if self.meta else None,
            "status": self.status,
        }
        body.update({key: value for key, value in optional.items() if value not in (None, "")})
        return body


@dataclass(frozen=True)
class WaitlistEntry:
    """A waitlist entry as Omneo returns it; ids fall back to the nested objects when missing."""

    id: int
    status: str
    appointment_definition_id: int
    profile_id: str
    location_id: int
    desired_start_at: datetime | None = None
    appointment_id: int | None = None
    notes: str | None = None
    meta: tuple[Any, ...] = ()
    definition_name: str = ""
    profile: Person | None = None
    location: Location | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> WaitlistEntry:
        definition = as_dict(data.get("appointment_definition"))
        profile = as_dict(data.get("profile"))
        location = as_dict(data.get("location"))
        appointment = as_dict(data.get("appointment"))
        # A time without an offset is the store's wall clock when the zone is known, else UTC.
        zone = zone_or_none(data.get("timezone") or location.get("timezone"))

        def moment(key: str) -> datetime | None:
            return parse_datetime(data.get(key), naive_zone=zone)

        return cls(
            id=as_int(data.get("id")),
            status=as_str(data.get("status")) or "active",
            appointment_definition_id=as_int(
                data.get("appointment_definition_id") or definition.get("id")
            ),
            profile_id=as_str(data.get("profile_id") or profile.get("id")),
            location_id=as_int(data.get("location_id") or location.get("id")),
            desired_start_at=moment("desired_start_at"),
            appointment_id=opt_int(data.get("appointment_id") or appointment.get("id")),
            notes=opt_str(data.get("notes")),
            meta=as_meta(data.get("meta")),
            definition_name=as_str(definition.get("name")),
            profile=Person.from_json(profile) if profile else None,
            location=Location.from_json(location) if location else None,
            created_at=moment("created_at"),
            updated_at=moment("updated_at"),
            raw=dict(data),
        )
