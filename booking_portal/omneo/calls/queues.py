"""Walk-in queue calls: add a walk-in, browse a store's queue, call, serve or cancel an entry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from booking_portal.omneo.resources import QueueEntry, QueueEntryInput

from .base import DEFAULT_MAX_PAGES, CallsBase, filter_params, segment

QUEUES = "/v3/appointment-queues"


class QueueCalls(CallsBase):
    def queue_create(self, entry: QueueEntryInput) -> QueueEntry:
        """POST /v3/appointment-queues. Never retried, like every write."""
        return QueueEntry.from_json(self._data_object("POST", QUEUES, json=entry.to_json()))

    def queue_get(self, entry_id: int) -> QueueEntry:
        return QueueEntry.from_json(self._data_object("GET", f"{QUEUES}/{segment(entry_id)}"))

    def queue_list(
        self,
        *,
        location_id: int | None = None,
        status: str | Mapping[str, Any] | None = None,
        appointment_definition_id: int | None = None,
        profile_id: str | None = None,
        staff_id: str | None = None,
        sort: str = "created_at",
        page_size: int = 50,
        max_pages: int = DEFAULT_MAX_PAGES,
    ) -> list[QueueEntry]:
        """Queue entries matching every filter given, oldest first, all pages (to max_pages).

        `status` is one status, or operators such as {"in": ["waiting", "called"]}.
        """
        filters = {
            "location_id": location_id,
            "status": status,
            "appointment_definition_id": appointment_definition_id,
            "profile_id": profile_id,
            "staff_id": staff_id,
        }
        params = {**filter_params(filters), "sort": sort, "page[size]": page_size}
        return [
            QueueEntry.from_json(item)
            for item in self._pages(QUEUES, params=params, max_pages=max_pages)
        ]

    def queue_update(
        self,
        entry_id: int,
        *,
        status: str | None = None,
        appointment_id: int | None = None,
        staff_id: str | None = None,
        notes: str | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> QueueEntry:
        """PUT the changes given (status, the appointment made, who serves…). Never retried."""
        changes = {
            "status": status,
            "appointment_id": appointment_id,
            "staff_id": staff_id,
            "notes": notes,
            "meta": dict(meta) if meta is not None else None,
        }
        body: dict[str, Any] = {key: value for key, value in changes.items() if value is not None}
        if not body:
            raise ValueError("A queue update needs at least one change.")
        path = f"{QUEUES}/{segment(entry_id)}"
        return QueueEntry.from_json(self._data_object("PUT", path, json=body))
