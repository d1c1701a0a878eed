"""Availability calls: staff who can take a service, and free slots for a day or a range."""

from __future__ import annotations

from datetime import date
from typing import Any

from booking_portal.omneo.resources import DaySlots, Person

from .base import CallsBase, segment

MAX_RANGE_DAYS = 31


class AvailabilityCalls(CallsBase):
    def available_staff(
        self, definition_id: int, *, location_id: int, on: date, available_only: bool = True
    ) -> list[Person]:
        """Staff who can take this service at this store on this day."""
        path = f"/v3/appointment-definitions/{segment(definition_id)}/available-staff"
        request = {
            "location_id": location_id,
            "date": on.isoformat(),
            "available_only": available_only,
        }
        return [Person.from_json(item) for item in self._data_list("POST", path, json=request)]

    def available_slots(
        self,
        definition_id: int,
        *,
        location_id: int,
        on: date,
        staff_id: str | None = None,
        timezone: str | None = None,
    ) -> DaySlots:
        """Free start times on one store-local day; naive times read in timezone if none given."""
        path = f"/v3/appointment-definitions/{segment(definition_id)}/available-slots"
        request = {"location_id": location_id, "date": on.isoformat(), "staff_id": staff_id}
        body = self._request("POST", path, json=request)
        data = body["data"]
        meta = body.get("meta") if isinstance(body.get("meta"), dict) else {}
        zone_name = (data.get("timezone") if isinstance(data, dict) else None) or timezone
        return DaySlots.from_json(data, meta=meta, zone=self._zone(zone_name))

    def available_slots_range(
        self,
        definition_id: int,
        *,
        location_id: int,
        start: date,
        end: date,
        staff_id: str | None = None,
        sort: str = "asc",
        timezone: str | None = None,
    ) -> DaySlots:
        """Free start times over a window of at most 31 days, for a month view."""
        if end < start or (end - start).days + 1 > MAX_RANGE_DAYS:
            raise ValueError(f"A slot range covers 1 to {MAX_RANGE_DAYS} days.")
        path = f"/v3/appointment-definitions/{segment(definition_id)}/available-slots-range"
        request: dict[str, Any] = {
            "location_id": location_id,
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "sort": sort,
        }
        if staff_id:
            request["staff_id"] = staff_id
        body = self._request("POST", path, json=request)
        meta = body.get("meta") if isinstance(body.get("meta"), dict) else {}
        zone = self._zone(meta.get("timezone") or timezone)
        return DaySlots.from_json(body["data"], meta=meta, zone=zone)
