"""Profile calls: find a customer, read one, add one."""

from __future__ import annotations

from typing import Any

from booking_portal.omneo.resources import Person

from .base import CallsBase, segment


class ProfileCalls(CallsBase):
    def profile_search(self, term: str, *, limit: int = 20) -> list[Person]:
        """Customers matching a name, email or phone (both documented parameter spellings sent)."""
        params = {"search": term, "filter[search]": term, "page[size]": limit}
        items = self._data_list("GET", "/v3/profiles", params=params)
        return [Person.from_json(item) for item in items]

    def profile_get(self, profile_id: str) -> Person:
        return Person.from_json(self._data_object("GET", f"/v3/profiles/{segment(profile_id)}"))

    def profile_create(
        self, first_name: str, last_name: str, email: str, mobile_phone: str | None = None
    ) -> Person:
        """POST /v3/profiles. Never retried: a create has no idempotency key.

        Omneo keeps emails and mobiles unique, so a taken one is a 422 on that field
        (OmneoValidationError); a 5xx, timeout or unreadable answer leaves the outcome unknown.
        """
        body: dict[str, Any] = {"first_name": first_name, "last_name": last_name, "email": email}
        if mobile_phone:
            body["mobile_phone"] = mobile_phone
        return Person.from_json(self._data_object("POST", "/v3/profiles", json=body))
