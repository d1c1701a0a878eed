"""OmneoClient: every Omneo call the portal makes, over one pooled session, with typed failures."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import requests
from urllib3.exceptions import (
    ConnectTimeoutError,
    NameResolutionError,
    NewConnectionError,
    ReadTimeoutError,
)
from urllib3.exceptions import SSLError as Urllib3SSLError

from .errors import (
    OmneoBadResponse,
    OmneoConnectionReset,
    OmneoError,
    OmneoTimeout,
    OmneoUnreachable,
    error_from_response,
)
from .resources import (
    Appointment,
    DaySlots,
    Definition,
    Location,
    Person,
    Question,
    StoreAppointment,
)
from .transport import build_session, is_read, retry_wait

logger = logging.getLogger(__name__)

MAX_RANGE_DAYS = 31
DEFAULT_MAX_PAGES = 20
DOT_SEGMENTS = frozenset({"", ".", ".."})
NOT_SENT = (NewConnectionError, NameResolutionError, ConnectTimeoutError, Urllib3SSLError)


def _causes(exc: BaseException) -> Iterator[object]:
    """Walk an exception's args and causes, where requests buries urllib3's real reason."""
    seen: set[int] = set()
    pending: list[object] = [exc]
    while pending:
        item = pending.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        if isinstance(item, BaseException):
            pending.extend(item.args)
            pending.extend(x for x in (item.__cause__, item.__context__) if x is not None)
            reason = getattr(item, "reason", None)
            if reason is not None:
                pending.append(reason)


def _segment(value: object) -> str:
    """One path segment, percent-encoded whole: an id can never add a "/", "?" or "#".

    Empty and dot segments are refused: HTTP libraries resolve them, walking up the path.
    """
    text = str(value)
    if text in DOT_SEGMENTS:
        raise ValueError(f"Not an Omneo id: {text!r}")
    return quote(text, safe="")


def _transport_error(exc: requests.RequestException) -> type[OmneoError]:
    """Which transport failure this was: not sent (safe to retry), timed out, or broken mid-way."""
    if isinstance(exc, requests.ConnectTimeout | requests.exceptions.SSLError):
        return OmneoUnreachable
    if isinstance(exc, requests.ReadTimeout):
        return OmneoTimeout
    causes = list(_causes(exc))
    if any(isinstance(cause, ReadTimeoutError) for cause in causes):
        return OmneoTimeout
    if any(isinstance(cause, NOT_SENT) for cause in causes):
        return OmneoUnreachable
    return OmneoConnectionReset


class OmneoClient:
    """A client for Omneo's v3 API; get it from get_omneo_client(), never build one per request."""

    def __init__(
        self,
        *,
        base_url: str,
        token: str,
        connect_timeout: float = 3.05,
        read_timeout: float = 10.0,
        read_retries: int = 2,
        lookup_budget: float = 4.0,
        default_timezone: str = "Australia/Sydney",
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = (connect_timeout, read_timeout)
        self.read_retries = read_retries
        self.lookup_budget = lookup_budget
        self.default_timezone = default_timezone
        self._session = build_session(token=token)

    def __repr__(self) -> str:
        return f"OmneoClient(base_url={self.base_url!r})"

    def close(self) -> None:
        self._session.close()

    # -- transport ---------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Send a request and return the decoded JSON body; every failure is an OmneoError.

        A read is retried while its budget lasts, and gives up when the budget is spent; the
        create is sent once, with the full timeouts.
        """
        if not is_read(method, path):
            return self._send(method, path, params=params, json=json, timeout=self.timeout)
        deadline = time.monotonic() + self.lookup_budget
        tries = 0
        while True:
            tries += 1
            remaining = deadline - time.monotonic()
            timeout = (min(self.timeout[0], remaining), min(self.timeout[1], remaining))
            try:
                return self._send(method, path, params=params, json=json, timeout=timeout)
            except OmneoError as error:
                remaining = deadline - time.monotonic()
                wait = retry_wait(
                    error, tries_so_far=tries, retries=self.read_retries, remaining=remaining
                )
                if wait is None:
                    raise
                time.sleep(wait)

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None,
        json: Mapping[str, Any] | None,
        timeout: tuple[float, float],
    ) -> dict[str, Any]:
        """One HTTP exchange, translated: the decoded body, or the matching OmneoError."""
        url = f"{self.base_url}{path}"
        started = time.monotonic()
        try:
            response = self._session.request(method, url, params=params, json=json, timeout=timeout)
        except requests.RequestException as exc:
            error_class = _transport_error(exc)
            logger.warning(
                "Omneo %s %s failed: %s",
                method,
                path,
                error_class.__name__,
                extra={"omneo_path": path, "omneo_error": error_class.__name__},
            )
            raise error_class(method=method, path=path) from exc
        elapsed_ms = round((time.monotonic() - started) * 1000)
        logger.info(
            "Omneo %s %s -> %s in %s ms",
            method,
            path,
            response.status_code,
            elapsed_ms,
            extra={"omneo_status": response.status_code, "omneo_ms": elapsed_ms},
        )
        if response.status_code >= 400:
            raise error_from_response(response, method=method, path=path)
        try:
            body = response.json()
        except (ValueError, requests.exceptions.ChunkedEncodingError) as exc:
            raise OmneoBadResponse(
                status=response.status_code, method=method, path=path, body=response.text[:1024]
            ) from exc
        if not isinstance(body, dict) or "data" not in body:
            raise OmneoBadResponse(
                status=response.status_code, method=method, path=path, body=response.text[:1024]
            )
        return body

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

    def _zone(self, name: str | None) -> ZoneInfo:
        from .timeparse import zone_or_default

        return zone_or_default(name, default=self.default_timezone)

    # -- appointments ------------------------------------------------------------------------

    def appointment_create(self, appointment: StoreAppointment) -> Appointment:
        """POST /v3/appointments. Never retried: a create has no idempotency key."""
        data = self._data_object("POST", "/v3/appointments", json=appointment.to_json())
        return Appointment.from_json(data)

    def appointment_get(self, appointment_id: int) -> Appointment:
        return Appointment.from_json(
            self._data_object("GET", f"/v3/appointments/{_segment(appointment_id)}")
        )

    def appointment_list(
        self, *, filters: Mapping[str, Any], page_size: int = 50, max_pages: int = 5
    ) -> list[Appointment]:
        """Browse appointments with filter[field]=value pairs, newest first."""
        params = {f"filter[{key}]": value for key, value in filters.items()}
        params.update({"sort": "-scheduled_start_at", "page[size]": page_size})
        pages = self._pages("/v3/appointments", params=params, max_pages=max_pages)
        return [Appointment.from_json(item) for item in pages]

    # -- definitions -------------------------------------------------------------------------

    def definition_list(self, *, max_pages: int = DEFAULT_MAX_PAGES) -> list[Definition]:
        """Published, non-archived definitions (filtered by Omneo and checked again here)."""
        params = {"filter[is_published]": 1, "filter[is_archived]": 0, "page[size]": 100}
        items = self._pages("/v3/appointment-definitions", params=params, max_pages=max_pages)
        definitions = (Definition.from_json(item) for item in items)
        return [d for d in definitions if d.is_published and not d.is_archived]

    def definition_get(self, definition_id: int) -> Definition:
        path = f"/v3/appointment-definitions/{_segment(definition_id)}"
        return Definition.from_json(self._data_object("GET", path))

    def definition_questions(self, definition_id: int) -> list[Question]:
        """The active booking questions, in their sort order."""
        path = f"/v3/appointment-definitions/{_segment(definition_id)}/questions"
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
        path = f"/v3/appointment-definitions/{_segment(definition_id)}/locations"
        return [Location.from_json(item) for item in self._data_list("GET", path)]

    def available_staff(
        self, definition_id: int, *, location_id: int, on: date, available_only: bool = True
    ) -> list[Person]:
        """Staff who can take this service at this store on this day."""
        path = f"/v3/appointment-definitions/{_segment(definition_id)}/available-staff"
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
        path = f"/v3/appointment-definitions/{_segment(definition_id)}/available-slots"
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
        path = f"/v3/appointment-definitions/{_segment(definition_id)}/available-slots-range"
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

    # -- locations and profiles --------------------------------------------------------------

    def location_list(self, *, max_pages: int = DEFAULT_MAX_PAGES) -> list[Location]:
        items = self._pages("/v3/locations", params={"page[size]": 100}, max_pages=max_pages)
        return [Location.from_json(item) for item in items]

    def location_get(self, location_id: int) -> Location:
        return Location.from_json(
            self._data_object("GET", f"/v3/locations/{_segment(location_id)}")
        )

    def profile_search(self, term: str, *, limit: int = 20) -> list[Person]:
        """Customers matching a name, email or phone (both documented parameter spellings sent)."""
        params = {"search": term, "filter[search]": term, "page[size]": limit}
        items = self._data_list("GET", "/v3/profiles", params=params)
        return [Person.from_json(item) for item in items]

    def profile_get(self, profile_id: str) -> Person:
        return Person.from_json(self._data_object("GET", f"/v3/profiles/{_segment(profile_id)}"))
