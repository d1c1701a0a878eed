"""Profile calls: find a customer, read one."""

from __future__ import annotations

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
