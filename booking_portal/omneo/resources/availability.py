"""Availability: bookable slots, as strings or objects, for a day or a range."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from booking_portal.omneo.timeparse import parse_date, parse_datetime

from .parsing import as_dict, as_list, as_str, opt_int, opt_str


@dataclass(frozen=True)
class Slot:
    """A bookable start time; accepts Omneo's string slots and its object slots."""

    start_at: datetime
    end_at: datetime | None = None
    label: str = ""
    capacity_remaining: int | None = None

    @classmethod
    def from_json(cls, data: object, *, zone: ZoneInfo) -> Slot | None:
        """Parse one slot; naive times are the store's wall clock. None when unreadable."""
        if isinstance(data, str):
            start = parse_datetime(data, naive_zone=zone)
            return None if start is None else cls(start_at=start)
        if not isinstance(data, dict):
            return None
        start = parse_datetime(data.get("start_at") or data.get("start"), naive_zone=zone)
        if start is None:
            return None
        return cls(
            start_at=start,
            end_at=parse_datetime(data.get("end_at") or data.get("end"), naive_zone=zone),
            label=as_str(data.get("label")),
            capacity_remaining=opt_int(data.get("capacity_remaining")),
        )


@dataclass(frozen=True)
class DaySlots:
    """The slots Omneo offers for one store-local day (or a range)."""

    timezone: str | None
    slots: tuple[Slot, ...]
    date: date | None = None

    @classmethod
    def from_json(cls, data: object, *, meta: Mapping[str, Any], zone: ZoneInfo) -> DaySlots:
        """Accept {data: {slots: [...]}} (one day) and {data: [...]} (a range)."""
        body = as_dict(data)
        raw_slots = data if isinstance(data, list) else as_list(body.get("slots"))
        slots = (Slot.from_json(item, zone=zone) for item in raw_slots)
        return cls(
            timezone=opt_str(body.get("timezone") or meta.get("timezone")),
            slots=tuple(sorted((slot for slot in slots if slot), key=lambda s: s.start_at)),
            date=parse_date(body.get("date")),
        )
