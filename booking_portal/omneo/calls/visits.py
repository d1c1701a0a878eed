"""A customer's visits and appointments, read and recorded under /v3/profiles/{id}."""

from __future__ import annotations

from booking_portal.omneo.resources import Appointment, Visit, VisitInput

from .base import DEFAULT_MAX_PAGES, CallsBase, filter_params, segment


def _profile_path(profile_id: str, rest: str) -> str:
    return f"/v3/profiles/{segment(profile_id)}/{rest}"


class VisitCalls(CallsBase):
    def visit_create(self, profile_id: str, visit: VisitInput) -> Visit:
        """POST a visit. Never retried: look it up by external_id before sending it again."""
        path = _profile_path(profile_id, "visits")
        return Visit.from_json(self._data_object("POST", path, json=visit.to_json()))

    def visit_list(
        self,
        profile_id: str,
        *,
        external_id: str | None = None,
        page_size: int = 50,
        max_pages: int = DEFAULT_MAX_PAGES,
    ) -> list[Visit]:
        """The customer's visits, or only those with this external_id (a look-up before adding)."""
        params = {**filter_params({"external_id": external_id}), "page[size]": page_size}
        pages = self._pages(_profile_path(profile_id, "visits"), params=params, max_pages=max_pages)
        return [Visit.from_json(item) for item in pages]

    def profile_appointments(
        self,
        profile_id: str,
        status: str | None = None,
        *,
        page_size: int = 50,
        max_pages: int = 5,
    ) -> list[Appointment]:
        """The customer's appointments, newest start first (optionally of one status)."""
        params = {**filter_params({"status": status}), "page[size]": page_size}
        path = _profile_path(profile_id, "appointments")
        pages = self._pages(path, params=params, max_pages=max_pages)
        return [Appointment.from_json(item) for item in pages]
