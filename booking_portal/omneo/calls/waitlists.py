"""Waitlist calls: add a customer, browse entries, and mark one fulfilled or cancelled."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from booking_portal.omneo.resources import WaitlistEntry, WaitlistEntryInput

from .base import DEFAULT_MAX_PAGES, CallsBase, filter_params, segment

WAITLISTS = "/v3/appointment-waitlists"


class WaitlistCalls(CallsBase):
    def waitlist_create(self, entry: WaitlistEntryInput) -> WaitlistEntry:
        """POST /v3/appointment-waitlists. Never retried, like every write."""
        return WaitlistEntry.from_json(self._data_object("POST", WAITLISTS, json=entry.to_json()))

    def waitlist_get(self, entry_id: int) -> WaitlistEntry:
        return WaitlistEntry.from_json(self._data_object("GET", f"{WAITLISTS}/{segment(entry_id)}"))

    def waitlist_list(
        self,
        *,
        location_id: int | None = None,
        status: str | None = None,
        appointment_definition_id: int | None = None,
        profile_id: str | None = None,
        page_size: int = 50,
        max_pages: int = DEFAULT_MAX_PAGES,
    ) -> list[WaitlistEntry]:
        """Waitlist entries matching every filter given, all pages (bounded by max_pages)."""
        filters = {
            "location_id": location_id,
            "status": status,
            "appointment_definition_id": appointment_definition_id,
            "profile_id": profile_id,
        }
        params = {**filter_params(filters), "page[size]": page_size}
        return [
            WaitlistEntry.from_json(item)
            for item in self._pages(WAITLISTS, params=params, max_pages=max_pages)
        ]

    def waitlist_update(
        self,
        entry_id: int,
        *,
        status: str,
        appointment_id: int | None = None,
        notes: str | None = None,
        meta: Sequence[str] | None = None,
    ) -> WaitlistEntry:
        """PUT an entry's new status (fulfilled with the appointment_id booked, or cancelled)."""
        body: dict[str, Any] = {"status": status}
        if appointment_id is not None:
            body["appointment_id"] = appointment_id
        if notes is not None:
            body["notes"] = notes
        if meta is not None:
            body["meta"] = list(meta)
        path = f"{WAITLISTS}/{segment(entry_id)}"
        return WaitlistEntry.from_json(self._data_object("PUT", path, json=body))
