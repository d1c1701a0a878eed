"""Catalogue calls: published definitions, their questions and stores, and the stores themselves."""

from __future__ import annotations

from booking_portal.omneo.errors import OmneoBadResponse
from booking_portal.omneo.resources import Definition, Location, Question

from .base import DEFAULT_MAX_PAGES, CallsBase, segment


class DefinitionCalls(CallsBase):
    def definition_list(self, *, max_pages: int = DEFAULT_MAX_PAGES) -> list[Definition]:
        """Published, non-archived definitions (filtered by Omneo and checked again here)."""
        params = {"filter[is_published]": 1, "filter[is_archived]": 0, "page[size]": 100}
        items = self._pages("/v3/appointment-definitions", params=params, max_pages=max_pages)
        definitions = (Definition.from_json(item) for item in items)
        return [d for d in definitions if d.is_published and not d.is_archived]

    def definition_get(self, definition_id: int) -> Definition:
        path = f"/v3/appointment-definitions/{segment(definition_id)}"
        return Definition.from_json(self._data_object("GET", path))

    def definition_questions(self, definition_id: int) -> list[Question]:
        """The active booking questions, in their sort order."""
        path = f"/v3/appointment-definitions/{segment(definition_id)}/questions"
        body = self._request("GET", path)
        data = body["data"]
        raw = data.get("questions") if isinstance(data, dict) else data
        if not isinstance(raw, list):
            raise OmneoBadResponse(method="GET", path=path, body=str(body)[:1024])
        questions = [
            Question.from_json(item)
            for item in raw
            if isinstance(item, dict) and item.get("is_active", True) not in (False, 0, "0")
        ]
        return sorted(questions, key=lambda question: question.sort_order)

    def definition_locations(self, definition_id: int) -> list[Location]:
        path = f"/v3/appointment-definitions/{segment(definition_id)}/locations"
        return [Location.from_json(item) for item in self._data_list("GET", path)]

    def location_list(self, *, max_pages: int = DEFAULT_MAX_PAGES) -> list[Location]:
        items = self._pages("/v3/locations", params={"page[size]": 100}, max_pages=max_pages)
        return [Location.from_json(item) for item in items]

    def location_get(self, location_id: int) -> Location:
        return Location.from_json(self._data_object("GET", f"/v3/locations/{segment(location_id)}"))
