"""Visits: a customer's recorded attendance at a store (Omneo's loyalty reacts to each)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from booking_portal.omneo.timeparse import parse_datetime

from .parsing import JSON, as_int, as_list, as_str, opt_int, opt_str, zone_or_none


@dataclass(frozen=True)
class VisitInput:
    """The body of POST /v3/profiles/{id}/visits; visited_at is the wall clock in `timezone`."""

    visited_at: str
    timezone: str
    location_id: int | None = None
    staff_id: str | None = None
    external_id: str | None = None
    tags: Sequence[str] = ()

    def to_json(self) -> JSON:
        body: JSON = {"visited_at": self.visited_at, "timezone": self.timezone}
        optional = {
            "location_id": self.location_id,
            "staff_id": self.staff_id,
            "external_id": self.external_id,
            "tags": list(self.tags) if self.tags else None,
        }
        body.update({key: value for key, value in optional.items() if value not in (None, "")})
        return body


@dataclass(frozen=True)
class Visit:
    """A visit as Omneo returns it; the time is read from visited_at or occurred_at."""

    id: int
    profile_id: str
    visited_at: datetime | None = None
    timezone: str | None = None
    location_id: int | None = None
    staff_id: str | None = None
    external_id: str | None = None
    tags: tuple[str, ...] = ()
    created_at: datetime | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Visit:
        # Omneo's guide says visited_at, its concept page occurred_at: take whichever is there.
        when = data.get("visited_at") or data.get("occurred_at")
        zone = zone_or_none(data.get("timezone"))
        return cls(
            id=as_int(data.get("id")),
            profile_id=as_str(data.get("profile_id")),
            visited_at=parse_datetime(when, naive_zone=zone),
            timezone=opt_str(data.get("timezone")),
            location_id=opt_int(data.get("location_id")),
            staff_id=opt_str(data.get("staff_id")),
            external_id=opt_str(data.get("external_id")),
            tags=tuple(str(tag) for tag in as_list(data.get("tags"))),
            created_at=parse_datetime(data.get("created_at")),
            raw=dict(data),
        )
