"""Appointment calls: create, read, browse a store's day, and the one mutation route (PUT)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from booking_portal.omneo.resources import Appointment, AppointmentChanges, StoreAppointment

from .base import DEFAULT_MAX_PAGES, CallsBase, filter_params, segment


class AppointmentCalls(CallsBase):
    def appointment_create(self, appointment: StoreAppointment) -> Appointment:
        """POST /v3/appointments. Never retried: a create has no idempotency key."""
        data = self._data_object("POST", "/v3/appointments", json=appointment.to_json())
        return Appointment.from_json(data)

    def appointment_get(self, appointment_id: int) -> Appointment:
        return Appointment.from_json(
            self._data_object("GET", f"/v3/appointments/{segment(appointment_id)}")
        )

    def appointment_update(self, appointment_id: int, changes: AppointmentChanges) -> Appointment:
        """PUT /v3/appointments/{id} with only the changed fields: a status change, a reschedule…

        Never retried, like the create: a 5xx, timeout, reset or unreadable answer leaves the
        outcome unknown (the error's outcome_unknown), so read the appointment before resending.
        """
        body = changes.to_json()
        if not body:
            raise ValueError("An appointment update needs at least one change.")
        path = f"/v3/appointments/{segment(appointment_id)}"
        return Appointment.from_json(self._data_object("PUT", path, json=body))

    def appointment_list(
        self,
        *,
        filters: Mapping[str, Any],
        page_size: int = 50,
        max_pages: int = 5,
        sort: str = "-scheduled_start_at",
    ) -> list[Appointment]:
        """Browse appointments, newest first unless sort says otherwise.

        `filters` maps a field to a value (filter[field]=v) or to operators
        ({"gte": …, "lt": …} → filter[field][gte]=…); lists are sent comma-separated.
        """
        params = {**filter_params(filters), "sort": sort, "page[size]": page_size}
        pages = self._pages("/v3/appointments", params=params, max_pages=max_pages)
        return [Appointment.from_json(item) for item in pages]

    def appointments_between(
        self,
        location_id: int,
        start: datetime,
        end: datetime,
        *,
        staff_id: str | None = None,
        statuses: Sequence[str] | None = None,
        page_size: int = 100,
        max_pages: int = DEFAULT_MAX_PAGES,
    ) -> list[Appointment]:
        """A store's appointments starting in [start, end) (aware times), earliest first.

        Every page is read, up to max_pages * page_size appointments.
        """
        if start.tzinfo is None or end.tzinfo is None:
            raise ValueError("start and end must be aware datetimes.")
        if end <= start:
            raise ValueError("end must be after start.")
        filters: dict[str, Any] = {
            "location_id": location_id,
            "scheduled_start_at": {"gte": start, "lt": end},
            "assigned_staff_id": staff_id,
        }
        if statuses is not None:
            wanted = [statuses] if isinstance(statuses, str) else list(statuses)
            filters["status"] = wanted[0] if len(wanted) == 1 else {"in": wanted}
        return self.appointment_list(
            filters=filters, page_size=page_size, max_pages=max_pages, sort="scheduled_start_at"
        )
