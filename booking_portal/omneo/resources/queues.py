"""Walk-in queue entries: someone waiting at a store, called, then served or cancelled."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from booking_portal.omneo.timeparse import parse_datetime

from .definitions import Location
from .parsing import JSON, as_dict, as_int, as_str, opt_int, opt_str
from .profiles import Person

QUEUE_STATUSES = ("waiting", "called", "served", "cancelled")


@dataclass(frozen=True)
class QueueEntryInput:
    """The body of POST /v3/appointment-queues; leave profile_id out for an anonymous walk-in."""

    appointment_definition_id: int
    location_id: int
    profile_id: str | None = None
    staff_id: str | None = None
    appointment_id: int | None = None
    status: str | None = None
    notes: str | None = None
    meta: Mapping[str, Any] | None = None

    def to_json(self) -> JSON:
        body: JSON = {
            "appointment_definition_id": self.appointment_definition_id,
            "location_id": self.location_id,
        }
        optional = {
            "profile_id": self.profile_id,
            "staff_id": self.staff_id,
            "appointment_id": self.appointment_id,
            "status": self.status,
            "notes": self.notes,
            "meta": dict(self.meta) if self.meta else None,
        }
        body.update({key: value for key, value in optional.items() if value not in (None, "")})
        return body


@dataclass(frozen=True)
class QueueEntry:
    """A queue entry as Omneo returns it; ids fall back to the nested objects when missing.

    Omneo keeps no position, call or serve time: order by created_at, keep times in meta.
    """

    id: int
    status: str
    appointment_definition_id: int
    location_id: int
    profile_id: str | None = None
    staff_id: str | None = None
    appointment_id: int | None = None
    notes: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)
    profile: Person | None = None
    location: Location | None = None
    staff: Person | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_anonymous(self) -> bool:
        return self.profile_id is None

    @property
    def is_open(self) -> bool:
        """Still waiting or called (served and cancelled are final)."""
        return self.status in ("waiting", "called")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> QueueEntry:
        profile = as_dict(data.get("profile"))
        location = as_dict(data.get("location"))
        staff = as_dict(data.get("staff"))
        appointment = as_dict(data.get("appointment"))
        return cls(
            id=as_int(data.get("id")),
            status=as_str(data.get("status")) or "waiting",
            appointment_definition_id=as_int(
                data.get("appointment_definition_id")
                or as_dict(data.get("appointment_definition")).get("id")
            ),
            location_id=as_int(data.get("location_id") or location.get("id")),
            profile_id=opt_str(data.get("profile_id") or profile.get("id")),
            staff_id=opt_str(data.get("staff_id") or staff.get("id")),
            appointment_id=opt_int(data.get("appointment_id") or appointment.get("id")),
            notes=opt_str(data.get("notes")),
            meta=as_dict(data.get("meta")),
            profile=Person.from_json(profile) if profile else None,
            location=Location.from_json(location) if location else None,
            staff=Person.from_json(staff) if staff else None,
            created_at=parse_datetime(data.get("created_at")),
            updated_at=parse_datetime(data.get("updated_at")),
            raw=dict(data),
        )
