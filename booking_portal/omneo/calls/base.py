"""What every family of calls shares: path segments, the data envelope and Laravel's pages."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from booking_portal.omneo.errors import OmneoBadResponse
from booking_portal.omneo.timeparse import WIRE_FORMAT, zone_or_default

logger = logging.getLogger("booking_portal.omneo.client")

DEFAULT_MAX_PAGES = 20
DOT_SEGMENTS = frozenset({"", ".", ".."})


def segment(value: object) -> str:
    """One path segment, percent-encoded whole: an id can never add a "/", "?" or "#".

    Empty and dot segments are refused: HTTP libraries resolve them, walking up the path.
    """
    text = str(value)
    if text in DOT_SEGMENTS:
        raise ValueError(f"Not an Omneo id: {text!r}")
    return quote(text, safe="")


def utc_wire(moment: datetime) -> str:
    """An aware moment as a UTC filter value, in the format Omneo stores times."""
    if moment.tzinfo is None:
        raise ValueError("Filter times must be aware (a naive time has no zone).")
    return moment.astimezone(UTC).strftime(WIRE_FORMAT)


def _filter_value(value: object) -> object:
    if isinstance(value, datetime):
        return utc_wire(value)
    if isinstance(value, list | tuple | set | frozenset):
        return ",".join(str(item) for item in value)
    return value


def filter_params(filters: Mapping[str, Any]) -> dict[str, Any]:
    """Laravel filters: filter[field]=v, or filter[field][op]=v for a mapping of operators.

    Lists become comma-separated (for `in`), aware datetimes UTC; None values are left out.
    """
    params: dict[str, Any] = {}
    for key, value in filters.items():
        operators = value if isinstance(value, Mapping) else {None: value}
        for operator, operand in operators.items():
            if operand is None:
                continue
            name = f"filter[{key}]" if operator is None else f"filter[{key}][{operator}]"
            params[name] = _filter_value(operand)
    return params


class CallsBase:
    """The helpers the call mixins build on; OmneoClient supplies _request() and the settings."""

    default_timezone: str

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Mapping[str, Any] | None = None,
        token: str | None = None,
        envelope: str = "data",
    ) -> dict[str, Any]:
        raise NotImplementedError

    def _data_object(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        body = self._request(method, path, **kwargs)
        data = body["data"]
        if not isinstance(data, dict):
            raise OmneoBadResponse(method=method, path=path, body=str(body)[:1024])
        return data

    def _data_list(self, method: str, path: str, **kwargs: Any) -> list[dict[str, Any]]:
        body = self._request(method, path, **kwargs)
        data = body["data"]
        if not isinstance(data, list):
            raise OmneoBadResponse(method=method, path=path, body=str(body)[:1024])
        return [item for item in data if isinstance(item, dict)]

    def _pages(
        self, path: str, *, params: Mapping[str, Any], max_pages: int
    ) -> Iterator[dict[str, Any]]:
        """Follow a Laravel paginator page by page, never past max_pages."""
        for number in range(1, max_pages + 1):
            body = self._request("GET", path, params={**params, "page[number]": number})
            data = body["data"]
            if not isinstance(data, list):
                raise OmneoBadResponse(method="GET", path=path, body=str(body)[:1024])
            yield from (item for item in data if isinstance(item, dict))
            meta = body.get("meta") if isinstance(body.get("meta"), dict) else {}
            last_page = meta.get("last_page")
            links = body.get("links") if isinstance(body.get("links"), dict) else {}
            if isinstance(last_page, int):
                if number >= last_page:
                    return
            elif not links.get("next"):
                return
        logger.warning(
            "Omneo GET %s has more than %s pages; the rest were not read.",
            path,
            max_pages,
            extra={"omneo_path": path, "omneo_max_pages": max_pages},
        )

    def _zone(self, name: str | None) -> ZoneInfo:
        return zone_or_default(name, default=self.default_timezone)
